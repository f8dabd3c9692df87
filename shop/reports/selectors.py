"""Every figure of the dashboard home and of the impact report, defined once.

The dashboard home, the report page and its CSV files all call these
functions, so a number means the same wherever it is shown. Each one
aggregates in the database (a few queries, whatever the number of orders).

Terms used in the docstrings below:

- ``sellers``: ``None`` for the whole cooperative, else the sellers (Oscar
  partners, a queryset or a list) whose part is counted: the order lines they
  sell, their meal-delivery programs, their tool units.
- A ``Period`` is a range of calendar days in the shop's time zone
  (America/Toronto), both ends included: a moment is in it from midnight at
  the start of its first day to midnight at the end of its last day.
- An order "counts" unless it is cancelled (Oscar status "Cancelled"). An
  order belongs to a seller when at least one of its lines is that seller's;
  an order shared by two sellers counts once for each, and once for the
  cooperative.
- A person ("distinct client") is the cooperative's one person record
  (``people.Person``): an account's orders and loans, whatever the channel
  (a phone-only client has an account with a phone number and no email, so
  their phone, SMS and voice orders are one person), and the meals of the meal
  client who is that same person count once. A record not yet tied to a
  person counts by its account, or its meal client record; an order placed
  without an account counts by its email, lower-cased; an order with neither
  account nor email is nobody we can tell apart and is not counted as a person.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    F,
    Max,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Lower
from django.utils import timezone
from oscar.core.loading import get_model

from phone_orders.models import InboxItem
from services.models import (
    Delivery,
    DeliveryStatus,
    Fare,
    FollowUp,
    FollowUpStatus,
    OfferStatus,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
    WaitlistOffer,
)
from shop.notifications.models import MessageChannel, MessageStatus, OutboundMessage
from shop.order.models import Channel
from shop.order.statuses import OrderStatus
from shop.rentals import selectors as rental_selectors
from shop.rentals.models import Reservation, ReservationStatus

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")


@dataclass(frozen=True)
class Period:
    """Calendar days ``first_day`` to ``last_day``, both included, in the shop's time zone."""

    first_day: date
    last_day: date

    @classmethod
    def this_month(cls, today: date) -> "Period":
        return cls(today.replace(day=1), today)

    @property
    def start(self) -> datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> datetime:
        """Midnight at the end of the last day (excluded)."""
        return _midnight(self.last_day + timedelta(days=1))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _of(queryset, path: str, sellers):
    return queryset if sellers is None else queryset.filter(**{f"{path}__in": sellers})


def _orders(sellers):
    """Orders having a line of ``sellers`` (every order for the cooperative)."""
    orders = Order._default_manager.order_by()
    if sellers is None:
        return orders
    return orders.filter(pk__in=Line._default_manager.filter(partner__in=sellers)
                         .values("order_id"))


def _counted_orders(sellers, start, end):
    return (_orders(sellers).filter(date_placed__gte=start, date_placed__lt=end)
            .exclude(status=OrderStatus.CANCELLED))


# --- Operations: the dashboard home ------------------------------------------


def orders_by_channel_and_status(*, sellers, start: datetime, end: datetime) -> list[dict]:
    """Orders placed from ``start`` (included) to ``end`` (excluded), per channel and status.

    Every status is counted, cancelled included: this is what staff act on.
    Rows ``{"channel", "status", "orders"}``; combinations with no order are left out.
    """
    rows = (_orders(sellers).filter(date_placed__gte=start, date_placed__lt=end)
            .values("channel", "status").annotate(orders=Count("pk"))
            .order_by("channel", "status"))
    return list(rows)


def meals_today(*, sellers, day: date) -> dict:
    """The kitchen's and the drivers' day.

    ``meals_to_cook``: meals of the deliveries of ``day`` not skipped (scheduled,
    or already delivered, nobody home or refused). ``deliveries_to_make`` and
    ``meals_to_deliver``: deliveries of ``day`` still scheduled (no outcome yet)
    and their meals.
    """
    scheduled = Q(status=DeliveryStatus.SCHEDULED)
    totals = _of(Delivery._default_manager, "program__seller", sellers).filter(
        date=day, status__in=DeliveryStatus.to_cook()
    ).aggregate(
        meals_to_cook=Coalesce(Sum("meals"), 0),
        deliveries_to_make=Count("pk", filter=scheduled),
        meals_to_deliver=Coalesce(Sum("meals", filter=scheduled), 0),
    )
    return totals


def open_follow_ups(*, sellers) -> int:
    """Follow-ups still open (status "open"), whatever their date: mostly "nobody home"."""
    follow_ups = _of(FollowUp._default_manager, "program__seller", sellers)
    return follow_ups.filter(status=FollowUpStatus.OPEN).count()


def call_backs_waiting() -> int:
    """Call-back inbox items not marked done (voicemails, missed calls, SMS not understood).

    The inbox belongs to no seller: a cooperative-wide figure, for coordinators.
    """
    return InboxItem._default_manager.filter(done_at__isnull=True).count()


def loans_due(*, sellers, day: date) -> dict:
    """Tools out (status "checked out") due back on ``day``, and those overdue (due before)."""
    out = _of(Reservation._default_manager, "unit__seller", sellers).filter(
        status=ReservationStatus.CHECKED_OUT)
    return out.aggregate(due_today=Count("pk", filter=Q(end_date=day)),
                         overdue=Count("pk", filter=Q(end_date__lt=day)))


def low_stock(*, sellers) -> int:
    """Stock records at or below their low-stock threshold (the inventory's alert list).

    Only records that count stock; available is in stock less allocated; the
    threshold is the record's own, else the ``RENTALS_LOW_STOCK_DEFAULT`` setting.
    """
    if sellers is None:
        sellers = Partner._default_manager.all()
    threshold = getattr(settings, "RENTALS_LOW_STOCK_DEFAULT", 0)
    return rental_selectors.low_stock(sellers=sellers, default_threshold=threshold).count()


def failed_sms() -> int:
    """SMS of the outbox whose sending failed (status "failed"), whenever.

    Messages belong to no seller: a cooperative-wide figure, for coordinators.
    """
    return OutboundMessage._default_manager.filter(
        channel=MessageChannel.SMS, status=MessageStatus.FAILED).count()


# --- People -------------------------------------------------------------------


def _key(prefix: str, field: str):
    return Concat(Value(prefix), Cast(field, output_field=CharField()),
                  output_field=CharField())


def _served_keys(sellers, start, end) -> list:
    """One query per way of being served, each giving the ``key`` of a person.

    Orders counted in the range; meals delivered (status "delivered") on a
    day in the range; tools lent (checked out in the range).
    """
    order_key = Case(
        When(user__person__isnull=False, then=_key("p", "user__person__id")),
        When(user__isnull=False, then=_key("u", "user_id")),
        When(~Q(guest_email="") & Q(guest_email__isnull=False),
             then=Concat(Value("e"), Lower("guest_email"), output_field=CharField())),
        default=None, output_field=CharField(),
    )
    client_key = Case(When(client__user__person__isnull=False,
                           then=_key("p", "client__user__person__id")),
                      When(client__person__isnull=False, then=_key("p", "client__person_id")),
                      When(client__user__isnull=False, then=_key("u", "client__user_id")),
                      default=_key("c", "client_id"), output_field=CharField())
    orders = _counted_orders(sellers, start, end).annotate(key=order_key)
    meals = _of(Delivery._default_manager, "program__seller", sellers).filter(
        status=DeliveryStatus.DELIVERED, date__gte=start.date(), date__lt=end.date(),
    ).order_by().annotate(key=client_key)
    loan_key = Case(When(member__person__isnull=False, then=_key("p", "member__person__id")),
                    default=_key("u", "member_id"), output_field=CharField())
    loans = _lent(sellers, start, end).annotate(key=loan_key)
    return [queryset.filter(key__isnull=False).values("key") for queryset in (orders, meals, loans)]


def people_served(*, sellers, period: Period) -> int:
    """Distinct people served in ``period`` (see "person" in the module docstring).

    Served: placed an order that counts, received a meal delivered, or
    borrowed a tool (checked out) in the period. A person served by two
    sellers counts once for the cooperative and once for each seller.
    """
    first, *others = _served_keys(sellers, period.start, period.end)
    return first.union(*others).count()


def new_people(*, sellers, period: Period) -> int:
    """People served in ``period`` who had never been served before it (same sellers).

    "Before" is anything earlier than the period's first day, as far back as
    the data goes; served has the meaning of ``people_served``.
    """
    earliest = datetime(2000, 1, 1, tzinfo=timezone.get_current_timezone())
    first, *others = _served_keys(sellers, period.start, period.end)
    earlier, *more_earlier = _served_keys(sellers, earliest, period.start)
    # One EXCEPT of two unions: hashed or sorted in one pass, however long the history.
    return first.union(*others).difference(earlier.union(*more_earlier)).count()


def people_served_by_seller(*, sellers, period: Period) -> list[dict]:
    """``people_served`` of each seller in turn (one query per seller, not per order).

    Rows ``{"seller", "people"}`` for every seller of ``sellers`` (all for ``None``),
    by name. Their sum may exceed the cooperative's figure: a person served by
    two sellers is in both rows.
    """
    if sellers is None:
        sellers = Partner._default_manager.all()
    return [{"seller": seller, "people": people_served(sellers=[seller], period=period)}
            for seller in sorted(sellers, key=lambda seller: seller.name)]


# --- Channels -----------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    part: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.total, 1) if self.total else None


def orders_by_channel(*, sellers, period: Period) -> list[dict]:
    """Orders that count placed in ``period``, per channel: rows for every channel, 0 included.

    Rows ``{"channel", "label", "orders"}`` in the order web, phone, SMS, voice,
    service ("service": orders created for meal-delivery billing).
    """
    counts = dict(_counted_orders(sellers, period.start, period.end)
                  .values_list("channel").annotate(n=Count("pk")).order_by())
    return [{"channel": value, "label": label, "orders": counts.get(value, 0)}
            for value, label in Channel.choices]


def registrations_by_channel(*, sellers, period: Period) -> list[dict]:
    """Meal-delivery registrations created in ``period``, per channel, whatever their status.

    A registration later refused or cancelled still came in through its
    channel. Rows ``{"channel", "label", "registrations"}`` for every channel
    (online, phone, SMS, walk-in), 0 included.
    """
    registrations = _of(Registration._default_manager, "program__seller", sellers)
    counts = dict(registrations.filter(created__gte=period.start, created__lt=period.end)
                  .values_list("channel").annotate(n=Count("pk")).order_by())
    return [{"channel": value, "label": label, "registrations": counts.get(value, 0)}
            for value, label in RegistrationChannel.choices]


def non_web_shares(*, sellers, period: Period) -> dict:
    """Shares of ``orders_by_channel`` and ``registrations_by_channel`` not made online.

    Orders: every channel but "web" (phone, SMS, voice, service) over all
    orders; registrations: every channel but "online" over all registrations;
    ``both``: orders and registrations added together. Each is a ``Share``
    (part, total, percent rounded to 0.1, ``None`` when there is none at all).
    """
    orders = orders_by_channel(sellers=sellers, period=period)
    registrations = registrations_by_channel(sellers=sellers, period=period)
    order_share = _share(orders, "orders", Channel.WEB)
    registration_share = _share(registrations, "registrations", RegistrationChannel.WEB)
    both = Share(order_share.part + registration_share.part,
                 order_share.total + registration_share.total)
    return {"orders": order_share, "registrations": registration_share, "both": both}


def _share(rows, field, web) -> Share:
    total = sum(row[field] for row in rows)
    online = sum(row[field] for row in rows if row["channel"] == web)
    return Share(total - online, total)


# --- Meals --------------------------------------------------------------------


def _delivered(sellers, period):
    return _of(Delivery._default_manager, "program__seller", sellers).filter(
        status=DeliveryStatus.DELIVERED, date__gte=period.first_day, date__lte=period.last_day)


def meals_delivered(*, sellers, period: Period) -> dict:
    """Deliveries marked "delivered" whose day is in ``period``, and their meals.

    "Nobody home", refused and skipped deliveries are not counted.
    ``{"deliveries", "meals"}``.
    """
    return _delivered(sellers, period).aggregate(
        deliveries=Count("pk"), meals=Coalesce(Sum("meals"), 0))


def solidarity_meals_delivered(*, sellers, period: Period) -> int:
    """Meals of ``meals_delivered`` to clients whose price is the solidarity (reduced) one.

    The price is the client's as it is now (a delivery does not keep it).
    """
    return _delivered(sellers, period).filter(client__fare=Fare.SOLIDARITY).aggregate(
        meals=Coalesce(Sum("meals"), 0))["meals"]


def waitlist_today(*, sellers, now: datetime) -> dict:
    """The waiting list at ``now`` (whatever the period): registrations "waiting list".

    ``waiting``: how many; ``average_days`` and ``longest_days``: days since
    they registered, on average (rounded to 0.1) and for the one waiting longest
    (``None`` when nobody waits).
    """
    waiting = _of(Registration._default_manager, "program__seller", sellers).filter(
        status=RegistrationStatus.WAITLISTED)
    since = Value(now, output_field=DateTimeField()) - F("created")
    figures = waiting.aggregate(waiting=Count("pk"), total=Sum(since), longest=Max(since))
    return {"waiting": figures["waiting"],
            "average_days": _days(figures["total"], figures["waiting"]),
            "longest_days": _days(figures["longest"], 1)}


def places_from_waitlist(*, sellers, period: Period) -> dict:
    """Places taken from the waiting list in ``period``: offers of a freed place accepted.

    ``placed``: offers accepted (answered) in the period; ``average_days``:
    days from the registration to the acceptance, on average (rounded to 0.1,
    ``None`` when there is none).
    """
    offers = _of(WaitlistOffer._default_manager, "registration__program__seller", sellers).filter(
        status=OfferStatus.ACCEPTED, answered_at__gte=period.start, answered_at__lt=period.end)
    figures = offers.aggregate(placed=Count("pk"),
                               total=Sum(F("answered_at") - F("registration__created")))
    return {"placed": figures["placed"], "average_days": _days(figures["total"], figures["placed"])}


def _days(duration: timedelta | None, count: int) -> float | None:
    if not count or duration is None:
        return None
    return round(duration.total_seconds() / 86400 / count, 1)


# --- Loans ----------------------------------------------------------------------


def _lent(sellers, start, end):
    return _of(Reservation._default_manager, "unit__seller", sellers).filter(
        status__in=(ReservationStatus.CHECKED_OUT, ReservationStatus.RETURNED),
        checked_out_at__gte=start, checked_out_at__lt=end,
    ).order_by()


def loans(*, sellers, period: Period) -> dict:
    """Tools lent in ``period`` (checked out in it, now out or returned) and their loan-days.

    Loan-days of a loan: from its first day to the day it came back, both
    included, or to its last day when it is still out. ``{"loans", "loan_days"}``.
    """
    lent = _lent(sellers, period.start, period.end)
    figures = lent.aggregate(
        loans=Count("pk"),
        span=Sum(Coalesce("returned_on", "end_date") - F("start_date")),
    )
    span = figures["span"] or timedelta(0)
    return {"loans": figures["loans"], "loan_days": span.days + figures["loans"]}


# --- Money and messages ---------------------------------------------------------


def revenue_by_seller(*, sellers, period: Period) -> list[dict]:
    """Sales of each seller on orders that count placed in ``period``.

    A seller's sales are its own lines (an order shared by two sellers is
    split by its lines), before and after taxes; ``orders`` counts the orders
    holding its lines. Rows ``{"seller_id", "seller", "orders", "excl_tax",
    "incl_tax"}`` by seller name; sellers with no sale are left out.
    """
    lines = _of(Line._default_manager, "partner", sellers).filter(
        order__date_placed__gte=period.start, order__date_placed__lt=period.end,
    ).exclude(order__status=OrderStatus.CANCELLED)
    rows = (lines.values("partner_id", "partner__name")
            .annotate(orders=Count("order", distinct=True), excl_tax=Sum("line_price_excl_tax"),
                      incl_tax=Sum("line_price_incl_tax"))
            .order_by("partner__name"))
    return [{"seller_id": row["partner_id"], "seller": row["partner__name"],
             "orders": row["orders"], "excl_tax": row["excl_tax"], "incl_tax": row["incl_tax"]}
            for row in rows]


def sms_sent_and_delivered(*, period: Period) -> dict:
    """SMS handed to the provider in ``period`` and SMS confirmed delivered in it.

    ``sent``: SMS whose sending time is in the period, whatever happened next;
    ``delivered``: SMS with status "delivered" whose delivery time is in the
    period. Messages belong to no seller: a cooperative-wide figure.
    """
    sms = OutboundMessage._default_manager.filter(channel=MessageChannel.SMS)
    in_period = {"gte": period.start, "lt": period.end}
    return sms.aggregate(
        sent=Count("pk", filter=Q(**{f"sent_at__{op}": at for op, at in in_period.items()})),
        delivered=Count("pk", filter=Q(status=MessageStatus.DELIVERED, **{
            f"delivered_at__{op}": at for op, at in in_period.items()})),
    )
