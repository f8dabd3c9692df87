"""Prepaid balance actions: money received, an order paid from the balance, a refund back.

Each action locks the person's row first, so two orders placed at once from
one balance run one after the other and the second sees what the first spent:
the balance never goes below zero through an order.

An order placed with the ``balance`` payment method is paid here, inside the
pipeline's transaction (a receiver of Oscar's ``order_placed``): the balance
entry, the payment and the sellers' ledger rows commit together, or the whole
order is refused and rolls back.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from shop.order.models import PaymentMethod

from .models import BalanceEntry, EntryKind
from .selectors import balance_of

Person = get_model("people", "Person")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")

CREDIT_METHODS = (EntryKind.CASH, EntryKind.CHEQUE)
ZERO = Decimal("0.00")


def person_locked(person) -> Person:
    """The person, their row locked until the end of the current transaction."""
    return Person._default_manager.select_for_update().get(pk=person.pk)


def balance_credit(*, person, amount: Decimal, method: str, by, note: str = "") -> BalanceEntry:
    """Staff record cash or a cheque received as credit on ``person``'s balance.

    Raises ``ValidationError`` (nothing recorded) for an amount not above zero
    or a method other than cash or cheque.
    """
    if method not in CREDIT_METHODS:
        raise ValidationError(_("Choose cash or cheque."))
    if amount is None or amount <= 0:
        raise ValidationError(_("The amount received must be more than 0,00 $."))
    with transaction.atomic():
        person = person_locked(person)
        return BalanceEntry.objects.create(
            person=person, amount=amount, kind=method, note=note, recorded_by=by,
            key=f"credit-{person.pk}-{uuid.uuid4().hex}",
        )


def balance_pay_order(*, order) -> BalanceEntry:
    """Pay ``order`` from its client's balance, inside the transaction placing it.

    Raises ``UnableToPlaceOrder`` when the order has no client with a balance
    or the balance does not cover the total: the whole order rolls back.
    """
    from shop.payments.services import order_locked, payment_received, source_type_for

    person = _person_of_order(order)
    if person is None:
        raise UnableToPlaceOrder(_("Only a client with an account can pay from a prepaid "
                                   "balance."))
    person = person_locked(person)
    total = order.total_incl_tax
    available = balance_of(person=person)
    if available < total:
        raise UnableToPlaceOrder(
            _("Your prepaid balance (%(balance)s) does not cover this order (%(total)s). "
              "Choose another way to pay.")
            % {"balance": currency(available, order.currency),
               "total": currency(total, order.currency)})
    entry = BalanceEntry.objects.create(
        person=person, amount=-total, kind=EntryKind.ORDER_PAYMENT, order=order,
        key=f"order-{order.number}",
    )
    locked = order_locked(order)
    source = locked.sources.create(
        source_type=source_type_for(PaymentMethod.BALANCE), currency=locked.currency,
        amount_allocated=total, reference=payment_reference(locked),
    )
    payment_received(order=locked, source=source, amount=total,
                     reference=payment_reference(locked),
                     note=_("Paid from the prepaid balance."))
    order.status = locked.status  # the pipeline returns this very object to its caller
    return entry


def balance_order_refund(*, order, amount: Decimal, by) -> None:
    """Staff refund ``amount`` of a balance-paid order: it goes back on the balance.

    The refund is recorded on the order's payment (``refund_recorded``); the
    balance entry and the sellers' refund rows follow from ``order_refunded``.
    Raises ``ValidationError`` for an amount out of bounds.
    """
    from shop.payments.services import order_locked, refund_recorded

    with transaction.atomic():
        order = order_locked(order)
        source = balance_source(order)
        available = refundable_amount(order)
        if source is None or amount is None or amount <= 0 or amount > available:
            raise ValidationError(
                _("The amount to refund must be between 0,01 $ and %(available)s.")
                % {"available": currency(available, order.currency)})
        attempt = order.balance_entries.filter(kind=EntryKind.ORDER_REFUND).count() + 1
        refund_recorded(order=order, source=source, amount=amount,
                        reference=f"balance-refund-{order.number}-{attempt}")


def balance_order_refunded(*, order, amount: Decimal, reference: str) -> BalanceEntry | None:
    """Give a refund of a balance-paid order back to the person's balance, once per reference."""
    person = _person_of_order(order)
    if person is None or order.payment_method != PaymentMethod.BALANCE:
        return None
    person = person_locked(person)
    entry, _created = BalanceEntry.objects.get_or_create(
        key=f"refund-{order.number}-{reference}"[:255],
        defaults={"person": person, "amount": amount, "kind": EntryKind.ORDER_REFUND,
                  "order": order},
    )
    return entry


def payment_reference(order) -> str:
    return f"balance-{order.number}"


def balance_source(order):
    """The order's payment from the balance, if any."""
    return order.sources.filter(reference=payment_reference(order)).first()


def refundable_amount(order) -> Decimal:
    """What of a balance-paid order may still go back to the balance."""
    source = balance_source(order)
    if source is None:
        return ZERO
    return source.amount_debited - source.amount_refunded


def _person_of_order(order):
    if order.user_id is None:
        return None
    return Person._default_manager.filter(user_id=order.user_id).first()
