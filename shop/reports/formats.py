"""How a report cell reads: on the page (fr-CA: 1 234,50 $, 66,7 %) and in a CSV file.

The CSV is for spreadsheets set to French (Canada): UTF-8 with a byte order
mark so that accents survive, semicolons between cells, decimal commas and no
thousands separator, so that numbers stay numbers. Figures are handed to the
writer as numbers (``shop.csv_export``), so they are written as they are, a
negative one included, while text (a seller's name) that could start a
formula is neutralised.
"""

import io
from decimal import Decimal

from django.utils.formats import number_format
from oscar.templatetags.currency_filters import currency

from shop.csv_export import csv_writer

from .impact import COUNT, DAYS, MONEY, PERCENT

EMPTY = "—"


def cell_html(value, kind) -> str:
    """The text of a cell on the page, in the current language's number format."""
    if value is None:
        return EMPTY
    if kind == COUNT:
        return number_format(value, decimal_pos=0, force_grouping=True)
    if kind == MONEY:
        return currency(value)
    if kind == PERCENT:
        return f"{number_format(value, decimal_pos=1, force_grouping=True)}\u00a0%"
    if kind == DAYS:
        return number_format(value, decimal_pos=1, force_grouping=True)
    return str(value)


def cell_csv(value, kind):
    """The value of a cell for the CSV writer: a number rounded as shown, or the text."""
    if value is None:
        return ""
    if kind == COUNT:
        return value
    if kind == MONEY:
        return Decimal(value).quantize(Decimal("0.01"))
    if kind in (PERCENT, DAYS):
        return Decimal(f"{value:.1f}")
    return str(value)


def table_csv(table) -> bytes:
    """``table`` as a CSV file's bytes: a header row, then a row per table row."""
    out = io.StringIO()
    writer = csv_writer(out, decimal_comma=True, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(label) for label in table.columns])
    for row in table.cells:
        writer.writerow([cell_csv(value, kind) for value, kind in row])
    return out.getvalue().encode("utf-8-sig")
