"""The operations panel of the dashboard home: today's figures and where to act on them.

Each figure comes from ``shop.reports.selectors``; this module only chooses
which ones a user sees and the page each one links to. Coordinators see the
whole cooperative; seller staff see their sellers' part, and not the figures
that belong to no seller (call-back inbox, failed SMS) since the pages to act
on them are the coordinators'.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shop import access, clock
from shop.order.models import Channel
from shop.order.statuses import LABELS as STATUS_LABELS

from . import selectors


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    url: str = ""


def scope_of(user):
    """``None`` (the whole cooperative) for coordinators, else the user's sellers."""
    return None if access.is_coordinator(user) else access.sellers_served_by(user).order_by("name")


def operations_panel(*, user, now: datetime | None = None) -> dict:
    """What the dashboard home shows ``user``: orders of today and this week, then to-dos."""
    now = clock.local(now)
    sellers = scope_of(user)
    today = now.date()
    week_start = today - timedelta(days=today.weekday())
    return {
        "today": today,
        "week_start": week_start,
        **_order_tables(sellers, today, week_start),
        "figures": _figures(user, sellers, today),
        "report_url": reverse("reports:impact") if access.may_see_reports(user) else "",
    }


def _order_tables(sellers, today, week_start) -> dict:
    day, week = selectors.Period(today, today), selectors.Period(week_start, today)
    day_rows = selectors.orders_by_channel_and_status(sellers=sellers, start=day.start,
                                                      end=day.end)
    week_rows = selectors.orders_by_channel_and_status(sellers=sellers, start=week.start,
                                                       end=week.end)
    channels = [(value, label) for value, label in Channel.choices]
    statuses = [(value, label) for value, label in STATUS_LABELS.items()]
    return {
        "orders_by_channel": _pivot(day_rows, week_rows, "channel", channels, week_start),
        "orders_by_status": _pivot(day_rows, week_rows, "status", statuses, week_start),
    }


def _pivot(day_rows, week_rows, field, choices, week_start) -> list[dict]:
    """One row per channel (or status): orders today and this week, with the order list link."""
    def totals(rows):
        counted = {}
        for row in rows:
            counted[row[field]] = counted.get(row[field], 0) + row["orders"]
        return counted

    today, week = totals(day_rows), totals(week_rows)
    order_list = reverse("dashboard:order-list")
    return [{
        "value": value, "label": label, "today": today.get(value, 0), "week": week.get(value, 0),
        "url": "{}?{}".format(order_list, urlencode({field: value,
                                                      "date_from": week_start.isoformat()})),
    } for value, label in choices]


def _figures(user, sellers, today) -> list[Figure]:
    figures = []
    if access.may_use_services(user):
        figures += _meal_figures(sellers, today)
    if access.may_use_rentals_desk(user):
        figures += _desk_figures(sellers, today)
    if access.is_coordinator(user):
        figures += [
            Figure("call_backs", _("Call-backs waiting"), selectors.call_backs_waiting(),
                   reverse("phone_orders:inbox")),
            Figure("failed_sms", _("SMS not sent (failed)"), selectors.failed_sms(),
                   reverse("notifications:outbox") + "?status=failed"),
        ]
    return figures


def _meal_figures(sellers, today) -> list[Figure]:
    meals = selectors.meals_today(sellers=sellers, day=today)
    home = reverse("services:home")
    return [
        Figure("meals_to_cook", _("Meals to cook today"), meals["meals_to_cook"], home),
        Figure("deliveries_to_make", _("Deliveries still to make today"),
               meals["deliveries_to_make"], home),
        Figure("follow_ups", _("Follow-ups open (nobody home…)"),
               selectors.open_follow_ups(sellers=sellers), home),
    ]


def _desk_figures(sellers, today) -> list[Figure]:
    loans = selectors.loans_due(sellers=sellers, day=today)
    desk = reverse("rentals:desk")
    return [
        Figure("loans_due", _("Loans due back today"), loans["due_today"], desk),
        Figure("loans_overdue", _("Loans overdue"), loans["overdue"], desk),
        Figure("low_stock", _("Products low in stock"), selectors.low_stock(sellers=sellers),
               reverse("rentals:low-stock")),
    ]
