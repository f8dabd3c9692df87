"""Reads about payments: an order's payment state and the sellers' settlement."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.dashboard import selectors as dashboard_selectors

from .models import SellerFee

Partner = get_model("partner", "Partner")
Source = get_model("payment", "Source")

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


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
    """What one seller is owed for a period."""

    seller: object
    orders: set = field(default_factory=set)
    sales_excl_tax: Decimal = ZERO
    gst: Decimal = ZERO
    qst: Decimal = ZERO
    sales_incl_tax: Decimal = ZERO
    refunds: Decimal = ZERO
    fee_rate: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.sales_incl_tax - self.refunds

    @property
    def fee(self) -> Decimal:
        return (self.net * self.fee_rate).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def owed(self) -> Decimal:
        return self.net - self.fee

    @property
    def order_count(self) -> int:
        return len(self.orders)


def settlement_rows(*, user, start, end) -> list[SettlementRow]:
    """Per seller ``user`` may see, for orders placed in [start, end) and paid.

    A seller's sales are its lines' totals (with their GST and QST); shipping
    charges stay with the cooperative. Each seller bears the part of an
    order's refunds that its lines are of the order's total; the
    cooperative's fee (``SellerFee.rate``) is taken on sales less refunds.
    """
    lines = dashboard_selectors.lines_for_user(user).filter(
        order__date_placed__gte=start, order__date_placed__lt=end,
        order__sources__amount_debited__gt=0, partner__isnull=False,
    ).distinct().select_related("partner", "order")
    rows: dict = {}
    order_lines = defaultdict(list)
    for line in lines:
        row = rows.setdefault(line.partner_id, SettlementRow(seller=line.partner))
        row.orders.add(line.order_id)
        row.sales_excl_tax += line.line_price_excl_tax
        row.gst += line.gst
        row.qst += line.qst
        row.sales_incl_tax += line.line_price_incl_tax
        order_lines[line.order_id].append(line)
    _share_refunds(rows, order_lines)
    for fee in SellerFee._default_manager.filter(partner_id__in=rows):
        rows[fee.partner_id].fee_rate = fee.rate
    return sorted(rows.values(), key=lambda row: row.seller.name)


def _share_refunds(rows, order_lines):
    """Each seller bears the part of an order's refunds its lines are of the order's total."""
    refunds = dict(
        Source._default_manager.filter(order_id__in=order_lines, amount_refunded__gt=0)
        .values("order_id").annotate(total=Sum("amount_refunded"))
        .values_list("order_id", "total")
    )
    for order_id, refunded in refunds.items():
        per_seller = defaultdict(Decimal)
        for line in order_lines[order_id]:
            per_seller[line.partner_id] += line.line_price_incl_tax
        order_total = order_lines[order_id][0].order.total_incl_tax
        for partner_id, amount in per_seller.items():
            share = refunded * amount / order_total
            rows[partner_id].refunds += share.quantize(CENT, rounding=ROUND_HALF_UP)
