"""What the service functions share: the change cut-off, events, and the clock."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from services.models import RegistrationEvent
from shop import clock


def local_now(now: datetime | None = None) -> datetime:
    """``now`` (or the current time) in the shop's time zone (America/Toronto)."""
    return clock.local(now)


def earliest_change_date(*, program, now: datetime | None = None) -> date:
    """The first delivery day a change made at ``now`` may still affect.

    A change for tomorrow is accepted until the program's cut-off time today
    (18:00 by default, local time); after it, the earliest is the day after.
    """
    moment = local_now(now)
    days = 1 if moment.time() < program.cutoff_time else 2
    return moment.date() + timedelta(days=days)


def check_cutoff(*, program, day: date, now: datetime | None = None) -> None:
    """Refuse, with a message a client understands, a change past the cut-off."""
    earliest = earliest_change_date(program=program, now=now)
    if day >= earliest:
        return
    deadline = day - timedelta(days=1)
    raise ValidationError(
        _("It is too late to change the delivery of %(day)s: changes had to be made before "
          "%(time)s on %(deadline)s. Please call us at %(phone)s.")
        % {
            "day": date_format(day, "DATE_FORMAT"),
            "time": time_format(program.cutoff_time),  # "18 h 00"
            "deadline": date_format(deadline, "DATE_FORMAT"),
            "phone": program.contact_phone_display,
        },
        code="after_cutoff",
    )


def event_record(*, registration, action: str, by=None, note: str = "", now=None):
    return RegistrationEvent._default_manager.create(
        registration=registration, action=action, by=by if getattr(by, "pk", None) else None,
        at=now or clock.now(), note=note,
    )
