"""The web checkout, step by step through the real views, for the drills."""

import re

from oscar.core.loading import get_model

from shop.taxes import TaxClass
from tests.factories import product_for

Country = get_model("address", "Country")

ADDRESS = {
    "first_name": "Léa", "last_name": "Tremblay", "line1": "123 rue Ontario Est",
    "line4": "Montréal", "state": "QC", "postcode": "H2X 1H4", "country": "CA",
    "phone_number": "514 555-0101",
}


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def book_and_drill(sellers):
    """A book (24.95, GST only) and a drill (10.00): 37.70 with taxes."""
    Country.objects.get_or_create(iso_3166_1_a2="CA",
                                  defaults={"name": "Canada", "is_shipping_country": True})
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    drill = product_for(sellers["tools"], title="Perceuse", price="10.00")
    return book, drill


def fill_basket(client, products):
    for product in products:
        assert client.post(f"/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302


def to_the_payment_step(client, *, guest_email=None):
    """Address and pick-up; a guest gives ``guest_email`` first."""
    if guest_email:
        response = client.post("/checkout/", {"username": guest_email, "options": "anonymous"})
        assert response.status_code == 302
    response = client.post("/checkout/shipping-address/", ADDRESS)
    assert response.status_code == 302, text_of(response)[:2000]
    response = client.post("/checkout/shipping-method/", {"method_code": "pickup"})
    assert response.status_code == 302


def place_by(client, method):
    """Choose ``method`` at the payment step and place the order from the preview."""
    response = client.post("/checkout/payment-method/", {"method": method})
    assert response.status_code == 302 and response["Location"] == "/checkout/preview/"
    return client.post("/checkout/preview/", {"action": "place_order"})
