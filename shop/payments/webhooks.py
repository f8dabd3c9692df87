"""Stripe events: stored once when they arrive, processed once after commit.

``stripe_event_receive`` keeps each event id once (a unique constraint) and
queues its processing after the transaction commits. ``stripe_event_process``
locks the event row, then the order row, and hands the event's object to the
handler of its type in ``HANDLERS``. Handlers move state forward only and
record with keys of Stripe's ids, so a repeated, concurrent or out-of-order
event gives one result. Unknown types are marked ignored with a log line.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop import clock
from shop.order.models import PaymentMethod

from . import services
from .models import PaymentLink, Refund, StripeEvent
from .services import EventName

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")


# --- Receiving and processing ----------------------------------------------------------


def stripe_event_receive(*, event) -> bool:
    """Store a verified event once; True when it is new and queued for processing."""
    with transaction.atomic():
        row, created = StripeEvent._default_manager.get_or_create(
            event_id=event.id,
            defaults={
                "type": event.type, "payload": event.payload,
                "created": datetime.fromtimestamp(event.created, tz=UTC),
            },
        )
        if created:
            transaction.on_commit(lambda: stripe_event_queue(event_pk=row.pk))
    return created


def stripe_event_queue(*, event_pk: int) -> None:
    """Hand an event to the worker; a broker outage leaves it for the catch-up job."""
    from .tasks import process_stripe_event

    try:
        process_stripe_event.delay(event_pk)
    except Exception:  # the broker is down: the sweep (catch_up.stripe_events_sweep) applies it
        logger.exception("Could not queue Stripe event %s", event_pk)


def stripe_event_process(*, event_pk: int, skip_locked: bool = False) -> str | None:
    """Apply one stored event, once; returns its status.

    The event's row is locked while it is applied: a second run waits, then
    finds it processed. With ``skip_locked`` (the catch-up sweep) an event
    being applied right now is left to whoever holds it: None.
    """
    with transaction.atomic():
        row = StripeEvent._default_manager.select_for_update(skip_locked=skip_locked).filter(
            pk=event_pk).first()
        if row is None:
            return None
        if row.processed_at is not None:
            return row.status
        handler = HANDLERS.get(row.type)
        if handler is None:
            logger.info("Stripe event %s of type %s ignored", row.event_id, row.type)
            row.status, row.note = StripeEvent.Status.IGNORED, "unhandled type"
        else:
            row.note = handler(row.payload["data"]["object"], event_id=row.event_id) or ""
            row.status = StripeEvent.Status.PROCESSED
        row.processed_at = clock.now()
        row.save(update_fields=["status", "note", "processed_at"])
    return row.status


# --- Finding the order ------------------------------------------------------------------


def _order_number(obj: dict) -> str | None:
    metadata = obj.get("metadata") or {}
    return metadata.get("order_number") or obj.get("client_reference_id")


def _order_for(obj: dict, *, intent_id: str | None = None, charge_id: str | None = None):
    """The order an object is about, locked; None when it is not one of ours."""
    number = _order_number(obj)
    if not number:
        source = _source_by_stripe_ids(intent_id, charge_id)
        number = source.order.number if source else None
    if not number:
        return None
    return Order._default_manager.select_for_update().filter(number=number).first()


def _source_by_stripe_ids(intent_id, charge_id):
    if intent_id:
        source = Source._default_manager.filter(reference=intent_id).select_related("order").first()
        if source:
            return source
    if charge_id:
        txn = Transaction._default_manager.filter(reference=charge_id).select_related(
            "source__order").first()
        return txn.source if txn else None
    return None


def _stripe_source(order, intent_id: str):
    """The order's source paid by ``intent_id``: the card or link one, else a new one."""
    source = order.sources.filter(reference=intent_id).first()
    if source is None:
        source = order.sources.filter(
            source_type__code__in=services.STRIPE_METHODS
        ).exclude(reference__startswith="pi_").order_by("pk").first()
    if source is None:
        source = Source(order=order, source_type=services.source_type_for(PaymentMethod.CARD),
                        currency=order.currency)
    source.reference = intent_id
    source.save()
    return source


# --- Handlers: one per event type ------------------------------------------------------------


def intent_created(obj, *, event_id):
    return "nothing to do"  # the order and its source exist before the intent


def intent_succeeded(obj, *, event_id):
    order = _order_for(obj, intent_id=obj["id"])
    if order is None:
        return "not our order"
    return _paid(order, intent_id=obj["id"], cents=obj.get("amount_received") or obj["amount"],
                 charge_id=obj.get("latest_charge"))


def _paid(order, *, intent_id, cents, charge_id=None):
    source = _stripe_source(order, intent_id)
    recorded = services.payment_received(
        order=order, source=source, amount=services.from_cents(cents), reference=intent_id,
        transaction_reference=charge_id or intent_id, note=_("Paid online (Stripe)."),
    )
    return "paid" if recorded else "already paid"


def intent_failed(obj, *, event_id):
    order = _order_for(obj, intent_id=obj["id"])
    if order is None:
        return "not our order"
    if services.is_recorded(order=order, name=EventName.PAID, reference=obj["id"]):
        return "already paid"
    services.payment_event_record(order=order, name=EventName.PAYMENT_FAILED,
                                  amount=services.from_cents(obj["amount"]), reference=event_id)
    error = (obj.get("last_payment_error") or {}).get("message") or ""
    return f"failed {error}"


def intent_canceled(obj, *, event_id):
    order = _order_for(obj, intent_id=obj["id"])
    if order is None:
        return "not our order (an order that could not be placed)"
    if services.is_recorded(order=order, name=EventName.PAID, reference=obj["id"]):
        return "already paid"
    services.payment_event_record(order=order, name=EventName.PAYMENT_CANCELED,
                                  amount=services.from_cents(obj["amount"]), reference=obj["id"])
    return "canceled"


def session_completed(obj, *, event_id):
    order = _order_for(obj)
    if order is None:
        return "not our order"
    if obj.get("payment_status") != "paid":
        return "waiting for an asynchronous payment"
    _link_move(obj["id"], PaymentLink.Status.PAID)
    return _paid(order, intent_id=obj.get("payment_intent") or obj["id"],
                 cents=obj.get("amount_total") or 0)


def session_failed(obj, *, event_id):
    order = _order_for(obj)
    if order is None:
        return "not our order"
    services.payment_event_record(order=order, name=EventName.PAYMENT_FAILED,
                                  amount=services.from_cents(obj.get("amount_total") or 0),
                                  reference=event_id)
    return "failed"


def session_expired(obj, *, event_id):
    order = _order_for(obj)
    if order is None:
        return "not our order"
    if _link_move(obj["id"], PaymentLink.Status.EXPIRED):
        services.payment_event_record(order=order, name=EventName.LINK_EXPIRED,
                                      amount=services.from_cents(obj.get("amount_total") or 0),
                                      reference=obj["id"])
    return "expired"


def _link_move(session_id, status) -> bool:
    """An open link becomes paid or expired; a paid one stays paid."""
    return bool(PaymentLink._default_manager.filter(
        session_id=session_id, status=PaymentLink.Status.OPEN
    ).update(status=status))


def charge_refunded(obj, *, event_id):
    """Record what Stripe refunded beyond the refunds already known (asked here or not)."""
    order = _order_for({}, intent_id=obj.get("payment_intent"), charge_id=obj["id"])
    if order is None:
        return "not our order"
    source = _source_by_stripe_ids(obj.get("payment_intent"), obj["id"])
    source = Source._default_manager.get(pk=source.pk)
    refunded = services.from_cents(obj.get("amount_refunded") or 0)
    missing = refunded - services.refund_in_flight_or_done(source)
    if missing <= 0:
        return "refunds already known"
    refund = Refund._default_manager.create(
        order=order, source=source, amount=missing, status=Refund.Status.REQUESTED,
        idempotency_key="charge-{}-{}".format(obj["id"], obj["amount_refunded"]),
        reason=_("Refunded outside the shop (Stripe dashboard)."),
    )
    services.refund_settle(refund=refund, stripe_refund_id="", stripe_status="succeeded")
    return f"refund of {missing} recorded"


def refund_updated(obj, *, event_id):
    """A refund asked for here changes status at Stripe; others are left to charge.refunded."""
    key = (obj.get("metadata") or {}).get("comptoir_refund")
    found = Refund._default_manager.filter(
        Q(stripe_refund_id=obj["id"]) | Q(idempotency_key=key or "-")
    ).first()
    if found is None:
        return "not a refund asked for here"
    services.order_locked(found.order)  # the order first, as every other path does
    refund = Refund._default_manager.select_for_update().select_related("order", "source").get(
        pk=found.pk)
    services.refund_settle(refund=refund, stripe_refund_id=obj["id"], stripe_status=obj.get("status"))
    return f"refund {refund.status}"


def dispute_created(obj, *, event_id):
    return _dispute(obj, EventName.DISPUTE_OPENED, obj["id"])


def dispute_closed(obj, *, event_id):
    return _dispute(obj, EventName.DISPUTE_CLOSED, "{}:{}".format(obj["id"], obj.get("status")))


def _dispute(obj, name, reference):
    order = _order_for({}, intent_id=obj.get("payment_intent"), charge_id=obj.get("charge"))
    if order is None:
        return "not our order"
    services.payment_event_record(order=order, name=name,
                                  amount=services.from_cents(obj["amount"]), reference=reference)
    logger.warning("Stripe dispute %s on order %s: %s", obj["id"], order.number, obj.get("status"))
    return "dispute {}".format(obj.get("status"))


HANDLERS = {
    "payment_intent.created": intent_created,
    "payment_intent.succeeded": intent_succeeded,
    "payment_intent.payment_failed": intent_failed,
    "payment_intent.canceled": intent_canceled,
    "checkout.session.completed": session_completed,
    "checkout.session.async_payment_succeeded": session_completed,
    "checkout.session.async_payment_failed": session_failed,
    "checkout.session.expired": session_expired,
    "charge.refunded": charge_refunded,
    "refund.updated": refund_updated,
    "charge.dispute.created": dispute_created,
    "charge.dispute.closed": dispute_closed,
}
