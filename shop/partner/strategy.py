"""Prices before tax; Québec taxes are added at checkout (shop.taxes).

Each price carries the tax class that applies to it (the product class's, or
"exempt" for a tax-exempt seller) as its ``tax_code``; Oscar copies it to the
basket line.

A lent tool is never sold, and a meal is never sold to a web visitor (it is
served to registered clients): their availability refuses the purchase with
the reason (shop.catalogue.purchase), so the add to basket form, the basket and
checkout all refuse them. A strategy built with a request serves a web visitor
(the basket, the product pages, web checkout); the meal service bills its
meals through the pipeline with none.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.strategy import *  # noqa: F401,F403
from oscar.apps.partner.strategy import (
    DeferredTax,
    StockRequired,
    Structured,
    Unavailable,
    UseFirstStockRecord,
)

from shop.catalogue import purchase
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


class NotSoldAsGoods(Unavailable):
    """A product the shop lends or serves but does not sell: the reason is the message."""

    def __init__(self, *, code, reason):
        self.code = code
        self.reason = reason

    @property
    def message(self):
        return self.reason

    @property
    def short_message(self):
        return {purchase.LOAN: _("To book"), purchase.MEAL: _("On registration")}.get(
            self.code, self.reason)

    def is_purchase_permitted(self, quantity):
        return False, self.reason


class SalesRoute:
    """Refuse to sell lent tools anywhere, and meals to web visitors."""

    def availability_policy(self, product, stockrecord):
        seller = stockrecord.partner if stockrecord is not None else None
        reason = purchase.refusal(product, seller=seller, request=self.request)
        if reason is not None:
            return NotSoldAsGoods(code=purchase.sale_route(product, seller).kind, reason=reason)
        return super().availability_policy(product, stockrecord)


class QuebecStrategy(UseFirstStockRecord, SalesRoute, StockRequired, QuebecDeferredTax,
                     Structured):
    """First stock record, no sale of what is lent or served, stock required when
    tracked, taxes at checkout."""
