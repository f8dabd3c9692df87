"""The accounting export page /comptabilite/export/ and its two CSV files, as staff use them."""

import csv
import io
from decimal import Decimal as D

import pytest

from shop.ledger import accounting
from shop.order.models import PaymentMethod
from shop.payments import services
from tests.clock import at, day
from tests.factories import StaffFactory, UserFactory, seller_staff
from tests.shop.payments.conftest import place

pytestmark = pytest.mark.django_db

PAGE = "/comptabilite/export/"
JOURNAL = "/comptabilite/export/journal.csv"
TAXES = "/comptabilite/export/tps-tvq.csv"
PERIOD = {"start": day(-3).isoformat(), "end": day(0).isoformat()}


@pytest.fixture
def paid_order(book_and_rental, clock):
    """The worked example (book 24.95, tool 10.00: 37.70) paid at 23:30 on the last day."""
    clock.move_to(at(day(0), 23, 30))
    order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
    services.manual_payment_record(order=order, amount=D("37.70"), method="cash",
                                   user=StaffFactory())
    return order


def text_of(response) -> str:
    """The page's text, its no-break spaces (money, French punctuation) as spaces."""
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ").replace("\u202f", " ")


def rows_of(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the accents right
    return list(csv.DictReader(io.StringIO(text[1:])))


class TestThePage:
    def test_coordinators_see_each_sellers_figures_for_the_returns(self, client, paid_order,
                                                                   sellers):
        client.force_login(StaffFactory())
        page = text_of(client.get(PAGE, PERIOD))
        assert "1,25 $" in page and "0,50 $" in page and "24,95 $" in page  # GST, sales
        assert "123456789RT0001" in page and "1234567890TQ0001" in page
        assert "TPS nette perçue (ligne 105)" in page and "TVQ nette perçue (ligne 205)" in page
        assert f'href="{JOURNAL}?start=' in page and f'href="{TAXES}?start=' in page
        assert "2 écritures de journal : débits 37,70 $, crédits 37,70 $." in page

    def test_the_period_defaults_to_this_month(self, client, paid_order):
        client.force_login(StaffFactory())
        response = client.get(PAGE)
        assert response.context["form"].cleaned_data["start"] == day(0).replace(day=1)

    def test_a_client_is_refused_and_a_visitor_is_sent_to_sign_in(self, client):
        assert "/login/" in client.get(PAGE)["Location"]
        client.force_login(UserFactory())
        for url in (PAGE, JOURNAL, TAXES):
            assert client.get(url).status_code == 403


class TestTheJournalCsv:
    def test_it_parses_back_with_the_documented_header_and_balances(self, client, paid_order,
                                                                    sellers):
        client.force_login(StaffFactory())
        response = client.get(JOURNAL, PERIOD)
        assert response["Content-Disposition"] == (
            f'attachment; filename="journal-{PERIOD["start"]}-{PERIOD["end"]}.csv"')
        rows = rows_of(response)
        assert list(rows[0]) == accounting.JOURNAL_HEADER
        tools = [row for row in rows if row["Vendeur"] == "Outilthèque Rosemont"]
        number = f"{paid_order.number}-{sellers['tools'].pk}-V1"
        assert [(row["Date"], row["No de pièce"], row["Compte"], row["Débit"], row["Crédit"])
                for row in tools] == [
            (day(0).isoformat(), number, "Encaisse / compte de compensation", "11.50", ""),
            (day(0).isoformat(), number, "Ventes", "", "10.00"),
            (day(0).isoformat(), number, "TPS à payer", "", "0.50"),
            (day(0).isoformat(), number, "TVQ à payer", "", "1.00"),
        ]
        debits = sum(D(row["Débit"] or 0) for row in rows)
        assert debits == sum(D(row["Crédit"] or 0) for row in rows) == D("37.70")

    def test_the_header_stays_in_french_when_the_page_is_in_english(self, client, paid_order):
        client.force_login(StaffFactory())
        rows = rows_of(client.get("/en" + JOURNAL, PERIOD))
        assert list(rows[0]) == accounting.JOURNAL_HEADER

    def test_a_period_ending_before_it_starts_is_refused(self, client):
        client.force_login(StaffFactory())
        response = client.get(JOURNAL, {"start": day(0).isoformat(), "end": day(-1).isoformat()})
        assert response.status_code == 400


class TestTheTaxCsv:
    def test_one_row_per_seller_with_its_registration_numbers(self, client, paid_order):
        client.force_login(StaffFactory())
        rows = {row["Vendeur"]: row for row in rows_of(client.get(TAXES, PERIOD))}
        book = rows["Librairie du Quartier"]
        assert list(book) == accounting.TAX_HEADER
        assert (book["No TPS"], book["No TVQ"], book["Du"], book["Au"]) == (
            "123456789RT0001", "1234567890TQ0001", PERIOD["start"], PERIOD["end"])
        assert (book["Ligne 101 - Ventes nettes avant taxes"], book["Ligne 105 - TPS nette perçue"],
                book["Ligne 205 - TVQ nette perçue"]) == ("24.95", "1.25", "0.00")
        tools = rows["Outilthèque Rosemont"]
        assert (tools["Ligne 101 - Ventes nettes avant taxes"], tools["Ligne 105 - TPS nette perçue"],
                tools["Ligne 205 - TVQ nette perçue"]) == ("10.00", "0.50", "1.00")


class TestSellerStaff:
    def test_bookshop_staff_export_only_the_bookshop(self, client, paid_order, sellers):
        client.force_login(seller_staff(sellers["bookshop"]))
        journal = rows_of(client.get(JOURNAL, PERIOD))
        assert {row["Vendeur"] for row in journal} == {"Librairie du Quartier"}
        taxes = rows_of(client.get(TAXES, PERIOD))
        assert [row["Vendeur"] for row in taxes] == ["Librairie du Quartier"]
        page = text_of(client.get(PAGE, PERIOD))
        assert "Outilthèque" not in page and "Librairie du Quartier" in page

    def test_a_forged_seller_id_is_refused(self, client, paid_order, sellers):
        client.force_login(seller_staff(sellers["bookshop"]))
        forged = {**PERIOD, "seller": sellers["tools"].pk}
        for url in (PAGE, JOURNAL, TAXES):
            response = client.get(url, forged)
            assert response.status_code == 404
            assert "Outilthèque" not in response.content.decode()
