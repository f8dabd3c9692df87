"""Twilio's REST API through the official SDK (``twilio.rest.Client``).

``TwilioSender`` turns the SDK's exceptions into ``errors.SmsError`` and its
message resource into a ``SentMessage``. The HTTP transport is the SDK's own,
or any ``twilio.http.HttpClient`` given to ``rest_client`` (the fake in tests).
"""

import requests
from django.conf import settings
from twilio.base.exceptions import TwilioException, TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from .errors import SmsTemporaryError, error_for_status
from .senders import SentMessage, SmsSender, sender_number

TIMEOUT_SECONDS = 10


def rest_client(*, account_sid, auth_token, http_client=None) -> Client:
    """A Twilio REST client; ``http_client`` replaces the network transport."""
    http_client = http_client or TwilioHttpClient(timeout=TIMEOUT_SECONDS)
    return Client(account_sid, auth_token, http_client=http_client)


class TwilioSender(SmsSender):
    name = "twilio"

    def __init__(self, client: Client, *, from_number="", messaging_service_sid=""):
        self.client = client
        self.from_number = from_number
        self.messaging_service_sid = messaging_service_sid

    def send(self, *, to, body, status_callback=""):
        sender = {"messaging_service_sid": self.messaging_service_sid} if self.messaging_service_sid else {"from_": self.from_number}
        if status_callback:
            sender["status_callback"] = status_callback
        try:
            message = self.client.messages.create(to=to, body=body, **sender)
        except (TwilioRestException, TwilioServiceException) as error:
            raise error_for_status(error.status, _describe(error), code=error.code) from error
        except (TwilioException, requests.RequestException) as error:
            raise SmsTemporaryError(f"Twilio could not be reached: {error}") from error
        return SentMessage(sid=message.sid, status=message.status, to=message.to, body=message.body)


def _describe(error):
    detail = getattr(error, "msg", "") or getattr(error, "detail", "") or getattr(error, "title", "")
    return f"Twilio HTTP {error.status} (code {error.code}): {detail}"


def twilio_sender() -> TwilioSender:
    """The sender of the ``twilio`` backend, built from settings."""
    client = rest_client(
        account_sid=settings.TWILIO_ACCOUNT_SID, auth_token=settings.TWILIO_AUTH_TOKEN
    )
    return TwilioSender(
        client,
        from_number=sender_number(),
        messaging_service_sid=settings.TWILIO_MESSAGING_SERVICE_SID,
    )
