"""Québec sales taxes: GST (TPS) 5 % and QST (TVQ) 9.975 %, added at checkout.

The tax class of a product class says which taxes apply; a tax-exempt seller
charges none. Taxes are rounded to the cent, half up, once per tax per order;
the rounded amounts are then shared out over the lines (largest remainder), so
the lines always add up to the order's tax.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

GST_RATE = Decimal("0.05")
QST_RATE = Decimal("0.09975")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class TaxClass(models.TextChoices):
    STANDARD = "standard", _("Standard (GST and QST)")
    BOOKS = "books", _("Printed books (GST only)")
    EXEMPT = "exempt", _("Exempt")


RATES = {
    TaxClass.STANDARD: (GST_RATE, QST_RATE),
    TaxClass.BOOKS: (GST_RATE, Decimal("0")),
    TaxClass.EXEMPT: (Decimal("0"), Decimal("0")),
}


@dataclass(frozen=True)
class TaxableItem:
    """One amount before tax (a line total, a delivery charge) and its class."""

    key: object
    amount: Decimal
    tax_class: str


@dataclass
class TaxBreakdown:
    gst: Decimal = ZERO
    qst: Decimal = ZERO
    per_item: dict = field(default_factory=dict)  # key -> (gst, qst)

    @property
    def total(self):
        return self.gst + self.qst


def effective_tax_class(*, product_tax_class, seller_tax_exempt):
    """The tax class that applies to a product sold by a given seller."""
    if seller_tax_exempt:
        return TaxClass.EXEMPT
    return product_tax_class or TaxClass.STANDARD


def compute_taxes(items):
    """GST and QST of a list of ``TaxableItem``, rounded per tax per order."""
    items = list(items)
    gst_exact = [item.amount * RATES[item.tax_class][0] for item in items]
    qst_exact = [item.amount * RATES[item.tax_class][1] for item in items]
    gst_shares = _share_out(gst_exact)
    qst_shares = _share_out(qst_exact)
    return TaxBreakdown(
        gst=sum(gst_shares, ZERO),
        qst=sum(qst_shares, ZERO),
        per_item={item.key: (g, q) for item, g, q in zip(items, gst_shares, qst_shares, strict=True)},
    )


def _share_out(exact_amounts):
    """Round the sum half up to the cent, then give each item its share.

    Each item first gets its amount rounded down; the cents left over go to
    the items with the largest remainders, so the shares add up exactly.
    """
    total = sum(exact_amounts, Decimal("0")).quantize(CENT, rounding=ROUND_HALF_UP)
    shares = [amount.quantize(CENT, rounding=ROUND_DOWN) for amount in exact_amounts]
    leftover_cents = int((total - sum(shares, ZERO)) / CENT)
    by_remainder = sorted(
        range(len(exact_amounts)),
        key=lambda i: (exact_amounts[i] - shares[i], -i),
        reverse=True,
    )
    for i in by_remainder[:leftover_cents]:
        shares[i] += CENT
    return shares


SHIPPING_KEY = "shipping"


def basket_taxes(basket, shipping_charge=None):
    """GST and QST of a basket (and its delivery charge), without changing it."""
    items = [
        TaxableItem(
            key=line.id,
            amount=line.line_price_excl_tax_incl_discounts or ZERO,
            tax_class=line.purchase_info.price.tax_code or TaxClass.STANDARD,
        )
        for line in basket.all_lines()
    ]
    if shipping_charge is not None and shipping_charge.excl_tax:
        items.append(TaxableItem(SHIPPING_KEY, shipping_charge.excl_tax, TaxClass.STANDARD))
    return compute_taxes(items)


def apply_taxes(basket, shipping_charge):
    """Set the tax of every basket line and of the delivery charge.

    Each line keeps its own GST and QST (``line.gst``, ``line.qst``) for the
    order lines; the per-unit tax Oscar needs is the line's tax over its
    quantity. Returns the ``TaxBreakdown``.
    """
    breakdown = basket_taxes(basket, shipping_charge)
    for line in basket.all_lines():
        line.gst, line.qst = breakdown.per_item[line.id]
        line.purchase_info.price.tax = (line.gst + line.qst) / line.quantity
    gst, qst = breakdown.per_item.get(SHIPPING_KEY, (ZERO, ZERO))
    shipping_charge.tax = gst + qst
    return breakdown
