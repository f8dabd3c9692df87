"""A meal service, its invoice clients and their orders, dated where a test needs them."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model

from services.services import client_ensure_user
from shop.order.models import Channel, PaymentMethod
from shop.payments.services import manual_payment_record
from shop.pipeline import LineRequest, place_order
from tests.factories import StaffFactory, product_for
from tests.services.factories import ClientFactory, MealServiceFactory, ProgramFactory

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
Fulfilment = get_class("shipping.repository", "Fulfilment")


@pytest.fixture
def meal_service(db):
    """A meal service with its program (its staff work on the program)."""
    seller = MealServiceFactory(name="Popote Saint-Henri")
    ProgramFactory(seller=seller)
    return seller


@pytest.fixture
def meal(meal_service):
    """A meal at 8.45 $, tax exempt (the meal service is)."""
    return product_for(meal_service, title="Repas régulier", price="8.45", num_in_stock=1000)


@pytest.fixture
def desk_staff(db):
    return StaffFactory()


def invoice_client(**fields):
    """A meal client who pays by monthly invoice, with their account and person."""
    client = ClientFactory(payment_method=PaymentMethod.INVOICE, **fields)
    client_ensure_user(client=client)
    client.refresh_from_db()
    return client


def invoice_order(client, product, meals: int, *, placed):
    """An order of ``meals`` meals billed by monthly invoice, placed at ``placed``."""
    order = place_order(customer=client.user, channel=Channel.SERVICE,
                        lines=[LineRequest(product, meals)], fulfilment=Fulfilment.PICKUP,
                        payment_method=PaymentMethod.INVOICE)
    Order.objects.filter(pk=order.pk).update(date_placed=placed)
    order.refresh_from_db()
    return order


def paid(order, amount: str, *, method: str, on, by):
    """Staff record ``amount`` received for ``order`` at ``on``."""
    manual_payment_record(order=order, amount=Decimal(amount), method=method, user=by)
    event = PaymentEvent.objects.filter(order=order).order_by("-pk").first()
    PaymentEvent.objects.filter(pk=event.pk).update(date_created=on)
