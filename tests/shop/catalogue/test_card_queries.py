"""A page of product cards runs the same queries for 1 card as for 20.

Each card says what the client can do: book a lent tool (its price per day and
deposit, from its loan terms), register for a meal (its program), or buy. Those
terms and programs are read once for the page (shop.catalogue.purchase), never
once per card.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import MealKind, MealOption, Program
from shop.taxes import TaxClass
from tests.factories import SellerFactory, product_for
from tests.services.factories import MealServiceFactory, ProgramFactory
from tests.shop.rentals.factories import ToolLibraryFactory, rentable_product

KINDS = list(MealKind)


def catalogue_queries(client):
    """Queries of the catalogue's first page rendered afresh, and its HTML."""
    client.get("/catalogue/")  # the session and basket a visitor's second page would have
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/catalogue/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_tools(library, count, start=0):
    for number in range(start, start + count):
        rentable_product(library, title=f"Outil {number:02d}")


def add_meals(kitchen, count, start=0):
    """``count`` meal products, each the regular product of a meal option of ``kitchen``."""
    for number in range(start, start + count):
        slug = f"popote-{kitchen.pk}-{number // len(KINDS)}"
        program = (Program.objects.filter(slug=slug).first()
                   or ProgramFactory(seller=kitchen, name=slug, slug=slug))
        kind = KINDS[number % len(KINDS)]
        MealOption.objects.create(
            program=program, kind=kind, name=kind.label, position=number,
            regular_product=product_for(kitchen, title=f"Repas {number:02d}", price="8.00",
                                        tax_class=TaxClass.EXEMPT, class_name="Repas"))


def add_books(shop, count, start=0):
    for number in range(start, start + count):
        product_for(shop, title=f"Livre {number:02d}", tax_class=TaxClass.BOOKS,
                    class_name="Livre imprimé")


@pytest.mark.parametrize("add, card_text", [
    (add_tools, "par jour"),
    (add_meals, "par repas"),
    (add_books, "Ajouter au panier"),
], ids=["tools", "meals", "books"])
def test_a_page_of_twenty_cards_runs_the_queries_of_one(client, db, add, card_text):
    seller = {add_tools: ToolLibraryFactory, add_meals: MealServiceFactory,
              add_books: SellerFactory}[add]()
    add(seller, 1)
    one, html = catalogue_queries(client)
    assert html.count('class="mt-3 product-title"') == 1
    assert card_text in html

    add(seller, 19, start=1)
    twenty, html = catalogue_queries(client)
    assert html.count('class="mt-3 product-title"') == 20
    assert html.count(card_text) >= 20
    assert twenty == one


def test_tools_meals_and_books_together_run_the_queries_of_one_of_each(client, db):
    library, kitchen, shop = ToolLibraryFactory(), MealServiceFactory(), SellerFactory()
    add_tools(library, 1)
    add_meals(kitchen, 1)
    add_books(shop, 1)
    three, _ = catalogue_queries(client)

    add_tools(library, 6, start=1)
    add_meals(kitchen, 6, start=1)
    add_books(shop, 5, start=1)
    twenty, html = catalogue_queries(client)
    assert html.count('class="mt-3 product-title"') == 20
    assert twenty == three
