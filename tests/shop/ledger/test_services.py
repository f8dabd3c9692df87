"""The seller ledger written as money moves: payments, refunds, redeliveries, the backfill."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from shop.ledger.models import REFUND_OF, EntryKind, LedgerEntry
from shop.ledger.services import ledger_backfill_order
from shop.order.models import PaymentMethod
from shop.payments import services
from shop.payments.models import SellerFee
from shop.payments.signals import order_paid, order_refunded
from tests.factories import StaffFactory, UserFactory
from tests.integrations.stripe.fake import event
from tests.shop.payments.conftest import place, place_card_order

pytestmark = pytest.mark.django_db
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")


def ledger_of(order) -> dict:
    """``{(seller name or "cooperative", kind): total}`` of the order's rows."""
    totals = {}
    for entry in LedgerEntry.objects.filter(order=order).select_related("seller"):
        key = (entry.seller.name if entry.seller else "cooperative", entry.kind)
        totals[key] = totals.get(key, D("0.00")) + entry.amount
    return {key: amount for key, amount in totals.items() if amount}


def by_seller(order) -> dict:
    """``{seller name or "cooperative": total}`` of the order's rows."""
    totals = {}
    for (seller, _kind), amount in ledger_of(order).items():
        totals[seller] = totals.get(seller, D("0.00")) + amount
    return totals


def total_of(order) -> D:
    return sum(LedgerEntry.objects.filter(order=order).values_list("amount", flat=True), D("0"))


BOOK, TOOLS = "Librairie du Quartier", "Outilthèque Rosemont"
PAID_IN_FULL = {
    (BOOK, EntryKind.SALE_NET): D("24.95"), (BOOK, EntryKind.SALE_GST): D("1.25"),
    (TOOLS, EntryKind.SALE_NET): D("10.00"), (TOOLS, EntryKind.SALE_GST): D("0.50"),
    (TOOLS, EntryKind.SALE_QST): D("1.00"),
}


@pytest.fixture
def paid_by_card(stripe_on, book_and_rental, post_event):
    order, intent = place_card_order(book_and_rental)
    payload = event("payment_intent.succeeded", stripe_on.succeed(intent.id))
    post_event(payload)
    return order, payload


class TestAPayment:
    def test_gives_each_seller_its_lines_and_adds_up_to_what_was_charged(self, paid_by_card):
        order, _payload = paid_by_card
        assert ledger_of(order) == PAID_IN_FULL
        assert total_of(order) == D("37.70")

    def test_delivered_twice_by_stripe_is_written_once(self, paid_by_card, post_event):
        order, payload = paid_by_card
        count = LedgerEntry.objects.count()
        post_event(payload)
        assert LedgerEntry.objects.count() == count
        assert total_of(order) == D("37.70")

    def test_announced_twice_with_one_reference_is_written_once(self, paid_by_card):
        order, _payload = paid_by_card
        reference = LedgerEntry.objects.filter(order=order).first().reference
        order_paid.send(sender=None, order=order, amount=D("37.70"), reference=reference)
        assert total_of(order) == D("37.70")

    def test_a_pay_later_order_is_written_when_staff_record_the_payment(self, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        assert not LedgerEntry.objects.filter(order=order).exists()
        services.manual_payment_record(order=order, amount=D("37.70"), method="cash",
                                       user=StaffFactory())
        assert ledger_of(order) == PAID_IN_FULL

    def test_paid_in_instalments_ends_with_each_seller_exactly_its_lines(self, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        paid = D("0.00")
        for amount in ("10.01", "0.03", "27.66"):
            services.manual_payment_record(order=order, amount=D(amount), method="cash",
                                           user=StaffFactory())
            paid += D(amount)
            assert total_of(order) == paid
        assert ledger_of(order) == PAID_IN_FULL

    def test_the_first_instalment_is_shared_by_each_sellers_part(self, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        services.manual_payment_record(order=order, amount=D("10.00"), method="cash",
                                       user=StaffFactory())
        # 10.00 x 26.20 / 37.70 = 6.949...; 10.00 x 11.50 / 37.70 = 3.050...
        assert by_seller(order) == {BOOK: D("6.95"), TOOLS: D("3.05")}

    def test_the_delivery_charge_and_its_taxes_stay_with_the_cooperative(self, book_and_rental):
        canada, _created = Country.objects.get_or_create(iso_3166_1_a2="CA",
                                                         defaults={"name": "Canada"})
        address = ShippingAddress(first_name="Léa", last_name="Tremblay", line1="1 rue Principale",
                                  line4="Montréal", postcode="H2J 3V5", country=canada)
        from shop import pipeline
        order = pipeline.place_order(
            customer=UserFactory(), channel="phone", fulfilment="delivery",
            payment_method=PaymentMethod.ON_DELIVERY, shipping_address=address,
            lines=[pipeline.LineRequest(book_and_rental[0])])
        services.manual_payment_record(order=order, amount=D("31.95"), method="cash",
                                       user=StaffFactory())
        assert ledger_of(order) == {
            (BOOK, EntryKind.SALE_NET): D("24.95"), (BOOK, EntryKind.SALE_GST): D("1.25"),
            ("cooperative", EntryKind.SALE_NET): D("5.00"),
            ("cooperative", EntryKind.SALE_GST): D("0.25"),
            ("cooperative", EntryKind.SALE_QST): D("0.50"),
        }


class TestARefund:
    def test_a_partial_refund_is_shared_by_largest_remainder(self, paid_by_card):
        order, _payload = paid_by_card
        services.refund_create(order=order, amount=D("3.77"), user=StaffFactory())
        refunds = {key: amount for key, amount in ledger_of(order).items()
                   if key[1] in EntryKind.refunds()}
        # book 3.77 x 26.20 / 37.70 = 2.62 (24.95 / 26.20 of it before tax), tools 1.15
        assert refunds == {
            (BOOK, EntryKind.REFUND_NET): D("-2.50"), (BOOK, EntryKind.REFUND_GST): D("-0.12"),
            (TOOLS, EntryKind.REFUND_NET): D("-1.00"), (TOOLS, EntryKind.REFUND_GST): D("-0.05"),
            (TOOLS, EntryKind.REFUND_QST): D("-0.10"),
        }
        assert total_of(order) == D("33.93")

    def test_refunds_in_full_by_pieces_take_back_exactly_what_was_written(self, paid_by_card):
        order, _payload = paid_by_card
        for amount in ("0.01", "3.33", "34.36"):
            order_refunded.send(sender=None, order=order, amount=D(amount), reference=amount)
        refunds = {(seller, kind): amount for (seller, kind), amount in ledger_of(order).items()
                   if kind in EntryKind.refunds()}
        assert refunds == {(seller, REFUND_OF[kind]): -amount
                           for (seller, kind), amount in PAID_IN_FULL.items()}
        assert by_seller(order) == {BOOK: D("0.00"), TOOLS: D("0.00")}
        assert total_of(order) == D("0.00")


    def test_a_refund_stripe_fails_after_it_succeeded_is_given_back_to_the_sellers(
            self, paid_by_card, stripe_on, post_event):
        from shop.payments.models import Refund

        order, _payload = paid_by_card
        services.refund_create(order=order, amount=D("3.77"), user=StaffFactory())
        refund = Refund.objects.get()
        failed = {**stripe_on.objects[refund.stripe_refund_id], "status": "failed"}
        post_event(event("refund.updated", failed))
        post_event(event("refund.updated", failed))  # delivered twice
        assert by_seller(order) == {BOOK: D("26.20"), TOOLS: D("11.50")}
        assert total_of(order) == D("37.70")


class TestTheFee:
    def test_is_taken_from_the_seller_and_kept_by_the_cooperative(self, sellers, paid_by_card):
        order, _payload = paid_by_card
        SellerFee.objects.create(partner=sellers["bookshop"], rate=D("0.10"))
        SellerFee.objects.create(partner=sellers["tools"], rate=D("0.05"))
        services.refund_create(order=order, amount=D("3.77"), user=StaffFactory())
        fees = {key: amount for key, amount in ledger_of(order).items() if key[1] == EntryKind.FEE}
        # the payment came before the fees existed; the refund brings each seller's fee to
        # its rate of sales less refunds: 10 % of 23.58 = 2.36, 5 % of 10.35 = 0.52
        assert fees == {(BOOK, EntryKind.FEE): D("-2.36"), (TOOLS, EntryKind.FEE): D("-0.52"),
                        ("cooperative", EntryKind.FEE): D("2.88")}
        assert total_of(order) == D("33.93")


class TestTheLedgerRows:
    def test_cannot_be_changed_nor_deleted(self, paid_by_card):
        entry = LedgerEntry.objects.first()
        entry.amount = D("1000.00")
        with pytest.raises(TypeError, match="append-only"):
            entry.save()
        with pytest.raises(TypeError, match="append-only"):
            entry.delete()
        with pytest.raises(TypeError, match="append-only"):
            LedgerEntry.objects.update(amount=0)
        with pytest.raises(TypeError, match="append-only"):
            LedgerEntry.objects.all().delete()

    def test_roll_back_with_the_payment_that_wrote_them(self, book_and_rental):
        from django.db import transaction

        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        with pytest.raises(RuntimeError), transaction.atomic():
            services.manual_payment_record(order=order, amount=D("37.70"), method="cash",
                                           user=StaffFactory())
            raise RuntimeError("the payment's transaction fails")
        assert not LedgerEntry.objects.filter(order=order).exists()


class TestTheBackfill:
    def test_writes_orders_paid_before_the_ledger_once(self, book_and_rental, stripe_on,
                                                       post_event):
        from shop.ledger import receivers

        order_paid.disconnect(dispatch_uid="ledger-order-paid")
        order_refunded.disconnect(dispatch_uid="ledger-order-refunded")
        try:
            order, intent = place_card_order(book_and_rental)
            post_event(event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
            services.refund_create(order=order, amount=D("3.77"), user=StaffFactory())
        finally:
            receivers.connect()
        assert not LedgerEntry.objects.exists()

        call_command("ledger_backfill")
        assert total_of(order) == D("33.93")
        assert ledger_of(order)[(BOOK, EntryKind.REFUND_NET)] == D("-2.50")
        count = LedgerEntry.objects.count()
        call_command("ledger_backfill")
        assert ledger_backfill_order(order=order) == 0
        assert LedgerEntry.objects.count() == count
