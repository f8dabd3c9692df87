"""Québec taxes: GST 5 %, QST 9.975 %, rounded per tax per order."""

from decimal import Decimal as D

from shop.taxes import TaxableItem, TaxClass, compute_taxes, effective_tax_class


def items(*pairs):
    return [TaxableItem(key=i, amount=D(amount), tax_class=cls) for i, (amount, cls) in enumerate(pairs)]


class TestComputeTaxes:
    def test_worked_example_book_and_tool_rental(self):
        """A book at 24.95 (GST only) and a rental fee at 10.00: GST 1.75, QST 1.00."""
        taxes = compute_taxes(items(("24.95", TaxClass.BOOKS), ("10.00", TaxClass.STANDARD)))
        assert (taxes.gst, taxes.qst) == (D("1.75"), D("1.00"))
        assert D("34.95") + taxes.total == D("37.70")

    def test_line_shares_add_up_to_the_order_tax(self):
        """Three lines whose own roundings would give 0.03 share out the order's 0.02."""
        taxes = compute_taxes(items(*[("0.15", TaxClass.STANDARD)] * 3))
        assert taxes.gst == D("0.02")  # 0.0225 rounded half up once
        assert sum(g for g, _ in taxes.per_item.values()) == taxes.gst
        assert sum(q for _, q in taxes.per_item.values()) == taxes.qst

    def test_rounds_half_up_to_the_cent(self):
        assert compute_taxes(items(("0.50", TaxClass.STANDARD))).gst == D("0.03")  # 0.025

    def test_exempt_class_pays_nothing(self):
        taxes = compute_taxes(items(("100.00", TaxClass.EXEMPT)))
        assert taxes.total == D("0.00")

    def test_tax_exempt_seller_overrides_the_product_class(self):
        assert effective_tax_class(product_tax_class=TaxClass.STANDARD, seller_tax_exempt=True) == TaxClass.EXEMPT
        assert effective_tax_class(product_tax_class=TaxClass.BOOKS, seller_tax_exempt=False) == TaxClass.BOOKS
