"""The shop's one clock: every "now" and "today" of the code is read here.

Times are aware. "Today" and local times are those of the shop's time zone
(``settings.TIME_ZONE``, America/Toronto), whatever time zone a request may have
activated and whatever zone a datetime handed in is expressed in. The tests
freeze this clock (``tests/clock.py``) and set it where a test is about time.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def now() -> datetime:
    """The current moment (aware, UTC)."""
    return timezone.now()


def shop_zone() -> ZoneInfo:
    """The shop's time zone."""
    return ZoneInfo(settings.TIME_ZONE)


def local(moment: datetime | None = None) -> datetime:
    """``moment`` (or now) as the shop's wall clock reads it."""
    return (moment or now()).astimezone(shop_zone())


def today(moment: datetime | None = None) -> date:
    """The shop's calendar day at ``moment`` (or now)."""
    return local(moment).date()
