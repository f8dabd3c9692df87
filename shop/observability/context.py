"""What every log line says about the work it belongs to.

One context variable holds the request id, the seller and the channel (and, in
a Celery task, the task's name and id). The request middleware and the Celery
signal receivers set it around each request and task; ``bind`` adds to it
where the code knows more (a seller, for instance).
"""

import contextvars
import re
import uuid
from contextlib import contextmanager

FIELDS = ("request_id", "seller", "channel", "task_name", "task_id")
_EMPTY: dict = {}
_context: contextvars.ContextVar[dict] = contextvars.ContextVar("observability_context", default=_EMPTY)

# An incoming X-Request-ID is kept when it is short and made of safe characters.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_id_from_header(value: str | None) -> str | None:
    """The incoming id when it is well formed, else None (a new one is made)."""
    if value and _SAFE_REQUEST_ID.match(value):
        return value
    return None


def current() -> dict:
    """The context's fields, each None when unknown."""
    values = _context.get()
    return {name: values.get(name) for name in FIELDS}


def bind(**fields) -> contextvars.Token:
    """Add ``fields`` (request_id, seller, channel, task_name, task_id) to the
    current context until it ends; returns a token for ``unbind``."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError("Unknown log context field(s): " + ", ".join(sorted(unknown)))
    if "seller" in fields and fields["seller"] is not None:
        fields["seller"] = str(getattr(fields["seller"], "code", None) or fields["seller"])
    return _context.set({**_context.get(), **fields})


def unbind(token: contextvars.Token) -> None:
    _context.reset(token)


@contextmanager
def bound(**fields):
    """``bind`` for the length of a block."""
    token = bind(**fields)
    try:
        yield
    finally:
        unbind(token)


# Channel of a request, from its path without the language prefix: the first
# prefix that matches wins.
_CHANNELS = (
    ("/phone/sms/", "sms"),
    ("/notifications/sms/", "sms"),
    ("/phone/voice/", "voice"),
    ("/phone/", "phone"),
    ("/payments/webhooks/", "webhook"),
    ("/dashboard/", "dashboard"),
    ("/payments/dashboard/", "dashboard"),
    ("/reports/", "dashboard"),
    ("/notifications/outbox/", "dashboard"),
    ("/rentals/desk/", "dashboard"),
    ("/rentals/inventory/", "dashboard"),
    ("/admin/", "dashboard"),
)
_LANGUAGE_PREFIX = re.compile(r"^/[a-z]{2}(?:-[a-z]{2})?(?=/)")


def channel_for_path(path: str) -> str:
    """web, sms, voice, phone (the phone desk), webhook or dashboard."""
    path = _LANGUAGE_PREFIX.sub("", path, count=1)
    return next((channel for prefix, channel in _CHANNELS if path.startswith(prefix)), "web")
