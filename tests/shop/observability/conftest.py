"""Every log record of a test, caught at the root logger as production's handler sees it."""

import logging
import threading

import pytest

from shop.observability.logs import ContextFilter, PersonalDataFilter
from tests.integrations.twilio.helpers import fake_twilio, no_quiet_hours, twilio_settings  # noqa: F401


class RecordingHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []
        self._records_lock = threading.Lock()
        self.addFilter(ContextFilter())
        self.addFilter(PersonalDataFilter())
        self.setFormatter(logging.Formatter("%(name)s %(message)s %(request_id)s %(seller)s %(channel)s"))

    def emit(self, record):
        with self._records_lock:
            self.records.append((record, self.format(record)))

    def lines(self):
        with self._records_lock:
            return [line for _record, line in self.records]


@pytest.fixture
def logs():
    """The records (and formatted lines) of everything logged, at DEBUG, from any thread."""
    root, handler = logging.getLogger(), RecordingHandler()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)
