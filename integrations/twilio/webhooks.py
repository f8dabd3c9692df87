"""Twilio webhooks: signature checks and the parsing of what Twilio posts.

Twilio signs each webhook with the account's auth token over the full URL it
called and the posted parameters. Behind a proxy that terminates TLS the URL
Django sees is not that one, so the URL is rebuilt from
``settings.PUBLIC_BASE_URL`` and the request's path and query.
"""

import functools
import hashlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

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
    """Whether Twilio signed ``request`` (checked once per request, then remembered)."""
    if not hasattr(request, "_twilio_signed"):
        request._twilio_signed = _signature_checks_out(request)
    return request._twilio_signed


def _signature_checks_out(request) -> bool:
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


# What is kept of each posted field: Twilio's own ids and numbers are far
# shorter, and an SMS body is at most 1,600 characters.
SID_LENGTH, NUMBER_LENGTH, BODY_LENGTH, URL_LENGTH, SHORT_LENGTH = 64, 32, 1600, 500, 32


def field(post, *names, limit) -> str:
    """The first of ``names`` present in ``post``, without NUL characters and at most ``limit`` long."""
    value = next((post.get(name) for name in names if post.get(name)), "")
    return value.replace("\x00", "")[:limit]


@dataclass(frozen=True)
class StatusCallback:
    """A message status callback: which message and its new status."""

    message_sid: str
    status: str
    error_code: str = ""


def parse_status_callback(post) -> StatusCallback:
    return StatusCallback(
        message_sid=field(post, "MessageSid", "SmsSid", limit=SID_LENGTH),
        status=field(post, "MessageStatus", "SmsStatus", limit=SHORT_LENGTH),
        error_code=field(post, "ErrorCode", limit=SHORT_LENGTH),
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
        message_sid=field(post, "MessageSid", "SmsSid", limit=SID_LENGTH),
        from_number=field(post, "From", limit=NUMBER_LENGTH),
        to_number=field(post, "To", limit=NUMBER_LENGTH),
        body=field(post, "Body", limit=BODY_LENGTH),
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
        call_sid=field(post, "CallSid", limit=SID_LENGTH),
        from_number=field(post, "From", limit=NUMBER_LENGTH),
        digits=field(post, "Digits", limit=SHORT_LENGTH),
        recording_url=field(post, "RecordingUrl", limit=URL_LENGTH),
        recording_duration=field(post, "RecordingDuration", limit=SHORT_LENGTH),
        call_status=field(post, "CallStatus", limit=SHORT_LENGTH),
    )


# A recording's address as Twilio gives it (RecordingUrl; the 2010-04-01 API's
# Recording resource, contracts/twilio_api_v2010.json): its REST API host,
# api.twilio.com or a regional one (api.dublin.ie1.twilio.com), then
# /2010-04-01/Accounts/AC…/Recordings/RE…, with .mp3 or .wav at most.
RECORDING_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+twilio\.com")
RECORDING_PATH = re.compile(
    r"/2010-04-01/Accounts/AC[0-9a-fA-F]{32}/Recordings/RE[0-9a-fA-F]{32}(?:\.(?:mp3|wav))?")


def twilio_recording_url(url: str) -> str:
    """``url`` if it is a recording on Twilio's API over https, else "" (never a link to follow)."""
    url = url.strip()
    if not re.fullmatch(r"[\x21-\x7e]+", url):  # no blanks or controls urlsplit would drop
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    if (parts.scheme != "https" or parts.username is not None or parts.password is not None
            or port not in (None, 443) or parts.query or parts.fragment
            or not RECORDING_HOST.fullmatch(parts.hostname or "")
            or not RECORDING_PATH.fullmatch(parts.path)):
        return ""
    return url
