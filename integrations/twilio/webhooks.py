"""Twilio webhooks: signature checks and the parsing of what Twilio posts.

Twilio signs each webhook with the account's auth token over the full URL it
called and the posted parameters. Behind a proxy that terminates TLS the URL
Django sees is not that one, so the URL is rebuilt from
``settings.PUBLIC_BASE_URL`` and the request's path and query.
"""

import functools
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponseForbidden
from twilio.request_validator import RequestValidator

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Twilio-Signature"


def webhook_token() -> str:
    """The secret webhooks are signed with.

    Twilio's auth token when Twilio is configured; with Twilio off (demo,
    simulator, tests) a secret derived from ``SECRET_KEY``, never empty, so a
    signature cannot be forged by knowing there is no token.
    """
    if settings.TWILIO_AUTH_TOKEN:
        return settings.TWILIO_AUTH_TOKEN
    if settings.TWILIO_ENABLED:
        return ""
    return hashlib.sha256(("twilio-webhooks:" + settings.SECRET_KEY).encode()).hexdigest()


def public_url(path: str) -> str:
    """The address Twilio calls for ``path`` (path and query of our site)."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def sign(url: str, params: dict) -> str:
    """The ``X-Twilio-Signature`` Twilio would send for a POST of ``params`` to ``url``."""
    return RequestValidator(webhook_token()).compute_signature(url, params)


def is_signed(request) -> bool:
    token = webhook_token()
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if not token or not signature:
        return False
    params = request.POST if request.method == "POST" else {}
    url = public_url(request.get_full_path())
    return RequestValidator(token).validate(url, params, signature)


def twilio_signature_required(view):
    """Refuse (403) any request whose Twilio signature does not check out."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_signed(request):
            logger.warning("Refused a Twilio webhook with a bad signature: %s", request.path)
            return HttpResponseForbidden("Invalid Twilio signature")
        return view(request, *args, **kwargs)

    wrapper.csrf_exempt = True
    return wrapper


@dataclass(frozen=True)
class StatusCallback:
    """A message status callback: which message and its new status."""

    message_sid: str
    status: str
    error_code: str = ""


def parse_status_callback(post) -> StatusCallback:
    return StatusCallback(
        message_sid=post.get("MessageSid") or post.get("SmsSid", ""),
        status=post.get("MessageStatus") or post.get("SmsStatus", ""),
        error_code=post.get("ErrorCode", ""),
    )


@dataclass(frozen=True)
class InboundSms:
    """An SMS received on the shop's number."""

    message_sid: str
    from_number: str
    to_number: str
    body: str


def parse_inbound_sms(post) -> InboundSms:
    return InboundSms(
        message_sid=post.get("MessageSid") or post.get("SmsSid", ""),
        from_number=post.get("From", ""),
        to_number=post.get("To", ""),
        body=post.get("Body", ""),
    )


@dataclass(frozen=True)
class VoiceCall:
    """What Twilio posts to a voice webhook."""

    call_sid: str
    from_number: str
    digits: str = ""
    recording_url: str = ""
    recording_duration: str = ""
    call_status: str = ""


def parse_voice(post) -> VoiceCall:
    return VoiceCall(
        call_sid=post.get("CallSid", ""),
        from_number=post.get("From", ""),
        digits=post.get("Digits", ""),
        recording_url=post.get("RecordingUrl", ""),
        recording_duration=post.get("RecordingDuration", ""),
        call_status=post.get("CallStatus", ""),
    )
