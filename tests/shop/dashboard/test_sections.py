"""Which dashboard sections seller staff may open at all."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COORDINATOR_SECTIONS = [
    "users-index",
    "user-alert-list",
    "reports-index",
    "stock-alert-list",
    "partner-list",
    "offer-list",
    "voucher-list",
    "range-list",
    "page-list",
    "reviews-list",
    "comms-list",
    "shipping-method-list",
    "catalogue-category-list",
    "catalogue-class-list",
]
SELLER_SECTIONS = ["index", "order-list", "order-stats", "catalogue-product-list"]


@pytest.mark.parametrize("name", COORDINATOR_SECTIONS)
def test_seller_staff_cannot_open_a_coordinators_section(client_a, name):
    assert client_a.get(reverse(f"dashboard:{name}")).status_code == 403


@pytest.mark.parametrize("name", SELLER_SECTIONS)
def test_seller_staff_can_open_their_own_sections(client_a, order_a, book, name):
    assert client_a.get(reverse(f"dashboard:{name}")).status_code == 200


@pytest.mark.parametrize("name", SELLER_SECTIONS)
def test_a_client_cannot_open_the_dashboard(client, name):
    client.force_login(UserFactory())

    assert client.get(reverse(f"dashboard:{name}")).status_code in (302, 403)
