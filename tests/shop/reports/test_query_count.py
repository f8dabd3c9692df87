"""The report costs the same number of queries for 10 orders as for 5,000."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.shop.reports.conftest import at, on

Order = get_model("order", "Order")
Line = get_model("order", "Line")

pytestmark = pytest.mark.django_db

CHANNELS = ["web", "phone", "sms", "voice", "service"]
NOVEMBER = {"date_from": on(11, 1).isoformat(), "date_to": on(11, 30).isoformat()}


def bulk_orders(count, sellers, *, first=0):
    """``count`` November orders from distinct guests, each with a line of every seller."""
    orders = Order.objects.bulk_create([
        Order(number=f"BULK{first + n:06d}", currency="CAD", total_incl_tax=Decimal("10.00"),
              total_excl_tax=Decimal("10.00"), status="To prepare",
              channel=CHANNELS[n % len(CHANNELS)], guest_email=f"invite{first + n}@example.org",
              date_placed=at(11, 2) + timedelta(minutes=n))
        for n in range(count)
    ], batch_size=1000)
    Line.objects.bulk_create([
        Line(order=order, partner=seller, partner_name=seller.name, partner_sku="SKU",
             title="Article", quantity=1, line_price_incl_tax=Decimal("10.00"),
             line_price_excl_tax=Decimal("10.00"),
             line_price_before_discounts_incl_tax=Decimal("10.00"),
             line_price_before_discounts_excl_tax=Decimal("10.00"), num_allocated=0,
             status="To prepare")
        for order in orders for seller in sellers
    ], batch_size=1000)


def queries_for_report(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:impact"), {**NOVEMBER, **params})
    assert response.status_code == 200
    return len(queries), response


def test_the_report_of_5000_orders_needs_no_more_queries_than_of_10(
        client, coordinator, coop, django_assert_max_num_queries):
    client.force_login(coordinator)
    bulk_orders(10, [coop.a, coop.b])
    with_ten, response = queries_for_report(client)
    assert response.context["tables"][0]["table"].rows[0][1] == 10  # 10 distinct guests

    bulk_orders(4990, [coop.a, coop.b], first=10)

    with django_assert_max_num_queries(with_ten):
        response = client.get(reverse("reports:impact"), NOVEMBER)
    figures = dict(response.context["tables"][0]["table"].rows)
    # 5,000 guests with distinct emails; every order holds a line of A and one of B.
    assert figures["Personnes servies (clients distincts)"] == 5000
    assert figures["Commandes"] == 5000
    revenue = {row[0]: row[3] for row in response.context["tables"][3]["table"].rows}
    assert revenue == {"Librairie du Quartier": Decimal("50000.00"),
                       "Outilthèque Rosemont": Decimal("50000.00")}
    assert "50\xa0000,00\xa0$" in response.content.decode()


def test_a_sellers_report_and_csv_of_5000_orders_need_no_more_queries_than_of_10(
        client, staff_a, coop, django_assert_max_num_queries):
    client.force_login(staff_a)
    bulk_orders(10, [coop.a])
    with_ten, _response = queries_for_report(client)
    with CaptureQueriesContext(connection) as csv_queries:
        client.get(reverse("reports:impact-csv", kwargs={"table": "summary"}), NOVEMBER)

    bulk_orders(4990, [coop.a], first=10)

    with django_assert_max_num_queries(with_ten):
        client.get(reverse("reports:impact"), NOVEMBER)
    with django_assert_max_num_queries(len(csv_queries)):
        response = client.get(reverse("reports:impact-csv", kwargs={"table": "summary"}),
                              NOVEMBER)
    assert "Personnes servies (clients distincts);5000" in response.content.decode("utf-8-sig")
