"""The tests' clock: one frozen moment, and every date of the suite counted from it.

Every test runs with the clock frozen at ``FROZEN_NOW`` (``tests/conftest.py``,
time-machine, ticking from there), so no test depends on the real date: the
suite passes the same today, under ``faketime '2028-02-29 12:00:00'`` or in ten
years. A test about time moves the clock with the ``clock`` fixture
(``clock.move_to(at(day(3), 18))``) or hands ``now=`` to the service it calls.

The frozen moment is a Thursday morning in the middle of a meal-delivery
registration window (``tests/services/factories.py`` opens it 19 days before and
closes it 103 days after); write other days as ``day(n)``, ``n`` days after it.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/Toronto")
FROZEN_NOW = datetime(2026, 8, 20, 10, 0, tzinfo=ZONE)  # the frozen clock: a Thursday, 10:00
TODAY = FROZEN_NOW.date()
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


def day(n: int = 0) -> date:
    """The day ``n`` days after the frozen day (before it when ``n`` is negative)."""
    return TODAY + timedelta(days=n)


def weekday_on_or_after(start: date, weekday: int) -> date:
    """The first ``weekday`` (0 = Monday) on or after ``start``."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def at(on: date, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` on the shop's wall clock (America/Toronto) on day ``on``."""
    return datetime.combine(on, time(hour, minute), tzinfo=ZONE)
