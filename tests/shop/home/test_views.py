"""The home page: who the cooperative is, its sellers, meals for seniors, a phone number."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.partner.models import SellerKind
from tests.factories import SellerFactory, product_for
from tests.services.factories import SeasonFactory, program_with

pytestmark = pytest.mark.django_db


def text(response):
    """The page as a person reads it: no tags, entities decoded, spaces collapsed."""
    assert response.status_code == 200
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def main_part(response):
    return response.content.decode().split('<main', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def cooperative(settings):
    settings.SHOP_PHONE_NUMBER = "+15145550199"
    bookshop = SellerFactory(name="Librairie Le Signet", code="le-signet", kind=SellerKind.BOOKSHOP)
    tools = SellerFactory(name="Outilthèque Hochelaga", code="outiltheque",
                          kind=SellerKind.TOOL_LIBRARY)
    program = program_with(slug="popote-saint-henri")
    SeasonFactory(program=program)
    program.seller.code = "popote"
    program.seller.save()
    product_for(bookshop, title="Kamouraska", class_name="Livre")
    product_for(tools, title="Perceuse sans fil", class_name="Outil")
    return {"bookshop": bookshop, "tools": tools, "meals": program.seller, "program": program}


class TestTheHomePage:
    def test_is_at_the_root_and_not_a_redirect_to_the_catalogue(self, client, cooperative):
        response = client.get("/")
        assert response.status_code == 200
        assert "<h1" in response.content.decode()
        assert client.get("/catalogue/").status_code == 200

    def test_links_to_the_page_of_each_of_the_three_sellers(self, client, cooperative):
        page = main_part(client.get("/"))
        for code in ("le-signet", "outiltheque", "popote"):
            assert f'href="/vendeurs/{code}/"' in page

    def test_registers_a_relative_for_meals_in_one_click(self, client, cooperative):
        page = main_part(client.get("/"))
        assert 'href="/services/register/popote-saint-henri/"' in page
        assert "Inscrire un proche à la livraison de repas" in text(client.get("/"))

    def test_shows_the_cooperatives_phone_number_to_call(self, client, cooperative):
        response = client.get("/")
        assert "(514) 555-0199" in text(response)
        assert 'href="tel:+15145550199"' in main_part(response)

    def test_checks_a_postal_code_on_the_near_me_page(self, client, cooperative):
        page = main_part(client.get("/"))
        assert re.search(r'<form[^>]*method="get"[^>]*action="/pres-de-chez-moi/"', page)
        assert 'name="postal_code"' in page

    def test_shows_featured_books_and_tools(self, client, cooperative):
        page = text(client.get("/"))
        assert "Kamouraska" in page
        assert "Perceuse sans fil" in page

    def test_hides_a_seller_that_is_not_public(self, client, cooperative):
        SellerFactory(name="Atelier fermé", code="atelier-ferme", is_public=False)
        assert "/vendeurs/atelier-ferme/" not in client.get("/").content.decode()

    def test_is_in_english_on_request(self, client, cooperative):
        page = text(client.get("/en/"))
        assert "Register a relative for meal delivery" in page
        assert "Our sellers" in page

    def test_runs_as_many_queries_with_many_more_sellers_and_products(self, client, cooperative):
        """Sellers in one query, a few cards only: more of either costs no query."""
        for number in range(4):  # featured first (priority), as in the demo
            for seller, title in ((cooperative["bookshop"], "Roman"), (cooperative["tools"], "Scie")):
                product = product_for(seller, title=f"{title} {number}", class_name=title)
                product.priority = 10
                product.save()
        client.get("/")

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            return len(queries)

        few = count()
        for number in range(5):
            seller = SellerFactory(name=f"Bouquinerie {number}", kind=SellerKind.BOOKSHOP)
            product_for(seller, title=f"Essai {number}", class_name="Livre")
        client.get("/")  # the menu of categories, cached until the catalogue changes
        assert count() == few


class TestSearchEngines:
    def test_may_read_the_public_pages_but_not_the_staff_pages(self, client):
        response = client.get("/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        rules = response.content.decode().splitlines()
        assert "Allow: /" in rules
        assert "Disallow: /dashboard/" in rules
        assert not any(rule in ("Disallow: /", "Disallow: /basket/") for rule in rules)

    def test_every_page_has_a_description_and_zooms(self, client, cooperative):
        content = client.get("/").content.decode()
        assert re.search(r'<meta name="description" content="[^"]{50,}"', content)
        assert 'content="width=device-width, initial-scale=1"' in content
        assert content.count("<h1") == 1


class TestWhenOnlineRegistrationIsClosed:
    def test_the_home_page_gives_the_phone_number_instead(self, client, settings):
        settings.SHOP_PHONE_NUMBER = "+15145550199"
        program_with(slug="popote-fermee")  # no season open
        response = client.get("/")
        assert "/services/register/popote-fermee/" not in response.content.decode()
        assert "(514) 555-0199" in text(response)
