"""What each seller is owed for a period, with figures written out."""

import csv
import io
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from shop.order.models import PaymentMethod
from shop.payments import selectors, services
from shop.payments.models import SellerFee
from tests.clock import TODAY, day
from tests.factories import StaffFactory, UserFactory
from tests.integrations.stripe.fake import event

from .conftest import place, place_card_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def fees(sellers):
    SellerFee.objects.create(partner=sellers["bookshop"], rate=D("0.10"))
    SellerFee.objects.create(partner=sellers["tools"], rate=D("0.05"))


@pytest.fixture
def paid_and_refunded(stripe_on, book_and_rental, post_event, fees):
    """One basket of two sellers paid by card (37.70), then 3.77 refunded.

    Book 24.95 + GST 1.25 = 26.20 (bookshop); rental 10.00 + GST 0.50 + QST 1.00
    = 11.50 (tool library).
    """
    order, intent = place_card_order(book_and_rental)
    post_event(event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
    services.refund_create(order=order, amount=D("3.77"), user=StaffFactory())
    return order


def this_week():
    now = timezone.now()
    return {"start": now - timedelta(days=1), "end": now + timedelta(days=1)}


def by_name(rows):
    return {row.seller.name: row for row in rows}


class TestSettlementFigures:
    def test_each_seller_gets_its_lines_less_its_share_of_refunds_less_its_fee(self, paid_and_refunded):
        rows = by_name(selectors.settlement_rows(user=StaffFactory(), **this_week()))
        book = rows["Librairie du Quartier"]
        assert (book.sales_excl_tax, book.gst, book.qst, book.sales_incl_tax) == (
            D("24.95"), D("1.25"), D("0.00"), D("26.20"))
        # 3.77 refunded x 26.20 / 37.70 = 2.62; 26.20 - 2.62 = 23.58; fee 10 % = 2.358 -> 2.36
        assert (book.refunds, book.net, book.fee, book.owed) == (D("2.62"), D("23.58"), D("2.36"), D("21.22"))
        tools = rows["Outilthèque Rosemont"]
        assert (tools.sales_excl_tax, tools.gst, tools.qst, tools.sales_incl_tax) == (
            D("10.00"), D("0.50"), D("1.00"), D("11.50"))
        # 3.77 x 11.50 / 37.70 = 1.15; 11.50 - 1.15 = 10.35; fee 5 % = 0.5175 -> 0.52
        assert (tools.refunds, tools.net, tools.fee, tools.owed) == (D("1.15"), D("10.35"), D("0.52"), D("9.83"))
        # what the sellers are owed and the fees add up to what was kept: 37.70 - 3.77
        assert book.owed + tools.owed + book.fee + tools.fee == D("33.93")

    def test_unpaid_orders_and_orders_outside_the_period_do_not_count(self, paid_and_refunded, book_and_rental):
        place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)  # not paid yet
        later = {"start": timezone.now() + timedelta(days=1), "end": timezone.now() + timedelta(days=2)}
        assert selectors.settlement_rows(user=StaffFactory(), **later) == []
        rows = by_name(selectors.settlement_rows(user=StaffFactory(), **this_week()))
        assert rows["Librairie du Quartier"].order_count == 1

    def test_a_payment_received_at_the_door_counts_and_no_fee_means_all_is_owed(self, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        services.manual_payment_record(order=order, amount=D("37.70"), method="cash", user=StaffFactory())
        rows = by_name(selectors.settlement_rows(user=StaffFactory(), **this_week()))
        assert rows["Librairie du Quartier"].owed == D("26.20")
        assert rows["Outilthèque Rosemont"].owed == D("11.50")

    def test_seller_staff_see_only_their_seller(self, paid_and_refunded, sellers):
        staff = UserFactory()
        staff.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
        sellers["tools"].users.add(staff)
        rows = selectors.settlement_rows(user=staff, **this_week())
        assert [(row.seller.name, row.owed) for row in rows] == [("Outilthèque Rosemont", D("9.83"))]


    def test_a_refund_shared_by_three_sellers_loses_no_cent(self, stripe_on, sellers, post_event):
        """A cent refunded over three equal parts is borne by one seller, not rounded away."""
        from shop.taxes import TaxClass
        from tests.factories import SellerFactory, product_for

        farm = SellerFactory(name="Ferme Les Trois Sœurs")
        products = [product_for(seller, title=seller.name, price="10.00", tax_class=TaxClass.EXEMPT)
                    for seller in (sellers["bookshop"], sellers["tools"], farm)]
        order, intent = place_card_order(products, total=D("30.00"))
        post_event(event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
        services.refund_create(order=order, amount=D("0.01"), user=StaffFactory())
        rows = selectors.settlement_rows(user=StaffFactory(), **this_week())
        assert sum(row.refunds for row in rows) == D("0.01")
        assert sum(row.owed for row in rows) == D("29.99")


class TestSettlementPage:
    def test_the_page_and_its_csv(self, paid_and_refunded, client):
        client.force_login(StaffFactory(is_superuser=True))
        period = {"start": day(-1).isoformat(), "end": TODAY.isoformat()}
        page = client.get("/payments/dashboard/settlements/", period).content.decode()
        assert "21,22" in page or "21.22" in page
        response = client.get("/payments/dashboard/settlements/", {**period, "format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[1:] == [
            ["Librairie du Quartier", "1", "24.95", "1.25", "0.00", "26.20", "2.62", "0.1000", "2.36", "21.22"],
            ["Outilthèque Rosemont", "1", "10.00", "0.50", "1.00", "11.50", "1.15", "0.0500", "0.52", "9.83"],
        ]

    def test_a_period_ending_before_it_starts_is_refused(self, client):
        client.force_login(StaffFactory(is_superuser=True))
        backwards = {"start": TODAY.isoformat(), "end": day(-1).isoformat()}
        response = client.get("/payments/dashboard/settlements/", backwards)
        assert response.status_code == 200 and response.context["rows"] == []
