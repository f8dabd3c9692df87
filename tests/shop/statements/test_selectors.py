"""What a month's statement says, to the cent, and who gets one."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from shop.order.statuses import OrderStatus
from shop.statements.selectors import (
    invoice_clients,
    month_end,
    month_start,
    paper_clients,
    statement_for,
    statement_months,
)
from tests.clock import TODAY, at

from .conftest import invoice_client, invoice_order, paid

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

MONTH = month_start(month_start(TODAY) - timedelta(days=1))  # the month before the frozen one
LAST = month_end(MONTH)
BEFORE = MONTH - timedelta(days=10)
AFTER = LAST + timedelta(days=1)


@pytest.fixture
def rose(meal, desk_staff):
    """Orders before, in and after the month, payments likewise, and a cancelled order."""
    client = invoice_client(first_name="Rose", last_name="Tremblay",
                            address_line1="2290, rue du Couvent", postal_code="h4c 2k1")
    earlier = invoice_order(client, meal, 3, placed=at(BEFORE, 12))  # 25.35
    paid(earlier, "10.00", method="cash", on=at(BEFORE + timedelta(days=2), 10), by=desk_staff)
    month = invoice_order(client, meal, 5, placed=at(MONTH + timedelta(days=9), 12))  # 42.25
    cancelled = invoice_order(client, meal, 2, placed=at(MONTH + timedelta(days=11), 12))
    Order.objects.filter(pk=cancelled.pk).update(status=OrderStatus.CANCELLED)
    paid(earlier, "15.35", method="cash", on=at(MONTH + timedelta(days=14), 10), by=desk_staff)
    paid(month, "20.00", method="cheque", on=at(LAST, 23, 30), by=desk_staff)
    paid(month, "5.00", method="cheque", on=at(AFTER, 0, 30), by=desk_staff)
    invoice_order(client, meal, 1, placed=at(AFTER, 0, 10))
    return client


class TestAStatement:
    def test_figures_are_right_to_the_cent(self, rose):
        statement = statement_for(person_or_client=rose, month=MONTH)
        assert statement.opening_due == D("15.35")
        assert [(row.placed, row.total) for row in statement.orders] == [
            (MONTH + timedelta(days=9), D("42.25"))]
        assert [(row.day, row.method, row.amount) for row in statement.payments] == [
            (MONTH + timedelta(days=14), "cash", D("15.35")), (LAST, "cheque", D("20.00"))]
        assert statement.charges == D("42.25") and statement.received == D("35.35")
        assert statement.closing_due == D("22.25")

    def test_the_next_month_opens_with_what_this_one_closed_with(self, rose):
        statement = statement_for(person_or_client=rose.person, month=AFTER)
        assert statement.opening_due == D("22.25")
        assert statement.received == D("5.00") and statement.charges == D("8.45")
        assert statement.closing_due == D("25.70")

    def test_is_addressed_to_the_client_in_their_language(self, rose):
        rose.language = "en"
        rose.save()
        statement = statement_for(person_or_client=rose, month=MONTH)
        assert statement.name == "Rose Tremblay" and statement.language == "en"
        assert statement.address == ["Rose Tremblay", "2290, rue du Couvent",
                                     "Montréal QC  H4C 2K1"]

    def test_shows_the_prepaid_balance_at_the_end_of_the_month(self, rose):
        from shop.balance.models import BalanceEntry

        BalanceEntry.objects.create(person=rose.person, amount=D("30.00"), kind="cash",
                                    key="test-1", created_at=at(BEFORE, 9))
        BalanceEntry.objects.create(person=rose.person, amount=D("-12.50"),
                                    kind="adjustment", key="test-2",
                                    created_at=at(MONTH + timedelta(days=3), 9))
        statement = statement_for(person_or_client=rose, month=MONTH)
        assert statement.prepaid_balance == D("17.50")
        assert [row.amount for row in statement.prepaid_movements] == [D("-12.50")]


class TestWhoGetsAStatement:
    def test_clients_billed_in_the_month_or_still_owing_at_its_start(self, rose, meal,
                                                                     desk_staff):
        settled = invoice_client(first_name="Paul", last_name="Payé")
        order = invoice_order(settled, meal, 1, placed=at(BEFORE, 12))
        paid(order, "8.45", method="cash", on=at(BEFORE, 13), by=desk_staff)
        owing = invoice_client(first_name="Olga", last_name="Endettée")
        invoice_order(owing, meal, 2, placed=at(BEFORE, 12))
        rows = {row.name: row for row in invoice_clients(month=MONTH)}
        assert set(rows) == {"Rose Tremblay", "Olga Endettée"}
        assert rows["Olga Endettée"].closing_due == D("16.90")
        assert rows["Rose Tremblay"].closing_due == D("22.25")

    def test_paper_statements_are_for_clients_with_no_email(self, rose, meal):
        emailed = invoice_client(first_name="Eve", last_name="Courriel",
                                 email="eve@example.org")
        invoice_order(emailed, meal, 1, placed=at(MONTH + timedelta(days=2), 12))
        assert {row.name for row in invoice_clients(month=MONTH)} == {
            "Rose Tremblay", "Eve Courriel"}
        assert [row.name for row in paper_clients(month=MONTH)] == ["Rose Tremblay"]

    def test_a_client_has_statements_for_months_billed_or_owing(self, rose):
        assert statement_months(person=rose.person) == [MONTH, month_start(BEFORE)]

    def test_the_month_list_takes_the_same_few_queries_for_more_clients(
            self, rose, meal, django_assert_max_num_queries):
        for n in range(5):
            invoice_order(invoice_client(last_name=f"Autre{n}"), meal, 1,
                          placed=at(MONTH + timedelta(days=n), 12))
        with django_assert_max_num_queries(3):
            assert len(invoice_clients(month=MONTH)) == 6
