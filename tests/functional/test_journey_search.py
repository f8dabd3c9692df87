"""In a real browser, a client finds a book by its author, its title or its ISBN.

From the search field in the page's header: the author's name, a title typed
without its accents, an ISBN with hyphens; each search shows the book in its
product card and leads to the book's page. The results page, in French and in
English, and the page that found nothing are audited for accessibility.
"""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.demo.books import isbn13
from shop.taxes import TaxClass
from tests.factories import ProductClassFactory, SellerFactory, StockRecordFactory
from tests.functional.a11y import audit, browser_context, expect, needs_chromium, new_page

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")

SEARCH_FIELD = "header form[action$='/search/'] input[name=q], form[action$='/search/'] input[name=q]"
CARDS = "ol.row li"


@pytest.fixture
def books(monkeypatch):
    """Three books of the bookshop, with author, publisher and ISBN."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    seller = SellerFactory(name="Librairie Le Signet")
    book_class = ProductClassFactory(name="Livre imprimé", tax_class=TaxClass.BOOKS)
    for code, name in (("isbn", "ISBN"), ("author", "Auteur"), ("publisher", "Éditeur")):
        ProductAttribute.objects.create(product_class=book_class, code=code, name=name, type="text")
    rows = (
        ("Les hivers de la rue Ontario", "Marie-Ève Lachance", "Éditions du Castor roux", 101),
        ("Gérard et le grand dégel", "Louis Hébert", "Éditions La Lanterne", 102),
        ("La dernière traverse", "Jean-Sébastien Gagnon-Roy", "Éditions Rivière-Noire", 103),
    )
    books = {}
    for title, author, publisher, serial in rows:
        product = Product(title=title, product_class=book_class, upc=isbn13(serial), is_public=True)
        product.attr.author, product.attr.publisher, product.attr.isbn = author, publisher, isbn13(serial)
        product.save()
        StockRecordFactory(product=product, partner=seller, price=Decimal("24.95"))
        books[serial] = product
    return books


def search(page, words):
    field = page.locator(SEARCH_FIELD).first
    field.fill(words)
    field.press("Enter")
    page.wait_for_url("**/search/?q=*")


def open_the_only_result(page, title, price="24,95"):
    cards = page.locator(CARDS)
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(title)
    expect(cards.first).to_contain_text(price)
    cards.first.get_by_role("link", name=title, exact=True).click()
    expect(page.locator("h1")).to_contain_text(title)


def test_a_client_finds_books_by_author_title_and_isbn(live_server, books):
    isbn = isbn13(103)
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(f"{live_server.url}/")

        search(page, "Lachance")
        expect(page.get_by_role("status")).to_contain_text("1 résultat.")
        audit(page, "search results")
        open_the_only_result(page, "Les hivers de la rue Ontario")

        search(page, "gerard degel")
        open_the_only_result(page, "Gérard et le grand dégel")

        search(page, f"{isbn[:3]}-{isbn[3]}-{isbn[4:7]}-{isbn[7:12]}-{isbn[12]}")
        open_the_only_result(page, "La dernière traverse")

        search(page, "zzyzx")
        expect(page.get_by_role("status")).to_contain_text("Aucun produit ne correspond à « zzyzx ».")
        expect(page.get_by_role("link", name="tous nos produits")).to_be_visible()
        audit(page, "search found nothing")


def test_in_english_the_results_page_counts_and_reads_the_same(live_server, books):
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(f"{live_server.url}/en/search/?q=hebert")
        expect(page.get_by_role("status")).to_contain_text("1 result.")
        expect(page.locator("h1")).to_contain_text("Search results for “hebert”")
        audit(page, "search results in English")
        open_the_only_result(page, "Gérard et le grand dégel", price="24.95")
