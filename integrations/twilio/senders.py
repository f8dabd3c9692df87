"""The SMS sender interface and the choice of backend.

A sender has one method, ``send(*, to, body, status_callback)``, which returns a
``SentMessage`` or raises ``errors.SmsError``. ``settings.SMS_BACKEND`` names
the backend: ``twilio``, ``console`` or ``fake``. Senders are built lazily and
kept per backend name, so tests can switch backends with ``settings``.
"""

import logging
import secrets
from collections import deque
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

BACKENDS = {
    "twilio": "integrations.twilio.client.twilio_sender",
    "console": "integrations.twilio.senders.ConsoleSender",
    "fake": "integrations.twilio.fake.fake_sender",
}
_senders = {}


@dataclass(frozen=True)
class SentMessage:
    """What the provider said about a message it accepted."""

    sid: str
    status: str
    to: str
    body: str


class SmsSender:
    """Sends one SMS. Meant to be subclassed by each backend."""

    name = "base"

    def send(self, *, to: str, body: str, status_callback: str = "") -> SentMessage:
        raise NotImplementedError


class ConsoleSender(SmsSender):
    """The demo backend: logs each message and keeps the last ones in memory.

    The outbox rows stay the record shown in the dashboard; ``sent`` keeps the
    last 200 messages of this process for a quick look (and for tests).
    """

    name = "console"

    def __init__(self):
        self.sent = deque(maxlen=200)

    def send(self, *, to, body, status_callback=""):
        message = SentMessage(sid="SM" + secrets.token_hex(16), status="sent", to=to, body=body)
        self.sent.append(message)
        # Neither the number nor the text (personal data): the outbox shows them to staff.
        logger.info("SMS %s (console, not sent): %s characters", message.sid, len(body))
        return message


def get_sender(name=None) -> SmsSender:
    """The sender of backend ``name`` (default: ``settings.SMS_BACKEND``)."""
    name = name or settings.SMS_BACKEND
    if name not in _senders:
        try:
            factory = import_string(BACKENDS[name])
        except KeyError:
            raise ValueError("Unknown SMS_BACKEND {!r}; use one of {}".format(name, ", ".join(BACKENDS))) from None
        _senders[name] = factory()
    return _senders[name]


def reset_senders():
    """Forget built senders (after a settings change, in tests)."""
    _senders.clear()


def sender_number() -> str:
    """The number messages come from (E.164)."""
    return settings.TWILIO_FROM_NUMBER or settings.SHOP_SMS_NUMBER
