"""In a real browser, a visitor reads a tool's page and a meal's page, in French and English.

The tool's page says in one place what borrowing costs (per day, the refundable
deposit, a worked total), how long and where, the membership it needs, and
which days are free; it offers booking, never the basket. The meal's page leads
to the registration for meal delivery and to the near-me page, never to the
basket. Every page is audited for accessibility and checked at 200 % zoom.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from services.models import MealKind
from tests.functional.a11y import (
    at_200_percent,
    audit,
    browser_context,
    expect,
    needs_chromium,
    new_page,
)
from tests.services.factories import program_with
from tests.shop.rentals.factories import rentable_product

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def lent_and_served(sellers, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    drill = rentable_product(sellers["tools"], title="Perceuse sans fil", units=2,
                             membership_required=True)
    program = program_with(products=True, options=(MealKind.REGULAR,),
                           name="Popote roulante Saint-Henri", slug="popote-saint-henri")
    return drill, program.meal_options.get().regular_product, program


def url_in(language, product):
    with translation.override(language):
        return product.get_absolute_url()


def test_a_tool_page_says_what_borrowing_costs_and_offers_booking_only(live_server,
                                                                       lent_and_served):
    drill, _meal, _program = lent_and_served
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(live_server.url + url_in("fr-ca", drill))
        terms = page.locator("#loan-terms")
        expect(page.locator(".product_main .price_color")).to_have_text("8,00\xa0$ par jour")
        expect(terms).to_contain_text("Dépôt remboursable : 50,00\xa0$")
        expect(terms).to_contain_text("jusqu'à 14 jours")
        expect(terms).to_contain_text("comptoir")
        expect(terms).to_contain_text("68,40\xa0$")  # two days, taxes and deposit
        expect(terms.get_by_role("link", name="Voir les formules d'adhésion")).to_have_attribute(
            "href", reverse("rentals:membership-plans"))
        assert "2 exemplaires libres aujourd'hui" in page.inner_text("#rental-availability")
        expect(page.get_by_role("button", name="Ajouter au panier")).to_have_count(0)
        audit(page, "tool page")
        at_200_percent(page, "tool-page-terms", "#booking-sign-in")

        page.goto(live_server.url + url_in("en", drill))
        expect(page.locator(".product_main .price_color")).to_contain_text("per day")
        expect(page.locator("#loan-terms")).to_contain_text("Refundable deposit")
        expect(page.get_by_role("button", name="Add to basket")).to_have_count(0)
        audit(page, "tool page, in English")


def test_a_meal_page_leads_to_the_registration_and_the_near_me_page(live_server,
                                                                    lent_and_served):
    _drill, meal, program = lent_and_served
    register = reverse("services:register", kwargs={"slug": program.slug})
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(live_server.url + url_in("fr-ca", meal))
        section = page.locator("#meal-registration")
        expect(section.get_by_role("link", name="S'inscrire à la livraison de repas")) \
            .to_have_attribute("href", register)
        expect(section.get_by_role("link", name="Savoir si on livre des repas près de chez vous")) \
            .to_have_attribute("href", reverse("nearby:search"))
        expect(page.get_by_role("button", name="Ajouter au panier")).to_have_count(0)
        audit(page, "meal page")
        at_200_percent(page, "meal-page", "#meal-register")
        page.click("#meal-register")
        page.wait_for_url(f"**{register}")

        page.goto(live_server.url + url_in("en", meal))
        expect(page.locator("#meal-registration").get_by_role(
            "link", name="Register for meal delivery")).to_be_visible()
        expect(page.get_by_role("button", name="Add to basket")).to_have_count(0)
        audit(page, "meal page, in English")
