"""In a real browser, a relative registers a senior for meal delivery online.

The public registration, one short page at a time: a postal code outside the
area first (the page says so, with the phone number), then the senior's own,
who they are, which meals on which days, allergies and access to the door, and
the consent. Every page is audited for accessibility and checked at 200 % zoom;
the registration lands in the coordinator's queue as a web registration.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from services.models import Registration, RegistrationChannel, RegistrationStatus
from tests.functional.a11y import (
    at_200_percent,
    audit,
    browser_context,
    expect,
    keep_screenshot,
    needs_chromium,
    new_page,
)
from tests.services.factories import SeasonFactory, program_with

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

NEXT = "form[novalidate] button"  # the step's own button, not the language switch


@pytest.fixture
def open_program(monkeypatch):
    """Mondays, Wednesdays and Fridays; registration open now, deliveries from next week."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    today = timezone.localdate()
    program = program_with(weekdays=(0, 2, 4), options=("regular", "diabetic"),
                           name="Popote roulante Saint-Henri", slug="popote-saint-henri")
    SeasonFactory(program=program, name="Hiver", starts_on=today + timedelta(days=7),
                  ends_on=today + timedelta(days=120),
                  registration_opens_on=today - timedelta(days=10),
                  registration_closes_on=today + timedelta(days=60))
    return program


def next_page(page, name):
    audit(page, name)
    at_200_percent(page, f"meal-registration-{name}", NEXT)
    page.click(NEXT)


def test_a_relative_registers_a_senior_for_meal_delivery(live_server, open_program):
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(f"{live_server.url}/services/register/{open_program.slug}/")
        assert page.inner_text("h1") == "Où habitez-vous?"

        page.fill("#id_postal_code", "H2X 1Y4")
        page.click(NEXT)
        assert "H2X 1Y4" in page.inner_text(".errorlist")
        audit(page, "outside the area")

        page.fill("#id_postal_code", "h4c 1s3")
        next_page(page, "area")

        # What a screen reader says: the example under the phone box, the question of a group.
        expect(page.get_by_label("Numéro de téléphone")).to_have_accessible_description(
            "Par exemple 514 555-0142.")
        expect(page.get_by_role("group", name="Langue")).to_be_visible()
        page.fill("#id_first_name", "Rita")
        page.fill("#id_last_name", "Lavoie")
        page.fill("#id_phone", "514 555-0177")
        page.fill("#id_address_line1", "2500, rue Saint-Jacques")
        page.fill("#id_address_line2", "app. 3")
        page.check("input[name=language][value=fr]")
        page.fill("#id_registered_by", "Julie Lavoie (sa fille)")
        next_page(page, "person")

        days = page.get_by_role("group", name="Jours de livraison")
        days.get_by_label("lundi").check()
        days.get_by_label("vendredi").check()
        page.check("input[name=meal_option] >> nth=1")
        next_page(page, "meals")

        page.fill("#id_allergies", "arachides")
        page.fill("#id_access_notes", "Porte arrière, sonner deux fois")
        page.fill("#id_emergency_contact_name", "Julie Lavoie")
        page.fill("#id_emergency_contact_phone", "438 555-0188")
        next_page(page, "health")

        page.check("#id_consent")
        page.check("#id_sms_consent")
        page.check("input[name=preferred_channel][value=sms]")
        next_page(page, "confirm")

        assert page.inner_text("h1") == "Merci, nous avons bien reçu votre inscription"
        audit(page, "done")
        at_200_percent(page, "meal-registration-done")
        keep_screenshot(page, "meal_registration_done")

    registration = Registration.objects.select_related("client").get()
    assert (registration.channel, registration.status) == (RegistrationChannel.WEB,
                                                           RegistrationStatus.PENDING)
    assert registration.weekday_list == [0, 4]
    assert registration.meal_option == open_program.meal_options.last()
    client = registration.client
    assert (client.full_name, client.allergies, client.postal_code) == (
        "Rita Lavoie", "arachides", "H4C 1S3")
    assert {consent.given_by for consent in registration.consents.all()} == {
        "Julie Lavoie (sa fille)"}
