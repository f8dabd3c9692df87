"""Log records that carry their context and never a phone number or email.

``ContextFilter`` adds ``request_id``, ``seller``, ``channel``, ``task_name``
and ``task_id`` to each record; ``PersonalDataFilter`` masks the message, its
arguments, extra fields and exception text. Both sit on every handler of
``LOGGING``. ``install_record_factory`` masks each record's message as it is
made and notes its context, so that handlers added later (Sentry's, a test's)
see masked messages too. Nothing here imports Django models: it is loaded while
logging is configured, before the apps.
"""

import logging

from . import context
from .masking import mask, mask_data

_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
_MASKED = "_personal_data_masked"


class ContextFilter(logging.Filter):
    """Adds the current request id, seller, channel and task to the record."""

    def filter(self, record):
        add_context(record)
        return True


class PersonalDataFilter(logging.Filter):
    """Masks phone numbers and emails in the message, its args and extra fields."""

    def filter(self, record):
        mask_record(record)
        return True


def add_context(record: logging.LogRecord) -> None:
    """The context when the record was made (or now), without overwriting ``extra``."""
    values = getattr(record, "_context", None) or context.current()
    for name, value in values.items():
        if getattr(record, name, None) is None:
            setattr(record, name, value if value is not None else "-" if name == "request_id" else None)


def mask_record(record: logging.LogRecord) -> None:
    if not getattr(record, _MASKED, False):
        _mask_message(record)
        setattr(record, _MASKED, True)
    for name, value in list(vars(record).items()):
        if name not in _STANDARD_ATTRS and not name.startswith("_") and value is not None:
            setattr(record, name, mask_data(value))
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = mask(record.exc_text)


def _mask_message(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: let the handler report it as usual
        return
    record.msg, record.args = mask(message), ()


def install_record_factory() -> None:
    """Every record made from now on carries its context, masked."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_observability", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record._context = context.current()  # fields set later: ``extra`` may name them
        _mask_message(record)
        setattr(record, _MASKED, True)
        return record

    factory._observability = True
    logging.setLogRecordFactory(factory)
