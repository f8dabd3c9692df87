"""No SMS at night: between the configured hours, local time (America/Toronto)."""

from datetime import datetime, time, timedelta

from django.conf import settings

from shop import clock


def quiet_hours_end(now: datetime | None = None) -> datetime | None:
    """When the quiet hours around ``now`` end, or None outside them."""
    local = clock.local(now)
    start, end = settings.SMS_QUIET_HOURS_START, settings.SMS_QUIET_HOURS_END
    overnight = start > end
    if overnight and local.hour >= start:
        return _local(local.date() + timedelta(days=1), end, local.tzinfo)
    if (overnight and local.hour < end) or (start <= local.hour < end):
        return _local(local.date(), end, local.tzinfo)
    return None


def _local(day, hour, tz):
    return datetime.combine(day, time(hour), tzinfo=tz)
