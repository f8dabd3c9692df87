"""Two sellers, their staff, a coordinator, and orders placed across them."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.factories import StaffFactory, product_for, seller_staff

Basket = get_model("basket", "Basket")

COORDINATOR_PERMISSIONS = [
    ("order", "view_order"),
    ("order", "change_order"),
    ("catalogue", "view_product"),
    ("catalogue", "add_product"),
    ("catalogue", "change_product"),
    ("catalogue", "delete_product"),
    ("partner", "view_stockalert"),
    ("accounts", "view_user"),
    ("accounts", "change_user"),
    ("analytics", "view_userrecord"),
]


def place_order(*products, user=None, **order_fields):
    """An order for one of each of ``products``, placed with Oscar's OrderCreator.

    Oscar's default strategy prices without tax, which the pipeline's deferred
    taxes do not need here; ``order_fields`` (channel, placed_by…) are stored on
    the order.
    """
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    for product in products:
        basket.add_product(product)
    return create_order(basket=basket, user=user, **order_fields)


def set_taxes(order, *, gst, qst):
    """Give each line and the order the GST and QST the pipeline would have computed."""
    for line in order.lines.all():
        line.gst, line.qst = Decimal(gst), Decimal(qst)
        line.save(update_fields=["gst", "qst"])
    lines = order.lines.count()
    order.gst, order.qst = Decimal(gst) * lines, Decimal(qst) * lines
    order.save(update_fields=["gst", "qst"])
    return order


@pytest.fixture
def seller_a(sellers):
    return sellers["bookshop"]


@pytest.fixture
def seller_b(sellers):
    return sellers["tools"]


@pytest.fixture
def staff_a(seller_a):
    return seller_staff(seller_a, first_name="Alice", last_name="Libraire")


@pytest.fixture
def coordinator(db):
    user = StaffFactory(first_name="Cora", last_name="Coordonnatrice")
    for app_label, codename in COORDINATOR_PERMISSIONS:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def book(seller_a):
    return product_for(seller_a, title="Les Belles-sœurs", price="20.00")


@pytest.fixture
def drill(seller_b):
    return product_for(seller_b, title="Perceuse sans fil", price="35.00")


@pytest.fixture
def order_a(book):
    """An order holding only seller A's lines."""
    return place_order(book)


@pytest.fixture
def order_b(drill):
    """An order holding only seller B's lines."""
    return place_order(drill)


@pytest.fixture
def shared_order(book, drill):
    """An order holding one line of each seller."""
    return place_order(book, drill)


@pytest.fixture
def client_a(client, staff_a):
    client.force_login(staff_a)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
