"""A NUL byte anywhere in the address is a 400 for the whole site, never a server error.

PostgreSQL refuses NUL in a string: a search for ``%00`` or an order number
``%00`` used to reach a query and answer 500.
"""

import pytest

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/search/?q=%00",
    "/search/?q=livre%00",
    "/catalogue/?q=%00",
    "/dashboard/orders/%00/",
    "/dashboard/orders/?order_number=%00",
    "/accounts/orders/%00/",
    "/en/accounts/orders/%00/",
    "/phone/inbox/?done=%00",
    "/static/%00.css",
]


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("who", ["visitor", "client", "coordinator"])
def test_a_nul_byte_in_the_path_or_query_is_a_bad_request(client, address, who):
    if who == "client":
        client.force_login(UserFactory())
    elif who == "coordinator":
        client.force_login(StaffFactory(is_superuser=True))
    client.raise_request_exception = False

    response = client.get(address)

    assert response.status_code == 400


def test_the_answer_is_a_short_page_in_french(client):
    response = client.get("/search/?q=%00", HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Adresse invalide" in page and "caractère non permis" in page
    assert len(page) < 2000


def test_a_posted_nul_byte_in_the_query_string_is_refused_too(client):
    response = client.post("/phone/sms/inbound/?x=%00", {"Body": "AIDE"})

    assert response.status_code == 400


def test_addresses_without_nul_are_untouched(client):
    assert client.get("/search/?q=%2500livre").status_code == 200
