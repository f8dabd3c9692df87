"""Reads of the add-to-basket view: the product with all its price needs, in two queries."""

from django.db.models import Exists, OuterRef, Prefetch
from oscar.core.loading import get_model

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def products_to_add():
    """Products with their class, whether they take options, and their stock records
    with their seller: what the form, the strategy and the new basket line read."""
    return (
        Product._default_manager
        .select_related("product_class")
        .annotate(
            has_product_class_options=Exists(
                Option._default_manager.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option._default_manager.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(Prefetch(
            "stockrecords",
            queryset=StockRecord._default_manager.select_related("partner"),
        ))
    )
