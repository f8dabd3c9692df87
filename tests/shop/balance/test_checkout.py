"""Web checkout: the prepaid balance is offered when it covers the order, the monthly
invoice to registered meal clients; nobody else sees them, and a forged choice is refused."""

import re
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from services.models import Client as MealClient
from shop.balance.selectors import balance_of
from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def signed_in(client, shopper, book_and_rental):
    """The shopper signed in with the worked example (37,70 $) in the basket."""
    client.force_login(shopper)
    for product in book_and_rental:
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    return client


def payment_step(client):
    response = client.post("/checkout/shipping-method/", {"method_code": "pickup"}, follow=True)
    assert response.request["PATH_INFO"] == "/checkout/payment-method/"
    return text_of(response)


def choose(client, method):
    return client.post("/checkout/payment-method/", {"method": method})


def place(client):
    return client.post("/checkout/preview/", {"action": "place_order"})


class TestThePrepaidBalanceAtCheckout:
    def test_is_offered_with_its_amount_when_it_covers_the_order(self, signed_in, shopper, credit):
        credit(shopper, "40.00")
        html = payment_step(signed_in)
        assert 'value="balance"' in html
        assert "Solde prépayé (solde : 40,00 $)" in html

    def test_is_not_offered_when_it_does_not_cover_the_order(self, signed_in, shopper, credit):
        credit(shopper, "37.69")
        html = payment_step(signed_in)
        assert 'value="balance"' not in html and 'value="on_delivery"' in html

    def test_is_not_offered_to_a_guest(self, client, book_and_rental):
        for product in book_and_rental:
            client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
        client.post("/checkout/", {"username": "lea@example.org", "options": "anonymous"})
        html = payment_step(client)
        assert 'value="balance"' not in html and 'value="invoice"' not in html

    def test_chosen_pays_the_order_at_once(self, signed_in, shopper, credit):
        credit(shopper, "50.00")
        payment_step(signed_in)
        assert choose(signed_in, PaymentMethod.BALANCE)["Location"] == "/checkout/preview/"
        assert place(signed_in)["Location"] == "/checkout/thank-you/"
        order = Order.objects.get()
        assert (order.channel, order.payment_method) == (Channel.WEB, PaymentMethod.BALANCE)
        assert order.status == OrderStatus.TO_PREPARE
        assert balance_of(person=shopper.person) == D("12.30")

    def test_forged_without_enough_balance_is_refused(self, signed_in, shopper, credit):
        credit(shopper, "10.00")
        payment_step(signed_in)
        response = choose(signed_in, PaymentMethod.BALANCE)
        assert response.status_code == 200
        assert 'value="balance"' not in text_of(response)
        place(signed_in)  # what was kept is the default choice, never the balance
        assert not Order.objects.filter(payment_method=PaymentMethod.BALANCE).exists()
        assert balance_of(person=shopper.person) == D("10.00")

    def test_spent_elsewhere_before_the_order_is_placed_refuses_it_and_says_why(
            self, signed_in, shopper, credit, coordinator):
        from shop.balance.models import BalanceEntry, EntryKind

        credit(shopper, "40.00")
        payment_step(signed_in)
        choose(signed_in, PaymentMethod.BALANCE)
        BalanceEntry.objects.create(person=shopper.person, amount=D("-5.00"),
                                    kind=EntryKind.ADJUSTMENT, key="test-adjustment",
                                    recorded_by=coordinator)
        response = place(signed_in)
        assert "Votre solde prépayé (35,00 $) ne couvre pas" in text_of(response)
        assert not Order.objects.exists()
        assert balance_of(person=shopper.person) == D("35.00")


class TestTheMonthlyInvoiceAtCheckout:
    def test_is_offered_to_a_registered_meal_client(self, signed_in, shopper):
        MealClient.objects.create(first_name="Léa", last_name="Tremblay", person=shopper.person,
                                  phone="+15145550199", address_line1="1 rue Principale",
                                  postal_code="H2J 3V5")
        html = payment_step(signed_in)
        assert 'value="invoice"' in html and "Facture mensuelle" in html
        choose(signed_in, PaymentMethod.INVOICE)
        assert place(signed_in)["Location"] == "/checkout/thank-you/"
        assert Order.objects.get().payment_method == PaymentMethod.INVOICE

    def test_is_not_offered_to_other_clients_and_a_forged_choice_is_refused(self, signed_in):
        assert 'value="invoice"' not in payment_step(signed_in)
        response = choose(signed_in, PaymentMethod.INVOICE)
        assert response.status_code == 200
        place(signed_in)
        assert not Order.objects.filter(payment_method=PaymentMethod.INVOICE).exists()
