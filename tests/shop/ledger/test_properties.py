"""Acceptance: whatever the basket over three sellers and whatever the partial refunds,
each seller's ledger holds its lines, the ledger adds up to what was charged less what
was refunded, to the cent, and the settlement report says what the ledger says."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shop import pipeline
from shop.ledger.models import EntryKind, LedgerEntry
from shop.order.models import Channel, PaymentMethod
from shop.payments import selectors, services
from shop.payments.models import SellerFee
from shop.taxes import TaxClass
from tests.conftest import rolled_back
from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(max_examples=40, deadline=None, derandomize=True,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])
SELLERS = ("Librairie du Quartier", "Outilthèque Rosemont", "Ferme Les Trois Sœurs")
PRICES = st.integers(min_value=1, max_value=25000).map(lambda cents: D(cents) / 100)
ITEM = st.tuples(PRICES, st.sampled_from(list(TaxClass)), st.integers(min_value=1, max_value=3))
BASKET = st.lists(st.lists(ITEM, max_size=3), min_size=3, max_size=3).filter(any)
FEE_RATES = st.lists(st.sampled_from([D("0"), D("0.05"), D("0.10"), D("0.125")]),
                     min_size=3, max_size=3)
SHARES = st.lists(st.integers(min_value=1, max_value=1000), max_size=3)  # of what is left


def placed(basket, rates):
    """The basket as an order paid at the counter, its sellers with their fee rates."""
    lines = []
    for name, items, rate in zip(SELLERS, basket, rates, strict=True):
        seller = SellerFactory(name=name)
        SellerFee.objects.create(partner=seller, rate=rate)
        for index, (price, tax_class, quantity) in enumerate(items):
            product = product_for(seller, title=f"{name} {index}", price=str(price),
                                  tax_class=tax_class, class_name=f"Classe {tax_class}")
            lines.append(pipeline.LineRequest(product, quantity))
    return pipeline.place_order(customer=UserFactory(), channel=Channel.PHONE, fulfilment="pickup",
                                payment_method=PaymentMethod.ON_DELIVERY, lines=lines)


def refunds_of(order, shares) -> D:
    """Refund each share (per mille) of what is left; returns the total refunded."""
    refunded = D("0.00")
    for number, per_mille in enumerate(shares):
        amount = ((order.total_incl_tax - refunded) * per_mille / 1000).quantize(D("0.01"))
        if amount <= 0:
            continue
        with transaction.atomic():
            locked = services.order_locked(order)
            source = locked.sources.get()
            services.refund_recorded(order=locked, source=source, amount=amount,
                                     reference=f"re-{number}")
        refunded += amount
    return refunded


def ledger_totals(order) -> dict:
    totals = {}
    for seller, kind, amount in LedgerEntry.objects.filter(order=order).values_list(
            "seller__name", "kind", "amount"):
        totals[(seller, kind)] = totals.get((seller, kind), D("0.00")) + amount
    return totals


def lines_of(order) -> dict:
    lines = {}
    for line in order.lines.select_related("partner"):
        net, gst, qst = lines.get(line.partner.name, (D("0.00"),) * 3)
        lines[line.partner.name] = (net + line.line_price_excl_tax, gst + line.gst, qst + line.qst)
    return lines


@HYPOTHESIS
@given(basket=BASKET, rates=FEE_RATES, shares=SHARES)
def test_every_seller_is_owed_its_lines_less_its_part_of_refunds_to_the_cent(
        basket, rates, shares):
    with rolled_back():
        order = placed(basket, rates)
        services.manual_payment_record(order=order, amount=order.total_incl_tax, method="cash",
                                       user=StaffFactory())
        refunded = refunds_of(order, shares)
        ledger = ledger_totals(order)

        # each seller's sales are its lines, before tax, GST and QST
        for seller, (net, gst, qst) in lines_of(order).items():
            assert (ledger.get((seller, EntryKind.SALE_NET), D("0.00")),
                    ledger.get((seller, EntryKind.SALE_GST), D("0.00")),
                    ledger.get((seller, EntryKind.SALE_QST), D("0.00"))) == (net, gst, qst)
        # the sellers' sales and refunds add up to what was charged less refunds, to the cent
        moved = sum((amount for (seller, kind), amount in ledger.items()
                     if kind in EntryKind.sales() + EntryKind.refunds()), D("0.00"))
        assert moved == order.total_incl_tax - refunded
        # fees only move money from a seller to the cooperative
        assert sum(ledger.values(), D("0.00")) == order.total_incl_tax - refunded
        # each seller bears its part of the refunds, within a cent
        for seller, (net, gst, qst) in lines_of(order).items():
            borne = -sum((ledger.get((seller, kind), D("0")) for kind in EntryKind.refunds()),
                         D("0.00"))
            assert abs(borne - refunded * (net + gst + qst) / order.total_incl_tax) < D("0.01")

        # the settlement report agrees with the ledger
        now = timezone.now()
        rows = selectors.settlement_rows(user=StaffFactory(is_superuser=True),
                                         start=now - timedelta(days=1), end=now + timedelta(days=1))
        assert {row.seller.name for row in rows} == set(lines_of(order))
        for row in rows:
            mine = {kind: amount for (seller, kind), amount in ledger.items()
                    if seller == row.seller.name}
            assert row.sales_excl_tax == mine.get(EntryKind.SALE_NET, D("0.00"))
            assert row.gst == mine.get(EntryKind.SALE_GST, D("0.00"))
            assert row.qst == mine.get(EntryKind.SALE_QST, D("0.00"))
            assert row.owed == sum(mine.values(), D("0.00"))
            assert row.fee == -mine.get(EntryKind.FEE, D("0.00"))
        kept_by_cooperative = sum((amount for (seller, _kind), amount in ledger.items()
                                   if seller is None), D("0.00"))
        assert (sum((row.owed for row in rows), D("0.00")) + kept_by_cooperative
                == order.total_incl_tax - refunded)
