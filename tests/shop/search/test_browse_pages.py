"""Browse pages load a page of products with a fixed number of queries.

Stock Oscar with Haystack runs about 6 queries for each product on a browse
page (124 for a page of 20); here the count must not depend on how many
products the page shows, with 2,000 products in the catalogue.
"""

from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from shop.taxes import TaxClass
from tests.factories import ProductClassFactory, SellerFactory, product_for

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

MAX_QUERIES = 20  # the whole page: session, basket, category tree, products


@pytest.fixture
def catalogue(db):
    """2,001 products of two sellers (the last catalogue page shows 1);
    a category with 1 product, another with 20."""
    sellers = [SellerFactory(name="Librairie"), SellerFactory(name="Outilthèque")]
    books = ProductClassFactory(name="Livre imprimé", tax_class=TaxClass.BOOKS)
    products = Product.objects.bulk_create(
        Product(title=f"Livre {i:04d}", upc=f"978{i:010d}", product_class=books,
                structure="standalone", is_public=True, slug=f"livre-{i}")
        for i in range(2001)
    )
    StockRecord.objects.bulk_create(
        StockRecord(product=p, partner=sellers[i % 2], partner_sku=f"S{i}",
                    price=D("12.00") + i % 30, num_in_stock=5)
        for i, p in enumerate(products)
    )
    one = create_from_breadcrumbs("Livres > Poésie")
    twenty = create_from_breadcrumbs("Livres > Romans")
    ProductCategory.objects.create(product=products[0], category=one)
    ProductCategory.objects.bulk_create(
        ProductCategory(product=p, category=twenty) for p in products[1:21]
    )
    return {"one": one, "twenty": twenty}


def count_queries(client, url):
    """Queries of a page rendered afresh (nothing of it in the page cache)."""
    client.get(url)  # the session and basket a real visitor's second page would have
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


class TestBrowsePages:
    def test_category_of_one_and_of_twenty_run_the_same_queries(self, client, catalogue):
        one, response_one = count_queries(client, catalogue["one"].get_absolute_url())
        twenty, response_twenty = count_queries(client, catalogue["twenty"].get_absolute_url())
        assert len(response_one.context["products"]) == 1
        assert len(response_twenty.context["products"]) == 20
        assert one == twenty

    def test_catalogue_page_of_twenty_runs_as_few_queries_as_one_product(self, client, catalogue, django_assert_max_num_queries):
        full, response = count_queries(client, "/catalogue/")
        assert len(response.context["products"]) == 20
        assert response.context["paginator"].count == 2001
        one, response = count_queries(client, "/catalogue/?page=101")
        assert len(response.context["products"]) == 1
        assert full == one
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get("/catalogue/?page=2")

    def test_each_card_shows_price_before_tax_and_add_to_basket(self, client, catalogue):
        response = client.get(catalogue["one"].get_absolute_url())
        html = response.content.decode()
        assert "Livre 0000" in html
        assert "12,00" in html
        assert 'action="/basket/add/' in html


class TestSearch:
    def test_finds_by_title_word_and_by_seller(self, client, db):
        seller = SellerFactory(name="Librairie Le Signet")
        product_for(seller, title="Les Belles-sœurs", tax_class=TaxClass.BOOKS, class_name="Livre")
        product_for(SellerFactory(name="Outils"), title="Perceuse")
        response = client.get("/search/?q=belles")
        titles = [r.object.title for r in response.context["results"]]
        assert titles == ["Les Belles-sœurs"]
        response = client.get("/search/?q=signet")
        assert [r.object.title for r in response.context["results"]] == ["Les Belles-sœurs"]

    def test_the_catalogue_lists_products_of_every_seller(self, client, db):
        for name in ("Librairie", "Outilthèque", "Popote"):
            product_for(SellerFactory(name=name), title=f"Article de {name}")
        html = client.get("/catalogue/").content.decode()
        for name in ("Librairie", "Outilthèque", "Popote"):
            assert f"Article de {name}" in html
