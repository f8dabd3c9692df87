"""In a real browser, a relative registers a senior for meal delivery online, in French and English.

The public registration, one short page at a time, in a season that began four
weeks ago: a postal code outside the area first (the page says so, with the
phone number), then the senior's own — carried from the near-me page — who
they are, which meals on which days from the first possible delivery (a day in
the past is refused, saying which day is possible), allergies and access to the
door, how to reach them (email asks for an address), then a summary of every
answer with a "Change" link per page, and the consent. Every page is audited
for accessibility and checked at 200 % zoom; the registration lands in the
coordinator's queue as a web registration.
"""

import re

import pytest

from services.models import Registration, RegistrationChannel, RegistrationStatus
from tests.clock import FRIDAY, day
from tests.functional.a11y import (
    at_200_percent,
    audit,
    browser_context,
    expect,
    keep_screenshot,
    needs_chromium,
    new_page,
)
from tests.services.factories import SeasonFactory, program_with, written

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

NEXT = "form[novalidate] button"  # the step's own button, not the language switch
STARTED = day(-28)
# The clock is frozen on a Thursday morning, before the 18:00 cut-off: Friday's
# delivery can still be planned, and it is the first one offered.
FIRST_POSSIBLE = day(1)


@pytest.fixture
def open_program(monkeypatch):
    """Mondays, Wednesdays and Fridays; a season that began four weeks ago, still open."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    program = program_with(weekdays=(0, 2, 4), options=("regular", "diabetic"),
                           name="Popote roulante Saint-Henri", slug="popote-saint-henri")
    SeasonFactory(program=program, name="Hiver", starts_on=STARTED, ends_on=day(120),
                  registration_opens_on=day(-40), registration_closes_on=day(60))
    assert FIRST_POSSIBLE.weekday() == FRIDAY
    return program


def next_page(page, name):
    audit(page, name)
    at_200_percent(page, f"meal-registration-{name}", NEXT)
    page.click(NEXT)


def summary_of(page, step):
    return re.sub(r"\s+", " ", page.inner_text(f"#summary-{step}"))


def fill_in_the_person(page):
    page.fill("#id_first_name", "Rita")
    page.fill("#id_last_name", "Lavoie")
    page.fill("#id_phone", "514 555-0177")
    page.fill("#id_address_line1", "2500, rue Saint-Jacques")
    page.fill("#id_address_line2", "app. 3")
    page.fill("#id_registered_by", "Julie Lavoie (sa fille)")


def fill_in_the_door(page):
    page.fill("#id_allergies", "arachides")
    page.fill("#id_access_notes", "Porte arrière, sonner deux fois")
    page.fill("#id_emergency_contact_name", "Julie Lavoie")
    page.fill("#id_emergency_contact_phone", "438 555-0188")


def test_a_relative_registers_a_senior_for_meal_delivery(live_server, open_program):
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(f"{live_server.url}/services/register/{open_program.slug}/")
        expect(page.locator("h1")).to_have_text("Où habitez-vous?")

        page.fill("#id_postal_code", "H2X 1Y4")
        page.click(NEXT)
        assert "H2X 1Y4" in page.inner_text(".errorlist")
        audit(page, "outside the area")

        # The near-me page finds the program and carries the postal code to the registration.
        page.goto(f"{live_server.url}/pres-de-chez-moi/?postal_code=h4c+1s3")
        page.click(f"a[href^='/services/register/{open_program.slug}/?postal_code=']")
        expect(page.locator("#id_postal_code")).to_have_value("H4C 1S3")
        next_page(page, "area")

        # What a screen reader says: the example under the phone box, the question of a group.
        expect(page.get_by_label("Numéro de téléphone")).to_have_accessible_description(
            "Par exemple 514 555-0142.")
        expect(page.get_by_role("group", name="Langue")).to_be_visible()
        fill_in_the_person(page)
        page.check("input[name=language][value=fr]")
        next_page(page, "person")

        # The first delivery offered is the first possible one; a day in the past is refused.
        expect(page.locator("#id_requested_start")).to_have_value(FIRST_POSSIBLE.isoformat())
        days = page.get_by_role("group", name="Jours de livraison")
        days.get_by_label("lundi").check()
        days.get_by_label("vendredi").check()
        page.check("input[name=meal_option] >> nth=1")
        page.check("input[name=fare][value=solidarity]")
        page.fill("#id_requested_start", STARTED.isoformat())
        page.click(NEXT)
        first_possible = written(FIRST_POSSIBLE, "l j F Y")
        expect(page.locator(".errorlist")).to_contain_text(
            f"La première livraison possible est le {first_possible}")
        audit(page, "first delivery in the past")
        page.fill("#id_requested_start", FIRST_POSSIBLE.isoformat())
        next_page(page, "meals")

        fill_in_the_door(page)
        next_page(page, "health")

        # Email chosen: an address is asked for.
        page.check("input[name=preferred_channel][value=email]")
        page.click(NEXT)
        expect(page.locator(".errorlist")).to_contain_text("Indiquez l'adresse courriel")
        audit(page, "email missing")
        page.fill("#id_email", "julie.lavoie@example.org")
        next_page(page, "contact")

        # The summary: every answer in plain words, each page with its "Change" link.
        expect(page.locator("h1")).to_have_text("Vérifier et envoyer")
        assert "H4C 1S3" in summary_of(page, "area")
        person = summary_of(page, "person")
        for answer in ("Rita Lavoie", "2500, rue Saint-Jacques, app. 3", "(514) 555-0177",
                       "Français", "Julie Lavoie (sa fille)"):
            assert answer in person, answer
        meals = summary_of(page, "meals")
        for answer in ("lundi, vendredi", "Tarif solidaire", first_possible):
            assert answer in meals, answer
        health = summary_of(page, "health")
        for answer in ("arachides", "Porte arrière, sonner deux fois", "(438) 555-0188"):
            assert answer in health, answer
        assert "julie.lavoie@example.org" in summary_of(page, "contact")
        audit(page, "summary")

        # A change from the summary keeps the other answers and comes back to it.
        page.locator("#summary-meals").get_by_role("link", name=re.compile("^Modifier")).click()
        days = page.get_by_role("group", name="Jours de livraison")
        expect(days.get_by_label("vendredi")).to_be_checked()
        days.get_by_label("lundi").uncheck()
        days.get_by_label("mercredi").check()
        next_page(page, "change meals")
        expect(page.locator("h1")).to_have_text("Vérifier et envoyer")
        assert "mercredi, vendredi" in summary_of(page, "meals")
        assert "arachides" in summary_of(page, "health")

        page.check("#id_consent")
        next_page(page, "confirm")

        expect(page.locator("h1")).to_have_text("Merci, nous avons bien reçu votre inscription")
        audit(page, "done")
        at_200_percent(page, "meal-registration-done")
        keep_screenshot(page, "meal_registration_done")

    registration = Registration.objects.select_related("client").get()
    assert (registration.channel, registration.status) == (RegistrationChannel.WEB,
                                                           RegistrationStatus.PENDING)
    assert registration.weekday_list == [2, 4]
    assert registration.requested_start == FIRST_POSSIBLE
    assert registration.meal_option == open_program.meal_options.last()
    client = registration.client
    assert (client.full_name, client.allergies, client.postal_code, client.fare) == (
        "Rita Lavoie", "arachides", "H4C 1S3", "solidarity")
    assert (client.preferred_channel, client.email) == ("email", "julie.lavoie@example.org")
    consents = client.person.consents.filter(source=f"registration:{registration.pk}")
    assert {consent.given_by for consent in consents} == {"Julie Lavoie (sa fille)"}


def test_the_same_registration_in_english(live_server, open_program):
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(f"{live_server.url}/services/register/{open_program.slug}/?postal_code=H4C1S3")
        page.click("button[lang=en]")
        expect(page.locator("h1")).to_have_text("Where do you live?")
        expect(page.locator("#id_postal_code")).to_have_value("H4C1S3")
        next_page(page, "area in English")

        fill_in_the_person(page)
        page.check("input[name=language][value=en]")
        next_page(page, "person in English")

        expect(page.locator("#id_requested_start")).to_have_value(FIRST_POSSIBLE.isoformat())
        page.get_by_role("group", name="Delivery days").get_by_label("Friday").check()
        page.check("input[name=meal_option] >> nth=0")
        next_page(page, "meals in English")

        fill_in_the_door(page)
        next_page(page, "health in English")

        page.check("input[name=preferred_channel][value=sms]")
        page.check("#id_sms_consent")
        next_page(page, "contact in English")

        expect(page.locator("h1")).to_have_text("Check and send")
        meals = summary_of(page, "meals")
        for answer in ("Friday", "Regular price", written(FIRST_POSSIBLE, "l j F Y", "en")):
            assert answer in meals, answer
        assert "Text message (SMS)" in summary_of(page, "contact")
        page.check("#id_consent")
        next_page(page, "summary in English")

        expect(page.locator("h1")).to_have_text("Thank you, we received your registration")
        audit(page, "done in English")

    registration = Registration.objects.select_related("client").get()
    assert (registration.requested_start, registration.weekday_list) == (FIRST_POSSIBLE, [4])
    assert (registration.client.language, registration.client.preferred_channel) == ("en", "sms")
    assert registration.client.sms_consent
