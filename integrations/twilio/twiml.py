"""TwiML answers, built with the SDK's own builders."""

from django.http import HttpResponse
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse  # noqa: F401  (re-exported for voice views)

CONTENT_TYPE = "text/xml; charset=utf-8"


def messaging_reply(text: str = "") -> str:
    """A <Response> with one <Message> (or none when ``text`` is empty)."""
    response = MessagingResponse()
    if text:
        response.message(text)
    return str(response)


def twiml_response(twiml) -> HttpResponse:
    return HttpResponse(str(twiml), content_type=CONTENT_TYPE)
