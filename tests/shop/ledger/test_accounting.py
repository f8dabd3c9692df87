"""The accounting export's figures: a balanced general journal of each seller's books,
and the GST/QST figures of its returns, read from the seller ledger to the cent."""

import itertools
from decimal import Decimal as D

import pytest
from django.db import transaction

from shop.ledger import accounting
from shop.ledger.models import EntryKind, LedgerEntry
from shop.order.models import PaymentMethod
from shop.partner.models import Partner
from shop.payments import services
from shop.payments.models import SellerFee
from tests.clock import at, day
from tests.factories import StaffFactory, seller_staff
from tests.shop.payments.conftest import place

pytestmark = pytest.mark.django_db

BOOKSHOP, TOOLS = "Librairie du Quartier", "Outilthèque Rosemont"
KEYS = itertools.count(1)


@pytest.fixture
def coordinator():
    return StaffFactory()


@pytest.fixture
def fees(sellers):
    SellerFee.objects.create(partner=sellers["bookshop"], rate=D("0.10"))
    SellerFee.objects.create(partner=sellers["tools"], rate=D("0.05"))


def paid(products, *, user):
    """The two sellers' basket (37.70) paid at the counter."""
    order = place(products, payment_method=PaymentMethod.ON_DELIVERY)
    services.manual_payment_record(order=order, amount=order.total_incl_tax, method="cash",
                                   user=user)
    return order


def refund(order, amount, reference):
    with transaction.atomic():
        locked = services.order_locked(order)
        services.refund_recorded(order=locked, source=locked.sources.get(), amount=D(amount),
                                 reference=reference)


def journal(user, start=None, end=None, sellers=None):
    return accounting.journal_entries(user=user, sellers=sellers or Partner.objects.all(),
                                      start=start or day(0), end=end or day(0))


def returns(user, start=None, end=None, sellers=None):
    figures = accounting.tax_returns(user=user, sellers=sellers or Partner.objects.all(),
                                     start=start or day(0), end=end or day(0))
    return {row.seller.name: row for row in figures}


def ledger_sum(seller, *kinds):
    return sum(LedgerEntry.objects.filter(seller=seller, kind__in=kinds)
               .values_list("amount", flat=True), D("0.00"))


def account_balance(entries, seller, account):
    """Credits less debits of ``account`` in ``seller``'s entries."""
    return sum((line.credit - line.debit for entry in entries if entry.seller == seller
                for line in entry.lines if line.account == account), D("0.00"))


@pytest.fixture
def paid_and_refunded(book_and_rental, fees, coordinator):
    """37.70 paid, then 3.77 refunded: bookshop bears 2.62, the tool library 1.15."""
    order = paid(book_and_rental, user=coordinator)
    refund(order, "3.77", "re-1")
    return order


class TestTheJournal:
    def test_every_entry_balances_and_so_does_the_whole_journal(self, paid_and_refunded,
                                                                coordinator):
        entries = journal(coordinator)
        # per seller: the sale and its fee, the refund and the fee given back
        assert sorted(entry.number.rsplit("-", 1)[1] for entry in entries) == [
            "F1", "F1", "F2", "F2", "R1", "R1", "V1", "V1"]
        for entry in entries:
            assert entry.debits == entry.credits > 0, entry.number
        assert (sum((entry.debits for entry in entries), D(0))
                == sum((entry.credits for entry in entries), D(0)))

    def test_sales_gst_qst_and_fees_are_the_ledger_sums_to_the_cent(self, paid_and_refunded,
                                                                    coordinator, sellers):
        entries = journal(coordinator)
        for seller in sellers.values():
            assert account_balance(entries, seller, accounting.SALES) == ledger_sum(
                seller, EntryKind.SALE_NET, EntryKind.REFUND_NET)
            assert account_balance(entries, seller, accounting.GST_PAYABLE) == ledger_sum(
                seller, EntryKind.SALE_GST, EntryKind.REFUND_GST)
            assert account_balance(entries, seller, accounting.QST_PAYABLE) == ledger_sum(
                seller, EntryKind.SALE_QST, EntryKind.REFUND_QST)
            assert account_balance(entries, seller, accounting.FEES) == ledger_sum(
                seller, EntryKind.FEE)
            # what the cooperative holds for the seller: everything its ledger says
            assert -account_balance(entries, seller, accounting.CLEARING) == ledger_sum(
                seller, *EntryKind.values)
        tools = account_balance(entries, sellers["tools"], accounting.SALES)
        assert tools == D("9.00")  # 10.00 sold, 1.00 of the 1.15 refunded before taxes

    def test_a_sale_credits_sales_and_taxes_and_debits_the_clearing_account(
            self, book_and_rental, coordinator, sellers):
        order = paid(book_and_rental, user=coordinator)
        (sale,) = journal(coordinator, sellers=Partner.objects.filter(pk=sellers["tools"].pk))
        assert sale.number == f"{order.number}-{sellers['tools'].pk}-V1"
        assert sale.description == f"Vente, commande {order.number}"
        assert [(line.account, line.debit, line.credit) for line in sale.lines] == [
            (accounting.CLEARING, D("11.50"), D("0.00")),
            (accounting.SALES, D("0.00"), D("10.00")),
            (accounting.GST_PAYABLE, D("0.00"), D("0.50")),
            (accounting.QST_PAYABLE, D("0.00"), D("1.00")),
        ]

    def test_a_refund_is_the_reverse_and_the_fee_is_a_charge_against_the_clearing_account(
            self, paid_and_refunded, coordinator, sellers):
        tools = [entry for entry in journal(coordinator) if entry.seller == sellers["tools"]]
        lines = {entry.number.rsplit("-", 1)[1]: [(line.account, line.debit, line.credit)
                                                  for line in entry.lines] for entry in tools}
        assert lines["R1"] == [
            (accounting.CLEARING, D("0.00"), D("1.15")),
            (accounting.SALES, D("1.00"), D("0.00")),
            (accounting.GST_PAYABLE, D("0.05"), D("0.00")),
            (accounting.QST_PAYABLE, D("0.10"), D("0.00")),
        ]
        # 5 % of 11.50 = 0.58 charged with the sale; 5 % of 10.35 = 0.52 after the refund
        assert lines["F1"] == [(accounting.CLEARING, D("0.00"), D("0.58")),
                               (accounting.FEES, D("0.58"), D("0.00"))]
        assert lines["F2"] == [(accounting.CLEARING, D("0.06"), D("0.00")),
                               (accounting.FEES, D("0.00"), D("0.06"))]

    def test_entry_numbers_do_not_depend_on_the_period_exported(
            self, book_and_rental, coordinator, sellers, clock):
        clock.move_to(at(day(0), 10))
        order = paid(book_and_rental, user=coordinator)
        refund(order, "1.00", "re-1")
        clock.move_to(at(day(1), 10))
        refund(order, "2.00", "re-2")
        tools = Partner.objects.filter(pk=sellers["tools"].pk)
        (later,) = journal(coordinator, start=day(1), end=day(1), sellers=tools)
        assert later.number == f"{order.number}-{sellers['tools'].pk}-R2"
        assert later.day == day(1) and later.reference == "re-2"

    def test_payouts_move_money_from_the_clearing_account_to_the_bank(
            self, book_and_rental, coordinator, sellers):
        order = paid(book_and_rental, user=coordinator)
        tools = sellers["tools"]
        for amount, reference in ((D("-11.50"), "tr_1"), (D("2.00"), "tr_1-reversal")):
            LedgerEntry.objects.create(kind=EntryKind.PAYOUT, seller=tools, order=order,
                                       amount=amount, reference=reference,
                                       key=f"payout:{order.number}:{reference}:{tools.pk}")
        LedgerEntry.objects.create(kind=EntryKind.PAYOUT, seller=tools, amount=D("-1.00"),
                                   reference="tr_2", key=f"payout:none:tr_2:{tools.pk}")
        entries = journal(coordinator, sellers=Partner.objects.filter(pk=tools.pk))
        payouts = [(entry.number, [(line.account, line.debit, line.credit) for line in entry.lines])
                   for entry in entries if "-P" in entry.number or entry.number.startswith(
                       f"{tools.pk}-")]
        assert payouts == [
            (f"{order.number}-{tools.pk}-P1",
             [(accounting.CLEARING, D("0.00"), D("11.50")), (accounting.BANK, D("11.50"), D("0.00"))]),
            (f"{order.number}-{tools.pk}-P2",
             [(accounting.CLEARING, D("2.00"), D("0.00")), (accounting.BANK, D("0.00"), D("2.00"))]),
            (f"{tools.pk}-P1",  # a payout of no order
             [(accounting.CLEARING, D("0.00"), D("1.00")), (accounting.BANK, D("1.00"), D("0.00"))]),
        ]

    def test_the_cooperatives_own_rows_and_other_sellers_are_left_out(
            self, paid_and_refunded, sellers):
        staff = seller_staff(sellers["bookshop"])
        entries = journal(staff)  # asked for every seller: the ledger shows only its own
        assert {entry.seller for entry in entries} == {sellers["bookshop"]}


class TestThePeriod:
    def test_money_moved_at_23_30_on_the_last_day_is_in_and_at_00_10_the_next_is_not(
            self, book_and_rental, coordinator, clock):
        clock.move_to(at(day(0), 23, 30))
        late = paid(book_and_rental, user=coordinator)
        clock.move_to(at(day(1), 0, 10))
        paid(book_and_rental, user=coordinator)

        entries = journal(coordinator, start=day(-6), end=day(0))
        assert {entry.number.split("-")[0] for entry in entries} == {late.number}
        assert {entry.day for entry in entries} == {day(0)}  # 03:30 UTC, yet the day before
        assert returns(coordinator, start=day(-6), end=day(0))[BOOKSHOP].line_105 == D("1.25")
        assert returns(coordinator, start=day(1), end=day(1))[BOOKSHOP].line_105 == D("1.25")
        assert returns(coordinator, start=day(-6), end=day(1))[BOOKSHOP].line_105 == D("2.50")


class TestTheTaxReturnFigures:
    def test_the_worked_example_book_gst_only_tool_gst_and_qst(self, book_and_rental,
                                                                coordinator):
        paid(book_and_rental, user=coordinator)
        figures = returns(coordinator)
        book, tools = figures[BOOKSHOP], figures[TOOLS]
        assert (book.line_101, book.line_105, book.line_205) == (D("24.95"), D("1.25"), D("0.00"))
        assert (tools.line_101, tools.line_105, tools.line_205) == (D("10.00"), D("0.50"), D("1.00"))
        assert book.line_105 + tools.line_105 == D("1.75")
        assert book.line_205 + tools.line_205 == D("1.00")

    def test_refunded_taxes_come_off_what_was_collected(self, paid_and_refunded, coordinator):
        figures = returns(coordinator)
        tools = figures[TOOLS]
        assert (tools.sales, tools.sales_refunded, tools.line_101) == (
            D("10.00"), D("1.00"), D("9.00"))
        assert (tools.gst_collected, tools.gst_refunded, tools.line_105) == (
            D("0.50"), D("0.05"), D("0.45"))
        assert (tools.qst_collected, tools.qst_refunded, tools.line_205) == (
            D("1.00"), D("0.10"), D("0.90"))
        # 2.62 refunded of 26.20: 2.495 and 0.125 before rounding, the tied cent to the sale
        book = figures[BOOKSHOP]
        assert (book.line_101, book.line_105, book.line_205) == (D("22.45"), D("1.13"), D("0.00"))

    def test_a_seller_with_nothing_in_the_period_has_zeros(self, sellers, coordinator):
        figures = returns(coordinator)
        assert set(figures) == {BOOKSHOP, TOOLS}
        assert figures[BOOKSHOP].line_105 == D("0.00")
