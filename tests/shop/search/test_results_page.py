"""The search page shows what it found in the browse pages' product cards.

It used to say "1 result" above an empty card: Oscar's Haystack template
looked for ``result.object`` in plain products.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.demo.books import isbn13


@pytest.fixture
def ontario(add_book):
    return add_book(title="Les hivers de la rue Ontario", author="Marie-Ève Lachance",
                    publisher="Éditions du Castor roux", isbn=isbn13(101), price="24.95")


def cards(html):
    """The part of the page that lists the products found."""
    start = html.find('class="row list-unstyled')
    return html[start:] if start >= 0 else ""


class TestResultsPage:
    def test_an_author_gives_one_result_with_its_title_price_and_link(self, client, ontario):
        html = client.get("/search/", {"q": "Lachance"}).content.decode()
        assert "1 résultat." in html
        found = cards(html)
        assert "Les hivers de la rue Ontario" in found
        assert "24,95" in found
        assert ontario.get_absolute_url() in found
        assert 'action="/basket/add/' in found

    def test_an_isbn_with_hyphens_finds_the_book(self, client, ontario):
        isbn = isbn13(101)
        html = client.get("/search/", {"q": f"{isbn[:3]}-{isbn[3]}-{isbn[4:7]}-{isbn[7:12]}-{isbn[12]}"}).content.decode()
        assert "Les hivers de la rue Ontario" in cards(html)

    def test_several_results_are_counted_in_the_plural(self, client, add_book):
        for title in ("Neige de mars", "Neige d'avril", "Neiges éternelles"):
            add_book(title=title)
        html = client.get("/search/", {"q": "neige"}).content.decode()
        assert "3 résultats." in html

    def test_in_english_too(self, client, ontario):
        html = client.get("/en/search/", {"q": "lachance"}).content.decode()
        assert "1 result." in html
        assert "Les hivers de la rue Ontario" in cards(html)

    def test_nothing_found_suggests_the_categories_and_the_phone(self, client, settings, ontario):
        settings.SHOP_PHONE_NUMBER = "+15145550199"
        html = client.get("/search/", {"q": "zzyzx"}).content.decode()
        assert "Aucun produit ne correspond à « zzyzx »." in html
        assert 'href="/catalogue/"' in html
        assert 'href="tel:+15145550199"' in html and "(514) 555-0199" in html
        assert cards(html) == ""

    def test_an_empty_search_asks_what_to_look_for(self, client, ontario):
        html = client.get("/search/", {"q": ""}).content.decode()
        assert "Tapez un titre, un auteur" in html
        assert cards(html) == ""

    def test_results_can_be_sorted_by_price(self, client, add_book):
        add_book(title="Neige chère", price="40.00")
        add_book(title="Neige bon marché", price="9.00")
        response = client.get("/search/", {"q": "neige", "sort_by": "price-asc"})
        assert [p.title for p in response.context["page_obj"].object_list] == ["Neige bon marché", "Neige chère"]

    def test_a_page_past_the_last_goes_back_to_the_first_with_the_query(self, client, ontario):
        response = client.get("/search/", {"q": "lachance", "page": 9})
        assert response.status_code == 302
        assert response["Location"] == "/search/?q=lachance"

    def test_the_query_is_shown_escaped(self, client, ontario):
        html = client.get("/search/", {"q": "<script>x</script>"}).content.decode()
        assert "<script>x</script>" not in html
        assert "&lt;script&gt;" in html


def count_queries(client, query):
    client.get("/search/", {"q": query})  # the session and basket a visitor's second search would have
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(queries), response


class TestQueries:
    def test_a_page_of_twenty_runs_as_many_queries_as_one_result(self, client, add_book):
        add_book(title="Un chalet au bout du rang")
        for i in range(25):
            add_book(title=f"Roman d'hiver {i:02d}", author="Amélie Drouin")
        one, response = count_queries(client, "chalet")
        assert response.context["paginator"].count == 1
        twenty, response = count_queries(client, "drouin")
        assert len(response.context["page_obj"].object_list) == 20
        assert one == twenty
