"""Books as the bookshop lists them: ISBN-13 as UPC, author, publisher and ISBN attributes."""

import pytest
from oscar.core.loading import get_model

from shop.taxes import TaxClass
from tests.factories import ProductClassFactory, SellerFactory, StockRecordFactory

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")


@pytest.fixture
def bookshop(db):
    return SellerFactory(name="Librairie Le Signet")


@pytest.fixture
def add_book(bookshop):
    """``add_book(title=…, author=…, isbn=…)``: a public book in stock at the bookshop."""
    books = ProductClassFactory(name="Livre imprimé", tax_class=TaxClass.BOOKS)
    for code, name in (("isbn", "ISBN"), ("author", "Auteur"), ("publisher", "Éditeur")):
        ProductAttribute.objects.create(product_class=books, code=code, name=name, type="text")

    def add(*, title, author="", publisher="", isbn="", description="", price="24.95", seller=None):
        product = Product(title=title, product_class=books, upc=isbn or None,
                          description=description, is_public=True)
        product.attr.author = author
        product.attr.publisher = publisher
        product.attr.isbn = isbn
        product.save()
        StockRecordFactory(product=product, partner=seller or bookshop, price=price)
        return product

    return add
