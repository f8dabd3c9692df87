"""Reads for the catalogue, browse and search pages, all on the database.

They work the same on SQLite and PostgreSQL and load each page of products
with a fixed number of queries, whatever the page size: stock records (with
their seller), images and options are prefetched for the whole page.

``search_products`` is the one product search of the shop: the storefront's
search page and the phone desk both call it (how it matches and ranks:
shop.search.matching).
"""

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from oscar.core.loading import get_model

from .forms import BrowseForm
from .matching import Matcher

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Option = get_model("catalogue", "Option")

ORDERINGS = {
    BrowseForm.RELEVANCE: ("-priority", "title", "pk"),
    BrowseForm.NEWEST: ("-date_created", "pk"),
    BrowseForm.PRICE_ASC: ("min_price", "title", "pk"),
    BrowseForm.PRICE_DESC: ("-min_price", "title", "pk"),
    BrowseForm.TITLE_ASC: ("title", "pk"),
}


def browsable_products(*, categories=None, query="", sort_by=""):
    """Public, canonical products, optionally in ``categories`` and matching ``query``."""
    products = Product._default_manager.browsable()
    if categories is not None:
        products = products.filter(categories__in=categories)
    if query:
        products = products.filter(_matching(query))
    if categories is not None or query:
        products = Product._default_manager.filter(pk__in=products.values("pk"))
    return _for_display(products).order_by(*ORDERINGS.get(sort_by, ORDERINGS[BrowseForm.RELEVANCE]))


def search_products(*, query: str, products=None):
    """Products matching ``query``, best first (annotated ``search_score``).

    Searched among ``products`` (a queryset; public, canonical products when
    None). Title, author, publisher, ISBN with or without hyphens (ISBN-10 or
    ISBN-13), description and seller's name are searched, without accents or
    case. Nothing is found for an empty query.
    """
    matcher = Matcher(query, vendor=connection.vendor)
    if not matcher:
        return Product._default_manager.none()
    if products is None:
        products = Product._default_manager.browsable()
    else:
        products = Product._default_manager.filter(pk__in=products.values("pk"))
    return (
        products.filter(matcher.condition())
        .annotate(search_score=matcher.score())
        .order_by("-search_score", "-priority", "title", "pk")
    )


def search_results(*, query: str, sort_by: str = ""):
    """``search_products`` ready for the product cards of the search page, best
    first unless ``sort_by`` asks for another order."""
    results = _for_display(search_products(query=query))
    if sort_by and sort_by != BrowseForm.RELEVANCE:
        results = results.order_by(*ORDERINGS.get(sort_by, ORDERINGS[BrowseForm.RELEVANCE]))
    return results


def _matching(query):
    return Matcher(query, vendor=connection.vendor).condition()


def _for_display(products):
    lowest_price = (
        StockRecord._default_manager.filter(product=OuterRef("pk"))
        .order_by("price")
        .values("price")[:1]
    )
    options = Option._default_manager
    return (
        products.select_related("product_class")
        .annotate(
            min_price=Subquery(lowest_price),
            has_product_class_options=Exists(options.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(options.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            "children",
            "images",
            Prefetch(
                "stockrecords",
                queryset=StockRecord._default_manager.select_related("partner").order_by("pk"),
            ),
        )
    )
