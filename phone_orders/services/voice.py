"""The voice menu, as TwiML: language first, then status, skip, or a person.

1 français / 2 English; then 1 the status of the last order or next delivery
(by caller ID), 2 skip tomorrow's delivery, 3 talk to someone: the staff
numbers are dialled during opening hours, otherwise (or if nobody answers)
the caller leaves a voicemail that lands in the call-back inbox.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from integrations.twilio.twiml import VoiceResponse
from integrations.twilio.webhooks import public_url, twilio_recording_url
from shop import clock
from shop.notifications.phones import to_e164
from shop.notifications.texts import money, render_sms
from shop.order.statuses import status_label

from .. import hooks
from ..models import InboxKind
from ..selectors import last_order, user_for_phone
from .inbox import inbox_add

logger = logging.getLogger(__name__)
VOICE_LANGUAGES = {"fr": "fr-CA", "en": "en-CA"}


def say(language, name, context=None):
    return render_sms("phone_orders/voice/" + name, language, context)


def url(name, language=None):
    kwargs = {"language": language} if language else {}
    return public_url(reverse("phone_orders:" + name, kwargs=kwargs))


def voice_welcome() -> VoiceResponse:
    response = VoiceResponse()
    gather = response.gather(num_digits=1, action=url("voice-language"), method="POST",
                             input="dtmf", timeout=6)
    gather.say(say("fr", "welcome"), language=VOICE_LANGUAGES["fr"])
    gather.say(say("en", "welcome"), language=VOICE_LANGUAGES["en"])
    response.redirect(url("voice-menu", "fr"), method="POST")
    return response


def voice_language(*, digits) -> VoiceResponse:
    language = {"1": "fr", "2": "en"}.get(digits)
    if language is None:
        return voice_welcome()
    return voice_menu(language=language)


def voice_menu(*, language, before="") -> VoiceResponse:
    response = VoiceResponse()
    gather = response.gather(num_digits=1, action=url("voice-choice", language), method="POST",
                             input="dtmf", language=VOICE_LANGUAGES[language], timeout=8)
    if before:
        gather.say(before, language=VOICE_LANGUAGES[language])
    gather.say(say(language, "menu"), language=VOICE_LANGUAGES[language])
    response.redirect(url("voice-menu", language), method="POST")
    return response


def voice_choice(*, language, digits, caller) -> VoiceResponse:
    phone = to_e164(caller) or caller
    user = user_for_phone(phone)
    if digits == "3":
        return _talk_to_someone(language)
    if digits in ("1", "2") and user is None:
        return voice_menu(language=language, before=say(language, "unknown_caller"))
    if digits == "1":
        return voice_menu(language=language, before=_status(language, user))
    if digits == "2":
        reply = hooks.skip_next_delivery(user=user, phone=phone, language=language)
        return voice_menu(language=language, before=reply or say(language, "skip_none"))
    return voice_menu(language=language, before=say(language, "not_understood"))


def _status(language, user):
    order = last_order(user)
    context = {"order": order, "next_delivery": hooks.next_delivery(user=user, language=language)}
    if order is not None:
        with translation.override(language):
            context["status"] = str(status_label(order.status)).lower()
        context["total"] = money(order.total_incl_tax, language)
    return say(language, "status", context)


def is_open(now=None) -> bool:
    local = clock.local(now)
    opening, closing = settings.PHONE_OPENING_HOURS
    return local.weekday() in settings.PHONE_OPENING_DAYS and opening <= local.hour < closing


def _talk_to_someone(language, now=None):
    if not (settings.PHONE_STAFF_NUMBERS and is_open(now)):
        return _voicemail(language)
    response = VoiceResponse()
    response.say(say(language, "connecting"), language=VOICE_LANGUAGES[language])
    dial = response.dial(action=url("voice-dial-done", language), method="POST", timeout=20)
    for number in settings.PHONE_STAFF_NUMBERS:
        dial.number(number)
    return response


def voice_after_dial(*, language, dial_status) -> VoiceResponse:
    if dial_status == "completed":
        response = VoiceResponse()
        response.hangup()
        return response
    return _voicemail(language)


def _voicemail(language):
    response = VoiceResponse()
    response.say(say(language, "voicemail"), language=VOICE_LANGUAGES[language])
    response.record(action=url("voice-recorded", language), method="POST", max_length=120,
                    play_beep=True, finish_on_key="#")
    response.say(say(language, "thanks"), language=VOICE_LANGUAGES[language])
    return response


def voice_recorded(*, language, call) -> VoiceResponse:
    """Put the voicemail (or the missed call, if nothing was said) in the inbox.

    Only a recording on Twilio's own API over https is kept as a link for
    staff to follow; any other address (``javascript:``, another site) is
    dropped, the voicemail kept without it.
    """
    phone = to_e164(call.from_number) or call.from_number
    has_message = call.recording_url and call.recording_duration not in ("", "0")
    recording = twilio_recording_url(call.recording_url) if has_message else ""
    if has_message and not recording:
        logger.warning("Voicemail of call %s: recording address refused (not Twilio's): %r",
                       call.call_sid, call.recording_url[:100])
    inbox_add(kind=InboxKind.VOICEMAIL if has_message else InboxKind.MISSED_CALL, phone=phone,
              user=user_for_phone(phone), recording_url=recording,
              call_sid=call.call_sid, body=f"({VOICE_LANGUAGES[language]})")
    response = VoiceResponse()
    response.say(say(language, "thanks"), language=VOICE_LANGUAGES[language])
    response.hangup()
    return response
