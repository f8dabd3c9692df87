"""Payment actions: card checkout, payments received, refunds, payment links.

Money is recorded on Oscar's rows: the order's ``Source`` for a way of paying
(card, payment link, pay later), its debit and refund ``Transaction`` rows and
the order's ``PaymentEvent`` rows. Every action that records takes the order
row's lock first, so two deliveries of one webhook, or a webhook and a
dashboard action, run one after the other and the second sees the first.
Stripe is called outside any transaction.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from integrations.stripe import client as stripe_client
from integrations.stripe.exceptions import StripeError
from shop import clock
from shop.order.models import PaymentMethod
from shop.order.services import order_status_change
from shop.order.statuses import ORDER_STATUS_PIPELINE, OrderStatus

from .models import PaymentLink, Refund
from .signals import order_paid, order_refunded

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

CENT = Decimal("0.01")
STRIPE_METHODS = (PaymentMethod.CARD, PaymentMethod.PAYMENT_LINK)


class PaymentRefused(Exception):
    """An action the order's payment state does not allow; ``str()`` says why."""


class EventName:
    """Names of the order's payment event types (Oscar ``PaymentEventType``)."""

    PAID = "Paid"
    PAYMENT_FAILED = "Payment failed"
    PAYMENT_CANCELED = "Payment canceled"
    REFUNDED = "Refunded"
    REFUND_FAILED = "Refund failed"
    LINK_SENT = "Payment link sent"
    LINK_EXPIRED = "Payment link expired"
    DISPUTE_OPENED = "Dispute opened"
    DISPUTE_CLOSED = "Dispute closed"


class ManualMethod:
    """How a pay-later client paid, as staff record it."""

    CASH = "cash"
    CHEQUE = "cheque"
    DEBIT = "debit"

    CHOICES = [
        (CASH, gettext_lazy("Cash")), (CHEQUE, gettext_lazy("Cheque")),
        (DEBIT, gettext_lazy("Debit card")),
    ]


# --- Money ------------------------------------------------------------------------


def to_cents(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def order_locked(order_or_number) -> Order:
    """The order, its row locked until the end of the current transaction."""
    number = getattr(order_or_number, "number", order_or_number)
    return Order._default_manager.select_for_update().get(number=number)


def amount_paid(order) -> Decimal:
    """What was received for ``order``, less refunds."""
    totals = order.sources.aggregate(debited=Sum("amount_debited"), refunded=Sum("amount_refunded"))
    return (totals["debited"] or Decimal("0")) - (totals["refunded"] or Decimal("0"))


def amount_outstanding(order) -> Decimal:
    debited = order.sources.aggregate(debited=Sum("amount_debited"))["debited"] or Decimal("0")
    return max(order.total_incl_tax - debited, Decimal("0.00"))


# --- Rows recording what happened ----------------------------------------------------


def payment_event_record(*, order, name: str, amount: Decimal, reference: str) -> PaymentEvent:
    """Record one payment event; the same (order, name, reference) is recorded once."""
    event_type, _created = PaymentEventType._default_manager.get_or_create(name=name)
    event, _created = PaymentEvent._default_manager.get_or_create(
        order=order, event_type=event_type, reference=reference[:128],
        defaults={"amount": amount},
    )
    return event


def source_type_for(method: str):
    source_type, _created = SourceType._default_manager.get_or_create(
        code=method, defaults={"name": PaymentMethod(method).label}
    )
    return source_type


def is_recorded(*, order, name: str, reference: str) -> bool:
    return PaymentEvent._default_manager.filter(
        order=order, event_type__name=name, reference=reference[:128]
    ).exists()


def payment_received(*, order, source, amount: Decimal, reference: str,
                     transaction_reference: str = "", note: str = "") -> bool:
    """Record ``amount`` received on ``source``, once per ``reference``.

    Call with the order locked. The order moves from pending payment to
    preparation; a later status is left alone. Returns False when the payment
    was already recorded.
    """
    if is_recorded(order=order, name=EventName.PAID, reference=reference):
        return False
    if source.amount_allocated < amount:
        source.amount_allocated = amount
    source.debit(amount, reference=transaction_reference or reference, status="succeeded")
    payment_event_record(order=order, name=EventName.PAID, amount=amount, reference=reference)
    if order.status == OrderStatus.PENDING_PAYMENT:
        order_status_change(order=order, new_status=OrderStatus.TO_PREPARE,
                            note=note or _("Payment received."))
    order_paid.send(sender=payment_received, order=order, amount=amount, reference=reference)
    return True


def refund_recorded(*, order, source, amount: Decimal, reference: str) -> None:
    """Record a refund of ``amount`` on ``source``; a full refund cancels the order.

    Call with the order locked. The order is cancelled only when its pipeline
    allows it (an order already delivered stays completed).
    """
    source.refund(amount, reference=reference, status="succeeded")
    payment_event_record(order=order, name=EventName.REFUNDED, amount=amount, reference=reference)
    order_refunded.send(sender=refund_recorded, order=order, amount=amount, reference=reference)
    if amount_paid(order) <= 0 and OrderStatus.CANCELLED in ORDER_STATUS_PIPELINE[order.status]:
        order_status_change(order=order, new_status=OrderStatus.CANCELLED,
                            note=_("Refunded in full."))


# --- Card checkout -------------------------------------------------------------------


def card_payment_start(*, order_number: str, total: Decimal, currency: str):
    """Open a PaymentIntent for an order about to be placed.

    Returns the intent and the unsaved payment ``Source`` the pipeline saves
    with the order. Raises ``StripeError`` (nothing is half-made: no order
    exists yet).
    """
    intent = stripe_client.gateway().payment_intent_upsert(
        order_number=order_number, amount=to_cents(total), currency=currency.lower(),
        description=_("Order %(number)s") % {"number": order_number},
    )
    source = Source(
        source_type=source_type_for(PaymentMethod.CARD), currency=currency,
        amount_allocated=total, reference=intent.id,
    )
    return intent, source


def card_payment_abandon(*, intent_id: str) -> None:
    """Cancel the PaymentIntent of an order that could not be placed."""
    try:
        stripe_client.gateway().payment_intent_cancel(intent_id)
    except StripeError:
        logger.warning("Could not cancel PaymentIntent %s of an order not placed", intent_id)


def card_payment_intent(*, order):
    """The order's PaymentIntent, its amount brought to the order's total if it differs.

    ``None`` when the order has no card payment. Raises ``StripeError``.
    """
    source = order.sources.filter(
        source_type__code=PaymentMethod.CARD, reference__startswith="pi_"
    ).first()
    if source is None:
        return None
    gateway = stripe_client.gateway()
    intent = gateway.payment_intent_retrieve(source.reference)
    amount = to_cents(order.total_incl_tax)
    if intent.amount != amount and intent.status == "requires_payment_method":
        intent = gateway.payment_intent_upsert(
            order_number=order.number, amount=amount, currency=intent.currency,
            intent_id=intent.id,
        )
    return intent


# --- Pay later --------------------------------------------------------------------------


def manual_payment_record(*, order, amount: Decimal, method: str, user, note: str = "") -> bool:
    """Staff record a payment received at the door or the counter (cash, cheque, debit)."""
    with transaction.atomic():
        order = order_locked(order)
        outstanding = amount_outstanding(order)
        if amount <= 0 or amount > outstanding:
            raise PaymentRefused(
                _("The amount must be between 0.01 and %(outstanding)s.")
                % {"outstanding": outstanding}
            )
        source = _pay_later_source(order)
        count = PaymentEvent._default_manager.filter(order=order).count()
        reference = f"{method}-{count + 1}"
        recorded = payment_received(
            order=order, source=source, amount=amount, reference=reference,
            note=note or _("Payment received (%(method)s), recorded by %(user)s.")
            % {"method": method, "user": user.get_full_name() or user},
        )
    return recorded


def _pay_later_source(order):
    source = order.sources.exclude(source_type__code__in=STRIPE_METHODS).first()
    if source is None:
        source = Source._default_manager.create(
            order=order, source_type=source_type_for(PaymentMethod.ON_DELIVERY),
            currency=order.currency, amount_allocated=order.total_incl_tax,
            reference=order.number,
        )
    return source


# --- Refunds -------------------------------------------------------------------------


def refundable_source(order):
    """The Stripe payment of ``order`` that money can be refunded from."""
    return order.sources.filter(
        reference__startswith="pi_", amount_debited__gt=0
    ).order_by("pk").first()


def refund_in_flight_or_done(source) -> Decimal:
    """Refunds of ``source`` Stripe has made or is making, whoever asked."""
    total = source.stripe_refunds.exclude(status=Refund.Status.FAILED).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal("0.00")


def refund_create(*, order, amount: Decimal, user, reason: str = "") -> Refund:
    """Refund ``amount`` of the order's card payment through Stripe.

    The refund is written as requested first, Stripe is called outside the
    transaction, then the answer is recorded. Raises ``PaymentRefused`` or
    ``StripeError`` (the refund is then marked failed).
    """
    refund = _refund_request(order=order, amount=amount, user=user, reason=reason)
    try:
        answer = stripe_client.gateway().refund_create(
            payment_intent_id=refund.source.reference, amount=to_cents(amount),
            idempotency_key=refund.idempotency_key,
            metadata={"order_number": order.number, "comptoir_refund": refund.idempotency_key},
        )
    except StripeError:
        Refund._default_manager.filter(pk=refund.pk).update(status=Refund.Status.FAILED)
        raise
    with transaction.atomic():
        order_locked(order)
        refund = Refund._default_manager.select_for_update().get(pk=refund.pk)
        refund_settle(refund=refund, stripe_refund_id=answer.id, stripe_status=answer.status)
    return refund


def _refund_request(*, order, amount, user, reason) -> Refund:
    with transaction.atomic():
        order = order_locked(order)
        source = refundable_source(order)
        if source is None:
            raise PaymentRefused(_("This order has no card payment to refund."))
        available = source.amount_debited - refund_in_flight_or_done(source)
        if amount <= 0 or amount > available:
            raise PaymentRefused(
                _("The amount must be between 0.01 and %(available)s.") % {"available": available}
            )
        attempt = Refund._default_manager.filter(order=order).count() + 1
        return Refund._default_manager.create(
            order=order, source=source, amount=amount, reason=reason, requested_by=user,
            idempotency_key=f"re-{order.number}-{attempt}-{to_cents(amount)}",
        )


def refund_settle(*, refund: Refund, stripe_refund_id: str, stripe_status: str | None) -> None:
    """Bring a refund to Stripe's status, forward only (call with both rows locked)."""
    if stripe_refund_id and not refund.stripe_refund_id:
        refund.stripe_refund_id = stripe_refund_id
    order = refund.order
    if stripe_status == "succeeded" and refund.status == Refund.Status.REQUESTED:
        refund.status = Refund.Status.SUCCEEDED
        refund.save()
        refund_recorded(order=order, source=refund.source, amount=refund.amount,
                        reference=refund.stripe_refund_id or refund.idempotency_key)
    elif stripe_status in ("failed", "canceled") and refund.status != Refund.Status.FAILED:
        if refund.status == Refund.Status.SUCCEEDED:
            _refund_reverse(refund)
        refund.status = Refund.Status.FAILED
        refund.save()
    else:
        refund.save()


def _refund_reverse(refund: Refund) -> None:
    source = refund.source
    source.amount_refunded -= refund.amount
    source.save()
    payment_event_record(order=refund.order, name=EventName.REFUND_FAILED, amount=refund.amount,
                         reference=refund.stripe_refund_id or refund.idempotency_key)


# --- Payment links -------------------------------------------------------------------------


def payment_link_create(*, order, user=None, return_url: str | None = None) -> PaymentLink:
    """A new Stripe Checkout Session for what the order still owes, open for a day at most.

    Stripe brings the client back to ``return_url`` (the order's payment page by default).
    """
    amount = amount_outstanding(order)
    if amount <= 0 or order.status == OrderStatus.CANCELLED:
        raise PaymentRefused(_("Order %(number)s has nothing left to pay.")
                             % {"number": order.number})
    attempt = order.payment_links.count() + 1
    lifetime = timedelta(hours=min(max(settings.PAYMENT_LINK_LIFETIME_HOURS, 1), 24))
    expires_at = clock.now() + lifetime - timedelta(minutes=1)
    return_url = return_url or public_url(order_pay_path(order))
    session = stripe_client.gateway().checkout_session_create(
        order_number=order.number, amount=to_cents(amount), attempt=attempt,
        product_name=_("Order %(number)s") % {"number": order.number},
        success_url=return_url, cancel_url=return_url, expires_at=int(expires_at.timestamp()),
        customer_email=_email_of(order) or None,
    )
    return PaymentLink._default_manager.create(
        order=order, attempt=attempt, session_id=session.id, url=session.url, amount=amount,
        expires_at=datetime.fromtimestamp(session.expires_at, tz=UTC),
        sent_by=user,
    )


def payment_link_current(*, order):
    """The order's open link that has not expired, if any."""
    return order.payment_links.filter(
        status=PaymentLink.Status.OPEN, expires_at__gt=clock.now()
    ).first()


def payment_link_send(*, order, sent_by=None, sender=None) -> PaymentLink:
    """Send the client a link to pay ``order``: the open one, else a new one.

    ``sender(link=…, order=…)`` delivers it and returns to whom it went; the
    default texts it to a client with a phone, else emails it. Raises
    ``PaymentRefused`` (nothing to pay, nowhere to send) or ``StripeError``.
    """
    link = payment_link_current(order=order) or payment_link_create(order=order, user=sent_by)
    recipient = (sender or payment_link_deliver)(link=link, order=order)
    link.sent_to, link.sent_by = recipient, sent_by or link.sent_by
    link.save(update_fields=["sent_to", "sent_by"])
    payment_event_record(order=order, name=EventName.LINK_SENT, amount=link.amount,
                         reference=f"{link.session_id}:{recipient}")
    return link


def payment_link_deliver(*, link: PaymentLink, order) -> str:
    """Text the link (through the outbox) to a client with a phone, else email it."""
    phone = getattr(order.user, "phone", None)
    if not phone:
        return payment_link_email(link=link, order=order)
    from shop.notifications.models import MessageKind
    from shop.notifications.services import contact_language, message_queue

    with translation.override(contact_language(str(phone))):
        body = render_to_string("payments/sms/payment_link.txt", {"order": order, "link": link})
    message_queue(to=str(phone), body=body.strip(), kind=MessageKind.OTHER,
                  key=f"payment-link:{link.session_id}:{clock.now().isoformat()}", user=order.user)
    return str(phone)


def payment_link_email(*, link: PaymentLink, order) -> str:
    """Email the payment link (through the outbox); returns the address it went to."""
    email = _email_of(order)
    if not email:
        raise PaymentRefused(_("This client has no email address to send the link to."))
    context = {"order": order, "link": link}
    from shop.notifications.mail import email_keyed

    message = EmailMessage(
        subject=_("Pay your order %(number)s") % {"number": order.number},
        body=render_to_string("payments/emails/payment_link.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[email],
    )
    email_keyed(message, key=f"payment-link:{link.session_id}:{clock.now().isoformat()}:email").send()
    return email


def _email_of(order) -> str:
    if order.guest_email:
        return order.guest_email
    return getattr(order.user, "email", None) or ""


def order_pay_path(order) -> str:
    return reverse("payments:order-pay", kwargs={
        "number": order.number, "hash": order.verification_hash(),
    })


def public_url(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path
