"""A first-time visitor's catalogue page comes whole from the cache, and only theirs.

shop.catalogue.page_cache answers before sessions, authentication and the
basket run: no query, the same headers as a rendered page, each visitor's own
CSRF token. A signed-in visitor, a basket, a session or messages waiting get
their own page, never a stored one, and their page is never stored.
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from shop.catalogue.cache import CSRF_STAND_IN
from shop.taxes import TaxClass
from tests.factories import SellerFactory, StaffFactory, product_for

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def book(db):
    return product_for(SellerFactory(name="Librairie du Quartier"), title="Kamouraska",
                       price="24.95", tax_class=TaxClass.BOOKS, class_name="Livre imprimé")


def visit(client, url):
    """``(number of queries, response)`` of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


def from_cache(response) -> bool:
    """Whether ``response`` was served whole from the cache: no view ever ran for it."""
    return response.wsgi_request.resolver_match is None


def filled(url):
    """The response of the first visitor, who fills the cache."""
    response = Client().get(url)
    assert response.status_code == 200
    return response


class TestAHit:
    @pytest.mark.parametrize("url", ["/catalogue/", "/en/catalogue/", "product"])
    def test_reads_nothing_from_the_database_and_shows_the_same_page(self, book, url):
        url = book.get_absolute_url() if url == "product" else url
        first = filled(url)
        count, second = visit(Client(), url)
        assert count == 0 and from_cache(second)
        assert second.status_code == 200
        strip = lambda response: CSRF_INPUT.sub("", response.content.decode())  # noqa: E731
        assert strip(second) == strip(first)
        assert "Kamouraska" in strip(second)

    def test_carries_the_headers_of_a_rendered_page(self, book):
        first = filled("/catalogue/")
        second = Client().get("/catalogue/")
        for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                       "Referrer-Policy", "Cross-Origin-Opener-Policy", "Content-Language",
                       "Content-Type"):
            assert second[header] == first[header], header
        assert set(second["Vary"].split(", ")) == {"Accept-Language", "Cookie"}
        assert second["Content-Language"] == "fr-ca"
        assert int(second["Content-Length"]) == len(second.content)
        assert second["X-Request-ID"] != first["X-Request-ID"]
        assert "Cache-Control" not in second  # as a rendered page: no shared cache keeps it

    def test_gives_each_visitor_a_token_of_their_own_that_passes_the_check(self, book):
        filled(book.get_absolute_url())
        visitor = Client(enforce_csrf_checks=True)
        count, page = visit(visitor, book.get_absolute_url())
        assert count == 0
        html = page.content.decode()
        assert CSRF_STAND_IN not in html
        tokens = set(CSRF_INPUT.findall(html))
        assert len(tokens) == 1
        assert page.cookies["csrftoken"].value
        other = set(CSRF_INPUT.findall(Client().get(book.get_absolute_url()).content.decode()))
        assert tokens != other
        response = visitor.post(f"/basket/add/{book.pk}/",
                                {"quantity": 1, "csrfmiddlewaretoken": tokens.pop()})
        assert response.status_code == 302
        assert visitor.get("/basket/").context["basket"].num_items == 1

    def test_keeps_the_token_of_a_visitor_who_already_has_one(self, book):
        filled("/catalogue/")
        visitor = Client(enforce_csrf_checks=True)
        visitor.cookies["csrftoken"] = "a" * 32
        page = visitor.get("/catalogue/")
        assert page.cookies["csrftoken"].value == "a" * 32
        token = CSRF_INPUT.search(page.content.decode()).group(1)
        response = visitor.post(f"/basket/add/{book.pk}/",
                                {"quantity": 1, "csrfmiddlewaretoken": token})
        assert response.status_code == 302

    def test_of_a_product_page_adds_it_to_the_recently_viewed(self, book):
        filled(book.get_absolute_url())
        count, page = visit(Client(), book.get_absolute_url())
        assert count == 0
        assert page.cookies["oscar_history"].value == f"[{book.pk}]"

    def test_head_answers_the_headers_only(self, book):
        filled("/catalogue/")
        response = Client().head("/catalogue/")
        assert response.status_code == 200 and response.content == b""

    def test_same_query_in_another_order_is_the_same_page(self, book):
        filled("/catalogue/?sort_by=title-asc&page=1")
        count, _page = visit(Client(), "/catalogue/?page=1&sort_by=title-asc")
        assert count == 0


class TestWhatTheRestOfTheMiddlewareWouldHaveDone:
    """A hit skips the security, CSP and NUL-byte middleware: never what they would refuse."""

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_a_plain_http_visit_is_still_sent_to_https(self, book):
        first = Client().get("/catalogue/", secure=True)
        assert first.status_code == 200
        assert from_cache(Client().get("/catalogue/", secure=True))
        plain = Client().get("/catalogue/")
        assert plain.status_code == 301 and plain["Location"].startswith("https://")

    def test_a_nul_byte_in_the_address_is_refused(self, book):
        filled("/catalogue/")
        assert Client().get("/catalogue/?q=%00").status_code == 400

    def test_a_hit_is_counted_under_the_view_that_rendered_the_page(self, book):
        from prometheus_client import REGISTRY

        labels = {"method": "GET", "view": "catalogue:detail", "status": "200"}
        filled(book.get_absolute_url())
        before = REGISTRY.get_sample_value("comptoir_http_requests_total", labels) or 0
        page = Client().get(book.get_absolute_url())
        assert from_cache(page)
        assert REGISTRY.get_sample_value("comptoir_http_requests_total", labels) == before + 1


class TestStalePages:
    def test_a_new_price_shows_on_the_next_request(self, book):
        filled(book.get_absolute_url())
        filled("/catalogue/")
        record = book.stockrecords.get()
        record.price = Decimal("19.95")
        record.save()
        for url in (book.get_absolute_url(), "/catalogue/"):
            html = Client().get(url).content.decode()
            assert "19,95" in html and "24,95" not in html

    def test_each_language_has_its_own_page(self, book):
        filled("/catalogue/")
        english = Client().get("/en/catalogue/")
        assert english["Content-Language"] == "en"
        assert 'lang="en"' in english.content.decode()
        french = Client().get("/catalogue/")
        assert french["Content-Language"] == "fr-ca"

    @override_settings(CATALOGUE_CACHE_SECONDS=0)
    def test_nothing_is_kept_when_the_cache_is_off(self, book):
        filled("/catalogue/")
        page = Client().get("/catalogue/")
        assert page.status_code == 200 and not from_cache(page)


class TestPrivatePages:
    """Their own page for visitors who are not first-time visitors, never stored."""

    def test_a_signed_in_visitor_never_gets_nor_leaves_a_stored_page(self, book):
        staff = Client()
        staff.force_login(StaffFactory())
        edit_url = f"/dashboard/catalogue/products/{book.pk}/"
        assert edit_url in staff.get(book.get_absolute_url()).content.decode()
        visitor = Client().get(book.get_absolute_url())
        assert not from_cache(visitor)  # the staff member's page was not kept
        assert edit_url not in visitor.content.decode()
        assert edit_url in staff.get(book.get_absolute_url()).content.decode()

    def test_a_visitor_with_a_basket_sees_their_basket_and_leaves_nothing(self, book):
        filled(book.get_absolute_url())
        shopper = Client()
        shopper.post(f"/basket/add/{book.pk}/", {"quantity": 2})
        assert "49,90" in shopper.get(book.get_absolute_url()).content.decode()
        assert "49,90" in shopper.get(book.get_absolute_url()).content.decode()
        assert "49,90" not in Client().get(book.get_absolute_url()).content.decode()

    def test_messages_waiting_are_shown_to_their_visitor_only(self, book):
        shopper = Client()
        response = shopper.post(f"/basket/add/{book.pk}/", {"quantity": 1})
        assert "messages" in response.cookies or "sessionid" in response.cookies
        html = shopper.get("/catalogue/").content.decode()
        assert "Kamouraska" in html and "panier" in html
        notice = re.search(r'class="alert[^"]*"', html)
        assert notice
        assert not re.search(r'class="alert[^"]*"', Client().get("/catalogue/").content.decode())

    @pytest.mark.parametrize("cookie", ["sessionid", "messages", "oscar_open_basket"])
    def test_a_visitor_with_a_session_basket_or_messages_cookie_gets_a_rendered_page(
            self, book, cookie):
        filled("/catalogue/")
        visitor = Client()
        visitor.cookies[cookie] = "x"
        page = visitor.get("/catalogue/")
        assert page.status_code == 200 and not from_cache(page)

    def test_storable_refuses_any_cookie_but_the_token_and_the_history(self, rf):
        from django.contrib.auth.models import AnonymousUser
        from django.http import HttpResponse

        from shop.catalogue.page_cache import storable

        request = rf.get("/catalogue/")
        request.user = AnonymousUser()
        for name, expected in (("csrftoken", True), ("oscar_history", True),
                               ("sessionid", False), ("messages", False),
                               ("oscar_open_basket", False)):
            response = HttpResponse("page")
            response.set_cookie(name, "x")
            assert storable(request, response) is expected, name


@override_settings(CACHES={"default": {
    "BACKEND": "shop.cache.TolerantRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
}})
def test_pages_are_rendered_when_the_cache_is_down(book):
    for _ in range(2):
        page = Client(enforce_csrf_checks=True).get(book.get_absolute_url())
        assert "24,95" in page.content.decode()
        assert CSRF_STAND_IN not in page.content.decode()


def test_each_token_given_is_new_and_unmasks_to_the_visitors_secret():
    from django.middleware.csrf import _check_token_format, _unmask_cipher_token

    from shop.catalogue.page_cache import masked_token, random_csrf_string

    secret = random_csrf_string()
    tokens = {masked_token(secret) for _ in range(5)}
    assert len(tokens) == 5
    for token in tokens:
        _check_token_format(token)
        assert _unmask_cipher_token(token) == secret
