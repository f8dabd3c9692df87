"""The impact report's CSV neutralises formula cells: a seller named ``=HYPERLINK(…)``
stays text; figures, negative ones included, stay numbers with a decimal comma."""

from decimal import Decimal

import pytest

from shop.reports.formats import table_csv
from shop.reports.impact import COUNT, MONEY, PERCENT, TEXT, Table
from tests.shop.reports.test_impact_report import csv_file, rows_of

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def test_a_formula_like_seller_name_is_written_as_text(client, coordinator, coop):
    coop.a.name = HYPERLINK
    coop.a.save()

    rows = rows_of(csv_file(client, coordinator, "revenue-by-seller"))

    assert ["'" + HYPERLINK, "4", "80,00", "80,00"] in rows


def test_negative_figures_stay_numbers():
    table = Table(slug="t", title="t", columns=["Vendeur", "Solde", "Part", "Nombre"],
                  kinds=[TEXT, MONEY, PERCENT, COUNT],
                  rows=[["-Vendeur", Decimal("-12.5"), -3.25, -2]])

    text = table_csv(table).decode("utf-8-sig")

    assert text.splitlines()[1] == "'-Vendeur;-12,50;-3,2;-2"
