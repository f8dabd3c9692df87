"""Prices before tax; Québec taxes are added at checkout (shop.taxes).

Each price carries the tax class that applies to it (the product class's, or
"exempt" for a tax-exempt seller) as its ``tax_code``; Oscar copies it to the
basket line.
"""

from oscar.apps.partner.strategy import *  # noqa: F401,F403
from oscar.apps.partner.strategy import (
    DeferredTax,
    StockRequired,
    Structured,
    UseFirstStockRecord,
)

from shop.taxes import effective_tax_class


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return QuebecStrategy(request)


class QuebecDeferredTax(DeferredTax):
    def pricing_policy(self, product, stockrecord):
        price = super().pricing_policy(product, stockrecord)
        if price.exists:
            price.tax_code = effective_tax_class(
                product_tax_class=product.get_product_class().tax_class,
                seller_tax_exempt=stockrecord.partner.tax_exempt,
            )
        return price


class QuebecStrategy(UseFirstStockRecord, StockRequired, QuebecDeferredTax, Structured):
    """First stock record, stock required when tracked, taxes at checkout."""
