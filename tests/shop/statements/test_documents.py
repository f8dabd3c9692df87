"""The month's paper statements for the demo: one client a sheet, addressed for the window."""

from datetime import timedelta
from decimal import Decimal as D
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from oscar.core.loading import get_model

from services.demo import services_demo_bill_last_month, services_demo_load
from services.models import Client
from shop.documents.pdf import money
from shop.statements.documents import long_date, month_statements_pdf, statement_pdf
from shop.statements.selectors import month_start, paper_clients, statement_for
from tests.clock import TODAY, at
from tests.pdf import pdf_pages, pdf_text

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = pytest.mark.django_db

BILLING_DAY = month_start(TODAY + timedelta(days=40)) + timedelta(days=2)  # early in a month
MONTH = month_start(BILLING_DAY - timedelta(days=5))  # the month billed


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo's shop and meal service, last month's meals billed on the billing day.

    Loaded once for the module, on the billing day's clock, and rolled back after it.
    """
    with (time_machine.travel(at(BILLING_DAY, 9), tick=True), django_db_blocker.unblock(),
          transaction.atomic()):
        call_command("load_demo", verbosity=0)
        services_demo_load(today=BILLING_DAY)
        orders = services_demo_bill_last_month(today=BILLING_DAY)
        assert orders, "the demo bills last month's meals"
        yield orders
        transaction.set_rollback(True)


def flat(text: str) -> str:
    return " ".join(text.split())


def due(client) -> D:
    """What the client owes at the end of the month, counted from the orders and payments."""
    orders = Order.objects.filter(user=client.user)
    billed = sum((order.total_incl_tax for order in orders), D("0"))
    received = sum((event.amount for event in PaymentEvent.objects.filter(
        order__in=orders, event_type__name="Paid")), D("0"))
    return billed - received


class TestTheMonthsPaperStatements:
    def test_read_each_paper_clients_name_balance_and_address_one_a_page(self, demo):
        clients = [Client.objects.get(person=row.person) for row in paper_clients(month=MONTH)]
        assert len(clients) >= 3
        pages = pdf_pages(month_statements_pdf(MONTH))
        assert len(pages) == len(clients)
        for client, page in zip(clients, pages, strict=True):
            text = flat(page)
            assert flat(page.split(client.full_name)[0]).startswith("Comptoir"), (
                "the sheet starts with the return address, then the client's")
            assert client.address_line1 in text
            assert client.postal_code in text
            assert flat(money(due(client), client.language)) in text
            others = [c.full_name for c in clients if c != client]
            assert not any(name in text for name in others)

    def test_a_client_who_paid_part_sees_it(self, demo):
        gerard = Client.objects.get(last_name="Bouchard")
        statement = statement_for(person_or_client=gerard, month=MONTH)
        assert statement.received > 0 and statement.closing_due == due(gerard)
        text = flat(pdf_text(statement_pdf(statement)))
        assert "Chèque" in text and "Paiements reçus" in text
        assert f"Solde dû au {long_date(statement.last_day, 'fr')}" in text
        assert "Solde dû au 1er " in text

    def test_clients_with_an_email_are_left_out_of_the_paper(self, demo):
        margaret = Client.objects.get(last_name="O'Neil")
        Client.objects.filter(pk=margaret.pk).update(email="margaret@example.org")
        paper = flat(pdf_text(month_statements_pdf(MONTH)))
        assert "Margaret O'Neil" not in paper and "Gérard Bouchard" in paper
        every = flat(pdf_text(month_statements_pdf(MONTH, only_paper=False)))
        assert "Margaret O'Neil" in every

    def test_english_speaking_clients_read_it_in_english(self, demo):
        margaret = Client.objects.get(last_name="O'Neil")
        statement = statement_for(person_or_client=margaret, month=MONTH)
        text = flat(pdf_text(statement_pdf(statement)))
        assert f"Statement of account — {MONTH:%B %Y}" in text
        assert f"Balance due on {MONTH:%B} 1, {MONTH:%Y}" in text
        assert flat(money(statement.closing_due, "en")) in text


class TestTheCommand:
    def test_writes_the_months_pdf_with_a_progress_line(self, demo, tmp_path):
        out, path = StringIO(), tmp_path / "releves.pdf"
        call_command("monthly_statements", month=f"{MONTH:%Y-%m}", output=str(path), stdout=out)
        count = len(paper_clients(month=MONTH))
        assert f"Relevé {count} sur {count}" in out.getvalue()
        assert "Gérard Bouchard" in pdf_text(path.read_bytes())

    def test_defaults_to_the_previous_month(self, demo, tmp_path, clock):
        clock.move_to(at(BILLING_DAY, 10))
        path = tmp_path / "releves.pdf"
        call_command("monthly_statements", output=str(path), stdout=StringIO())
        assert "Gérard Bouchard" in pdf_text(path.read_bytes())


def test_dates_are_written_as_in_quebec():
    first = month_start(TODAY)
    assert long_date(first, "fr").startswith("1er ")
    assert long_date(first + timedelta(days=1), "fr").startswith("2 ")
    assert long_date(first, "en") == f"{first:%B} 1, {first:%Y}"
