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

from .documents import DocumentMatcher
from .forms import BrowseForm
from .matching import Matcher

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Option = get_model("catalogue", "Option")

FOUND_LIMIT = 1000  # the search page says "more than 1,000 results" beyond

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

    Among all public products on PostgreSQL, only the best ``FOUND_LIMIT + 1``
    are kept: the search page counts at most that many (``count_found``).
    Among given products, parts of words are found too (``_desk_condition``).
    """
    matcher = _matcher(query)
    if not matcher:
        return Product._default_manager.none()
    if products is None and isinstance(matcher, DocumentMatcher) and not matcher.codes:
        products = Product._default_manager.filter(pk__in=matcher.best(FOUND_LIMIT + 1))
    elif products is None:
        products = Product._default_manager.browsable().filter(matcher.condition())
    else:
        products = Product._default_manager.filter(pk__in=products.values("pk")).filter(
            _desk_condition(query, matcher))
    return (
        products
        .annotate(search_score=matcher.score())
        .order_by("-search_score", "-priority", "title", "pk")
    )


def count_found(*, query: str, limit=None):
    """How many public products ``search_products`` finds for ``query``, counting
    no further than ``limit + 1`` (``FOUND_LIMIT + 1`` by default): more than
    ``limit`` is all the search page says. On PostgreSQL, from the documents
    alone, stopping at the first ``limit + 1`` found."""
    limit = FOUND_LIMIT if limit is None else limit
    matcher = _matcher(query)
    if isinstance(matcher, DocumentMatcher) and matcher and not matcher.codes:
        return matcher.found().values("pk")[: limit + 1].count()
    return search_products(query=query).order_by()[: limit + 1].count()


def search_results(*, query: str, sort_by: str = ""):
    """``search_products`` ready for the product cards of the search page, best
    first unless ``sort_by`` asks for another order."""
    results = _for_display(search_products(query=query))
    if sort_by and sort_by != BrowseForm.RELEVANCE:
        results = results.order_by(*ORDERINGS.get(sort_by, ORDERINGS[BrowseForm.RELEVANCE]))
    return results


def _matching(query):
    return _matcher(query).condition()


def _desk_condition(query, matcher):
    """Among given products (the phone desk's), parts of words are found too, as
    staff type them ("kamou"): on PostgreSQL, the documents' whole words or the
    products' own text (shop.search.matching, SQLite's way)."""
    if isinstance(matcher, DocumentMatcher) and not matcher.codes:
        return matcher.condition() | Matcher(query, vendor="any").condition()
    return matcher.condition()


def _matcher(query):
    """PostgreSQL searches the stored documents (shop.search.documents); SQLite the
    products' own columns (shop.search.matching)."""
    if connection.vendor == "postgresql":
        return DocumentMatcher(query)
    return Matcher(query, vendor=connection.vendor)


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
