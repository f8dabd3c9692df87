"""The demo's main pages, by name: what the screenshots and the Lighthouse run visit.

Call after ``DemoSite.use_its_database()``. A page whose URL does not exist
(yet) is given as None, and callers skip it.
"""

from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_model

from shop.demo import books, sellers, tools

MEAL_PROGRAM = "popote-saint-henri"


def _product_url(upc):
    Product = get_model("catalogue", "Product")
    product = Product._default_manager.filter(upc=upc).first()
    return product.get_absolute_url() if product else None


def _url(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def main_pages() -> dict[str, str | None]:
    """Page name -> path, in the order a visitor meets them."""
    return {
        "accueil": "/",
        "vendeur": _url("seller-detail", code=sellers.BOOKSHOP.code),
        "catalogue": _url("catalogue:index"),
        "livre": _product_url(books.BOOKS[0].isbn),
        "outil": _product_url(tools.TOOLS[0].code),
        "panier": _url("basket:summary"),
        "inscription-repas": _url("services:register", slug=MEAL_PROGRAM),
        "pres-de-chez-moi": _url("nearby:search"),
    }
