"""Invoices as PDF: the client's own, each seller's staff their own part, coordinators all."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from shop.people.services.persons import person_of
from shop.taxes import TaxClass
from tests.factories import StaffFactory, UserFactory, product_for, seller_staff
from tests.pdf import pdf_text

from .conftest import place

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return " ".join(pdf_text(response.content).replace("\u00a0", " ").replace("\u202f", " ").split())


def account_url(order):
    return reverse("invoices:account-pdf", kwargs={"number": order.number})


def staff_url(order):
    return reverse("invoices:staff-pdf", kwargs={"number": order.number})


@pytest.fixture
def rose():
    return UserFactory(first_name="Rose", last_name="Tremblay")


@pytest.fixture
def tax_example(book_and_rental, rose):
    return place(book_and_rental, customer=rose)


class TestTheClientsInvoice:
    def test_the_tax_example_shows_both_sellers_numbers_and_the_taxes(self, client, tax_example,
                                                                    rose, sellers):
        sellers["bookshop"].gst_number, sellers["bookshop"].qst_number = "111111111RT0001", "1111111111TQ0001"
        sellers["bookshop"].save()
        sellers["tools"].gst_number, sellers["tools"].qst_number = "222222222RT0001", "2222222222TQ0001"
        sellers["tools"].save()
        client.force_login(rose)
        text = text_of(client.get(account_url(tax_example)))
        assert "Facture LIB-000001" in text and "Facture OUT-000001" in text
        for number in ("111111111RT0001", "1111111111TQ0001", "222222222RT0001", "2222222222TQ0001"):
            assert number in text
        assert "Librairie du Quartier" in text and "Outilthèque Rosemont" in text
        assert "Total de la commande 1,75 $ 1,00 $ 37,70 $" in text
        assert "TPS (5 %) 1,25 $" in text and "TVQ (9,975 %) 1,00 $" in text
        assert "20 août 2026" in text  # the frozen clock's day, in French
        assert "Kamouraska" in text

    def test_under_30_dollars_the_buyers_name_is_left_out(self, client, tax_example, rose):
        client.force_login(rose)
        text = text_of(client.get(account_url(tax_example)))
        assert "Rose Tremblay" not in text
        assert "Modalités de paiement" not in text

    def test_from_150_dollars_the_buyer_items_and_payment_terms_are_shown(self, client, sellers,
                                                                        rose):
        books = product_for(sellers["bookshop"], title="Encyclopédie du Québec", price="150.00",
                            tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
        order = place([books], customer=rose)
        client.force_login(rose)
        text = text_of(client.get(account_url(order)))
        assert "Client : Rose Tremblay" in text
        assert "Encyclopédie du Québec" in text
        assert "Modalités de paiement : payable à la livraison ou au retrait." in text

    def test_a_client_whose_language_is_english_reads_it_in_english(self, client, tax_example,
                                                                    rose):
        person = person_of(rose)
        person.language = "en"
        person.save()
        client.force_login(StaffFactory())
        text = text_of(client.get(staff_url(tax_example)))
        assert "Invoice LIB-000001" in text and "$37.70" in text and "GST (5 %) $1.25" in text

    def test_a_refund_adds_a_credit_note(self, client, tax_example, rose):
        from .test_services import paid_then_refunded

        paid_then_refunded(tax_example, D("11.50"))
        client.force_login(rose)
        text = text_of(client.get(account_url(tax_example)))
        assert "Note de crédit" in text
        assert "Total crédité" in text and "11,50 $" in text

    def test_another_client_gets_not_found(self, client, tax_example):
        client.force_login(UserFactory())
        assert client.get(account_url(tax_example)).status_code == 404

    def test_a_visitor_is_asked_to_sign_in(self, client, tax_example):
        response = client.get(account_url(tax_example))
        assert response.status_code == 302 and "login" in response["Location"]

    def test_the_order_page_and_the_account_page_link_to_it(self, client, tax_example, rose):
        client.force_login(rose)
        for page in (reverse("customer:order", kwargs={"order_number": tax_example.number}),
                     reverse("people:account")):
            html = client.get(page).content.decode()
            assert account_url(tax_example) in html, page
            assert "Facture (PDF)" in html


class TestStaffInvoices:
    def test_a_sellers_staff_gets_only_its_own_sellers_invoice(self, client, tax_example,
                                                              sellers):
        client.force_login(seller_staff(sellers["bookshop"]))
        text = text_of(client.get(staff_url(tax_example)))
        assert "LIB-000001" in text
        assert "OUT-000001" not in text and "Outilthèque" not in text and "Perceuse" not in text
        assert "37,70" not in text
        assert "Total de la commande" not in text  # their part is not the order's total

    def test_another_sellers_staff_gets_not_found(self, client, sellers, rose):
        book_only = place([product_for(sellers["bookshop"], title="Kamouraska", price="24.95")],
                          customer=rose)
        client.force_login(seller_staff(sellers["tools"]))
        assert client.get(staff_url(book_only)).status_code == 404

    def test_a_client_gets_not_found_on_the_staff_address(self, client, tax_example, rose):
        client.force_login(rose)
        assert client.get(staff_url(tax_example)).status_code == 404

    def test_a_coordinator_gets_every_sellers_invoice(self, client, tax_example):
        client.force_login(StaffFactory())
        text = text_of(client.get(staff_url(tax_example)))
        assert "LIB-000001" in text and "OUT-000001" in text and "37,70 $" in text

    def test_the_dashboard_order_page_links_to_it(self, client, tax_example):
        client.force_login(StaffFactory(is_superuser=True))
        html = client.get(reverse("dashboard:order-detail",
                                  kwargs={"number": tax_example.number})).content.decode()
        assert staff_url(tax_example) in html
