"""The public "near me" page: type a postal code, see what of the cooperative serves it."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SellerFactory
from tests.services.factories import MealServiceFactory, SeasonFactory, program_with
from tests.shop.nearby.factories import counter_of

pytestmark = pytest.mark.django_db

PAGE = "/pres-de-chez-moi/"


@pytest.fixture(autouse=True)
def area(settings):
    settings.LOCAL_DELIVERY_AREA = ["H4C", "H2J"]
    settings.SHOP_PHONE_NUMBER = "+15145550199"


def text(response):
    """The page as a person reads it: no tags, entities decoded, spaces collapsed."""
    assert response.status_code == 200
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def search(client, postal_code, path=PAGE):
    return client.get(path, {"postal_code": postal_code})


@pytest.fixture
def saint_henri():
    """Meals on Mondays, Wednesdays and Fridays in H4C and H3J, registration open today."""
    today = timezone.localdate()
    program = program_with(name="Popote Saint-Henri", postal_prefixes="H4C H3J",
                           weekdays=(0, 2, 4), seller=MealServiceFactory(contact_phone="+15145550130"))
    SeasonFactory(program=program, registration_opens_on=today - timedelta(days=1),
                  registration_closes_on=today + timedelta(days=30))
    return program


@pytest.fixture
def plateau():
    return program_with(name="Popote du Plateau", postal_prefixes="H2J H2H", weekdays=(1,))


class TestTheSearchForm:
    def test_lives_at_a_french_address_with_a_labelled_input(self, client):
        page = client.get(PAGE)
        assert reverse("nearby:search") == PAGE
        content = page.content.decode()
        assert 'lang="fr-ca"' in content
        assert '<label for="id_postal_code">Votre code postal</label>' in content
        assert 'method="get"' in content
        assert "Ce qui dessert" not in text(page)  # no results before a search

    @pytest.mark.parametrize("typed", ["h3c 1a1", "H3C1A1", " h3c-1a1 ", "H3C 1A1"])
    def test_accepts_the_usual_ways_of_writing_a_postal_code(self, client, typed):
        assert "Ce qui dessert H3C 1A1" in text(search(client, typed))

    def test_an_invalid_postal_code_is_explained_and_kept_in_the_field(self, client):
        page = search(client, "H3C 1A")
        content = page.content.decode()
        assert "Ce n’est pas un code postal. Écrivez-le comme H4C 1S3" in text(page)
        assert 'value="H3C 1A"' in content
        assert 'aria-invalid="true"' in content
        assert "<title>Erreur :" in content
        assert "Ce qui dessert" not in text(page)

    def test_an_empty_search_asks_for_the_postal_code(self, client):
        assert "Saisissez votre code postal." in text(search(client, "  "))

    @pytest.mark.parametrize("typed", [
        "H4C 1S3" * 5000,
        "<script>alert('x')</script>",
        "ＨＡＣ１Ｓ３",
        "%00%ff",
    ])
    def test_any_input_gets_an_answer_and_nothing_runs(self, client, typed):
        page = search(client, typed)
        assert page.status_code == 200
        assert "<script>alert" not in page.content.decode()
        assert "Ce qui dessert" not in text(page)

    def test_a_nul_byte_is_refused_as_everywhere_on_the_site(self, client):
        assert search(client, "H4C\x001S3").status_code == 400  # shop.middleware

    def test_a_search_is_a_plain_link_that_can_be_shared(self, client, saint_henri):
        page = client.get(PAGE + "?postal_code=h4c+1s3")
        assert "Popote Saint-Henri" in text(page)


class TestMealPrograms:
    def test_an_address_in_a_programs_area_sees_that_program_and_not_another(
            self, client, saint_henri, plateau):
        page = text(search(client, "H4C 1S3"))
        assert "Popote Saint-Henri" in page
        assert "Popote du Plateau" not in page
        assert "Jours de livraison : lundi, mercredi, vendredi" in page

    def test_tells_how_to_register_online_and_by_phone(self, client, saint_henri):
        page = search(client, "H4C 1S3")
        register = reverse("services:register", args=[saint_henri.slug])
        assert f'href="{register}"' in page.content.decode()
        assert "S’inscrire en ligne à Popote Saint-Henri" in text(page)
        assert "Ou inscrivez-vous par téléphone : (514) 555-0130" in text(page)

    def test_with_registration_closed_gives_only_the_phone(self, client, plateau):
        page = search(client, "H2J 2K9")
        assert "L’inscription en ligne est fermée pour l’instant." in text(page)
        assert reverse("services:register", args=[plateau.slug]) not in page.content.decode()
        assert "Pour vous inscrire, appelez : (514) 555-0130" in text(page)


class TestNothingServes:
    def test_outside_every_area_says_so_and_gives_the_cooperatives_phone(self, client, saint_henri):
        page = search(client, "H9A 1A1")
        content = page.content.decode()
        assert ("Pour l’instant, ni la livraison de repas ni la livraison à domicile de la "
                "coopérative ne desservent le code postal H9A 1A1.") in text(page)
        assert 'id="nothing-here"' in content
        assert 'href="tel:+15145550199"' in content
        assert "(514) 555-0199" in content
        assert "Popote Saint-Henri" not in text(page)

    def test_an_address_reached_by_delivery_alone_is_served(self, client):
        page = search(client, "H2J 2K9")
        assert 'id="nothing-here"' not in page.content.decode()
        assert "Aucun service de repas ne dessert le secteur H2J." in text(page)


class TestDeliveryAndCounters:
    def test_says_yes_when_local_delivery_reaches_the_address(self, client):
        assert "Oui. La coopérative livre les commandes à votre porte dans le secteur H4C" in (
            text(search(client, "H4C 2K1")))

    def test_says_no_when_it_does_not(self, client):
        assert "Non. La livraison locale ne se rend pas dans le secteur H9A." in (
            text(search(client, "H9A 1A1")))

    def test_lists_every_sellers_counter_with_its_address_and_phone(self, client):
        counter_of(SellerFactory(name="Librairie Le Signet", kind="bookshop",
                                 contact_phone="+15145550110"),
                   line1="4321, rue Saint-Denis", postcode="H2J 2K9")
        counter_of(SellerFactory(name="Outilthèque Hochelaga", kind="tool_library"),
                   line1="3845, rue Ontario Est", postcode="H1W 1S1")
        page = search(client, "H9A 1A1")
        shown = text(page)
        assert "Librairie Le Signet Librairie 4321, rue Saint-Denis Montréal (QC) H2J 2K9" in shown
        assert "Téléphone : (514) 555-0110" in shown
        assert "Outilthèque Hochelaga" in shown
        assert 'href="tel:+15145550110"' in page.content.decode()


class TestInEnglish:
    def test_the_language_switch_gives_the_same_search_in_english(self, client, saint_henri):
        french = search(client, "h4c 1s3")
        assert 'name="next" value="/pres-de-chez-moi/?postal_code=h4c+1s3"' in (
            french.content.decode())
        page = client.post("/i18n/setlang/", {
            "language": "en", "next": "/pres-de-chez-moi/?postal_code=h4c+1s3"}, follow=True)
        assert page.redirect_chain[-1][0] == "/en/near-me/?postal_code=h4c+1s3"
        assert 'lang="en"' in page.content.decode()
        shown = text(page)
        assert "What serves H4C 1S3" in shown
        assert "Delivery days: Monday, Wednesday, Friday" in shown
        assert "Register online for Popote Saint-Henri" in shown

    def test_the_english_errors_are_in_english(self, client):
        shown = text(client.get("/en/near-me/", {"postal_code": "12345"}))
        assert "This is not a postal code. Write it like H4C 1S3" in shown


class TestQueries:
    def test_the_number_of_queries_does_not_grow_with_programs_and_sellers(
            self, client, saint_henri, django_assert_num_queries):
        """Programs with their days and open seasons, and the counters: four queries."""
        counter_of(saint_henri.seller)
        search(client, "H4C 1S3")  # the shop's menus and foot, cached for every page
        with django_assert_num_queries(4):
            small = search(client, "H4C 1S3")
        for number in range(5):
            program = program_with(name=f"Popote {number}", postal_prefixes="H4C",
                                   weekdays=(0, 1, 2))
            SeasonFactory(program=program)
            counter_of(SellerFactory(name=f"Vendeur {number}"))
        search(client, "H4C 1S3")  # the menus again: new sellers change the catalogue's version
        with django_assert_num_queries(4):
            large = search(client, "H4C 1S3")
        assert text(small).count("Jours de livraison") == 1
        assert text(large).count("Jours de livraison") == 6


class TestTheStorefront:
    def test_every_shop_page_links_to_it_at_the_foot(self, client):
        page = client.get("/", follow=True)
        footer = page.content.decode().split("<footer", 1)[1]
        assert f'href="{PAGE}"' in footer
        assert "Près de chez moi : ce qui dessert mon adresse" in footer
