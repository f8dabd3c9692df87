"""The product search finds books the way people ask for them, on SQLite and PostgreSQL.

By author, by a title typed without its accents, by ISBN with or without
hyphens (ISBN-13 or ISBN-10), by publisher or seller; title and author matches
come before description matches.
"""

import pytest
from django.db import connection

from shop.demo.books import isbn13
from shop.search.selectors import search_products
from shop.search.text import isbn_candidates, normalise, query_words
from tests.factories import SellerFactory, seller_staff

ONTARIO = isbn13(101)  # 978292500101?, a valid ISBN-13

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="French word forms and near misses need PostgreSQL")


def isbn10_of(isbn):
    """The ISBN-10 of a 978 ISBN-13, worked out by hand (mod 11 check digit)."""
    body = isbn[3:12]
    check = (11 - sum((10 - i) * int(d) for i, d in enumerate(body)) % 11) % 11
    return body + ("X" if check == 10 else str(check))


def titles(query, **kwargs):
    return [product.title for product in search_products(query=query, **kwargs)]


@pytest.fixture
def books(add_book):
    return {
        "ontario": add_book(
            title="Les hivers de la rue Ontario", author="Marie-Ève Lachance",
            publisher="Éditions du Castor roux", isbn=ONTARIO,
            description="Trois générations traversent soixante hivers dans un logement d'Hochelaga."),
        "gerard": add_book(
            title="Gérard et le grand dégel", author="Louis Hébert",
            publisher="Éditions La Lanterne", isbn=isbn13(102),
            description="Un roman sur le printemps où le fleuve n'a plus gelé."),
        "traverse": add_book(
            title="La dernière traverse", author="Jean-Sébastien Gagnon-Roy",
            publisher="Éditions Rivière-Noire", isbn=isbn13(103),
            description="Un capitaine prépare son dernier voyage; sa voisine, Mme Lachance, l'attend."),
        "neige": add_book(
            title="Au temps de la neige", author="Félix-Antoine Dubé",
            publisher="Éditions Rivière-Noire", isbn=isbn13(104),
            description="Un roman bref sur la fin de l'hiver."),
    }


class TestSearchProducts:
    def test_finds_a_book_by_its_author(self, books):
        assert titles("Lachance")[0] == "Les hivers de la rue Ontario"
        assert titles("marie-eve lachance") == ["Les hivers de la rue Ontario"]

    def test_finds_an_accented_title_typed_without_accents_or_capitals(self, books):
        assert titles("gerard") == ["Gérard et le grand dégel"]
        assert titles("GERARD DEGEL") == ["Gérard et le grand dégel"]

    def test_finds_an_accented_author_typed_without_accents(self, books):
        assert titles("hebert") == ["Gérard et le grand dégel"]

    def test_finds_a_book_by_its_publisher(self, books):
        assert titles("castor roux") == ["Les hivers de la rue Ontario"]

    def test_finds_a_book_by_its_isbn_13_with_or_without_hyphens(self, books):
        hyphenated = f"{ONTARIO[:3]}-{ONTARIO[3]}-{ONTARIO[4:7]}-{ONTARIO[7:12]}-{ONTARIO[12]}"
        assert titles(ONTARIO) == ["Les hivers de la rue Ontario"]
        assert titles(hyphenated) == ["Les hivers de la rue Ontario"]
        assert titles(ONTARIO.replace("", " ").strip()) == ["Les hivers de la rue Ontario"]

    def test_finds_a_book_by_its_isbn_10_with_hyphens(self, books):
        isbn10 = isbn10_of(ONTARIO)
        assert titles(f"{isbn10[0]}-{isbn10[1:4]}-{isbn10[4:9]}-{isbn10[9]}") == ["Les hivers de la rue Ontario"]

    def test_finds_a_book_by_its_sellers_name(self, add_book):
        add_book(title="Kamouraska", seller=SellerFactory(name="Librairie Hélène"))
        add_book(title="Perceuse")
        assert titles("helene") == ["Kamouraska"]

    def test_every_word_must_be_found_somewhere(self, books):
        assert titles("lachance ontario") == ["Les hivers de la rue Ontario"]
        assert titles("lachance kamouraska") == []

    def test_a_title_or_author_match_comes_before_a_description_match(self, books):
        # "La dernière traverse" mentions a Mme Lachance in its description only.
        assert titles("lachance") == ["Les hivers de la rue Ontario", "La dernière traverse"]
        # "Au temps de la neige" (first by title) speaks of winter in its description only.
        assert titles("hiver") == ["Les hivers de la rue Ontario", "Au temps de la neige"]

    def test_nothing_is_found_for_an_empty_query_or_an_unknown_word(self, books):
        assert titles("") == []
        assert titles("   ") == []
        assert titles("zzyzx") == []

    def test_products_not_public_are_never_found(self, books):
        books["gerard"].is_public = False
        books["gerard"].save()
        assert titles("gerard") == []

    def test_searches_only_among_the_products_given(self, books):
        from oscar.core.loading import get_model

        Product = get_model("catalogue", "Product")
        among = Product.objects.filter(pk=books["traverse"].pk)
        assert titles("lachance", products=among) == ["La dernière traverse"]


class TestPostgresqlOnly:
    @on_postgresql
    def test_a_misspelt_author_is_still_found(self, books):
        assert titles("Lachanse")[0] == "Les hivers de la rue Ontario"

    @on_postgresql
    def test_a_plural_finds_the_singular(self, books):
        assert titles("traverses") == ["La dernière traverse"]


class TestPhoneDeskSearch:
    def test_the_phone_desk_finds_a_book_by_author_without_accents(self, books, bookshop):
        from phone_orders.selectors import products_search

        staff = seller_staff(bookshop)
        found = [product.title for product in products_search("hebert", viewer=staff)]
        assert found == ["Gérard et le grand dégel"]

    def test_the_phone_desk_finds_only_its_sellers_books(self, books, add_book):
        from phone_orders.selectors import products_search

        other = SellerFactory(name="Autre librairie")
        add_book(title="Le fleuve en dedans", author="Hugo Lachance", seller=other)
        staff = seller_staff(other)
        assert [p.title for p in products_search("lachance", viewer=staff)] == ["Le fleuve en dedans"]


class TestQueryText:
    def test_accents_ligatures_and_capitals_are_removed(self):
        assert normalise("Œuvres de Gérard HÉBERT") == "oeuvres de gerard hebert"

    def test_words_are_split_on_punctuation_and_single_letters_dropped(self):
        assert query_words("L’hiver de Marie-Ève") == ["hiver", "de", "marie", "eve"]

    def test_an_isbn_10_gives_its_isbn_13(self):
        assert isbn_candidates("2-925-00101-X")[-1].startswith("9782925001")
        assert isbn_candidates("Lachance") == []
