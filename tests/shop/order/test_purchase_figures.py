"""Oscar's purchase figures (products bought, the buyer's orders and spending) are added once
the order commits, and stay right order after order."""

from decimal import Decimal

import pytest
from django.db import transaction
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from tests.factories import SellerFactory, UserFactory, product_for

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    seller = SellerFactory(name="Librairie")
    return [product_for(seller, title=f"Livre {n}", price="10.00") for n in range(2)]


def order(customer, lines):
    return place_order(customer=customer, channel=Channel.WEB, fulfilment="pickup",
                       payment_method=PaymentMethod.ON_DELIVERY,
                       lines=[LineRequest(product, quantity) for product, quantity in lines])


def test_each_order_adds_its_items_to_the_products_and_the_buyer(
        books, django_capture_on_commit_callbacks):
    buyer = UserFactory()
    first, second = books
    with django_capture_on_commit_callbacks(execute=True):
        one = order(buyer, [(first, 2), (second, 1)])
    with django_capture_on_commit_callbacks(execute=True):
        two = order(buyer, [(first, 1)])

    assert ProductRecord.objects.get(product=first).num_purchases == 3
    assert ProductRecord.objects.get(product=second).num_purchases == 1
    record = UserRecord.objects.get(user=buyer)
    assert (record.num_orders, record.num_order_lines, record.num_order_items) == (2, 3, 4)
    assert record.total_spent == one.total_incl_tax + two.total_incl_tax > Decimal("0")
    assert record.date_last_order == two.date_placed


def test_an_order_rolled_back_counts_nothing(books, django_capture_on_commit_callbacks):
    buyer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            order(buyer, [(books[0], 1)])
            raise RuntimeError("the order's transaction fails after it")
    assert not ProductRecord.objects.filter(product=books[0]).exists()
    assert not UserRecord.objects.filter(user=buyer).exists()
