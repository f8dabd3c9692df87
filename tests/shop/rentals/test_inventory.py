"""Stock levels: adjustments with a reason and a history, low-stock alerts, CSV, isolation."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from oscar.core.loading import get_model

from shop.rentals.models import AdjustmentReason, StockAdjustment
from shop.rentals.services.inventory import stock_adjust
from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for, seller_staff

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def bookshop():
    return SellerFactory(name="Librairie A", kind="bookshop")


@pytest.fixture
def other_shop():
    return SellerFactory(name="Librairie B", kind="bookshop")


@pytest.fixture
def record(bookshop):
    product = product_for(bookshop, title="Bonheur d'occasion", num_in_stock=10)
    return product.stockrecords.get()


@pytest.fixture
def staff(bookshop):
    return seller_staff(bookshop)


class TestStockAdjust:
    def test_moves_the_level_and_records_the_reason(self, record, staff):
        adjustment = stock_adjust(stockrecord=record, delta=-3, reason=AdjustmentReason.DAMAGED,
                                  note="Dégât d'eau", by=staff)

        record.refresh_from_db()
        assert record.num_in_stock == 7
        assert (adjustment.delta, adjustment.level_after, adjustment.reason) == (
            -3, 7, AdjustmentReason.DAMAGED)
        assert adjustment.created_by == staff

    def test_refuses_a_level_below_zero(self, record, staff):
        with pytest.raises(ValidationError):
            stock_adjust(stockrecord=record, delta=-11, reason=AdjustmentReason.LOST, by=staff)

        record.refresh_from_db()
        assert record.num_in_stock == 10
        assert not StockAdjustment.objects.exists()


class TestStockPages:
    def test_an_adjustment_posted_shows_in_the_history(self, client, staff, record):
        client.force_login(staff)
        url = reverse("rentals:stock-record", args=[record.pk])

        client.post(url, {"delta": "5", "reason": AdjustmentReason.RECEIVED, "note": "Livraison"})

        record.refresh_from_db()
        assert record.num_in_stock == 15
        page = client.get(url).content.decode()
        assert "Livraison" in page and "+5" in page

    def test_the_low_stock_list_shows_records_at_or_below_their_threshold(
        self, client, staff, bookshop, record
    ):
        low = product_for(bookshop, title="Kamouraska", num_in_stock=2).stockrecords.get()
        client.force_login(staff)
        client.post(reverse("rentals:stock-record", args=[low.pk]),
                    {"action": "threshold", "low_stock_threshold": "2"})

        page = client.get(reverse("rentals:low-stock")).content.decode()

        assert "Kamouraska" in page
        assert "Bonheur d" not in page

    def test_the_csv_export_lists_the_sellers_stock(self, client, staff, bookshop, record,
                                                    other_shop):
        product_for(other_shop, title="Livre de B")
        client.force_login(staff)

        response = client.get(reverse("rentals:inventory-csv"))

        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [(r["title"], r["in_stock"], r["available"]) for r in rows] == [
            ("Bonheur d'occasion", "10", "10")]

    def test_other_sellers_staff_get_404_and_see_nothing(self, client, other_shop, record):
        client.force_login(seller_staff(other_shop))

        url = reverse("rentals:stock-record", args=[record.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"delta": "-5", "reason": "lost"}).status_code == 404
        assert "Bonheur" not in client.get(reverse("rentals:inventory")).content.decode()
        assert "Bonheur" not in client.get(reverse("rentals:low-stock")).content.decode()
        record.refresh_from_db()
        assert record.num_in_stock == 10

    def test_clients_get_404_on_every_inventory_page(self, client, record):
        client.force_login(UserFactory())

        for name in ("rentals:inventory", "rentals:low-stock", "rentals:inventory-csv",
                     "rentals:book-import"):
            assert client.get(reverse(name)).status_code == 404, name

    def test_coordinators_see_every_seller(self, client, record, other_shop):
        product_for(other_shop, title="Livre de B")
        client.force_login(StaffFactory())

        page = client.get(reverse("rentals:inventory")).content.decode()

        assert "Bonheur" in page and "Livre de B" in page

    def test_the_dashboard_menu_offers_the_pages_to_seller_staff(self, client, staff):
        client.force_login(staff)

        page = client.get(reverse("dashboard:index")).content.decode()

        assert reverse("rentals:desk") in page
        assert reverse("rentals:low-stock") in page
