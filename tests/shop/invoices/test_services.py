"""Invoices issued as orders are placed, credit notes as refunds are recorded."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import transaction
from oscar.apps.order.signals import order_placed

from shop.invoices.models import Invoice, InvoiceKind, InvoiceSequence
from shop.ledger.models import EntryKind, LedgerEntry
from shop.payments import services as payments
from tests.factories import SellerFactory, UserFactory, product_for

from .conftest import place

pytestmark = pytest.mark.django_db


def invoices_of(order):
    return {invoice.seller.name if invoice.seller else "cooperative": invoice
            for invoice in Invoice.objects.filter(order=order, kind=InvoiceKind.INVOICE)}


def numbers_of(seller):
    return list(Invoice.objects.filter(seller=seller).order_by("number")
                .values_list("number", flat=True))


class TestAnOrderPlaced:
    def test_gets_one_invoice_per_seller_with_that_sellers_amounts(self, book_and_rental):
        order = place(book_and_rental, customer=UserFactory(first_name="Rose", last_name="Roy"))
        invoices = invoices_of(order)
        book, tools = invoices["Librairie du Quartier"], invoices["Outilthèque Rosemont"]
        assert (book.net, book.gst, book.qst, book.total) == (
            D("24.95"), D("1.25"), D("0.00"), D("26.20"))
        assert (tools.net, tools.gst, tools.qst, tools.total) == (
            D("10.00"), D("0.50"), D("1.00"), D("11.50"))
        assert book.total + tools.total == order.total_incl_tax == D("37.70")
        assert (book.display_number, tools.display_number) == ("LIB-000001", "OUT-000001")

    def test_numbers_follow_on_without_gaps_for_each_seller(self, book_and_rental, sellers):
        book, rental = book_and_rental
        for products in ([book], [book, rental], [rental], [book]):
            place(products)
        assert numbers_of(sellers["bookshop"]) == [1, 2, 3]
        assert numbers_of(sellers["tools"]) == [1, 2]
        assert InvoiceSequence.objects.get(seller=sellers["bookshop"]).last_number == 3

    def test_the_delivery_charge_is_invoiced_by_the_cooperative(self, book_and_rental, sellers):
        order = place(book_and_rental, fulfilment="delivery", shipping_address=_address())
        invoices = invoices_of(order)
        cooperative = invoices["cooperative"]
        assert cooperative.display_number == "COOP-000001"
        assert cooperative.total > 0
        assert sum(i.total for i in invoices.values()) == order.total_incl_tax

    def test_an_order_that_fails_after_it_was_placed_gives_its_numbers_back(
            self, book_and_rental, sellers):
        place(book_and_rental)

        def fail(sender, order, **kwargs):
            raise RuntimeError("the card was refused after the order was written")

        order_placed.connect(fail, dispatch_uid="test-fail-after-placed")
        try:
            with pytest.raises(RuntimeError):
                place(book_and_rental)
        finally:
            order_placed.disconnect(dispatch_uid="test-fail-after-placed")
        place(book_and_rental)
        assert numbers_of(sellers["bookshop"]) == [1, 2]
        assert numbers_of(sellers["tools"]) == [1, 2]

    def test_two_sellers_with_the_same_first_letters_get_different_prefixes(self, db):
        first = SellerFactory(name="Librairie Olivieri")
        second = SellerFactory(name="Librairie Monet")
        orders = [place([product_for(seller, title=seller.name)]) for seller in (first, second)]
        numbers = [invoices_of(order)[seller.name].display_number
                   for order, seller in zip(orders, (first, second), strict=True)]
        assert numbers == ["LIB-000001", f"LIB{second.pk}-000001"]

    def test_an_invoice_cannot_be_changed_nor_deleted(self, book_and_rental):
        invoice = Invoice.objects.filter(order=place(book_and_rental)).first()
        invoice.total = D("1.00")
        with pytest.raises(TypeError):
            invoice.save()
        with pytest.raises(TypeError):
            invoice.delete()
        with pytest.raises(TypeError):
            Invoice.objects.filter(pk=invoice.pk).update(total=D("1.00"))


def _address():
    from oscar.core.loading import get_model

    Country = get_model("address", "Country")
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="CA", defaults={"name": "Canada", "is_shipping_country": True})
    return get_model("order", "ShippingAddress")(
        first_name="Rose", last_name="Roy", line1="123, rue Ontario Est", line4="Montréal",
        state="QC", postcode="H2J 3V5", country=country)


def paid_then_refunded(order, *amounts):
    with transaction.atomic():
        locked = payments.order_locked(order)
        payments.payment_received(order=locked, source=locked.sources.get(),
                                  amount=locked.total_incl_tax, reference="counter")
    for number, amount in enumerate(amounts):
        with transaction.atomic():
            locked = payments.order_locked(order)
            payments.refund_recorded(order=locked, source=locked.sources.get(), amount=amount,
                                     reference=f"refund-{number}")


def ledger_refund_of(order, reference):
    totals = {}
    for entry in LedgerEntry.objects.filter(order=order, reference=reference,
                                            kind__in=EntryKind.refunds()):
        name = entry.seller.name if entry.seller else "cooperative"
        totals[name] = totals.get(name, D("0.00")) - entry.amount
    return totals


class TestARefund:
    def test_a_partial_refund_gets_credit_notes_equal_to_the_ledgers_rows(self, book_and_rental):
        order = place(book_and_rental)
        paid_then_refunded(order, D("10.00"))
        notes = Invoice.objects.filter(order=order, kind=InvoiceKind.CREDIT_NOTE)
        credited = {note.seller.name: note.total for note in notes}
        assert credited == ledger_refund_of(order, "refund-0")
        assert sum(credited.values()) == D("10.00")
        for note in notes:
            rows = LedgerEntry.objects.filter(order=order, reference="refund-0", seller=note.seller)
            by_kind = {row.kind: -row.amount for row in rows}
            assert (note.net, note.gst, note.qst) == (
                by_kind.get(EntryKind.REFUND_NET, D("0")), by_kind.get(EntryKind.REFUND_GST, D("0")),
                by_kind.get(EntryKind.REFUND_QST, D("0")))
            assert note.credited_invoice == invoices_of(order)[note.seller.name]

    def test_credit_notes_take_the_next_number_of_the_sellers_sequence(
            self, book_and_rental, sellers):
        order = place(book_and_rental)
        paid_then_refunded(order, D("37.70"))
        assert numbers_of(sellers["bookshop"]) == [1, 2]
        note = Invoice.objects.get(seller=sellers["bookshop"], kind=InvoiceKind.CREDIT_NOTE)
        assert (note.display_number, note.total) == ("LIB-000002", D("26.20"))

    def test_a_refund_announced_twice_is_credited_once(self, book_and_rental):
        from shop.payments.signals import order_refunded

        order = place(book_and_rental)
        paid_then_refunded(order, D("5.00"))
        count = Invoice.objects.count()
        order_refunded.send(sender=None, order=order, amount=D("5.00"), reference="refund-0")
        assert Invoice.objects.count() == count


class TestTheBackfill:
    def test_invoices_older_orders_in_the_order_they_were_placed(self, book_and_rental, sellers,
                                                                 clock):
        from tests.clock import at, day

        orders = []
        for n in range(3):
            clock.move_to(at(day(n), 10))
            orders.append(place(book_and_rental))
        paid_then_refunded(orders[0], D("5.00"))
        Invoice.objects.all()._raw_delete(Invoice.objects.db)  # as before invoices existed
        InvoiceSequence.objects.all().delete()

        call_command("invoices_backfill", stdout=(out := _Out()))
        assert "3" in out.text
        firsts = [invoices_of(order)["Librairie du Quartier"] for order in orders]
        assert [invoice.number for invoice in firsts] == [1, 3, 4]  # 2: the first's credit note
        assert firsts[1].issued_at == orders[1].date_placed
        assert Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).count() == 2

        count = Invoice.objects.count()
        call_command("invoices_backfill", stdout=_Out())
        assert Invoice.objects.count() == count


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass
