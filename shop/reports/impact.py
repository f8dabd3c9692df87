"""The impact report: its tables, shared by the page and its CSV files.

Every number comes from one function of ``shop.reports.selectors``; a table
only lays them out. Each cell is ``(value, kind)`` so that the page and the
CSV format it each in their own way (``shop.reports.formats``).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from . import selectors

TEXT, COUNT, MONEY, PERCENT, DAYS = "text", "count", "money", "percent", "days"


@dataclass
class Table:
    slug: str
    title: str
    columns: list  # labels
    kinds: list  # one kind per column
    rows: list = field(default_factory=list)
    note: str = ""
    chart_column: int | None = None  # the column drawn as bars, if any
    row_kinds: list = field(default_factory=list)  # for a column whose kind is None

    @property
    def cells(self):
        """Each row as ``(value, kind)`` pairs."""
        return [list(zip(row, self._kinds_of(index), strict=True))
                for index, row in enumerate(self.rows)]

    def _kinds_of(self, index):
        return [self.row_kinds[index] if kind is None else kind for kind in self.kinds]


def impact_tables(*, sellers, period: selectors.Period, now: datetime) -> list[Table]:
    """The report's tables for ``sellers`` (``None``: the whole cooperative) and ``period``."""
    return [build(sellers=sellers, period=period, now=now)
            for slug, build in TABLE_BUILDERS.items()
            if sellers is None or slug not in COOPERATIVE_ONLY]


def summary_table(*, sellers, period, now) -> Table:
    served = selectors.people_served(sellers=sellers, period=period)
    new = selectors.new_people(sellers=sellers, period=period)
    shares = selectors.non_web_shares(sellers=sellers, period=period)
    meals = selectors.meals_delivered(sellers=sellers, period=period)
    solidarity = selectors.solidarity_meals_delivered(sellers=sellers, period=period)
    waiting = selectors.waitlist_today(sellers=sellers, now=now)
    placed = selectors.places_from_waitlist(sellers=sellers, period=period)
    lent = selectors.loans(sellers=sellers, period=period)
    rows = [
        (_("People served (distinct clients)"), served, COUNT),
        (_("New clients (never served before the period)"), new, COUNT),
        (_("Orders"), shares["orders"].total, COUNT),
        (_("Share of orders not placed on the web"), shares["orders"].percent, PERCENT),
        (_("Meal-delivery registrations"), shares["registrations"].total, COUNT),
        (_("Share of registrations not made online"), shares["registrations"].percent, PERCENT),
        (_("Share of orders and registrations not made online"), shares["both"].percent,
         PERCENT),
        (_("Meals delivered"), meals["meals"], COUNT),
        (_("Deliveries made"), meals["deliveries"], COUNT),
        (_("Meals delivered at the solidarity price"), solidarity, COUNT),
        (_("On the waiting list today"), waiting["waiting"], COUNT),
        (_("Days on the waiting list so far, on average (today)"), waiting["average_days"], DAYS),
        (_("Places given from the waiting list"), placed["placed"], COUNT),
        (_("Days waited before getting a place, on average"), placed["average_days"], DAYS),
        (_("Tools lent"), lent["loans"], COUNT),
        (_("Loan-days"), lent["loan_days"], COUNT),
    ]
    if sellers is None:
        sms = selectors.sms_sent_and_delivered(period=period)
        rows += [(_("SMS sent"), sms["sent"], COUNT), (_("SMS delivered"), sms["delivered"], COUNT)]
    return Table(
        slug="summary", title=_("Figures of the period"), columns=[_("Figure"), _("Value")],
        kinds=[TEXT, None], rows=[(label, value) for label, value, _kind in rows],
        row_kinds=[kind for _label, _value, kind in rows],
        note="" if sellers is None else _("Text messages are counted for the whole "
                                          "cooperative only."),
    )


def orders_table(*, sellers, period, now=None) -> Table:
    rows = selectors.orders_by_channel(sellers=sellers, period=period)
    total = sum(row["orders"] for row in rows)
    return Table(
        slug="orders-by-channel", title=_("Orders by channel"),
        columns=[_("Channel"), _("Orders"), _("Share")], kinds=[TEXT, COUNT, PERCENT],
        rows=[(row["label"], row["orders"], _percent(row["orders"], total)) for row in rows],
        note=_("Orders placed in the period, cancelled ones left out. "
               "“Service”: orders made to bill meal deliveries."),
        chart_column=1,
    )


def registrations_table(*, sellers, period, now=None) -> Table:
    rows = selectors.registrations_by_channel(sellers=sellers, period=period)
    total = sum(row["registrations"] for row in rows)
    return Table(
        slug="registrations-by-channel", title=_("Meal-delivery registrations by channel"),
        columns=[_("Channel"), _("Registrations"), _("Share")], kinds=[TEXT, COUNT, PERCENT],
        rows=[(row["label"], row["registrations"], _percent(row["registrations"], total))
              for row in rows],
        note=_("Registrations received in the period, whatever became of them."),
        chart_column=1,
    )


def revenue_table(*, sellers, period, now=None) -> Table:
    rows = selectors.revenue_by_seller(sellers=sellers, period=period)
    return Table(
        slug="revenue-by-seller", title=_("Sales by seller"),
        columns=[_("Seller"), _("Orders"), _("Sales excl. tax"), _("Sales incl. tax")],
        kinds=[TEXT, COUNT, MONEY, MONEY],
        rows=[(row["seller"], row["orders"], row["excl_tax"], row["incl_tax"]) for row in rows],
        note=_("Each seller's own lines on the orders placed in the period, cancelled ones "
               "left out."),
        chart_column=3,
    )


def people_table(*, sellers, period, now=None) -> Table:
    rows = selectors.people_served_by_seller(sellers=sellers, period=period)
    return Table(
        slug="people-by-seller", title=_("People served by seller"),
        columns=[_("Seller"), _("People served")], kinds=[TEXT, COUNT],
        rows=[(row["seller"].name, row["people"]) for row in rows],
        note=_("A person served by two sellers counts in both rows, and once for the "
               "cooperative."),
        chart_column=1,
    )


def _percent(part, total):
    return selectors.Share(part, total).percent


#: The report's tables in page order, by the slug of their CSV file.
TABLE_BUILDERS = {
    "summary": summary_table,
    "orders-by-channel": orders_table,
    "registrations-by-channel": registrations_table,
    "revenue-by-seller": revenue_table,
    "people-by-seller": people_table,
}
#: Tables shown in the whole cooperative's report only.
COOPERATIVE_ONLY = {"people-by-seller"}
