"""The transfers page: each seller's staff see their own transfers, coordinators all."""

from decimal import Decimal as D

import pytest

from shop.payouts.models import Transfer
from tests.factories import StaffFactory, seller_staff

pytestmark = pytest.mark.django_db

URL = "/comptabilite/virements/"


@pytest.fixture
def transferred(accounts, connect_on, pay_by_card):
    order, _payload = pay_by_card()
    return order


def rows(response):
    return {t.partner.name for t in response.context["transfers"]}


class TestTheTransfersPage:
    def test_bookshop_staff_do_not_see_the_tool_librarys_transfers(self, transferred, client,
                                                                   sellers):
        client.force_login(seller_staff(sellers["bookshop"]))
        response = client.get(URL)
        assert response.status_code == 200
        assert rows(response) == {sellers["bookshop"].name}
        assert sellers["tools"].name not in response.content.decode()
        assert "11,50" not in response.content.decode()

    def test_asking_for_the_other_sellers_transfers_shows_none(self, transferred, client,
                                                               sellers):
        client.force_login(seller_staff(sellers["bookshop"]))
        response = client.get(URL, {"seller": sellers["tools"].pk})
        assert rows(response) == set()

    def test_a_coordinator_sees_every_sellers_transfers_in_french(self, transferred, client,
                                                                  sellers):
        client.force_login(StaffFactory())
        response = client.get(URL)
        content = response.content.decode()
        assert rows(response) == {sellers["bookshop"].name, sellers["tools"].name}
        assert "Virements aux vendeurs" in content and "26,20" in content and "Envoyé" in content

    def test_a_failed_transfer_shows_as_failed_and_the_filter_finds_it(
            self, transferred, client, sellers):
        Transfer.objects.filter(partner=sellers["tools"]).update(status="failed", attempts=2)
        client.force_login(StaffFactory())
        response = client.get(URL, {"status": "failed"})
        assert rows(response) == {sellers["tools"].name}
        assert "2 tentatives" in response.content.decode()

    def test_shows_what_was_taken_back_and_what_the_seller_keeps(self, transferred, client,
                                                                 sellers):
        Transfer.objects.filter(partner=sellers["tools"]).update(amount_reversed=D("1.15"))
        client.force_login(StaffFactory())
        content = client.get(URL, {"seller": sellers["tools"].pk}).content.decode()
        assert "1,15" in content and "10,35" in content

    def test_clients_and_visitors_are_kept_out(self, transferred, client):
        from tests.factories import UserFactory

        assert client.get(URL).status_code == 302
        client.force_login(UserFactory())
        assert client.get(URL).status_code in (403, 404)

    def test_seller_staff_find_it_in_the_dashboard_menu(self, client, sellers):
        client.force_login(seller_staff(sellers["bookshop"]))
        content = client.get("/dashboard/").content.decode()
        assert 'href="/comptabilite/virements/"' in content and "Virements aux vendeurs" in content
