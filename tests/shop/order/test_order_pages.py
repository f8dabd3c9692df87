"""The client's order pages and confirmation email speak French and show no internal code.

The status by its name, GST and QST, the payment by its name, and where the
order is collected: each seller's counter for pick-up, the address for delivery.
"""

import re
from html import unescape

import pytest
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.order.services import order_confirmation_send
from shop.pipeline import LineRequest, place_order
from tests.factories import UserFactory
from tests.shop.checkout.shop_data import (
    BOOKSHOP_HOURS,
    canada,
    sellers_have_opening_hours,
    two_sellers_products,
)

ShippingAddress = get_model("order", "ShippingAddress")

pytestmark = pytest.mark.django_db


def text_of(response_or_html):
    html = getattr(response_or_html, "content", response_or_html)
    html = html.decode() if isinstance(html, bytes) else html
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def web_order(customer, *, fulfilment="pickup", shipping_address=None, guest_email=""):
    return place_order(customer=customer, channel=Channel.WEB, fulfilment=fulfilment,
                       payment_method=PaymentMethod.ON_DELIVERY, guest_email=guest_email,
                       lines=[LineRequest(product) for product in two_sellers_products()],
                       shipping_address=shipping_address)


@pytest.fixture
def lea(client):
    user = UserFactory(email="lea@example.org")
    client.force_login(user)
    return user


class TestTheClientsOrderPage:
    def test_shows_the_french_status_gst_qst_and_payment_by_name(self, client, lea):
        order = web_order(lea)
        page = text_of(client.get(f"/accounts/orders/{order.number}/"))
        assert "État À préparer" in page and "To prepare" not in page
        assert "TPS (5 %) 1,75 $" in page and "TVQ (9,975 %) 1,00 $" in page
        assert "Total de la commande 37,70 $" in page
        assert "Paiement au comptoir du vendeur, au ramassage — 37,70 $" in page
        assert "on_delivery" not in page and "Allocation" not in page

    def test_a_pick_up_order_lists_both_counters(self, client, lea):
        order = web_order(lea)
        page = text_of(client.get(f"/accounts/orders/{order.number}/"))
        pickup = page[page.index("Ramassage Votre commande"):]
        assert "Librairie du Quartier 4380 rue Saint-Denis Montréal (QC) H2J 2L1" in pickup
        assert "Épicerie Solidaire 2100 rue Ontario Est" in pickup
        assert "(514) 555-0122" in pickup
        if sellers_have_opening_hours():
            assert f"Heures d'ouverture : {BOOKSHOP_HOURS}" in pickup

    def test_a_delivery_order_shows_its_address_under_delivery(self, client, lea):
        address = ShippingAddress(first_name="Léa", last_name="Tremblay", line1="123 rue Ontario Est",
                                  line4="Montréal", postcode="H2J 1H4", country=canada())
        order = web_order(lea, fulfilment="delivery", shipping_address=address)
        page = text_of(client.get(f"/accounts/orders/{order.number}/"))
        assert "Livraison Livraison locale Léa Tremblay 123 rue Ontario Est" in page
        assert "4380 rue Saint-Denis" not in page  # no counter for a delivery

    def test_speaks_english_to_an_english_client(self, client, lea):
        order = web_order(lea)
        page = text_of(client.get(f"/en/accounts/orders/{order.number}/"))
        assert "Status To prepare" in page
        assert re.search(r"GST \(5 %\) \S*1\.75", page) and re.search(r"QST \(9\.975 %\) \S*1\.00", page)
        assert re.search(r"Pay at the seller's counter, at pick-up — \S*37\.70", page)


class TestTheGuestOrderStatusPage:
    def test_is_in_french_with_taxes_payment_and_counters(self, client):
        order = web_order(None, guest_email="lea@example.org")
        status_url = f"/accounts/order-status/{order.number}/{order.verification_hash()}/"
        form = client.get(status_url, follow=True)
        assert "Entrez l'adresse courriel donnée pour cette commande." in text_of(form)
        response = client.post(form.request["PATH_INFO"], {"email": "lea@example.org"})
        assert response["Location"] == status_url
        page = text_of(client.get(status_url))
        assert "État À préparer" in page and "To prepare" not in page
        assert "TPS (5 %) 1,75 $" in page and "TVQ (9,975 %) 1,00 $" in page
        assert "Paiement au comptoir du vendeur, au ramassage — 37,70 $" in page
        assert "Librairie du Quartier" in page and "Épicerie Solidaire" in page


class TestTheConfirmationEmail:
    def test_lists_each_sellers_counter_and_the_payment_by_name(self, mailoutbox):
        order = web_order(UserFactory(email="lea@example.org"))
        order_confirmation_send(order=order)
        email = mailoutbox[-1]
        html = text_of(email.alternatives[0][0])
        for body in (email.body, html):
            text = re.sub(r"\s+", " ", body)
            assert "Librairie du Quartier 4380 rue Saint-Denis" in text
            assert "Épicerie Solidaire 2100 rue Ontario Est" in text
            assert "2 comptoirs" in text
            assert "Paiement : Paiement au comptoir du vendeur, au ramassage — 37,70 $" in text
            assert "TPS (5 %) : 1,75 $" in text
            assert "on_delivery" not in text and "Livraison :" not in text
            if sellers_have_opening_hours():
                assert BOOKSHOP_HOURS in text

    def test_a_delivery_order_gives_the_delivery_address(self, mailoutbox):
        address = ShippingAddress(first_name="Léa", last_name="Tremblay", line1="123 rue Ontario Est",
                                  line4="Montréal", postcode="H2J 1H4", country=canada())
        order = web_order(UserFactory(email="lea@example.org"), fulfilment="delivery",
                          shipping_address=address)
        order_confirmation_send(order=order)
        body = re.sub(r"\s+", " ", mailoutbox[-1].body)
        assert "Adresse de livraison : Léa Tremblay 123 rue Ontario Est" in body
        assert "Paiement à la livraison — 43,45 $" in body
        assert "comptoir" not in body
