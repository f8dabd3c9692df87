"""Questions a client answers OUI/YES or NON/NO, and the SMS reorder.

One question is open per number at a time: asking a new one replaces the old.
"""

import logging
from datetime import timedelta

from django.db import transaction
from oscar.core.loading import get_class, get_model

from shop import clock
from shop.notifications.models import MessageKind
from shop.notifications.services import message_queue
from shop.notifications.texts import money, render_sms
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order

from .. import hooks
from ..models import Answer, InboxKind, PendingQuestion, QuestionKind
from ..selectors import last_order
from .inbox import inbox_add

logger = logging.getLogger(__name__)
QUESTION_LIFETIME = timedelta(hours=24)
# A reorder said OUI/YES to but not placed this long after (its queueing failed,
# Redis being down) is placed by the catch-up job, within a day of the answer.
REORDER_GRACE = timedelta(minutes=2)
REORDER_CATCH_UP_WINDOW = timedelta(days=1)
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
ShippingAddress = get_model("order", "ShippingAddress")


def text(name, language, context=None):
    return render_sms("phone_orders/sms/" + name, language, context)


def question_open(phone):
    return (PendingQuestion._default_manager
            .filter(phone=phone, answered_at__isnull=True, expires_at__gt=clock.now())
            .order_by("-asked_at").first())


def question_ask(*, phone, user, kind, text, payload=None, send=True) -> PendingQuestion:
    """Ask ``text``; the next OUI/NON from ``phone`` answers it.

    With ``send`` the question goes out through the outbox (in this
    transaction); without it, the caller sends it (as an SMS reply).
    """
    now = clock.now()
    PendingQuestion._default_manager.filter(phone=phone, answered_at__isnull=True).update(
        answered_at=now, answer=Answer.REPLACED)
    question = PendingQuestion._default_manager.create(
        phone=phone, user=user, kind=kind, text=text, payload=payload or {},
        expires_at=now + QUESTION_LIFETIME)
    if send:
        message_queue(to=phone, body=text, kind=MessageKind.QUESTION, user=user,
                      key=f"question:{question.pk}")
    return question


def reorder_offer(*, phone, user, language) -> str:
    """Offer to place the client's last order again; return the question."""
    previous = last_order(user)
    if previous is None:
        return text("reorder_none", language)
    offer = text("reorder_offer", language, {
        "lines": ", ".join(f"{line.quantity} × {line.title}" for line in previous.lines.all()),
        "total": money(previous.total_incl_tax, language),
        "delivery": previous.shipping_code == "delivery",
    })
    question_ask(phone=phone, user=user, kind=QuestionKind.REORDER, text=offer,
                 payload={"order_id": previous.pk, "language": language}, send=False)
    return offer


def question_answer(*, phone, user, yes: bool, language) -> str:
    """Answer the open question of ``phone``; return the reply."""
    question = question_open(phone)
    if question is None:
        unasked = hooks.unasked_answer(user=user, phone=phone, yes=yes, language=language)
        return unasked or text("no_question", language)
    question = PendingQuestion._default_manager.select_for_update().get(pk=question.pk)
    question.answered_at, question.answer = clock.now(), Answer.YES if yes else Answer.NO
    question.save(update_fields=["answered_at", "answer"])
    if question.kind == QuestionKind.REORDER:
        if not yes:
            return text("reorder_declined", language)
        transaction.on_commit(lambda: reorder_enqueue(question.pk))
        return text("reorder_accepted", language)
    handler = hooks.answer_handler(question.kind)
    if handler is not None:
        return handler(question=question, yes=yes, language=language)
    return text("answer_yes" if yes else "answer_no", language)


def reorder_enqueue(question_id):
    from ..tasks import place_sms_reorder

    try:
        place_sms_reorder.delay(question_id)
    except Exception:
        logger.exception("Could not queue the SMS reorder of question %s", question_id)


def sms_reorder_place(*, question_id):
    """Place again the order a client said OUI/YES to; once, whatever happens.

    The same lines, the same pick-up or delivery, paid on delivery, channel
    SMS. If it cannot be placed, the client is told and staff get an item.
    """
    try:
        return _reorder_place(question_id)
    except UnableToPlaceOrder as error:
        _reorder_failed(question_id, str(error))
        return None


def reorders_waiting(*, now=None):
    """Reorders a client said OUI/YES to between a day and two minutes ago that
    are neither placed nor found impossible."""
    now = now or clock.now()
    return (
        PendingQuestion._default_manager
        .filter(kind=QuestionKind.REORDER, answer=Answer.YES, order__isnull=True,
                answered_at__lte=now - REORDER_GRACE,
                answered_at__gte=now - REORDER_CATCH_UP_WINDOW)
        .exclude(payload__has_key="failed")
        .order_by("answered_at")
    )


def reorders_catch_up(*, now=None) -> int:
    """Place the reorders whose queueing failed; returns how many were handled."""
    question_ids = list(reorders_waiting(now=now).values_list("pk", flat=True))
    for question_id in question_ids:
        sms_reorder_place(question_id=question_id)
    return len(question_ids)


def _reorder_place(question_id):
    Order = get_model("order", "Order")
    with transaction.atomic():
        question = PendingQuestion._default_manager.select_for_update().get(pk=question_id)
        if question.order_id or question.answer != Answer.YES:
            return question.order
        previous = Order._default_manager.get(pk=question.payload["order_id"])
        order = place_order(
            customer=question.user, channel=Channel.SMS,
            fulfilment=previous.shipping_code or "pickup",
            payment_method=PaymentMethod.ON_DELIVERY,
            lines=[LineRequest(line.product, line.quantity) for line in previous.lines.all()
                   if line.product_id],
            shipping_address=_copy(previous.shipping_address),
        )
        question.order = order
        question.save(update_fields=["order"])
    return order


def _copy(address):
    if address is None:
        return None
    fields = {f.name: getattr(address, f.name) for f in address._meta.concrete_fields
              if not f.primary_key}
    return ShippingAddress(**fields)


@transaction.atomic
def _reorder_failed(question_id, reason):
    question = PendingQuestion._default_manager.select_for_update().get(pk=question_id)
    question.payload = {**question.payload, "failed": reason}
    question.save(update_fields=["payload"])
    language = question.payload.get("language", "fr")
    inbox_add(kind=InboxKind.PROBLEM, phone=question.phone, user=question.user,
              body=f"SMS reorder could not be placed: {reason}")
    message_queue(to=question.phone, body=text("reorder_failed", language, {"reason": reason}),
                  kind=MessageKind.REPLY, user=question.user, is_reply=True,
                  key=f"question:{question.pk}:failed")
