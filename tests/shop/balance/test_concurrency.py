"""Two orders paid at the same moment from one balance cannot overdraw it (PostgreSQL)."""

import threading
import time
from decimal import Decimal as D

import pytest
from django.db import connections
from oscar.core.loading import get_class, get_model

from shop.balance.models import BalanceEntry
from shop.balance.selectors import balance_of
from shop.order.models import PaymentMethod
from tests.concurrency import postgresql_only
from tests.factories import product_for
from tests.shop.payments.conftest import place

Order = get_model("order", "Order")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")


@pytest.fixture
def without_oscar_analytics():
    """Oscar's analytics update one row per client on each order, which would make the
    two orders wait for each other by accident (or fail on the first order's insert):
    without it, only the balance's own lock stands between them."""
    from oscar.apps.analytics.receivers import receive_order_placed
    from oscar.apps.order.signals import order_placed

    order_placed.disconnect(receive_order_placed)
    yield
    order_placed.connect(receive_order_placed)


@pytest.fixture
def slow_balance_read(monkeypatch):
    """The balance read, then a pause: long enough for the other order to read it too,
    were nothing to make it wait."""
    from shop.balance import services

    def read_then_pause(*, person):
        balance = balance_of(person=person)
        time.sleep(1.5)
        return balance

    monkeypatch.setattr(services, "balance_of", read_then_pause)


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("without_oscar_analytics", "slow_balance_read")
def test_two_orders_at_once_cannot_spend_the_balance_twice(shopper, credit, sellers):
    """Two products of two sellers (no stock row nor seller's row shared to make the two
    orders wait for each other by accident): 34,49 $ each."""
    products = [product_for(sellers["tools"], title="Perceuse", price="30.00"),
                product_for(sellers["bookshop"], title="Agenda", price="30.00")]
    credit(shopper, "50.00")  # enough for one order, not for two
    barrier = threading.Barrier(2)
    placed, refused, errors = [], [], []

    def attempt(product):
        try:
            barrier.wait(timeout=30)
            placed.append(place([product], payment_method=PaymentMethod.BALANCE,
                                customer=shopper))
        except UnableToPlaceOrder as error:
            refused.append(str(error))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(product,)) for product in products]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert (len(placed), len(refused)) == (1, 1)
    assert "ne couvre pas" in refused[0]
    assert Order.objects.count() == 1
    assert balance_of(person=shopper.person) == D("15.51")
    assert BalanceEntry.objects.filter(order__isnull=False).count() == 1
