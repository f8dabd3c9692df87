"""Drill: Stripe cannot be reached when a client pays by card at web checkout.

Through the real checkout views, Stripe's SDK over the fake transport, which
fails as Stripe does when it is away (a connection error) or broken (a 500).
tests/functional/test_card_checkout.py (TestStripeUnreachable) checks that no
order is placed and that paying later works; this drill checks that nothing
half-made is left anywhere — order, payment source, transaction, payment
event, PaymentIntent — and that the basket is still the client's, whole.
"""

import html
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from shop.order.models import PaymentMethod
from tests.drills import checkout
from tests.drills.checkout import text_of

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")

pytestmark = [pytest.mark.drill, pytest.mark.real_clock, pytest.mark.django_db]
UNAVAILABLE = ("Le paiement par carte n'est pas disponible pour le moment et aucun paiement "
               "n'a été pris. Vous pouvez plutôt payer à la livraison ou au ramassage.")


@pytest.mark.parametrize("failure", ["connection", "server"])
def test_the_client_is_offered_to_pay_later_and_nothing_half_made_remains(
        client, sellers, stripe_on, failure):
    checkout.fill_basket(client, checkout.book_and_drill(sellers))
    checkout.to_the_payment_step(client, guest_email="lea@example.org")
    stripe_on.fail_next(failure)

    response = checkout.place_by(client, PaymentMethod.CARD)

    assert response["Location"] == "/checkout/payment-method/"
    page = html.unescape(text_of(client.get(response["Location"])))
    assert UNAVAILABLE in page
    assert 'value="on_delivery"' in page
    assert not Order.objects.exists()
    assert not Source.objects.exists() and not Transaction.objects.exists()
    assert not PaymentEvent.objects.exists()
    assert [key for key in stripe_on.objects if key.startswith("pi_")] == []
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN and basket.num_items == 2
    basket_page = html.unescape(text_of(client.get("/basket/")))
    assert "Kamouraska" in basket_page and "Perceuse" in basket_page and "37,70" in basket_page

    response = checkout.place_by(client, PaymentMethod.ON_DELIVERY)

    assert response["Location"] == "/checkout/thank-you/"
    order = Order.objects.get()
    assert (order.payment_method, order.total_incl_tax) == (PaymentMethod.ON_DELIVERY, D("37.70"))
    assert sorted(line.title for line in order.lines.all()) == ["Kamouraska", "Perceuse"]
    assert stripe_on.requests_to("post", "/v1/payment_intents") != []  # the card was tried


def test_stripe_back_after_the_outage_the_client_pays_by_card_with_the_same_basket(
        client, sellers, stripe_on):
    checkout.fill_basket(client, checkout.book_and_drill(sellers))
    checkout.to_the_payment_step(client, guest_email="lea@example.org")
    stripe_on.fail_next("connection")
    assert checkout.place_by(client, PaymentMethod.CARD)["Location"] == "/checkout/payment-method/"

    response = checkout.place_by(client, PaymentMethod.CARD)

    order = Order.objects.get()
    assert response["Location"].startswith(f"/payments/order/{order.number}/")
    (source,) = order.sources.all()
    intents = [key for key in stripe_on.objects if key.startswith("pi_")]
    assert intents == [source.reference]
    assert stripe_on.objects[source.reference]["amount"] == 3770
