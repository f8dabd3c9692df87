"""Reads about payments: an order's payment state and the sellers' settlement."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.ledger import selectors as ledger_selectors
from shop.ledger.models import EntryKind

from .models import SellerFee

Partner = get_model("partner", "Partner")

ZERO = Decimal("0.00")


class PaymentState:
    UNPAID = "unpaid"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    PARTLY_REFUNDED = "partly_refunded"
    REFUNDED = "refunded"

    LABELS = {
        UNPAID: _("Not paid yet"),
        PARTLY_PAID: _("Partly paid"),
        PAID: _("Paid"),
        PARTLY_REFUNDED: _("Partly refunded"),
        REFUNDED: _("Refunded"),
    }


@dataclass(frozen=True)
class OrderPayment:
    state: str
    paid: Decimal
    refunded: Decimal
    outstanding: Decimal

    @property
    def label(self):
        return PaymentState.LABELS[self.state]


def order_payment(order) -> OrderPayment:
    """How much of ``order`` was paid and refunded, and what that makes it."""
    totals = order.sources.aggregate(debited=Sum("amount_debited"), refunded=Sum("amount_refunded"))
    paid, refunded = totals["debited"] or ZERO, totals["refunded"] or ZERO
    outstanding = max(order.total_incl_tax - paid, ZERO)
    if paid <= 0:
        state = PaymentState.UNPAID
    elif refunded >= paid:
        state = PaymentState.REFUNDED
    elif refunded > 0:
        state = PaymentState.PARTLY_REFUNDED
    elif outstanding > 0:
        state = PaymentState.PARTLY_PAID
    else:
        state = PaymentState.PAID
    return OrderPayment(state=state, paid=paid, refunded=refunded, outstanding=outstanding)


# --- Settlement -------------------------------------------------------------------------------


@dataclass
class SettlementRow:
    """What one seller is owed for a period, as the seller ledger (``shop.ledger``) holds it."""

    seller: object
    orders: set = field(default_factory=set)
    sales_excl_tax: Decimal = ZERO
    gst: Decimal = ZERO
    qst: Decimal = ZERO
    refunds: Decimal = ZERO
    fee_rate: Decimal = ZERO
    fee: Decimal = ZERO
    adjustments: Decimal = ZERO

    @property
    def sales_incl_tax(self) -> Decimal:
        return self.sales_excl_tax + self.gst + self.qst

    @property
    def net(self) -> Decimal:
        return self.sales_incl_tax - self.refunds

    @property
    def owed(self) -> Decimal:
        return self.net - self.fee + self.adjustments

    @property
    def order_count(self) -> int:
        return len(self.orders)


def settlement_rows(*, user, start, end) -> list[SettlementRow]:
    """Per seller ``user`` may see, for orders placed in [start, end) and paid.

    Read from the seller ledger: a seller's sales are its share of what was
    paid (its lines with their GST and QST once an order is paid in full);
    shipping charges stay with the cooperative. Each seller bears its part of
    an order's refunds (shared by largest remainder, to the cent); the
    cooperative's fee (``SellerFee.rate``) is taken on sales less refunds.
    """
    totals = ledger_selectors.seller_totals(user=user, start=start, end=end)
    sellers = Partner._default_manager.in_bulk(list(totals))
    rows = [_settlement_row(sellers[seller_id], figures) for seller_id, figures in totals.items()]
    rates = dict(SellerFee._default_manager.filter(partner_id__in=totals)
                 .values_list("partner_id", "rate"))
    for row in rows:
        row.fee_rate = rates.get(row.seller.pk, ZERO)
    return sorted(rows, key=lambda row: row.seller.name)


def _settlement_row(seller, figures) -> SettlementRow:
    kinds = figures["kinds"]
    return SettlementRow(
        seller=seller, orders=figures["orders"],
        sales_excl_tax=kinds[EntryKind.SALE_NET], gst=kinds[EntryKind.SALE_GST],
        qst=kinds[EntryKind.SALE_QST],
        refunds=ZERO - sum((kinds[kind] for kind in EntryKind.refunds()), ZERO),
        fee=ZERO - kinds[EntryKind.FEE], adjustments=kinds[EntryKind.ADJUSTMENT],
    )
