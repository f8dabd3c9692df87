"""Reads for the catalogue, browse and search pages, all on the database.

They work the same on SQLite and PostgreSQL and load each page of products
with a fixed number of queries, whatever the page size: stock records (with
their seller), images and options are prefetched for the whole page.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from oscar.core.loading import get_model

from .forms import BrowseForm

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


def _matching(query):
    condition = Q()
    for word in query.split():
        condition &= (
            Q(title__icontains=word)
            | Q(upc__iexact=word)
            | Q(description__icontains=word)
            | Q(attribute_values__value_text__icontains=word)
            | Q(stockrecords__partner__name__icontains=word)
        )
    return condition


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
