"""Web checkout by card through Stripe's fake, paid only by the signed webhook;
and the pay-later checkout when cards are off, paid at the door.
"""

import json
import re
import threading
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments.models import StripeEvent
from shop.payments.services import EventName
from shop.taxes import TaxClass
from tests.conftest import wait_for
from tests.factories import SellerFactory, StaffFactory, product_for
from tests.integrations.stripe import fake as stripe_fake
from tests.integrations.stripe.fake import deliver, event

Order = get_model("order", "Order")
Country = get_model("address", "Country")
PaymentEvent = get_model("order", "PaymentEvent")
Transaction = get_model("payment", "Transaction")

stripe_on = stripe_fake.stripe_on
webhook_secret = stripe_fake.webhook_secret


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def shopper(client, db):
    """A guest with a book (24.95, GST only) and a tool rental (10.00) in the basket: 37.70."""
    Country.objects.get_or_create(iso_3166_1_a2="CA", defaults={"name": "Canada", "is_shipping_country": True})
    book = product_for(SellerFactory(name="Librairie"), title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    rental = product_for(SellerFactory(name="Outilthèque"), title="Perceuse", price="10.00",
                         class_name="Location d'outil")
    for product in (book, rental):
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    return client


def through_to_the_payment_step(client):
    assert client.post("/checkout/", {"username": "lea@example.org", "options": "anonymous"}).status_code == 302
    response = client.post("/checkout/shipping-address/", {
        "first_name": "Léa", "last_name": "Tremblay", "line1": "123 rue Ontario Est",
        "line4": "Montréal", "state": "QC", "postcode": "H2X 1H4", "country": "CA",
        "phone_number": "514 555-0101",
    })
    assert response.status_code == 302
    response = client.post("/checkout/shipping-method/", {"method_code": "pickup"}, follow=True)
    assert response.request["PATH_INFO"] == "/checkout/payment-method/"
    return response


def pay_by(client, method):
    response = client.post("/checkout/payment-method/", {"method": method})
    assert response.status_code == 302 and response["Location"] == "/checkout/preview/"
    return client.post("/checkout/preview/", {"action": "place_order"})


class TestWithCardsOff:
    def test_the_payment_step_offers_to_pay_later_and_says_cards_are_not_enabled(self, shopper):
        html = text_of(through_to_the_payment_step(shopper))
        assert 'value="on_delivery"' in html and 'value="card"' not in html
        assert "Le paiement par carte n’est pas offert pour le moment" in html
        assert "STRIPE_ENABLED" not in html  # the setup hint is for staff, in the log
        assert "js.stripe.com" not in html

    def test_the_payment_details_step_leads_to_the_choice(self, shopper):
        through_to_the_payment_step(shopper)
        response = shopper.get("/checkout/payment-details/")
        assert response.status_code == 302 and response["Location"] == "/checkout/payment-method/"

    def test_card_is_refused_when_not_enabled(self, shopper):
        through_to_the_payment_step(shopper)
        response = shopper.post("/checkout/payment-method/", {"method": "card"})
        assert response.status_code == 200 and not Order.objects.exists()

    def test_a_pay_on_delivery_order_is_paid_when_staff_record_the_cash(self, shopper):
        through_to_the_payment_step(shopper)
        response = pay_by(shopper, PaymentMethod.ON_DELIVERY)
        assert response["Location"] == "/checkout/thank-you/"
        order = Order.objects.get()
        assert (order.channel, order.payment_method) == (Channel.WEB, PaymentMethod.ON_DELIVERY)
        assert order.status == OrderStatus.TO_PREPARE

        staff = Client()
        staff.force_login(StaffFactory(is_superuser=True))
        page = text_of(staff.get(f"/dashboard/orders/{order.number}/"))
        assert 'id="payment-record"' in page and payment_state_on(page) == in_french("Not paid yet")
        response = staff.post(f"/payments/dashboard/orders/{order.number}/record-payment/",
                              {"method": "cash", "amount": "37.70", "note": ""})
        assert response.status_code == 302
        order.refresh_from_db()
        event = order.payment_events.get()
        assert (event.event_type.name, event.amount) == (EventName.PAID, D("37.70"))
        source = order.sources.get()
        assert (source.source_type.code, source.amount_debited) == (PaymentMethod.ON_DELIVERY, D("37.70"))
        page = text_of(staff.get(f"/dashboard/orders/{order.number}/"))
        assert payment_state_on(page) == in_french("Paid") and 'id="payment-record"' not in page


def in_french(text):
    """What a French-speaking client reads for ``text`` (the site's default language)."""
    from django.utils import translation

    with translation.override("fr-ca"):
        return translation.gettext(text)


def payment_state_on(page):
    return re.search(r'id="order-payment-state">([^<]*)<', page).group(1)


class TestStripeUnreachable:
    def test_the_client_is_told_and_offered_to_pay_later_and_no_order_is_left(self, shopper, stripe_on):
        through_to_the_payment_step(shopper)
        stripe_on.fail_next("connection")
        response = pay_by(shopper, PaymentMethod.CARD)
        assert response["Location"] == "/checkout/payment-method/"
        assert not Order.objects.exists()
        html = text_of(shopper.get(response["Location"]))
        assert "no payment was taken" in html or "aucun paiement" in html
        assert 'value="on_delivery"' in html
        response = pay_by(shopper, PaymentMethod.ON_DELIVERY)  # the basket was given back
        assert Order.objects.get().payment_method == PaymentMethod.ON_DELIVERY


def card_checkout(client, fake):
    through_to_the_payment_step(client)
    response = pay_by(client, PaymentMethod.CARD)
    order = Order.objects.get()
    assert response["Location"] == f"/payments/order/{order.number}/{order.verification_hash()}/"
    return order, response["Location"]


class TestCardCheckout:
    def test_the_order_is_placed_pending_payment_with_an_intent_of_its_total(self, shopper, stripe_on):
        order, pay_page = card_checkout(shopper, stripe_on)
        assert (order.status, order.payment_method) == (OrderStatus.PENDING_PAYMENT, PaymentMethod.CARD)
        assert order.total_incl_tax == D("37.70")
        (create,) = stripe_on.requests_to("post", "/v1/payment_intents")
        assert create.params["amount"] == "3770" and create.params["currency"] == "cad"
        assert create.params["metadata"] == {"order_number": order.number}
        source = order.sources.get()
        assert (source.source_type.code, source.amount_allocated, source.amount_debited) == (
            PaymentMethod.CARD, D("37.70"), D("0.00"))
        assert source.reference in stripe_on.objects

    def test_the_payment_page_loads_stripe_with_the_intents_client_secret(self, shopper, stripe_on):
        order, pay_page = card_checkout(shopper, stripe_on)
        html = shopper.get(pay_page).content.decode()
        intent = stripe_on.objects[order.sources.get().reference]
        assert "https://js.stripe.com/v3/" in html
        assert json.dumps(intent["client_secret"]) in html and "pk_test_comptoir" in html
        assert 'data-state="unpaid"' in html

    def test_coming_back_from_stripe_shows_the_state_and_pays_nothing(self, shopper, stripe_on):
        order, pay_page = card_checkout(shopper, stripe_on)
        stripe_on.succeed(order.sources.get().reference)
        html = text_of(shopper.get(pay_page + "?redirect_status=succeeded"))
        assert 'data-state="unpaid"' in html and "js.stripe.com" not in html
        order.refresh_from_db()
        assert order.status == OrderStatus.PENDING_PAYMENT and not order.payment_events.exists()

    def test_a_wrong_hash_finds_no_order(self, shopper, stripe_on):
        order, pay_page = card_checkout(shopper, stripe_on)
        assert shopper.get(f"/payments/order/{order.number}/not-the-hash/").status_code == 404


@pytest.mark.django_db(transaction=True)
class TestPaidOnlyByTheSignedWebhook:
    """The whole journey, the webhook processed by a real worker (Redis) when there is one."""

    def paid_once(self, order):
        return (
            Order.objects.get(pk=order.pk).status == OrderStatus.TO_PREPARE
            and order.payment_events.filter(event_type__name=EventName.PAID).count() == 1
            and Transaction.objects.filter(source__order=order, txn_type="Debit").count() == 1
        )

    def wait_processed(self, count):
        assert wait_for(lambda: StripeEvent.objects.filter(processed_at__isnull=False).count() == count)

    def test_delivered_five_times_then_created_late_it_is_paid_once(self, shopper, stripe_on, webhook_secret, celery_worker):
        order, pay_page = card_checkout(shopper, stripe_on)
        intent = stripe_on.succeed(order.sources.get().reference)
        succeeded = event("payment_intent.succeeded", intent)
        webhook = Client()
        assert [deliver(webhook, succeeded).status_code for _ in range(5)] == [200] * 5
        created = event("payment_intent.created", {**intent, "status": "requires_payment_method"})
        assert deliver(webhook, created).status_code == 200
        self.wait_processed(2)
        assert self.paid_once(order)
        assert StripeEvent.objects.count() == 2
        assert 'data-state="paid"' in shopper.get(pay_page).content.decode()

    @pytest.mark.skipif("connection.vendor != 'postgresql'")
    def test_two_deliveries_at_once_pay_once(self, shopper, stripe_on, webhook_secret, celery_worker):
        order, pay_page = card_checkout(shopper, stripe_on)
        payload = json.dumps(event("payment_intent.succeeded",
                                   stripe_on.succeed(order.sources.get().reference)))
        barrier, codes = threading.Barrier(2), []

        def post():
            try:
                barrier.wait(timeout=10)
                codes.append(deliver(Client(), payload).status_code)
            finally:
                connection.close()

        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert codes == [200, 200]
        self.wait_processed(1)
        assert self.paid_once(order)
