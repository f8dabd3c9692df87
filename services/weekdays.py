"""Weekdays as Python numbers them (Monday 0 … Sunday 6), and sets of them.

A registration stores its delivery weekdays as a small bit mask (bit ``n`` set
for weekday ``n``): one column that works the same on SQLite and PostgreSQL and
that a query can test with ``bitand``.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def weekdays_to_mask(weekdays: Iterable[int]) -> int:
    mask = 0
    for day in weekdays:
        day = int(day)
        if day not in Weekday.values:
            raise ValueError(f"Not a weekday: {day}")
        mask |= 1 << day
    return mask


def mask_to_weekdays(mask: int) -> list[int]:
    return [day for day in Weekday.values if mask & (1 << day)]


def on_weekday(queryset, weekday: int, *, field: str = "weekdays"):
    """``queryset`` limited to rows whose mask ``field`` holds ``weekday``."""
    alias = f"_on_day_{weekday}"
    return queryset.alias(**{alias: F(field).bitand(1 << weekday)}).filter(**{alias + "__gt": 0})


def weekday_filter(queryset, weekday: int, *, field: str = "weekdays"):
    """``queryset`` aliased for ``Q`` tests of ``weekday``: (queryset, Q)."""
    alias = f"_on_day_{weekday}"
    return queryset.alias(**{alias: F(field).bitand(1 << weekday)}), Q(**{alias + "__gt": 0})
