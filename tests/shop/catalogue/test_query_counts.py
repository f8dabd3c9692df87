"""The catalogue, a category and a product page, rendered afresh, run the same
number of queries with 5 products as with 60, and fewer than stock Oscar's.

Stock Oscar 4.2 on the same pages (bench/RESULTS.md): catalogue 124 queries,
category 85 to 127, product 17. Every page here is rendered afresh (the
catalogue's page cache off), for a new visitor with no cookies, after one
earlier visit warmed what a running server keeps warm (the site, content types).
"""

import pytest
from django.test import Client

from tests.shop.catalogue.shop_data import shop_of

STOCK_OSCAR = {"catalogue": 124, "category": 85, "product": 17}
QUERIES = {"catalogue": 12, "category": 14, "product": 16}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_cached(settings):
    settings.CATALOGUE_CACHE_SECONDS = 0


def page_paths(size):
    books, categories = shop_of(size)
    return {"catalogue": "/catalogue/", "category": categories[0].get_absolute_url(),
            "product": books[0].get_absolute_url()}


@pytest.mark.parametrize("size", [5, 60])
@pytest.mark.parametrize("page", ["catalogue", "category", "product"])
def test_a_page_rendered_afresh_runs_the_same_queries_at_any_size(
        page, size, django_assert_num_queries):
    path = page_paths(size)[page]
    Client().get(path)
    with django_assert_num_queries(QUERIES[page]):
        response = Client().get(path)
    assert response.status_code == 200
    assert "Livre 00" in response.content.decode()


def test_every_page_runs_no_more_queries_than_stock_oscar():
    assert all(QUERIES[page] <= STOCK_OSCAR[page] for page in QUERIES)
