"""Reads for a seller's public page: the seller and its own products."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from shop.search.selectors import browsable_products

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def public_seller(*, code: str):
    """The public seller whose partner code is ``code``, with its addresses; 404 otherwise."""
    sellers = Partner._default_manager.filter(is_public=True).prefetch_related("addresses")
    return get_object_or_404(sellers, code=code)


def products_of(*, seller):
    """Browsable products ``seller`` holds a stock record for, in catalogue order."""
    held = StockRecord._default_manager.filter(product=OuterRef("pk"), partner=seller)
    return browsable_products().filter(Exists(held))
