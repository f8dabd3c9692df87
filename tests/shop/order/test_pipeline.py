"""The one order pipeline, used with and without an HTTP request."""

from decimal import Decimal as D

import pytest
from oscar.core.loading import get_class, get_model

from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.pipeline import LineRequest, place_order
from shop.taxes import TaxClass
from tests.conftest import wait_for
from tests.factories import (
    PhoneOnlyClientFactory,
    SellerFactory,
    StaffFactory,
    UserFactory,
    product_for,
)

Order = get_model("order", "Order")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")

pytestmark = pytest.mark.django_db


@pytest.fixture
def book_and_rental(sellers):
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    rental = product_for(sellers["tools"], title="Perceuse (1 jour)", price="10.00",
                         tax_class=TaxClass.STANDARD, class_name="Location d'outil")
    return book, rental


def phone_order(customer, staff, products, **kwargs):
    kwargs.setdefault("fulfilment", "pickup")
    kwargs.setdefault("payment_method", PaymentMethod.ON_DELIVERY)
    return place_order(
        customer=customer,
        channel=Channel.PHONE,
        placed_by=staff,
        lines=[LineRequest(product) for product in products],
        **kwargs,
    )


class TestAPhoneOrderForAPhoneOnlyClient:
    def test_is_placed_with_channel_and_staff_member_recorded(self, book_and_rental):
        client, staff = PhoneOnlyClientFactory(), StaffFactory()
        order = phone_order(client, staff, book_and_rental)
        order.refresh_from_db()
        assert order.user == client and client.email is None
        assert order.channel == Channel.PHONE
        assert order.placed_by == staff
        assert order.status == OrderStatus.TO_PREPARE

    def test_carries_the_worked_tax_example_on_order_and_lines(self, book_and_rental):
        order = phone_order(PhoneOnlyClientFactory(), StaffFactory(), book_and_rental)
        order.refresh_from_db()
        assert (order.gst, order.qst) == (D("1.75"), D("1.00"))
        assert order.total_excl_tax == D("34.95")
        assert order.total_incl_tax == D("37.70")
        lines = {line.title: line for line in order.lines.all()}
        assert (lines["Kamouraska"].gst, lines["Kamouraska"].qst) == (D("1.25"), D("0.00"))
        assert (lines["Perceuse (1 jour)"].gst, lines["Perceuse (1 jour)"].qst) == (D("0.50"), D("1.00"))
        assert sum(line.gst for line in lines.values()) == order.gst
        assert sum(line.qst for line in lines.values()) == order.qst
        assert lines["Kamouraska"].line_price_incl_tax == D("26.20")

    def test_allocates_stock(self, book_and_rental):
        book = book_and_rental[0]
        phone_order(PhoneOnlyClientFactory(), StaffFactory(), [book])
        assert book.stockrecords.get().num_allocated == 1


class TestDelivery:
    def test_delivery_charge_is_taxed_with_gst_and_qst(self, book_and_rental):
        book = book_and_rental[0]
        order = phone_order(UserFactory(), StaffFactory(), [book], fulfilment="delivery",
                            shipping_address=TestLocalDeliveryArea().address("H2J 3V5"))
        # book 24.95 GST only + delivery 5.00 GST and QST
        assert order.shipping_excl_tax == D("5.00")
        assert order.gst == D("1.50")  # 1.2475 + 0.25 = 1.4975
        assert order.qst == D("0.50")  # 0.49875
        assert order.total_incl_tax == D("31.95")

    def test_a_delivery_without_an_address_is_refused_and_nothing_is_written(
            self, book_and_rental):
        with pytest.raises(UnableToPlaceOrder, match="adresse"):
            phone_order(UserFactory(), StaffFactory(), book_and_rental[:1], fulfilment="delivery")
        assert not Order.objects.exists()

    def test_unknown_fulfilment_is_refused_and_nothing_is_written(self, book_and_rental):
        with pytest.raises(UnableToPlaceOrder):
            phone_order(UserFactory(), StaffFactory(), book_and_rental, fulfilment="drone")
        assert not Order.objects.exists()

    def test_a_refused_order_leaves_no_basket_behind(self, book_and_rental):
        Basket = get_model("basket", "Basket")
        for products in ([], book_and_rental):
            with pytest.raises(UnableToPlaceOrder):
                phone_order(UserFactory(), StaffFactory(), products, fulfilment="drone")
        assert not Basket.objects.exists()


class TestPayment:
    def test_card_orders_wait_for_payment(self, book_and_rental):
        order = phone_order(UserFactory(), StaffFactory(), book_and_rental,
                            payment_method=PaymentMethod.PAYMENT_LINK)
        assert order.status == OrderStatus.PENDING_PAYMENT
        assert order.lines.filter(status=OrderStatus.PENDING_PAYMENT).count() == 2

    def test_pay_later_records_a_payment_source(self, book_and_rental):
        order = phone_order(UserFactory(), StaffFactory(), book_and_rental)
        source = order.sources.get()
        assert source.source_type.code == PaymentMethod.ON_DELIVERY
        assert order.payment_method == PaymentMethod.ON_DELIVERY


class TestTaxExemptSeller:
    def test_charges_no_tax(self, db):
        popote = SellerFactory(name="Popote", kind="meal_service", tax_exempt=True)
        meal = product_for(popote, title="Repas", price="8.00", tax_class=TaxClass.STANDARD,
                           class_name="Repas standard")
        order = phone_order(UserFactory(), StaffFactory(), [meal])
        assert (order.gst, order.qst, order.total_incl_tax) == (D("0.00"), D("0.00"), D("8.00"))


class TestConfirmation:
    def test_nothing_is_queued_before_the_order_commits(self, book_and_rental, django_capture_on_commit_callbacks, mailoutbox):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            phone_order(UserFactory(), StaffFactory(), book_and_rental)
        # The pipeline's own: the confirmation (others refresh the cached pages' stock
        # and count the order for the metrics).
        messages = [callback for callback in callbacks if callback.__module__ == "shop.pipeline"]
        assert len(messages) == 1
        assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
class TestConfirmationByTheWorker:
    def test_email_with_taxes_reaches_a_client_with_an_email(self, celery_worker, mailoutbox):
        sellers = {"bookshop": SellerFactory(name="Librairie"), "tools": SellerFactory(name="Outils")}
        book = product_for(sellers["bookshop"], price="24.95", tax_class=TaxClass.BOOKS, class_name="Livre")
        rental = product_for(sellers["tools"], price="10.00", class_name="Location")
        order = phone_order(UserFactory(email="lea@example.org"), StaffFactory(), [book, rental])
        assert wait_for(lambda: len(mailoutbox) == 1)
        message = mailoutbox[0]
        assert message.to == ["lea@example.org"]
        assert order.number in message.body
        assert "1,75" in message.body and "37,70" in message.body
        assert "123456789RT0001" in message.body  # sellers' registration numbers
        assert "TPS" in message.body and "Nous confirmons" in message.body  # French first

    def test_phone_only_client_gets_no_email_and_the_order_stands(self, celery_worker, mailoutbox):
        seller = SellerFactory(name="Librairie")
        order = phone_order(PhoneOnlyClientFactory(), StaffFactory(), [product_for(seller)])
        wait_for(lambda: order.communication_events.exists(), timeout=5)
        assert mailoutbox == []
        assert Order.objects.filter(pk=order.pk).exists()


class TestLocalDeliveryArea:
    """Local delivery only where the cooperative delivers (LOCAL_DELIVERY_AREA)."""

    def address(self, postcode):
        from oscar.core.loading import get_model

        Country = get_model("address", "Country")
        ShippingAddress = get_model("order", "ShippingAddress")
        canada, _ = Country.objects.get_or_create(iso_3166_1_a2="CA", defaults={"name": "Canada"})
        return ShippingAddress(first_name="Léa", last_name="Tremblay", line1="1 rue Principale",
                               line4="Montréal", postcode=postcode, country=canada)

    def test_an_order_to_deliver_outside_the_area_is_refused_clearly(self, book_and_rental, settings):
        from oscar.core.loading import get_class

        settings.LOCAL_DELIVERY_AREA = ["H4C"]
        UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
        with pytest.raises(UnableToPlaceOrder, match="H9A 1A1"):
            phone_order(UserFactory(), StaffFactory(), book_and_rental[:1], fulfilment="delivery",
                        shipping_address=self.address("H9A 1A1"))
        order = phone_order(UserFactory(), StaffFactory(), book_and_rental[:1], fulfilment="delivery",
                            shipping_address=self.address("H4C 1T1"))
        assert order.shipping_code == "delivery"

    def test_checkout_offers_only_pick_up_outside_the_area(self, settings):
        from oscar.core.loading import get_class, get_model

        settings.LOCAL_DELIVERY_AREA = ["H4C"]
        Repository = get_class("shipping.repository", "Repository")
        Basket = get_model("basket", "Basket")
        basket = Basket()
        codes = [m.code for m in Repository().get_available_shipping_methods(
            basket, shipping_addr=self.address("H9A 1A1"))]
        assert codes == ["pickup"]
        codes = [m.code for m in Repository().get_available_shipping_methods(
            basket, shipping_addr=self.address("h4c 1t1"))]
        assert codes == ["pickup", "delivery"]
