"""The dashboard home and order statistics count only a seller's own lines."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.shop.dashboard.conftest import place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(shared_order, order_b):
    """Seller A sold 20.00 on a shared order; seller B sold 35.00 + 35.00."""
    return [shared_order, order_b]


class TestTheHomeOfSellerStaff:
    def test_counts_only_orders_and_lines_of_their_seller(self, client_a, orders):
        ctx = client_a.get(reverse("dashboard:index")).context

        assert ctx["total_orders"] == 1
        assert ctx["total_lines"] == 1

    def test_revenue_counts_only_their_own_lines(self, client_a, orders):
        ctx = client_a.get(reverse("dashboard:index")).context

        assert ctx["total_revenue"] == Decimal("20.00")
        assert ctx["total_revenue_last_day"] == Decimal("20.00")
        assert ctx["average_order_costs"] == Decimal("20.00")

    def test_hourly_revenue_counts_only_their_own_lines(self, client_a, orders):
        report = client_a.get(reverse("dashboard:index")).context["hourly_report_dict"]

        assert sum(hour["total_incl_tax"] for hour in report["order_total_hourly"]) == 20


class TestTheOrderStatisticsOfSellerStaff:
    def test_count_only_their_own_lines_and_revenue(self, client_a, orders):
        ctx = client_a.get(reverse("dashboard:order-stats")).context

        assert ctx["total_orders"] == 1
        assert ctx["total_lines"] == 1
        assert ctx["total_revenue"] == Decimal("20.00")


class TestACoordinator:
    def test_home_counts_every_sellers_revenue(self, coordinator_client, orders):
        ctx = coordinator_client.get(reverse("dashboard:index")).context

        assert ctx["total_orders"] == 2
        assert ctx["total_revenue"] == Decimal("90.00")

    def test_home_counts_an_order_placed_since_the_last_visit(
            self, coordinator_client, orders, book):
        coordinator_client.get(reverse("dashboard:index"))  # the all-time figures now cached
        place_order(book)

        ctx = coordinator_client.get(reverse("dashboard:index")).context

        assert ctx["total_orders"] == 3
        assert ctx["total_lines"] == 4
        assert ctx["total_revenue"] == Decimal("110.00")

    def test_statistics_count_every_sellers_lines(self, coordinator_client, orders):
        ctx = coordinator_client.get(reverse("dashboard:order-stats")).context

        assert ctx["total_lines"] == 3
        assert ctx["total_revenue"] == Decimal("90.00")
