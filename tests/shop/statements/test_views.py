"""Who may read which statement: staff of the meal service, coordinators, and the client."""

from datetime import timedelta

import pytest

from shop.accounts.services import user_make_coordinator
from shop.statements.selectors import month_start
from tests.clock import TODAY, at
from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for, seller_staff
from tests.pdf import pdf_text
from tests.services.factories import MealServiceFactory

from .conftest import invoice_client, invoice_order

pytestmark = pytest.mark.django_db

MONTH = month_start(month_start(TODAY) - timedelta(days=1))
YEAR_MONTH = {"year": f"{MONTH:%Y}", "month": f"{MONTH:%m}"}


def list_url():
    return f"/comptabilite/releves/?month={MONTH:%Y-%m}"


def month_pdf_url(query=""):
    return f"/comptabilite/releves/{MONTH:%Y-%m}.pdf{query}"


def statement_url(person):
    return f"/comptabilite/releves/{MONTH:%Y-%m}/{person.pk}.pdf"


def account_url(month=MONTH):
    return f"/compte/releves/{month:%Y-%m}.pdf"


@pytest.fixture
def rose(meal):
    client = invoice_client(first_name="Rose", last_name="Tremblay")
    invoice_order(client, meal, 4, placed=at(MONTH + timedelta(days=3), 12))  # 33.80
    return client


@pytest.fixture
def other_meal_client(db):
    """A client of another meal service, billed the same month."""
    other = MealServiceFactory(name="Popote Verdun")
    client = invoice_client(first_name="Yvon", last_name="Verdun")
    invoice_order(client, product_for(other, price="7.00"), 2,
                  placed=at(MONTH + timedelta(days=5), 12))
    return client


class TestStaffPages:
    def test_a_coordinator_lists_the_months_clients_and_prints_them(self, client, rose,
                                                                    other_meal_client):
        client.force_login(user_make_coordinator(user=StaffFactory()))
        page = client.get(list_url())
        assert page.status_code == 200
        text = page.content.decode()
        assert "Rose Tremblay" in text and "Yvon Verdun" in text and "33,80" in text
        assert month_pdf_url() in text and statement_url(rose.person) in text
        paper = pdf_text(client.get(month_pdf_url()).content)
        assert "Rose Tremblay" in paper and "Yvon Verdun" in paper

    def test_meal_staff_see_their_own_clients_only(self, client, rose, other_meal_client,
                                                   meal_service):
        client.force_login(seller_staff(meal_service))
        text = client.get(list_url()).content.decode()
        assert "Rose Tremblay" in text and "Yvon Verdun" not in text
        assert "Rose Tremblay" in pdf_text(client.get(statement_url(rose.person)).content)
        paper = pdf_text(client.get(month_pdf_url("?all=1")).content)
        assert "Rose Tremblay" in paper and "Yvon Verdun" not in paper
        assert client.get(statement_url(other_meal_client.person)).status_code == 404

    def test_another_sellers_staff_are_refused(self, client, rose):
        client.force_login(seller_staff(SellerFactory(name="Librairie", kind="bookshop")))
        for url in (list_url(), month_pdf_url(), statement_url(rose.person)):
            response = client.get(url)
            assert response.status_code == 403, url
            assert b"Rose" not in response.content

    def test_a_client_cannot_open_the_staff_pages(self, client, rose):
        client.force_login(rose.user if rose.user.email else UserFactory())
        assert client.get(statement_url(rose.person)).status_code in (302, 403)


class TestAClientsOwnStatements:
    def test_mon_compte_lists_them_and_opens_their_own(self, client, rose):
        user = rose.user
        user.email = "rose@example.org"
        user.save()
        client.force_login(user)
        page = client.get("/compte/").content.decode()
        assert account_url() in page
        statement = client.get(account_url())
        assert statement.status_code == 200 and statement["Content-Type"] == "application/pdf"
        assert "Rose Tremblay" in pdf_text(statement.content)

    def test_a_client_cannot_read_anothers(self, client, rose, other_meal_client):
        client.force_login(other_meal_client.user)
        mine = pdf_text(client.get(account_url()).content)
        assert "Yvon Verdun" in mine and "Rose" not in mine
        client.force_login(UserFactory())
        assert client.get(account_url()).status_code == 404

    def test_signing_in_comes_first(self, client, rose):
        response = client.get(account_url())
        assert response.status_code == 302 and "/login/" in response["Location"]
