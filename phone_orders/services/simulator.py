"""The simulator: staff play a client's phone, through the real webhooks.

Each step is a POST to the same webhook URL Twilio would call, signed as
Twilio signs (``integrations.twilio.webhooks.sign``), handed to the URL's own
view; the TwiML it answers is read back into what a phone would show or say.
"""

import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve, reverse

from integrations.twilio.webhooks import public_url, sign


@dataclass
class Step:
    """What a webhook answered: words said or texted, and what the caller may do next."""

    status: int
    said: list = field(default_factory=list)  # (language, text)
    messages: list = field(default_factory=list)
    gather_url: str = ""
    record_url: str = ""
    redirect_url: str = ""
    dial_numbers: list = field(default_factory=list)
    dial_url: str = ""
    hangup: bool = False


def webhook_post(url_or_path: str, params: dict) -> Step:
    """POST ``params`` to one of our webhooks, signed as Twilio signs it."""
    path = urlparse(url_or_path).path
    params = {"AccountSid": settings.TWILIO_ACCOUNT_SID or "AC" + "0" * 32, **params}
    request = RequestFactory().post(path, params,
                                    HTTP_X_TWILIO_SIGNATURE=sign(public_url(path), params))
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    return read_twiml(response.status_code, response.content)


def sms_send(*, from_number, body) -> Step:
    return webhook_post(reverse("phone_orders:sms-inbound"), {
        "MessageSid": "SM" + secrets.token_hex(16), "From": from_number,
        "To": settings.TWILIO_FROM_NUMBER or settings.SHOP_SMS_NUMBER, "Body": body})


def call_step(*, url, from_number, call_sid, **params) -> Step:
    return webhook_post(url or reverse("phone_orders:voice-incoming"), {
        "CallSid": call_sid, "From": from_number, "CallStatus": "in-progress",
        "To": settings.SHOP_PHONE_NUMBER, **params})


def read_twiml(status, content) -> Step:
    step = Step(status=status)
    if status != 200:
        return step
    for element in ET.fromstring(content).iter():
        _read(step, element)
    return step


def _read(step, element):
    if element.tag == "Say":
        step.said.append((element.get("language", ""), element.text or ""))
    elif element.tag == "Message":
        step.messages.append(element.text or "")
    elif element.tag == "Gather":
        step.gather_url = element.get("action", "")
    elif element.tag == "Record":
        step.record_url = element.get("action", "")
    elif element.tag == "Redirect":
        step.redirect_url = element.text or ""
    elif element.tag == "Dial":
        step.dial_url = element.get("action", "")
    elif element.tag == "Number":
        step.dial_numbers.append(element.text or "")
    elif element.tag == "Hangup":
        step.hangup = True
