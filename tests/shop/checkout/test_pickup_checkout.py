"""Pick-up needs no address: the client chooses pick-up or delivery first.

A pick-up order lists each seller's counter from the first step to the
confirmation; delivery asks for an address the cooperative delivers to, and
says why when it does not.
"""

import logging
import re
from decimal import Decimal as D
from html import unescape

import pytest
from oscar.core.loading import get_model

from tests.shop.checkout.shop_data import (
    BOOKSHOP_HOURS,
    canada,
    sellers_have_opening_hours,
    two_sellers_products,
)

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

ADDRESS_IN_AREA = {
    "first_name": "Léa", "last_name": "Tremblay", "line1": "123 rue Ontario Est",
    "line4": "Montréal", "state": "QC", "postcode": "H2J 1H4", "country": "CA",
    "phone_number": "514 555-0101",
}


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def guest(client, settings):
    settings.LOCAL_DELIVERY_AREA = ["H2J", "H2K"]
    canada()
    for product in two_sellers_products():
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    response = client.post("/checkout/", {"username": "lea@example.org", "options": "anonymous"})
    assert response.status_code == 302
    assert response["Location"] == "/checkout/shipping-method/"  # no address step first
    return client


def place(client):
    response = client.post("/checkout/payment-method/", {"method": "on_delivery"})
    assert response["Location"] == "/checkout/preview/"
    return client.post("/checkout/preview/", {"action": "place_order"}, follow=True)


class TestPickUp:
    def test_the_first_step_offers_pick_up_at_both_counters_or_delivery(self, guest):
        html = text_of(guest.get("/checkout/shipping-method/"))
        assert "Ramassage au comptoir du vendeur" in html and "Livraison locale" in html
        assert "ces 2 comptoirs" in html
        assert "4380 rue Saint-Denis" in html and "2100 rue Ontario Est" in html

    def test_asks_no_address_and_the_order_has_none(self, guest):
        response = guest.post("/checkout/shipping-method/", {"method_code": "pickup"})
        assert response["Location"] == "/checkout/payment-method/"
        response = guest.get("/checkout/shipping-address/")
        assert response.status_code == 302 and response["Location"] == "/checkout/payment-method/"
        preview = text_of(guest.get("/checkout/preview/"))
        assert "Librairie du Quartier" in preview and "Épicerie Solidaire" in preview
        response = place(guest)
        order = Order.objects.get()
        assert order.shipping_address is None and order.shipping_code == "pickup"
        assert order.total_incl_tax == D("37.70")

    def test_the_confirmation_lists_both_counters_and_the_payment_in_words(self, guest):
        guest.post("/checkout/shipping-method/", {"method_code": "pickup"})
        html = text_of(place(guest))
        counters = re.search(r'id="order-pickup".*?</section>', html).group(0)
        assert "Librairie du Quartier" in counters and "Épicerie Solidaire" in counters
        assert "4380 rue Saint-Denis" in counters and "2100 rue Ontario Est" in counters
        assert "(514) 555-0111" in counters and "(514) 555-0122" in counters
        if sellers_have_opening_hours():
            assert f"Heures d'ouverture : {BOOKSHOP_HOURS}" in unescape(re.sub(r"<[^>]+>", "", counters))
        assert "Paiement au comptoir du vendeur, au ramassage — 37,70 $" in html
        assert "Allocation" not in html and "on_delivery" not in html
        assert 'id="order-delivery"' not in html

    def test_an_address_typed_before_choosing_pick_up_is_not_kept(self, guest):
        guest.post("/checkout/shipping-method/", {"method_code": "delivery"})
        guest.post("/checkout/shipping-address/", ADDRESS_IN_AREA)
        guest.post("/checkout/shipping-method/", {"method_code": "pickup"})
        place(guest)
        assert Order.objects.get().shipping_address is None


class TestDelivery:
    def test_asks_the_address_and_shows_it_under_delivery(self, guest):
        response = guest.post("/checkout/shipping-method/", {"method_code": "delivery"})
        assert response["Location"] == "/checkout/shipping-address/"
        assert "Adresse de livraison" in text_of(guest.get("/checkout/shipping-address/"))
        response = guest.post("/checkout/shipping-address/", ADDRESS_IN_AREA)
        assert response["Location"] == "/checkout/payment-method/"
        html = text_of(place(guest))
        order = Order.objects.get()
        assert order.shipping_code == "delivery" and order.shipping_address.postcode == "H2J 1H4"
        delivery = re.search(r'id="order-delivery".*?</section>', html).group(0)
        assert "Livraison" in delivery and "123 rue Ontario Est" in delivery
        assert 'id="order-pickup"' not in html

    def test_an_address_outside_the_area_is_refused_with_the_reason_and_a_way_out(self, guest):
        guest.post("/checkout/shipping-method/", {"method_code": "delivery"})
        response = guest.post("/checkout/shipping-address/", {**ADDRESS_IN_AREA, "postcode": "H9A 1A1"})
        html = text_of(response)
        assert response.status_code == 200
        assert "La coopérative ne livre pas au H9A 1A1" in html
        assert 'href="/checkout/shipping-method/"' in html and 'href="/pres-de-chez-moi/"' in html
        assert guest.get("/checkout/payment-method/")["Location"] != "/checkout/preview/"

    def test_the_address_step_cannot_be_skipped(self, guest):
        guest.post("/checkout/shipping-method/", {"method_code": "delivery"})
        response = guest.get("/checkout/payment-method/")
        assert response.status_code == 302 and response["Location"] == "/checkout/shipping-address/"


class TestWhenDeliveryIsNotOffered:
    def test_the_first_step_says_why_in_french_with_the_near_me_link(self, guest, settings):
        settings.LOCAL_DELIVERY_AREA = []
        html = text_of(guest.get("/checkout/shipping-method/"))
        assert 'value="delivery"' not in html and 'value="pickup"' in html
        reason = re.search(r'id="delivery-unavailable".*?</div>', html).group(0)
        assert "La coopérative ne livre pas en ce moment." in reason
        assert 'href="/pres-de-chez-moi/"' in reason

    def test_delivery_cannot_be_forced(self, guest, settings):
        settings.LOCAL_DELIVERY_AREA = []
        response = guest.post("/checkout/shipping-method/", {"method_code": "delivery"})
        assert response.status_code == 200  # the choice again, not the address step
        response = guest.get("/checkout/payment-method/")
        assert response.status_code == 302 and response["Location"] == "/checkout/shipping-method/"


class TestThePaymentStepWithCardsOff:
    def test_tells_the_client_plainly_and_logs_the_setup_hint_for_staff(self, guest, caplog):
        guest.post("/checkout/shipping-method/", {"method_code": "pickup"})
        with caplog.at_level(logging.WARNING, logger="shop.payments.checkout"):
            html = text_of(guest.get("/checkout/payment-method/"))
        assert "Le paiement par carte n’est pas offert pour le moment" in html
        assert "STRIPE_ENABLED" not in html
        assert "STRIPE_ENABLED" in caplog.text
