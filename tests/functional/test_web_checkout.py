"""An online client buys a book and a tool rental and sees Québec taxes throughout."""

import re
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from shop.order.models import Channel
from shop.taxes import TaxClass
from tests.factories import SellerFactory, product_for

Order = get_model("order", "Order")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


@pytest.fixture
def basket_of_book_and_rental(client):
    Country.objects.get_or_create(iso_3166_1_a2="CA", defaults={"name": "Canada", "is_shipping_country": True})
    book = product_for(SellerFactory(name="Librairie"), title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    rental = product_for(SellerFactory(name="Outilthèque"), title="Perceuse", price="10.00",
                         class_name="Location d'outil")
    for product in (book, rental):
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    return client


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def row(html, row_id):
    match = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html)
    assert match, row_id
    return match.group(1)


class TestTheBasketPage:
    def test_shows_gst_qst_and_total_of_the_worked_example(self, basket_of_book_and_rental):
        html = text_of(basket_of_book_and_rental.get("/basket/"))
        assert "1,75" in row(html, "tax-gst")
        assert "1,00" in row(html, "tax-qst")
        assert "37,70" in row(html, "order-total")


class TestGuestCheckout:
    def test_places_a_web_order_with_taxes_on_order_lines_and_confirmation(self, basket_of_book_and_rental, mailoutbox):
        client = basket_of_book_and_rental
        response = client.post("/checkout/", {"username": "lea@example.org", "options": "anonymous"})
        assert response.status_code == 302, text_of(response)[:2000]
        response = client.post("/checkout/shipping-address/", {
            "first_name": "Léa", "last_name": "Tremblay", "line1": "123 rue Ontario Est",
            "line4": "Montréal", "state": "QC", "postcode": "H2X 1H4", "country": "CA",
            "phone_number": "514 555-0101",
        })
        assert response.status_code == 302, text_of(response)[:3000]
        response = client.post("/checkout/shipping-method/", {"method_code": "pickup"}, follow=True)
        response = client.get("/checkout/preview/")
        html = text_of(response)
        assert "1,75" in row(html, "tax-gst") and "37,70" in row(html, "order-total")
        response = client.post("/checkout/preview/", {"action": "place_order"}, follow=True)
        html = text_of(response)
        assert response.status_code == 200
        order = Order.objects.get()
        assert order.channel == Channel.WEB
        assert (order.gst, order.qst, order.total_incl_tax) == (D("1.75"), D("1.00"), D("37.70"))
        assert sorted(line.gst + line.qst for line in order.lines.all()) == [D("1.25"), D("1.50")]
        assert "1,75" in row(html, "tax-gst") and "1,00" in row(html, "tax-qst")
