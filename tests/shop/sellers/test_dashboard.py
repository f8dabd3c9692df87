"""Each seller's staff write its public page in the dashboard, and only their seller's."""

import pytest
from django.urls import reverse

from tests.factories import SellerFactory, StaffFactory, seller_staff

pytestmark = pytest.mark.django_db

FIELDS = {
    "description": "<p>Des outils pour <em>tous</em>.</p><img src=x onerror=alert(1)>",
    "opening_hours": "Samedi : 9 h à 16 h",
    "contact_phone": "514 555-0120",
    "contact_email": "pret@example.org",
    "is_public": "on",
}


@pytest.fixture
def sellers():
    return SellerFactory(name="Outilthèque"), SellerFactory(name="Librairie")


def edit_url(seller):
    return reverse("dashboard:seller-page-update", kwargs={"pk": seller.pk})


class TestASellersStaff:
    def test_set_their_sellers_page(self, client, sellers):
        tools, _ = sellers
        client.force_login(seller_staff(tools))
        response = client.post(edit_url(tools), FIELDS)
        assert response.status_code == 302
        tools.refresh_from_db()
        assert tools.opening_hours == "Samedi : 9 h à 16 h"
        assert str(tools.contact_phone) == "+15145550120"
        assert tools.description == "<p>Des outils pour <em>tous</em>.</p>"  # cleaned on save
        page = client.get(reverse("seller-detail", kwargs={"code": tools.code}))
        assert "Samedi : 9 h à 16 h" in page.content.decode()

    def test_cannot_open_or_change_another_sellers_page(self, client, sellers):
        tools, bookshop = sellers
        client.force_login(seller_staff(tools))
        assert client.get(edit_url(bookshop)).status_code == 404
        assert client.post(edit_url(bookshop), FIELDS).status_code == 404
        bookshop.refresh_from_db()
        assert bookshop.opening_hours == ""

    def test_find_their_page_and_only_theirs_from_the_menu(self, client, sellers):
        tools, bookshop = sellers
        client.force_login(seller_staff(tools))
        response = client.get(reverse("dashboard:seller-page-list"))
        assert response.status_code == 200
        page = response.content.decode()
        assert f'href="{edit_url(tools)}"' in page
        assert edit_url(bookshop) not in page and "Librairie" not in page

    def test_clients_cannot_open_the_page(self, client, sellers):
        from tests.factories import UserFactory

        client.force_login(UserFactory())
        assert client.get(edit_url(sellers[0])).status_code in (302, 403)


class TestACoordinator:
    def test_edits_every_sellers_page(self, client, sellers):
        client.force_login(StaffFactory())
        for seller in sellers:
            assert client.get(edit_url(seller)).status_code == 200
