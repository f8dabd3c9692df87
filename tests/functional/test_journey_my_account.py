"""In a real browser, a meal client opens "Mon compte", skips a meal and agrees to reminders.

The page reads in French, passes the accessibility audit, and stays usable at
200 % zoom on a narrow window (a senior on a phone): the skip button and the
consent boxes are reached without sideways scrolling.
"""

from datetime import timedelta

import pytest

from services.models import DeliveryStatus
from services.services import deliveries_generate, registration_approve
from shop.people.models import Consent, ConsentAction
from shop.people.services.persons import person_of
from tests.factories import UserFactory
from tests.functional.a11y import (
    at_200_percent,
    audit,
    browser_context,
    expect,
    needs_chromium,
    new_page,
)
from tests.services.factories import (
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    program_with,
    register,
)

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def lea_with_meals(client, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    user = UserFactory(email="lea@example.org", first_name="Léa", last_name="Tremblay")
    program = program_with(weekdays=(0, 2))
    client_record = ClientFactory(person=person_of(user))
    registration_approve(registration=register(client_record, program,
                                               SeasonFactory(program=program), weekdays=[0, 2]),
                         by=None)
    deliveries_generate(start=SEASON_START, days=7)
    client.force_login(user)
    return user


def test_a_meal_client_skips_a_meal_and_agrees_to_reminders(live_server, client, lea_with_meals):
    person = person_of(lea_with_meals)
    with browser_context(live_server.url, logged_in=client) as context:
        page = new_page(context)
        page.goto(live_server.url + "/compte/")
        expect(page.locator("h1")).to_have_text("Mon compte")
        audit(page, "my account")
        at_200_percent(page, "my account", ".skip-button >> nth=0", "#consent-form button")

        page.locator(".skip-button").first.click()
        page.wait_for_load_state("load")
        expect(page.locator(".alert-success, .alert-info").first).to_contain_text(
            "Aucun repas ne sera livré")
        first = person.meal_client.deliveries.order_by("date").first()
        assert first.date == SEASON_START and first.status == DeliveryStatus.SKIPPED
        expect(page.locator(".delivery-skipped")).to_have_count(1)

        page.check("#id_reminders_sms")
        page.click("#consent-form button")
        page.wait_for_load_state("load")
        entry = Consent.objects.get(person=person)
        assert (entry.purpose, entry.channel, entry.action) == ("reminders", "sms",
                                                                ConsentAction.GIVEN)
        expect(page.locator("#id_reminders_sms")).to_be_checked()
        assert SEASON_START + timedelta(days=2) in set(
            person.meal_client.deliveries.filter(status=DeliveryStatus.SCHEDULED)
            .values_list("date", flat=True))
