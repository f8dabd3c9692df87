"""Twilio voice webhooks: each parses, calls one service, answers TwiML."""

from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integrations.twilio.twiml import twiml_response
from integrations.twilio.webhooks import is_signed, parse_voice, twilio_signature_required
from shop.observability.webhooks import webhook_observed
from shop.ratelimit import signed_webhook_limited

from .services import voice


def twilio_voice(view):
    return csrf_exempt(webhook_observed("twilio")(signed_webhook_limited(is_signed)(
        require_POST(twilio_signature_required(view)))))


def _language(language):
    if language not in voice.VOICE_LANGUAGES:
        raise Http404
    return language


@twilio_voice
def voice_incoming_view(request):
    return twiml_response(voice.voice_welcome())


@twilio_voice
def voice_language_view(request):
    return twiml_response(voice.voice_language(digits=parse_voice(request.POST).digits))


@twilio_voice
def voice_menu_view(request, language):
    return twiml_response(voice.voice_menu(language=_language(language)))


@twilio_voice
def voice_choice_view(request, language):
    call = parse_voice(request.POST)
    return twiml_response(voice.voice_choice(language=_language(language), digits=call.digits,
                                             caller=call.from_number))


@twilio_voice
def voice_dial_done_view(request, language):
    return twiml_response(voice.voice_after_dial(language=_language(language),
                                                 dial_status=request.POST.get("DialCallStatus", "")))


@twilio_voice
def voice_recorded_view(request, language):
    return twiml_response(voice.voice_recorded(language=_language(language),
                                               call=parse_voice(request.POST)))
