"""Reads for monthly statements: who gets one for a month, and what each says.

A statement is about one person (``people.Person``; a meal client is one) and
their orders paid by monthly invoice (``PaymentMethod.INVOICE``). Cancelled
orders are left out. What is due is what those orders total less what was
received on them (``Paid`` payment events); a refund is money given back for
something not delivered, so it changes nothing of what is due and is shown for
information. Figures are read with a few grouped queries, whatever the number
of orders.

``sellers``: ``None`` reads the whole cooperative (coordinators, the client,
the paper mailing); a queryset of sellers restricts to orders all of whose
lines are those sellers' (a seller's staff), and leaves out the prepaid balance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from oscar.core.loading import get_model

from shop import clock
from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
Person = get_model("people", "Person")

ZERO = Decimal("0.00")
PAID, REFUNDED = "Paid", "Refunded"  # shop.payments.services.EventName


# --- Months -------------------------------------------------------------------------------


def month_start(month: date) -> date:
    """The first day of ``month`` (any day of it)."""
    return month.replace(day=1)


def month_end(month: date) -> date:
    """The last day of ``month``."""
    return (month_start(month) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def previous_month(today: date | None = None) -> date:
    """The first day of the month before ``today`` (the shop's today by default)."""
    return month_start(month_start(today or clock.today()) - timedelta(days=1))


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=clock.shop_zone())


def _bounds(month: date) -> tuple[datetime, datetime]:
    return _moment(month_start(month)), _moment(month_end(month) + timedelta(days=1))


# --- The statement --------------------------------------------------------------------------


@dataclass(frozen=True)
class InvoiceRow:
    placed: date
    number: str
    total: Decimal


@dataclass(frozen=True)
class PaymentRow:
    day: date
    method: str  # "cash", "cheque", "debit", "card" or "other" (see ``method_label``)
    amount: Decimal


@dataclass
class Statement:
    person: object
    month: date  # its first day
    name: str
    address: list[str]
    language: str
    has_email: bool
    opening_due: Decimal = ZERO
    orders: list[InvoiceRow] = field(default_factory=list)
    payments: list[PaymentRow] = field(default_factory=list)
    refunds: list[PaymentRow] = field(default_factory=list)
    prepaid_balance: Decimal | None = None  # None: not shown
    prepaid_movements: list = field(default_factory=list)

    @property
    def last_day(self) -> date:
        return month_end(self.month)

    @property
    def charges(self) -> Decimal:
        return sum((row.total for row in self.orders), ZERO)

    @property
    def received(self) -> Decimal:
        return sum((row.amount for row in self.payments), ZERO)

    @property
    def refunded(self) -> Decimal:
        return sum((row.amount for row in self.refunds), ZERO)

    @property
    def closing_due(self) -> Decimal:
        return self.opening_due + self.charges - self.received


def statement_for(*, person_or_client, month: date, sellers=None) -> Statement:
    """The statement of a person (or meal client) for ``month`` (any day of it)."""
    person = _person(person_or_client)
    start, end = _bounds(month)
    orders = invoice_orders(sellers=sellers).filter(user_id=person.user_id)
    statement = Statement(person=person, month=month_start(month), name=_name(person),
                          address=postal_address(person), language=_language(person),
                          has_email=has_email(person))
    before = orders.filter(date_placed__lt=start).aggregate(total=Sum("total_incl_tax"))
    paid_before = _events(orders, PAID).filter(date_created__lt=start).aggregate(
        total=Sum("amount"))
    statement.opening_due = (before["total"] or ZERO) - (paid_before["total"] or ZERO)
    statement.orders = [
        InvoiceRow(clock.today(placed), number, total) for placed, number, total in
        orders.filter(date_placed__gte=start, date_placed__lt=end)
        .order_by("date_placed", "pk").values_list("date_placed", "number", "total_incl_tax")]
    statement.payments = _rows(_events(orders, PAID), start, end)
    statement.refunds = _rows(_events(orders, REFUNDED), start, end)
    if sellers is None:
        _add_prepaid(statement)
    return statement


def invoice_orders(*, sellers=None):
    """Orders paid by monthly invoice, not cancelled (of ``sellers`` only, when given)."""
    orders = Order._default_manager.filter(payment_method=PaymentMethod.INVOICE,
                                           user__isnull=False).exclude(
        status=OrderStatus.CANCELLED)
    if sellers is not None:
        lines = Line._default_manager.values("order_id")
        orders = orders.filter(pk__in=lines.filter(partner__in=sellers)).exclude(
            pk__in=lines.exclude(partner__in=sellers))
    return orders


def _events(orders, name):
    return PaymentEvent._default_manager.filter(
        order__in=orders.values("pk"), event_type__name=name)


def _rows(events, start, end) -> list[PaymentRow]:
    found = (events.filter(date_created__gte=start, date_created__lt=end)
             .order_by("date_created", "pk").values_list("date_created", "reference", "amount"))
    return [PaymentRow(clock.today(moment), payment_method_of(reference), amount)
            for moment, reference, amount in found]


def payment_method_of(reference: str) -> str:
    """How a payment was made, read from its reference (``shop.payments.services``)."""
    prefix = (reference or "").split("-")[0]
    if prefix in ("cash", "cheque", "debit"):
        return prefix
    if reference.startswith(("pi_", "cs_", "ch_", "re_")):
        return "card"
    return "other"


def _add_prepaid(statement: Statement) -> None:
    try:
        from shop.balance.selectors import balance_movements, balance_on
    except ImportError:  # the prepaid balance is not installed
        return
    statement.prepaid_balance = balance_on(person=statement.person, day=statement.last_day)
    statement.prepaid_movements = balance_movements(
        person=statement.person, start=statement.month, end=statement.last_day)


# --- Who the statement is for --------------------------------------------------------------


def _person(person_or_client):
    if isinstance(person_or_client, Person):
        return person_or_client
    person = getattr(person_or_client, "person", None)
    if person is None:
        raise ValueError("A meal client without a person has no statement.")
    return person


def _client(person):
    try:
        return person.meal_client
    except Person.meal_client.RelatedObjectDoesNotExist:
        return None


def _name(person) -> str:
    client = _client(person)
    return person.full_name or (client.full_name if client else "") or str(person)


def _language(person) -> str:
    client = _client(person)
    return (client.language if client else person.language) or "fr"


def has_email(person) -> bool:
    """Whether the statement can go by email: the person, their account or meal record has one."""
    client = _client(person)
    user = person.user if person.user_id else None
    return bool(person.email or (user and user.email) or (client and client.email))


def postal_address(person) -> list[str]:
    """The lines a window envelope shows: name, street, apartment, city, province and postal code."""
    client = _client(person)
    if client is not None and client.address_line1:
        street, unit, city, postal = (client.address_line1, client.address_line2, client.city,
                                      client.postal_code)
    else:
        address = next(iter(person.addresses.all()), None)
        if address is None:
            return [_name(person)]
        street, unit, city, postal = address.line1, address.line2, address.city, address.postal_code
    lines = [_name(person), street, unit, f"{city} QC  {postal.upper()}".strip()]
    return [line for line in lines if line]


# --- The month's list -----------------------------------------------------------------------


@dataclass(frozen=True)
class ClientDue:
    """One line of the month's list: who, what they owed, were billed, paid and owe."""

    person: object
    name: str
    has_email: bool
    opening_due: Decimal
    charges: Decimal
    received: Decimal

    @property
    def closing_due(self) -> Decimal:
        return self.opening_due + self.charges - self.received


def invoice_clients(*, month: date, sellers=None, person=None) -> list[ClientDue]:
    """Who gets a statement for ``month``: invoice orders in the month, or owing at its start.

    Three queries whatever the number of clients and orders (``person``: only them).
    """
    start, end = _bounds(month)
    orders = invoice_orders(sellers=sellers).filter(date_placed__lt=end)
    if person is not None:
        orders = orders.filter(user_id=person.user_id)
    billed = {row["user_id"]: row for row in orders.order_by().values("user_id").annotate(
        before=Sum("total_incl_tax", filter=Q(date_placed__lt=start)),
        during=Sum("total_incl_tax", filter=Q(date_placed__gte=start)))}
    paid = {row["order__user_id"]: row for row in
            _events(orders, PAID).filter(date_created__lt=end).order_by()
            .values("order__user_id").annotate(
                before=Sum("amount", filter=Q(date_created__lt=start)),
                during=Sum("amount", filter=Q(date_created__gte=start)))}
    people = (Person._default_manager.filter(user_id__in=list(billed))
              .select_related("user", "meal_client").order_by("last_name", "first_name", "pk"))
    found = []
    for person in people:
        bill, pay = billed[person.user_id], paid.get(person.user_id, {})
        opening = (bill["before"] or ZERO) - (pay.get("before") or ZERO)
        if not bill["during"] and opening <= 0:
            continue
        found.append(ClientDue(person=person, name=_name(person), has_email=has_email(person),
                               opening_due=opening, charges=bill["during"] or ZERO,
                               received=pay.get("during") or ZERO))
    return found


def paper_clients(*, month: date, sellers=None) -> list[ClientDue]:
    """Those of ``invoice_clients`` with no email: their statement goes by mail."""
    return [row for row in invoice_clients(month=month, sellers=sellers) if not row.has_email]


def statement_months(*, person, limit: int = 24) -> list[date]:
    """The months (first days, newest first) ``person`` has a statement for, up to ``limit``.

    Months up to the last one ended: with invoice orders, or owing at their start.
    Two queries.
    """
    if not person or not person.user_id:
        return []
    orders = invoice_orders().filter(user_id=person.user_id)
    billed = [(clock.today(at), total) for at, total in
              orders.values_list("date_placed", "total_incl_tax")]
    paid = [(clock.today(at), amount) for at, amount in
            _events(orders, PAID).values_list("date_created", "amount")]
    if not billed:
        return []
    month, last, months = month_start(min(day for day, _total in billed)), previous_month(), []
    while month <= last:
        opening = (sum((t for day, t in billed if day < month), ZERO)
                   - sum((a for day, a in paid if day < month), ZERO))
        if opening > 0 or any(month_start(day) == month for day, _total in billed):
            months.append(month)
        month = month_start(month_end(month) + timedelta(days=1))
    return months[::-1][:limit]
