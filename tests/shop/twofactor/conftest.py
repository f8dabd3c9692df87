"""A coordinator, an administrator, seller staff and a client, each with a known password."""

import pytest

from shop.accounts.services import user_make_coordinator
from tests.factories import StaffFactory, UserFactory, seller_staff

PASSWORD = "motdepasse-123"  # the factories' password


@pytest.fixture
def coordinator(db):
    return user_make_coordinator(user=UserFactory(email="cora@example.org"))


@pytest.fixture
def administrator(db):
    return StaffFactory(email="admin@example.org", is_superuser=True)


@pytest.fixture
def bookseller(sellers):
    return seller_staff(sellers["bookshop"], email="libraire@example.org")


@pytest.fixture
def customer(db):
    return UserFactory(email="lea@example.org")


def sign_in(client, email, password=PASSWORD):
    """The first step only, through the shop's login form."""
    response = client.post("/accounts/login/", {
        "login-username": email, "login-password": password, "login_submit": "1"})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def second_step(client, code, next_url="/dashboard/"):
    return client.post("/two-step/code/", {"code": code, "next": next_url})
