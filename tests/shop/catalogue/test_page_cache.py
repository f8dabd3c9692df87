"""Catalogue pages served from the cache stay right for every visitor.

The menu, the product cards of a browse page and a product page are kept in the
shared cache (shop.catalogue.cache): a second visit reads almost nothing from
the database, a change to a product shows at once, and the add-to-basket
buttons of a cached page post with each visitor's own CSRF token.
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from shop.taxes import TaxClass
from tests.factories import SellerFactory, product_for

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def book(db):
    return product_for(SellerFactory(name="Librairie du Quartier"), title="Kamouraska",
                       price="24.95", tax_class=TaxClass.BOOKS, class_name="Livre imprimé")


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


class TestProductPage:
    def test_second_visit_reads_almost_nothing_and_shows_the_same_page(self, client, book):
        first, first_html = queries_of(client, book.get_absolute_url())
        second, second_html = queries_of(Client(), book.get_absolute_url())
        assert second <= 4 < first  # the product, its class, its view count, the session
        assert "Kamouraska" in second_html and "24,95" in second_html
        assert CSRF_INPUT.sub("", first_html).count("Kamouraska") == (
            CSRF_INPUT.sub("", second_html).count("Kamouraska"))

    def test_new_price_and_stock_show_at_once(self, client, book):
        client.get(book.get_absolute_url())
        record = book.stockrecords.get()
        record.price = Decimal("19.95")
        record.save()
        html = client.get(book.get_absolute_url()).content.decode()
        assert "19,95" in html and "24,95" not in html

        record.num_in_stock = 0
        record.save()
        html = client.get(book.get_absolute_url()).content.decode()
        assert "Ajouter au panier" not in html

    def test_a_staff_member_still_sees_the_edit_link_a_visitor_does_not(self, client, book):
        from tests.factories import StaffFactory

        visitor_html = client.get(book.get_absolute_url()).content.decode()
        staff_client = Client()
        staff_client.force_login(StaffFactory())
        staff_html = staff_client.get(book.get_absolute_url()).content.decode()
        edit_url = f"/dashboard/catalogue/products/{book.pk}/"
        assert edit_url not in visitor_html
        assert edit_url in staff_html


class TestBrowsePage:
    def test_a_renamed_product_shows_under_its_new_name(self, client, book):
        assert "Kamouraska" in client.get("/catalogue/").content.decode()
        book.title = "Kamouraska (poche)"
        book.save()
        assert "Kamouraska (poche)" in client.get("/catalogue/").content.decode()

    def test_cached_add_to_basket_button_posts_with_each_visitors_own_token(self, book):
        first = Client(enforce_csrf_checks=True)
        first.get("/catalogue/")  # fills the cache
        second = Client(enforce_csrf_checks=True)
        html = second.get("/catalogue/").content.decode()
        card_form = re.search(
            rf'action="/basket/add/{book.pk}/" method="post">\s*<input type="hidden" ' + CSRF_INPUT.pattern, html)
        token = card_form.group(1)
        response = second.post(f"/basket/add/{book.pk}/", {"quantity": 1, "csrfmiddlewaretoken": token})
        assert response.status_code == 302
        basket = second.get("/basket/").context["basket"]
        assert basket.num_items == 1

    def test_second_visit_of_a_page_reads_only_the_count(self, client, book):
        client.get("/catalogue/")
        count, html = queries_of(Client(), "/catalogue/")
        assert count <= 2  # the number of products, and the session at most
        assert "Kamouraska" in html


@override_settings(CACHES={"default": {
    "BACKEND": "shop.cache.TolerantRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
}})
def test_pages_still_render_when_the_cache_is_down(client, book):
    assert "Kamouraska" in client.get("/catalogue/").content.decode()
    assert "24,95" in client.get(book.get_absolute_url()).content.decode()


class TestWholeProductPage:
    """A first-time visitor's product page comes whole from the cache."""

    def test_a_second_visitor_can_add_to_the_basket_from_the_cached_page(self, book):
        Client().get(book.get_absolute_url())  # fills the cache
        visitor = Client(enforce_csrf_checks=True)
        count, html = queries_of(visitor, book.get_absolute_url())
        assert count <= 2  # the product, its view count
        token = CSRF_INPUT.search(html).group(1)
        response = visitor.post(f"/basket/add/{book.pk}/", {"quantity": 1, "csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert visitor.get("/basket/").context["basket"].num_items == 1

    def test_with_a_basket_the_page_is_the_visitors_own(self, client, book):
        client.get(book.get_absolute_url())
        client.post(f"/basket/add/{book.pk}/", {"quantity": 2})
        html = client.get(book.get_absolute_url()).content.decode()
        assert "49,90" in html  # the mini basket's total: 2 × 24,95

    def test_every_visit_still_counts_as_a_view(self, book):
        from oscar.core.loading import get_model

        from shop.catalogue.tasks import flush_product_views

        ProductRecord = get_model("analytics", "ProductRecord")
        for _ in range(3):
            Client().get(book.get_absolute_url())
        flush_product_views()  # the beat task, every minute
        assert ProductRecord.objects.get(product=book).num_views == 3
        Client().get(book.get_absolute_url())  # from the cache
        flush_product_views()
        flush_product_views()  # nothing counted twice
        assert ProductRecord.objects.get(product=book).num_views == 4

    def test_a_product_taken_off_sale_is_gone_at_once(self, book):
        Client().get(book.get_absolute_url())
        book.is_public = False
        book.save()
        assert Client().get(book.get_absolute_url()).status_code == 404
