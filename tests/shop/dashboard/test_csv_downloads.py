"""The dashboard's CSV downloads (the order list's, Oscar's shop reports) neutralise
formula cells: a client named ``=HYPERLINK(…)`` stays text in the spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from oscar.test.factories import ShippingAddressFactory

from tests.factories import UserFactory

from .conftest import place_order

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def formula_order(book):
    """An order whose client, delivery name and staff member are named like a formula."""
    customer = UserFactory(first_name=HYPERLINK, last_name="", email="=cmd@example.org")
    staff = UserFactory(first_name="+SUM(1,2)", last_name="")
    return place_order(book, user=customer, placed_by=staff,
                       shipping_address=ShippingAddressFactory(first_name=HYPERLINK, last_name=""))


class TestTheOrderListCsv:
    def test_writes_formula_like_names_as_text(self, coordinator_client, formula_order):
        response = coordinator_client.get(reverse("dashboard:order-list"), {"response_format": "csv"})

        (header, row) = csv_rows(response)
        cells = dict(zip(header, row, strict=True))
        assert cells["Livrer au nom"] == "'" + HYPERLINK
        assert "'=cmd@example.org" in row
        assert "'+SUM(1,2)" in row
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)

    def test_keeps_the_order_value_a_number(self, coordinator_client, formula_order):
        response = coordinator_client.get(reverse("dashboard:order-list"), {"response_format": "csv"})

        (header, row) = csv_rows(response)
        assert str(formula_order.total_incl_tax) in row

    def test_of_selected_orders_is_written_the_same_way(self, coordinator_client, formula_order):
        response = coordinator_client.post(reverse("dashboard:order-list"), {
            "action": "download_selected_orders", "selected_order": [formula_order.pk]})

        (_header, row) = csv_rows(response)
        assert "'" + HYPERLINK in row


class TestOscarsOrderReportCsv:
    def test_writes_a_formula_like_client_name_as_text(self, coordinator_client, formula_order):
        response = coordinator_client.get(reverse("dashboard:reports-index"), {
            "report_type": "order_report", "download": "true"})

        assert response.status_code == 200
        rows = csv_rows(response)
        (row,) = [row for row in rows[1:] if row[0] == str(formula_order.number)]
        assert row[1] == "'" + HYPERLINK
        assert row[2] == "'=cmd@example.org"
