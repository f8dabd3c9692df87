"""The prepaid balance as money moves: credited by staff, spent by an order placed
through the pipeline, given back by a refund; the ledger follows each payment."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from oscar.core.loading import get_class, get_model

from shop.balance.models import BalanceEntry, EntryKind
from shop.balance.selectors import balance_movements, balance_of, balance_on
from shop.balance.services import balance_credit, balance_order_refund
from shop.ledger.models import EntryKind as LedgerKind
from shop.ledger.models import LedgerEntry
from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus
from tests.clock import at, day
from tests.shop.payments.conftest import place

from .conftest import TOTAL

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
BOOK, TOOLS = "Librairie du Quartier", "Outilthèque Rosemont"


def sales_by_seller(order) -> dict:
    """``{seller name: sales written}`` (before taxes, GST and QST) of the order."""
    rows = (LedgerEntry.objects.filter(order=order, kind__in=LedgerKind.sales())
            .values("seller__name").annotate(total=Sum("amount")))
    return {row["seller__name"]: row["total"] for row in rows}


def refunds_by_seller(order) -> dict:
    rows = (LedgerEntry.objects.filter(order=order, kind__in=LedgerKind.refunds())
            .values("seller__name").annotate(total=Sum("amount")))
    return {row["seller__name"]: row["total"] for row in rows}


class TestACredit:
    def test_cash_received_goes_on_the_balance(self, shopper, credit):
        credit(shopper, "50.00")
        credit(shopper, "20.00", method="cheque")
        assert balance_of(person=shopper.person) == D("70.00")

    @pytest.mark.parametrize("amount", ["0", "-5.00"])
    def test_of_nothing_or_less_is_refused_and_nothing_recorded(self, shopper, coordinator,
                                                                  amount):
        with pytest.raises(ValidationError, match="plus de 0,00"):
            balance_credit(person=shopper.person, amount=D(amount), method="cash", by=coordinator)
        assert not BalanceEntry.objects.exists()

    def test_is_only_cash_or_cheque(self, shopper, coordinator):
        with pytest.raises(ValidationError):
            balance_credit(person=shopper.person, amount=D("5"), method=EntryKind.ADJUSTMENT,
                           by=coordinator)

    def test_movements_are_never_changed_nor_deleted(self, shopper, credit):
        entry = credit(shopper, "50.00")
        entry.amount = D("500.00")
        with pytest.raises(TypeError):
            entry.save()
        with pytest.raises(TypeError):
            BalanceEntry.objects.all().delete()
        with pytest.raises(TypeError):
            BalanceEntry.objects.update(amount=D("1"))


class TestAnOrderPaidFromTheBalance:
    def test_takes_the_total_from_the_balance_and_goes_to_preparation(
            self, shopper, credit, book_and_rental):
        credit(shopper, "50.00")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        assert order.total_incl_tax == TOTAL
        assert balance_of(person=shopper.person) == D("12.30")
        assert order.status == OrderStatus.TO_PREPARE  # as the pipeline hands it back
        order.refresh_from_db()
        assert order.status == OrderStatus.TO_PREPARE
        entry = BalanceEntry.objects.get(order=order)
        assert (entry.kind, entry.amount) == (EntryKind.ORDER_PAYMENT, -TOTAL)

    def test_is_recorded_as_paid_and_the_ledger_gives_each_seller_its_lines(
            self, shopper, credit, book_and_rental):
        credit(shopper, "37.70")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        paid = order.sources.aggregate(total=Sum("amount_debited"))["total"]
        assert paid == TOTAL
        assert order.payment_events.get().amount == TOTAL
        assert sales_by_seller(order) == {BOOK: D("26.20"), TOOLS: D("11.50")}
        assert sum(sales_by_seller(order).values()) == TOTAL
        assert balance_of(person=shopper.person) == D("0.00")

    def test_not_covered_by_the_balance_is_refused_and_leaves_nothing(
            self, shopper, credit, book_and_rental):
        credit(shopper, "37.69")
        with pytest.raises(UnableToPlaceOrder) as refused:
            place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        assert "Votre solde prépayé (37,69" in str(refused.value)
        assert "37,70" in str(refused.value)
        assert not Order.objects.exists()
        assert not LedgerEntry.objects.exists()
        assert BalanceEntry.objects.count() == 1
        assert balance_of(person=shopper.person) == D("37.69")

    def test_of_a_client_with_no_balance_at_all_is_refused(self, shopper, book_and_rental):
        with pytest.raises(UnableToPlaceOrder):
            place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        assert not Order.objects.exists()


class TestARefundOfABalanceOrder:
    def test_puts_the_money_back_and_the_ledger_takes_it_from_the_sellers(
            self, shopper, credit, coordinator, book_and_rental):
        credit(shopper, "40.00")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        balance_order_refund(order=order, amount=TOTAL, by=coordinator)
        assert balance_of(person=shopper.person) == D("40.00")
        assert refunds_by_seller(order) == {BOOK: D("-26.20"), TOOLS: D("-11.50")}
        order.refresh_from_db()
        assert order.status == OrderStatus.CANCELLED

    def test_in_part_gives_back_that_part_and_no_more_than_was_paid(
            self, shopper, credit, coordinator, book_and_rental):
        credit(shopper, "40.00")
        order = place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)
        balance_order_refund(order=order, amount=D("10.00"), by=coordinator)
        assert balance_of(person=shopper.person) == D("12.30")
        assert sum(refunds_by_seller(order).values()) == D("-10.00")
        with pytest.raises(ValidationError, match="27,70"):
            balance_order_refund(order=order, amount=D("27.71"), by=coordinator)
        assert balance_of(person=shopper.person) == D("12.30")


class TestTheBalanceOverTime:
    def test_balance_on_a_day_and_the_movements_of_a_period(
            self, shopper, credit, book_and_rental, clock):
        clock.move_to(at(day(-40), 9))
        credit(shopper, "20.00")
        clock.move_to(at(day(-10), 23, 30))  # late evening, still that day in Montréal
        credit(shopper, "30.00", method="cheque")
        clock.move_to(at(day(-2), 10))
        place(book_and_rental, payment_method=PaymentMethod.BALANCE, customer=shopper)

        person = shopper.person
        assert balance_on(person=person, day=day(-41)) == D("0.00")
        assert balance_on(person=person, day=day(-11)) == D("20.00")
        assert balance_on(person=person, day=day(-10)) == D("50.00")
        assert balance_on(person=person, day=day(-1)) == D("12.30")
        movements = balance_movements(person=person, start=day(-10), end=day(-2))
        assert [(m.amount, m.created_at.astimezone(at(day(), 0).tzinfo).date())
                for m in movements] == [(D("30.00"), day(-10)), (-TOTAL, day(-2))]
        assert [m.label for m in movements] == ["Chèque reçu", "Commande payée"]
