"""A client with an account and a person, the worked example's products, and money
brought to their prepaid balance."""

from decimal import Decimal as D

import pytest

from shop.balance.services import balance_credit
from tests.factories import StaffFactory, UserFactory
from tests.shop.payments.conftest import book_and_rental  # noqa: F401

TOTAL = D("37.70")  # the worked example: 24.95 book (GST only) and 10.00 rental, with taxes


@pytest.fixture
def shopper(db):
    """A client with an account (and so a person), nothing on their balance."""
    return UserFactory(email="lea@example.org")


@pytest.fixture
def coordinator(db):
    return StaffFactory(first_name="Marie", last_name="Gagnon")


@pytest.fixture
def credit(coordinator):
    """``credit(user_or_person, "50.00")``: cash brought to the cooperative."""

    def give(who, amount, method="cash"):
        person = getattr(who, "person", who)
        return balance_credit(person=person, amount=D(amount), method=method, by=coordinator)

    return give
