"""The staff balance pages (``/soldes/``) and the balance on the person's own page."""

import re
from decimal import Decimal as D

import pytest
from django.test import Client

from shop.balance.models import BalanceEntry, EntryKind
from shop.balance.selectors import balance_of
from shop.order.models import PaymentMethod
from tests.factories import StaffFactory, UserFactory, product_for, seller_staff
from tests.shop.payments.conftest import place

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def bookshop_client(sellers, shopper):
    """The shopper, a client of the bookshop (they bought a book there)."""
    place([product_for(sellers["bookshop"], title="Kamouraska")],
          payment_method=PaymentMethod.ON_DELIVERY, customer=shopper)
    return shopper


@pytest.fixture
def bookshop_staff(sellers):
    return seller_staff(sellers["bookshop"])


@pytest.fixture
def tools_staff(sellers):
    return seller_staff(sellers["tools"])


class TestWhoMayOpenTheBalancePages:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client, bookshop_client):
        for url in ("/soldes/", f"/soldes/{bookshop_client.person.pk}/"):
            response = client.get(url)
            assert response.status_code == 302 and "login" in response["Location"]

    def test_a_client_is_refused(self, client, bookshop_client):
        client.force_login(UserFactory())
        assert client.get("/soldes/").status_code == 403
        assert client.get(f"/soldes/{bookshop_client.person.pk}/").status_code == 403

    def test_the_sellers_staff_open_their_own_clients_balance(self, client, bookshop_client,
                                                              bookshop_staff, credit):
        credit(bookshop_client, "12.50")
        client.force_login(bookshop_staff)
        response = client.get(f"/soldes/{bookshop_client.person.pk}/")
        assert response.status_code == 200
        html = text_of(response)
        assert "12,50 $" in html and "Argent comptant reçu" in html

    def test_another_sellers_staff_cannot_see_nor_credit_the_client(
            self, client, bookshop_client, tools_staff):
        client.force_login(tools_staff)
        person = bookshop_client.person
        assert client.get(f"/soldes/{person.pk}/").status_code == 404
        response = client.post(f"/soldes/{person.pk}/versement/",
                               {"method": "cash", "amount": "20.00"})
        assert response.status_code == 404
        assert not BalanceEntry.objects.exists()
        found = text_of(client.get("/soldes/", {"q": bookshop_client.last_name}))
        assert f'href="/soldes/{person.pk}/"' not in found and 'id="no-person"' in found

    def test_the_search_finds_only_people_the_user_may_see(self, client, bookshop_client,
                                                           bookshop_staff):
        client.force_login(bookshop_staff)
        html = text_of(client.get("/soldes/", {"q": bookshop_client.last_name}))
        assert f'href="/soldes/{bookshop_client.person.pk}/"' in html


class TestRecordingMoneyReceived:
    def test_cash_is_added_to_the_balance(self, client, bookshop_client, coordinator):
        client.force_login(coordinator)
        person = bookshop_client.person
        response = client.post(f"/soldes/{person.pk}/versement/",
                               {"method": "cheque", "amount": "25.00", "note": "Chèque no 102"})
        assert response.status_code == 302 and response["Location"] == f"/soldes/{person.pk}/"
        entry = BalanceEntry.objects.get()
        assert (entry.kind, entry.amount, entry.note, entry.recorded_by) == (
            EntryKind.CHEQUE, D("25.00"), "Chèque no 102", coordinator)
        assert "25,00 $ ajouté au solde" in text_of(client.get(response["Location"]))

    @pytest.mark.parametrize("amount", ["0", "-10.00"])
    def test_nothing_or_less_is_refused_in_plain_french_and_what_was_typed_is_kept(
            self, client, bookshop_client, coordinator, amount):
        client.force_login(coordinator)
        response = client.post(f"/soldes/{bookshop_client.person.pk}/versement/",
                               {"method": "cash", "amount": amount, "note": "Apporté par sa fille"})
        assert response.status_code == 400
        html = text_of(response)
        assert "Le montant reçu doit être plus de 0,00 $." in html
        assert "Apporté par sa fille" in html
        assert not BalanceEntry.objects.exists()


class TestRefundingABalanceOrderFromTheStaffPage:
    def test_puts_the_money_back_on_the_balance(self, client, shopper, credit, coordinator,
                                                 book_and_rental):
        credit(shopper, "40.00")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        client.force_login(coordinator)
        page = text_of(client.get(f"/soldes/{shopper.person.pk}/"))
        assert f'href="/soldes/commandes/{order.number}/rembourser/"' in page
        admin = Client()
        admin.force_login(StaffFactory(is_superuser=True))
        page = text_of(admin.get(f"/dashboard/orders/{order.number}/"))
        assert f'href="/soldes/commandes/{order.number}/rembourser/"' in page
        response = client.post(f"/soldes/commandes/{order.number}/rembourser/",
                               {"amount": "37.70"})
        assert response.status_code == 302
        assert balance_of(person=shopper.person) == D("40.00")

    def test_more_than_was_paid_is_refused(self, client, shopper, credit, coordinator,
                                           book_and_rental):
        credit(shopper, "40.00")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        client.force_login(coordinator)
        response = client.post(f"/soldes/commandes/{order.number}/rembourser/",
                               {"amount": "37.71"})
        assert response.status_code == 400
        assert "entre 0,01 $ et 37,70 $" in text_of(response)
        assert balance_of(person=shopper.person) == D("2.30")

    def test_an_order_of_two_sellers_is_refused_to_one_sellers_staff(
            self, client, shopper, credit, book_and_rental, bookshop_staff):
        credit(shopper, "40.00")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        client.force_login(bookshop_staff)
        response = client.post(f"/soldes/commandes/{order.number}/rembourser/",
                               {"amount": "37.70"})
        assert response.status_code == 403
        assert balance_of(person=shopper.person) == D("2.30")


class TestTheAccountPage:
    def test_shows_the_balance_and_its_movements_in_french(self, client, shopper, credit,
                                                           book_and_rental):
        credit(shopper, "50.00")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        client.force_login(shopper)
        html = text_of(client.get("/compte/"))
        assert "Mon solde prépayé" in html
        assert 'id="account-balance">12,30 $' in html
        assert "Argent comptant reçu" in html and "Commande payée" in html
        assert "-37,70 $" in html and order.number in html
        assert "20 août 2026" in html  # the frozen day, as a French reader writes it
        assert "refund-link" not in html
