"""A fake Twilio for tests: an ``HttpClient`` the SDK's ``Client`` talks to.

Every request is checked against Twilio's published contract
(``contract.check_create_message``); accepted messages are kept in ``messages``
and answered with an object that fits the spec's message schema. Tell it to
fail with ``fail_next(429)`` or ``fail_next(500, times=5)``.
"""

import json
import logging
import secrets
from dataclasses import dataclass
from email.utils import format_datetime

from django.conf import settings
from twilio.http import HttpClient
from twilio.http.response import Response

from shop import clock

from . import contract

logger = logging.getLogger(__name__)
TEST_ACCOUNT_SID = "AC" + "0" * 32
ERRORS = {
    429: (20429, "Too Many Requests"),
    500: (20500, "Internal Server Error"),
    503: (20503, "Service Unavailable"),
    400: (21211, "The 'To' number is not a valid phone number."),
}


@dataclass(frozen=True)
class FakeRequest:
    method: str
    url: str
    data: dict
    answered: int


class FakeTwilioHttpClient(HttpClient):
    def __init__(self):
        super().__init__(logger, is_async=False)
        self.reset()

    def reset(self):
        self.requests = []
        self.messages = []
        self._failures = []

    def fail_next(self, status, *, times=1):
        """Answer the next ``times`` requests with HTTP ``status``."""
        self._failures.extend([status] * times)

    def request(self, method, uri, params=None, data=None, headers=None, auth=None,
                timeout=None, allow_redirects=False):
        account_sid = contract.check_create_message(method=method, url=uri, data=data, auth=auth)
        status = self._failures.pop(0) if self._failures else 201
        self.requests.append(FakeRequest(method, uri, dict(data or {}), status))
        if status != 201:
            return Response(status, json.dumps(_error(status)))
        message = _message(account_sid, data)
        self.messages.append(message)
        return Response(201, json.dumps(message))

    @property
    def sent_to(self):
        """The numbers that messages were accepted for, in order."""
        return [message["to"] for message in self.messages]


def _error(status):
    code, message = ERRORS.get(status, (20000 + status, "Error"))
    return {"code": code, "message": message, "status": status,
            "more_info": f"https://www.twilio.com/docs/errors/{code}"}


def _message(account_sid, data):
    sid = "SM" + secrets.token_hex(16)
    now = format_datetime(clock.now(), usegmt=True)
    message = contract.message_example()
    uri = f"/2010-04-01/Accounts/{account_sid}/Messages/{sid}.json"
    message.update(
        account_sid=account_sid, sid=sid, to=data["To"], body=data.get("Body"),
        status="queued", date_created=now, date_updated=now, date_sent=None,
        messaging_service_sid=data.get("MessagingServiceSid"),
        uri=uri, subresource_uris={"media": uri.replace(".json", "/Media.json")},
        num_segments=str(1 + len(data.get("Body", "")) // 160),
        **{"from": data.get("From")},
    )
    return contract.check_message(message)


_transport = None


def transport() -> FakeTwilioHttpClient:
    """The one fake transport of this process (tests inspect and reset it)."""
    global _transport
    if _transport is None:
        _transport = FakeTwilioHttpClient()
    return _transport


def fake_sender():
    """The sender of the ``fake`` backend: the real SDK over the fake transport."""
    from .client import TwilioSender, rest_client
    from .senders import sender_number

    client = rest_client(
        account_sid=settings.TWILIO_ACCOUNT_SID or TEST_ACCOUNT_SID,
        auth_token=settings.TWILIO_AUTH_TOKEN or "test-auth-token",
        http_client=transport(),
    )
    return TwilioSender(client, from_number=sender_number(),
                        messaging_service_sid=settings.TWILIO_MESSAGING_SERVICE_SID)
