"""Online registration: a few plain questions per page, the same service as the staff.

The registration window of ``SeasonFactory`` is open today, the frozen day.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from services.models import ConsentKind, Registration, RegistrationChannel, RegistrationStatus
from tests.clock import at
from tests.services.factories import REGISTRATION_CLOSES, SEASON_START, ClientFactory, register

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def step(program, name):
    return reverse("services:register-step", args=[program.slug, name])


def answers(program):
    return {
        "area": {"postal_code": "h4c 1s3"},
        "person": {"first_name": "Rita", "last_name": "Lavoie", "phone": "514 555-0177",
                   "address_line1": "2500, rue Saint-Jacques", "address_line2": "app. 3",
                   "language": "fr", "registered_by": "Julie Lavoie (sa fille)"},
        "meals": {"weekdays": ["0", "4"], "meal_option": program.meal_options.last().pk,
                  "meals_per_delivery": "1", "requested_start": SEASON_START.isoformat()},
        "health": {"allergies": "arachides", "diet_restrictions": "sans sel",
                   "access_notes": "Porte arrière", "emergency_contact_name": "Julie Lavoie",
                   "emergency_contact_phone": "438 555-0188"},
        "confirm": {"consent": "on", "sms_consent": "on", "preferred_channel": "sms"},
    }


def fill_in(client, program, until="confirm"):
    response = None
    for name, data in answers(program).items():
        response = client.post(step(program, name), data)
        assert response.status_code == 302, (name, text(response)[:3000])
        if name == until:
            break
    return response


class TestOnlineRegistration:
    def test_the_first_page_asks_only_for_the_postal_code(self, client, meal_program, meal_season):
        page = client.get(reverse("services:register", args=[meal_program.slug]))
        assert page.status_code == 200
        assert list(page.context["form"].fields) == ["postal_code"]

    def test_outside_the_area_says_so_with_the_phone_number(self, client, meal_program,
                                                             meal_season):
        response = client.post(step(meal_program, "area"), {"postal_code": "H2X 1Y4"})
        assert response.status_code == 200
        assert "H2X 1Y4" in text(response) and "555-0130" in text(response)

    def test_a_later_page_cannot_be_reached_before_the_first(self, client, meal_program,
                                                              meal_season):
        response = client.get(step(meal_program, "meals"))
        assert response.status_code == 302 and response.url.endswith("/area/")

    def test_the_whole_journey_makes_a_web_registration(self, client, meal_program, meal_season):
        response = fill_in(client, meal_program)
        assert response.url == reverse("services:register-done", args=[meal_program.slug])
        registration = Registration.objects.select_related("client").get()
        assert registration.channel == RegistrationChannel.WEB
        assert registration.status == RegistrationStatus.PENDING
        assert registration.weekday_list == [0, 4]
        assert registration.entered_by is None
        person = registration.client
        assert (person.postal_code, person.allergies, str(person.phone)) == (
            "H4C 1S3", "arachides", "+15145550177")
        assert person.sms_consent and person.preferred_channel == "sms"
        consents = {c.kind: c for c in registration.consents.all()}
        assert consents[ConsentKind.SERVICE].given_by == "Julie Lavoie (sa fille)"
        assert ConsentKind.SMS in consents
        assert "Merci" in text(client.get(response.url))

    def test_a_full_day_puts_the_person_on_the_waiting_list_with_their_position(
            self, client, meal_program, meal_season):
        meal_program.days.update(capacity=1)
        register(ClientFactory(), meal_program, meal_season, weekdays=[0])
        response = fill_in(client, meal_program)
        assert Registration.objects.get(channel="web").status == RegistrationStatus.WAITLISTED
        done = text(client.get(response.url))
        assert "liste d'attente" in done or "waiting list" in done
        assert re.search(r"(numéro|number) 1\b", done)

    def test_the_consent_box_must_be_ticked(self, client, meal_program, meal_season):
        fill_in(client, meal_program, until="health")
        response = client.post(step(meal_program, "confirm"), {"preferred_channel": "phone"})
        assert response.status_code == 200 and not Registration.objects.exists()

    def test_is_closed_outside_the_registration_window(self, client, meal_program, meal_season,
                                                       clock):
        clock.move_to(at(REGISTRATION_CLOSES + timedelta(days=1), 10))
        page = client.get(reverse("services:register", args=[meal_program.slug]))
        assert page.status_code == 200
        assert not page.context.get("form")
