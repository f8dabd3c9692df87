"""Orders paid by card or later, Stripe's fake, and webhook deliveries processed in-process."""

import itertools
import json
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from shop import pipeline
from shop.order.models import Channel, PaymentMethod
from shop.payments import services
from shop.taxes import TaxClass
from tests.factories import UserFactory, product_for
from tests.integrations.stripe.fake import (  # noqa: F401
    deliver,
    event,
    stripe_on,
    webhook_secret,
)

Order = get_model("order", "Order")
ORDER_NUMBERS = itertools.count(300001)


@pytest.fixture
def book_and_rental(sellers):
    """The worked example: 24.95 book (GST only) and 10.00 rental; 37.70 with taxes."""
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    rental = product_for(sellers["tools"], title="Perceuse", price="10.00",
                         class_name="Location d'outil")
    return [book, rental]


def place(products, *, payment_method, customer=None, sources=(), number=None):
    return pipeline.place_order(
        customer=customer or UserFactory(), channel=Channel.WEB, fulfilment="pickup",
        payment_method=payment_method, order_number=number,
        lines=[pipeline.LineRequest(product) for product in products], payment_sources=sources,
    )


def place_card_order(products, total=D("37.70"), customer=None):
    """A card order as web checkout places it: its PaymentIntent opened first."""
    number = str(next(ORDER_NUMBERS))
    intent, source = services.card_payment_start(order_number=number, total=total, currency="CAD")
    order = place(products, payment_method=PaymentMethod.CARD, customer=customer,
                  sources=[source], number=number)
    return order, intent


@pytest.fixture
def tasks_inline(monkeypatch):
    """Queued event processing runs in the thread that queued it, still after commit."""
    from shop.payments.tasks import process_stripe_event

    monkeypatch.setattr(process_stripe_event, "delay",
                        lambda *args: process_stripe_event.apply(args=args))


@pytest.fixture
def post_event(client, webhook_secret, tasks_inline, django_capture_on_commit_callbacks):  # noqa: F811
    """Deliver a signed event and run what its commit queued; returns the response."""

    def post(payload, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return deliver(client, payload, **kwargs)

    return post


def refreshed(order):
    return Order.objects.get(pk=order.pk)


def as_json(payload):
    return json.dumps(payload)
