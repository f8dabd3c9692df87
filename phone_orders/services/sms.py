"""Inbound SMS: one keyword, one short answer, in the client's language.

STOP (ARRÊT and Twilio's other words) and START are answered in the language
of the number's person, whatever the keyword's; each is a row of the
person's consent ledger, with the words received. YES from a number that
said stop resumes it, as Twilio's own opt-out does.

``sms_inbound_handle`` runs in one transaction and returns the reply, sent
back as TwiML; anything heavy (placing a reorder) is queued for after commit.
A message Twilio delivers twice (same MessageSid) is handled once, even when
the deliveries arrive at the same moment: the SMS's log row is written first,
unique on the MessageSid, so a second delivery waits for the first one's
transaction and answers its reply.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import translation

from shop.notifications.phones import to_e164
from shop.notifications.services import (
    contact_for,
    contact_language,
    contact_language_set,
    is_opted_out,
    sms_opt_in,
    sms_opt_out,
)
from shop.notifications.texts import money
from shop.observability.webhooks import webhook_duplicate
from shop.order.statuses import status_label
from shop.people.models import ConsentMethod
from shop.people.selectors.consents import person_of_number
from shop.people.services.persons import person_of

from .. import hooks
from ..keywords import parse
from ..models import Command, InboundSms, InboxKind
from ..selectors import last_order, user_for_phone
from .inbox import inbox_add
from .questions import question_answer, reorder_offer, text

# What a number that opted out may still ask; everything else gets no answer.
WHILE_OPTED_OUT = {Command.START, Command.HELP, Command.STOP, Command.UNKNOWN}
WITHOUT_ACCOUNT = {Command.START, Command.STOP}
CONSENT_COMMANDS = {Command.START, Command.STOP}


@dataclass(frozen=True)
class Sender:
    phone: str
    user: object
    language: str
    opted_out: bool
    body: str


@transaction.atomic
def sms_inbound_handle(*, sms) -> str:
    """Handle one inbound SMS (``integrations.twilio.webhooks.InboundSms``); return the reply."""
    phone = to_e164(sms.from_number) or sms.from_number
    logged = _claim(sms, phone)
    if logged is None:
        return _first_reply(sms)
    parsed = parse(sms.body)
    user = user_for_phone(phone)
    known_language = hooks.known_number_language(phone=phone) if user is None else None
    known = user is not None or known_language is not None
    opted_out = is_opted_out(phone)
    asked = Command.START if opted_out and parsed.command == Command.YES else parsed.command
    command = asked if known or asked in WITHOUT_ACCOUNT else Command.UNKNOWN_SENDER
    if command in CONSENT_COMMANDS:
        language = _person_language(phone, user, parsed.language, known_language)
    else:
        language = _language(phone, user, parsed.language, known_language)
    sender = Sender(phone, user, language, opted_out, sms.body)
    reply = HANDLERS[command](sender) if _may_answer(sender, command) else ""
    logged.user, logged.command, logged.language, logged.reply = user, command, sender.language, reply
    logged.save()
    return reply


def _claim(sms, phone) -> InboundSms | None:
    """The SMS's log row, written before anything else; None when it was delivered before.

    The row is unique on the MessageSid: a delivery of the same message at the
    same moment blocks on it (PostgreSQL) until this transaction ends, then
    fails to insert and answers the first delivery's reply.
    """
    if not sms.message_sid:
        return InboundSms(from_number=phone, to_number=sms.to_number, body=sms.body)
    if InboundSms._default_manager.filter(message_sid=sms.message_sid).exists():
        return None
    try:
        with transaction.atomic():
            return InboundSms._default_manager.create(
                message_sid=sms.message_sid, from_number=phone, to_number=sms.to_number,
                body=sms.body, command=Command.UNKNOWN)
    except IntegrityError:
        return None


def _first_reply(sms) -> str:
    webhook_duplicate()  # counted as such in /metrics
    return InboundSms._default_manager.get(message_sid=sms.message_sid).reply


def _language(phone, user, keyword_language, known_language=None):
    """The keyword's language, else the number's last one, else that of the person known by it."""
    if keyword_language:
        contact_language_set(phone=phone, language=keyword_language, user=user)
        return keyword_language
    contact = contact_for(phone)
    if known_language and not (contact and contact.language):
        return known_language
    return contact_language(phone)


def _person_language(phone, user, keyword_language, known_language=None):
    """The language of the number's person; the keyword's only when the number has none."""
    person = person_of(user) if user is not None else person_of_number(phone)
    if person is not None:
        return person.language
    return keyword_language or known_language or contact_language(phone)


def _may_answer(sender, command):
    return not sender.opted_out or command in WHILE_OPTED_OUT


def _help(sender):
    return text("help_opted_out" if sender.opted_out else "help", sender.language)


def _status(sender):
    order = last_order(sender.user)
    context = {"order": order,
               "next_delivery": hooks.next_delivery(user=sender.user, phone=sender.phone,
                                                  language=sender.language)}
    if order is not None:
        with translation.override(sender.language):
            context["status"] = str(status_label(order.status)).lower()
        context["total"] = money(order.total_incl_tax, sender.language)
    return text("status", sender.language, context)


def _stop(sender):
    changed = sms_opt_out(phone=sender.phone, user=sender.user, method=ConsentMethod.SMS,
                          wording=sender.body, language=sender.language)
    return text("stopped", sender.language) if changed else ""


def _start(sender):
    sms_opt_in(phone=sender.phone, user=sender.user, method=ConsentMethod.SMS, wording=sender.body,
               language=sender.language)
    return text("started", sender.language)


def _order(sender):
    return reorder_offer(phone=sender.phone, user=sender.user, language=sender.language)


def _yes(sender):
    return question_answer(phone=sender.phone, user=sender.user, yes=True, language=sender.language)


def _no(sender):
    return question_answer(phone=sender.phone, user=sender.user, yes=False, language=sender.language)


def _skip(sender):
    reply = hooks.skip_next_delivery(user=sender.user, phone=sender.phone, language=sender.language)
    return reply or text("skip_none", sender.language)


def _not_understood(sender):
    inbox_add(kind=InboxKind.SMS, phone=sender.phone, user=sender.user, body=sender.body)
    return "" if sender.opted_out else text("not_understood", sender.language)


def _unknown_sender(sender):
    return text("unknown_sender", sender.language)


HANDLERS = {
    Command.HELP: _help, Command.STATUS: _status, Command.STOP: _stop, Command.START: _start,
    Command.ORDER: _order, Command.YES: _yes, Command.NO: _no, Command.SKIP: _skip,
    Command.UNKNOWN: _not_understood, Command.UNKNOWN_SENDER: _unknown_sender,
}
