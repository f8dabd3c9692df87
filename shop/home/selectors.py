"""Reads for the home page: the sellers, a few featured products, the open meal program.

Each read is one query (plus a fixed number of prefetches), whatever the
number of sellers or products.
"""

from django.db.models import Exists, OuterRef
from oscar.core.loading import get_model

from shop import clock
from shop.partner.models import SellerKind
from shop.search.selectors import browsable_products

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
FEATURED_COUNT = 4


def public_sellers():
    """The sellers with a public page, by name, with their counter's address."""
    return Partner._default_manager.filter(is_public=True).prefetch_related("addresses").order_by("name")


def featured_products(*, kind: str, count: int = FEATURED_COUNT):
    """The first products (highest priority) sold by public sellers of ``kind``."""
    sold = StockRecord._default_manager.filter(
        product=OuterRef("pk"), partner__kind=kind, partner__is_public=True)
    return list(browsable_products().filter(Exists(sold))[:count])


def featured_books():
    return featured_products(kind=SellerKind.BOOKSHOP)


def featured_tools():
    return featured_products(kind=SellerKind.TOOL_LIBRARY)


def open_meal_program():
    """The first active meal program taking registrations today (or None)."""
    from services.models import Program, Season

    today = clock.today()
    open_season = Season._default_manager.filter(
        program=OuterRef("pk"), registration_opens_on__lte=today, registration_closes_on__gte=today)
    return (Program._default_manager.filter(is_active=True).filter(Exists(open_season))
            .order_by("name").first())
