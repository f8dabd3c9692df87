"""People and a program for the meal-delivery tests."""

import pytest

from shop.accounts.services import user_make_coordinator
from tests.factories import SellerFactory, StaffFactory, seller_staff
from tests.services.factories import SeasonFactory, program_with


@pytest.fixture
def meal_program(db):
    """Mondays, Wednesdays, Fridays; regular and diabetic meals with their products."""
    return program_with(weekdays=(0, 2, 4), capacity=40, products=True,
                        options=("regular", "diabetic"))


@pytest.fixture
def meal_season(meal_program):
    return SeasonFactory(program=meal_program)


@pytest.fixture
def coordinator(db):
    return user_make_coordinator(user=StaffFactory())


@pytest.fixture
def popote_staff(meal_program):
    return seller_staff(meal_program.seller)


@pytest.fixture
def other_seller_staff(db):
    return seller_staff(SellerFactory(name="Librairie du Coin", kind="bookshop"))
