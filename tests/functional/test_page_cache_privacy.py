"""In two real browsers, the whole-page cache never hands one visitor's page to another.

Visitor A opens a product page (which the cache keeps), adds the book to the
basket and gets the "added" message; visitor B, in a browser of their own,
then opens the same pages: no basket, no message, and a CSRF token that is not
A's - and B can add to the basket from the page the cache served.
"""

import pytest

from shop.taxes import TaxClass
from tests.factories import SellerFactory, product_for
from tests.functional.a11y import browser_context, expect, needs_chromium, new_page

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

TOKEN = "input[name=csrfmiddlewaretoken]"


@pytest.fixture
def book(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    return product_for(SellerFactory(name="Librairie du Quartier"), title="Kamouraska",
                       price="24.95", tax_class=TaxClass.BOOKS, class_name="Livre imprimé")


def test_a_visitors_basket_message_and_token_never_reach_another(live_server, book):
    product_url = live_server.url + book.get_absolute_url()
    catalogue_url = live_server.url + "/catalogue/"
    with browser_context(live_server.url) as context_a:
        context_b = context_a.browser.new_context(locale="fr-CA")  # no cookie of A's
        context_b.route(lambda url: not url.startswith(live_server.url),
                        lambda route: route.abort("blockedbyclient"))
        a = new_page(context_a)
        a.goto(catalogue_url)
        a.goto(product_url)
        token_a = a.locator(TOKEN).first.input_value()
        a.get_by_role("button", name="Ajouter au panier").first.click()
        expect(a.locator("#messages .alert-success")).to_contain_text("Kamouraska")
        expect(a.locator(".basket-link__total")).to_contain_text("(1)")
        a.goto(product_url)
        expect(a.locator(".basket-link__total")).to_contain_text("(1)")

        b = new_page(context_b)
        for url in (product_url, catalogue_url):
            b.goto(url)
            expect(b.locator("h1")).to_be_visible()
            expect(b.locator("#messages .alert")).to_have_count(0)
            expect(b.locator(".basket-link__total")).to_have_count(0)
            tokens_b = {field.input_value() for field in b.locator(TOKEN).all()}
            assert tokens_b and token_a not in tokens_b

        secret = lambda context: next(  # noqa: E731
            cookie["value"] for cookie in context.cookies() if cookie["name"] == "csrftoken")
        assert secret(context_a) != secret(context_b)

        b.goto(product_url)
        b.get_by_role("button", name="Ajouter au panier").first.click()
        expect(b.locator(".basket-link__total")).to_contain_text("(1)")
        a.goto(product_url)
        expect(a.locator(".basket-link__total")).to_contain_text("(1)")
