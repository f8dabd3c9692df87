"""Writing to the outbox, relaying it, and the SMS consent of each number.

``message_queue`` is called inside the transaction of the event; the message
is relayed to Celery only after that transaction commits. ``outbox_relay``
sends one message: it claims the row in a short transaction, calls the
provider (Twilio, or the mail server through ``mail.email_deliver``) outside
any transaction, then records the outcome. Whether a number
may get a kind of message is the consent ledger's say (``shop.people``): STOP,
START and consents given are written there by ``sms_opt_out``, ``sms_opt_in``
and ``sms_consent_give``.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from integrations.twilio.errors import SmsError
from integrations.twilio.senders import get_sender
from integrations.twilio.webhooks import public_url
from shop import clock
from shop.people.models import (
    ConsentAction,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    Language,
    Person,
)
from shop.people.selectors.consents import (
    number_withdrawn,
    people_of_number,
    person_of_number,
    with_latest_consent,
)
from shop.people.services.consents import RESUMED_BY_START, SMS_PURPOSES, consents_record
from shop.people.services.persons import person_of

from .mail import EmailError, email_deliver
from .models import (
    MessageChannel,
    MessageKind,
    MessageStatus,
    OutboundMessage,
    SmsContact,
)
from .quiet_hours import quiet_hours_end
from .texts import money, render_sms, short_language

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 120
S = MessageStatus


# --- Writing to the outbox ---------------------------------------------------------

def message_queue(*, to: str, body: str, kind: str, key: str, channel: str = MessageChannel.SMS,
                  user=None, is_reply: bool = False, send_after=None) -> OutboundMessage:
    """Write one message to the outbox, in the caller's transaction.

    A second call with the same ``key`` returns the first message and writes
    nothing. A message to an opted-out number is kept as "not sent". With
    ``send_after`` the message waits until then (throttled campaigns); the
    sweep sends it.
    """
    message, created = OutboundMessage._default_manager.get_or_create(
        key=key,
        defaults={"to": to, "body": body, "kind": kind, "channel": channel, "user": user,
                  "is_reply": is_reply, "next_attempt_at": send_after},
    )
    if not created:
        return message
    if channel == MessageChannel.SMS and is_opted_out(to, kind):
        _skip(message, "The number has opted out of SMS.")
    elif send_after is None or send_after <= clock.now():
        transaction.on_commit(lambda: relay_enqueue(message.pk))
    return message


def notify_person(*, user, body: str, kind: str, key: str) -> OutboundMessage | None:
    """A message to a person by SMS when they have a phone, else by email.

    Clients here are phone-first: the SMS goes out unless they opted out; a
    person with neither a phone nor an email gets nothing (None).
    """
    phone = _phone_of(user)
    if phone:
        return message_queue(to=phone, body=body, kind=kind, key=f"{key}:sms", user=user)
    if getattr(user, "email", None):
        return message_queue(to=user.email, body=body, kind=kind, key=f"{key}:email",
                             channel=MessageChannel.EMAIL, user=user)
    return None


def relay_enqueue(message_id: int) -> None:
    """Hand a message to Celery; if the broker is down the sweep sends it later."""
    from .tasks import relay_message

    try:
        relay_message.delay(message_id)
    except Exception:  # a broker outage must not break the request that wrote it
        logger.warning("Could not queue outbox message %s; the sweep will send it.", message_id,
                       exc_info=True)


def notify_order_placed(*, order) -> OutboundMessage | None:
    """The order confirmation SMS, for a client with a phone number.

    Orders placed by SMS are a direct reply to the client, so their
    confirmation is not held back by the quiet hours.
    """
    phone = _phone_of(order.user)
    if not phone:
        return None
    language = contact_language(phone)
    body = render_sms("notifications/sms/order_placed", language, {
        "order": order, "total": money(order.total_incl_tax, language),
        "delivery": order.shipping_code == "delivery",
    })
    return message_queue(to=phone, body=body, kind=MessageKind.ORDER_PLACED, user=order.user,
                         key=f"order:{order.number}:{MessageKind.ORDER_PLACED}",
                         is_reply=order.channel == "sms")


def notify_order_status(*, order, kind: str) -> OutboundMessage | None:
    """"Ready for pick-up" or "out for delivery" for an order, once per order and kind."""
    phone = _phone_of(order.user)
    if not phone:
        return None
    language = contact_language(phone)
    body = render_sms(f"notifications/sms/{kind}", language, {"order": order})
    return message_queue(to=phone, body=body, kind=kind, user=order.user,
                         key=f"order:{order.number}:{kind}")


def _phone_of(user):
    phone = getattr(user, "phone", None) if user is not None else None
    return str(phone) if phone else None


# --- Relaying ------------------------------------------------------------------------

@dataclass(frozen=True)
class RelayResult:
    outcome: str  # sent, retry, failed, skipped, deferred, not_due
    retry_in: int | None = None


def outbox_relay(*, message_id: int, now=None) -> RelayResult:
    """Send one queued message if it is due; record what happened."""
    now = now or clock.now()
    message, outcome = _claim(message_id, now)
    if message is None:
        return RelayResult(outcome)
    try:
        sid, provider_status = _deliver(message)
    except (SmsError, EmailError) as error:
        return _record_failure(message.pk, error, now)
    return _record_sent(message.pk, sid, provider_status)


def outbox_due(*, now=None, limit=100):
    """Ids of queued messages whose time has come (for the sweep)."""
    now = now or clock.now()
    due = OutboundMessage._default_manager.filter(status=S.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        Q(locked_until__isnull=True) | Q(locked_until__lte=now),
    )
    return list(due.order_by("created_at").values_list("pk", flat=True)[:limit])


def message_retry(*, message: OutboundMessage) -> OutboundMessage:
    """Staff send a failed message again: queued, with a fresh count of attempts."""
    with transaction.atomic():
        OutboundMessage._default_manager.filter(pk=message.pk, status=S.FAILED).update(
            status=S.QUEUED, attempts=0, next_attempt_at=None, locked_until=None)
        transaction.on_commit(lambda: relay_enqueue(message.pk))
    message.refresh_from_db()
    return message


def _claim(message_id, now):
    with transaction.atomic():
        message = OutboundMessage._default_manager.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != S.QUEUED:
            return None, "done"
        if (message.next_attempt_at and message.next_attempt_at > now) or (
                message.locked_until and message.locked_until > now):
            return None, "not_due"
        if message.channel == MessageChannel.SMS and is_opted_out(message.to, message.kind):
            _skip(message, "The number has opted out of SMS.")
            return None, "skipped"
        quiet_until = None if message.is_reply or message.channel == MessageChannel.EMAIL \
            else quiet_hours_end(now)
        if quiet_until:
            message.next_attempt_at = quiet_until
            message.save(update_fields=["next_attempt_at", "updated_at"])
            return None, "deferred"
        message.attempts += 1
        message.locked_until = now + timedelta(seconds=CLAIM_SECONDS)
        message.save(update_fields=["attempts", "locked_until", "updated_at"])
    return message, "claimed"


def _deliver(message):
    if message.channel == MessageChannel.EMAIL:
        email_deliver(message)
        return None, "sent"
    from django.urls import reverse

    sent = get_sender().send(to=message.to, body=message.body,
                             status_callback=public_url(reverse("notifications:sms-status")))
    return sent.sid, sent.status


def _record_sent(message_id, sid, provider_status):
    OutboundMessage._default_manager.filter(pk=message_id).update(
        status=S.SENT, provider_sid=sid, provider_status=provider_status or "",
        sent_at=clock.now(), locked_until=None, last_error="", updated_at=clock.now())
    return RelayResult("sent")


def _record_failure(message_id, error, now):
    message = OutboundMessage._default_manager.get(pk=message_id)
    message.last_error = str(error)[:2000]
    message.locked_until = None
    retry_in = None
    if error.retryable and message.attempts < _max_attempts(message):
        retry_in = settings.SMS_RETRY_BACKOFF_SECONDS * 2 ** (message.attempts - 1)
        message.next_attempt_at = now + timedelta(seconds=retry_in)
    else:
        message.status = S.FAILED
    message.save(update_fields=["last_error", "locked_until", "next_attempt_at", "status",
                                "updated_at"])
    logger.warning("Outbox message %s, attempt %s: %s", message_id, message.attempts, error)
    return RelayResult("retry" if retry_in is not None else "failed", retry_in)


def _max_attempts(message):
    if message.channel == MessageChannel.EMAIL:
        return settings.EMAIL_MAX_ATTEMPTS
    return settings.SMS_MAX_ATTEMPTS


def _skip(message, reason):
    message.status = S.SKIPPED
    message.last_error = reason
    message.save(update_fields=["status", "last_error", "updated_at"])


# --- Delivery status (forward only) ------------------------------------------------

PROVIDER_STATUSES = {
    "accepted": S.SENT, "scheduled": S.SENT, "queued": S.SENT, "sending": S.SENT, "sent": S.SENT,
    "delivered": S.DELIVERED, "read": S.DELIVERED,
    "failed": S.FAILED, "undelivered": S.FAILED, "canceled": S.FAILED,
}
RANK = {S.QUEUED: 0, S.SENT: 1, S.DELIVERED: 2, S.FAILED: 2, S.SKIPPED: 3}


def message_status_update(*, sid: str, provider_status: str, error_code: str = "") -> bool:
    """Record a delivery status from the provider; never move a message backwards."""
    new = PROVIDER_STATUSES.get(provider_status)
    if not sid or new is None:
        return False
    with transaction.atomic():
        message = OutboundMessage._default_manager.select_for_update().filter(provider_sid=sid).first()
        if message is None or RANK[new] <= RANK[message.status]:
            return False
        message.status, message.provider_status = new, provider_status
        if new == S.DELIVERED:
            message.delivered_at = clock.now()
        if new == S.FAILED:
            message.last_error = "Not delivered ({}, error {})".format(provider_status, error_code or "-")
        message.save()
    return True


# --- Contacts and consent -----------------------------------------------------------
# The consent ledger (``shop.people``) decides; ``SmsContact.opted_out_at`` and
# ``consented_at`` are a cache of it for the pages, written in the same transaction.

#: Which purpose of the ledger a kind of message serves (all others: service messages).
PURPOSE_OF_KIND = {MessageKind.CAMPAIGN: ConsentPurpose.NEWS,
                   MessageKind.MEAL_REMINDER: ConsentPurpose.REMINDERS,
                   MessageKind.RENTAL_DUE: ConsentPurpose.REMINDERS}
#: Older names of the ways a consent is given.
METHOD_ALIASES = {"phone": ConsentMethod.DESK}


def contact_for(phone):
    return SmsContact._default_manager.filter(phone=phone).first()


def is_opted_out(phone, kind=None) -> bool:
    """Whether the number said stop (by SMS, at the desk, online) to messages of ``kind``."""
    purpose = PURPOSE_OF_KIND.get(kind, ConsentPurpose.SERVICE)
    return number_withdrawn(phone=phone, purpose=purpose)


def contact_language(phone) -> str:
    contact = contact_for(phone)
    return short_language(contact.language if contact and contact.language else None)


def contact_language_set(*, phone, language, user=None) -> SmsContact:
    contact, _created = SmsContact._default_manager.get_or_create(
        phone=phone, defaults={"user": user, "language": short_language(language)})
    if contact.language != short_language(language):
        contact.language = short_language(language)
        contact.save(update_fields=["language", "updated_at"])
    return contact


def number_person(*, phone, user=None, language=None):
    """The person a number speaks for: the account's, else the number's, else a new one.

    A number that writes to us is its person's own: a new person has it verified.
    """
    person = person_of(user) if user is not None else person_of_number(phone)
    if person is None:
        person = Person._default_manager.create(
            phone=phone, phone_verified_at=clock.now(),
            language=short_language(language) if language else Language.FRENCH)
    return person


@transaction.atomic
def sms_opt_out(*, phone, method, wording, user=None, recorded_by=None, person=None,
                language=None):
    """Stop all SMS to ``phone`` at once. Returns True if it was not opted out yet."""
    contact = _locked_contact(phone, user)
    if is_opted_out(phone):
        return False
    person = person or _person_for(contact, user, language)
    consents_record(person=person, purposes=SMS_PURPOSES, channel=ConsentChannel.SMS,
                    action=ConsentAction.WITHDRAWN, method=METHOD_ALIASES.get(method, method),
                    wording=wording, recorded_by=recorded_by, source=phone)
    _contact_cache(contact, person, opted_out_at=clock.now())
    OutboundMessage._default_manager.filter(to=phone, status=S.QUEUED).update(
        status=S.SKIPPED, last_error="The number has opted out of SMS.")
    return True


@transaction.atomic
def sms_opt_in(*, phone, method, wording, user=None, recorded_by=None, person=None,
               language=None):
    """Allow order and service messages and reminders to ``phone`` again.

    Returns True if it was opted out. Every person of the number who had said
    stop is resumed: the number asked.
    """
    contact = _locked_contact(phone, user)
    was_out = is_opted_out(phone)
    person = person or _person_for(contact, user, language)
    stopped = with_latest_consent(people_of_number(phone), purpose=ConsentPurpose.SERVICE,
                                  channel=ConsentChannel.SMS).filter(
        consent_action=ConsentAction.WITHDRAWN)
    for each in {person, *stopped}:
        consents_record(person=each, purposes=RESUMED_BY_START, channel=ConsentChannel.SMS,
                        action=ConsentAction.GIVEN, method=METHOD_ALIASES.get(method, method),
                        wording=wording, recorded_by=recorded_by, source=phone)
    _contact_cache(contact, person, opted_out_at=None)
    return was_out


@transaction.atomic
def sms_consent_give(*, phone, method, wording, user=None, recorded_by=None,
                     person=None) -> SmsContact:
    """Express consent to every kind of SMS, news and campaigns included (the words read say so)."""
    contact = _locked_contact(phone, user)
    person = person or _person_for(contact, user, None)
    consents_record(person=person, purposes=SMS_PURPOSES, channel=ConsentChannel.SMS,
                    action=ConsentAction.GIVEN, method=METHOD_ALIASES.get(method, method),
                    wording=wording, recorded_by=recorded_by, source=phone)
    _contact_cache(contact, person, opted_out_at=None, consented_at=clock.now())
    return contact


def _locked_contact(phone, user):
    contact, _created = SmsContact._default_manager.get_or_create(phone=phone, defaults={"user": user})
    contact = SmsContact._default_manager.select_for_update().get(pk=contact.pk)
    if user is not None and contact.user_id is None:
        contact.user = user
        contact.save(update_fields=["user", "updated_at"])
    return contact


def _person_for(contact, user, language):
    if user is None and contact.person_id:
        return contact.person
    return number_person(phone=contact.phone, user=user or contact.user, language=language)


def _contact_cache(contact, person, **values):
    values.setdefault("person", contact.person or person)
    for name, value in values.items():
        setattr(contact, name, value)
    contact.save(update_fields=[*values, "updated_at"])
