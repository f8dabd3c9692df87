"""The phone desk offers the prepaid balance to a client who has one; an order it does
not cover is refused and the desk says why."""

import re
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from shop.balance.selectors import balance_of
from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from tests.factories import PhoneOnlyClientFactory

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def gerard(db):
    return PhoneOnlyClientFactory(first_name="Gérard", last_name="Bouchard", phone="+15145550142")


@pytest.fixture
def desk(client, coordinator, gerard, book_and_rental):
    """The coordinator at the desk with Gérard's order (37,70 $) being taken."""
    client.force_login(coordinator)
    for product in book_and_rental:
        client.post(f"/phone/desk/clients/{gerard.pk}/lines/",
                    {"product": product.pk, "quantity": 1, "action": "add"})
    return client


def confirm(client, gerard, method):
    return client.post(f"/phone/desk/clients/{gerard.pk}/confirm/", {
        "fulfilment": "pickup", "payment_method": method, "action": "confirm"})


class TestThePhoneDesk:
    def test_offers_the_balance_with_its_amount_and_pays_the_order_from_it(
            self, desk, gerard, credit):
        credit(gerard, "40.00")
        html = text_of(desk.get(f"/phone/desk/clients/{gerard.pk}/"))
        assert 'value="balance"' in html and "Solde prépayé (solde : 40,00 $)" in html
        response = confirm(desk, gerard, PaymentMethod.BALANCE)
        order = Order.objects.get()
        assert response["Location"] == f"/phone/desk/orders/{order.number}/"
        assert (order.channel, order.payment_method) == (Channel.PHONE, PaymentMethod.BALANCE)
        assert order.status == OrderStatus.TO_PREPARE
        assert balance_of(person=gerard.person) == D("2.30")

    def test_does_not_offer_it_to_a_client_with_no_balance(self, desk, gerard):
        html = text_of(desk.get(f"/phone/desk/clients/{gerard.pk}/"))
        assert 'value="balance"' not in html
        response = confirm(desk, gerard, PaymentMethod.BALANCE)
        assert response.status_code == 400 and not Order.objects.exists()

    def test_refuses_an_order_the_balance_does_not_cover_and_says_why(self, desk, gerard,
                                                                       credit):
        credit(gerard, "20.00")
        response = confirm(desk, gerard, PaymentMethod.BALANCE)
        assert not Order.objects.exists()
        html = text_of(desk.get(response["Location"]))
        assert "Votre solde prépayé (20,00 $) ne couvre pas cette commande (37,70 $)" in html
        assert balance_of(person=gerard.person) == D("20.00")
