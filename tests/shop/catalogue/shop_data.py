"""A small shop for counting queries: two sellers, several categories, ``size`` books."""

from oscar.core.loading import get_class, get_model

from shop.taxes import TaxClass
from tests.factories import SellerFactory, product_for

ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

CATEGORIES = ("Livres > Romans", "Livres > Poésie", "Livres > Jeunesse", "Papeterie")


def shop_of(size):
    """``size`` books of two sellers spread over four categories; the first is in
    "Livres > Romans" with its sister books. Returns the books and the categories."""
    sellers = [SellerFactory(name="Librairie du Quartier", kind="bookshop"),
               SellerFactory(name="Le Signet", kind="bookshop")]
    categories = [create_from_breadcrumbs(path) for path in CATEGORIES]
    books = []
    for number in range(size):
        book = product_for(sellers[number % 2], title=f"Livre {number:02d}",
                           tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
        ProductCategory.objects.create(product=book, category=categories[number % 3])
        books.append(book)
    return books, categories
