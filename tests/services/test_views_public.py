"""Online registration: a few plain questions per page, the same service as the staff.

The registration window of ``SeasonFactory`` is open today, the frozen day.
"""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from services.models import Registration, RegistrationChannel, RegistrationStatus
from tests.clock import at, day
from tests.services.factories import (
    REGISTRATION_CLOSES,
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    register,
    written,
)

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def step(program, name):
    return reverse("services:register-step", args=[program.slug, name])


def answers(program):
    return {
        "area": {"postal_code": "h4c 1s3"},
        "person": {"first_name": "Rita", "last_name": "Lavoie", "phone": "514 555-0177",
                   "address_line1": "2500, rue Saint-Jacques", "address_line2": "app. 3",
                   "language": "fr", "registered_by": "Julie Lavoie (sa fille)"},
        "meals": {"weekdays": ["0", "4"], "meal_option": program.meal_options.last().pk,
                  "meals_per_delivery": "1", "fare": "regular",
                  "requested_start": SEASON_START.isoformat()},
        "health": {"allergies": "arachides", "diet_restrictions": "sans sel",
                   "access_notes": "Porte arrière", "emergency_contact_name": "Julie Lavoie",
                   "emergency_contact_phone": "438 555-0188"},
        "contact": {"preferred_channel": "sms", "sms_consent": "on"},
        "confirm": {"consent": "on"},
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
        assert person.fare == "regular"
        consents = {(c.purpose, c.channel): c for c in person.person.consents.all()}
        assert consents["health_data", "record"].given_by == "Julie Lavoie (sa fille)"
        assert {("service", "sms"), ("reminders", "sms")} <= set(consents)
        assert ("news", "sms") not in consents  # texts about the service are not news
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
        client.post(step(meal_program, "contact"), {"preferred_channel": "phone"})
        response = client.post(step(meal_program, "confirm"), {})
        assert response.status_code == 200 and not Registration.objects.exists()

    def test_is_closed_outside_the_registration_window(self, client, meal_program, meal_season,
                                                       clock):
        clock.move_to(at(REGISTRATION_CLOSES + timedelta(days=1), 10))
        page = client.get(reverse("services:register", args=[meal_program.slug]))
        assert page.status_code == 200
        assert not page.context.get("form")


class TestTheSummaryBeforeSending:
    def test_shows_every_answer_in_plain_words_with_a_change_link_per_page(
            self, client, meal_program, meal_season):
        fill_in(client, meal_program, until="contact")
        page = text(client.get(step(meal_program, "confirm")))
        for answer in ("H4C 1S3", "Rita Lavoie", "2500, rue Saint-Jacques, app. 3",
                       "(514) 555-0177", "Julie Lavoie (sa fille)", "lundi, vendredi",
                       "Diabétique", "Tarif régulier", written(SEASON_START, "l j F Y"),
                       "arachides", "sans sel", "Porte arrière", "Julie Lavoie, (438) 555-0188",
                       "Texto (SMS)", "Oui, vous pouvez m'envoyer des textos"):
            assert answer in page, answer
        for name in ("area", "person", "meals", "health", "contact"):
            assert f'href="{step(meal_program, name)}?review=1"' in page

    def test_gives_the_first_delivery_on_a_day_chosen(self, client, meal_program, meal_season):
        fill_in(client, meal_program, until="contact")
        client.post(step(meal_program, "meals") + "?review=1", {
            **answers(meal_program)["meals"], "weekdays": ["2"], "review": "1"})
        page = text(client.get(step(meal_program, "confirm")))
        assert written(SEASON_START + timedelta(days=2), "l j F Y") in page

    def test_a_change_returns_to_the_summary_and_keeps_the_other_answers(
            self, client, meal_program, meal_season):
        fill_in(client, meal_program, until="contact")
        form = client.get(step(meal_program, "person") + "?review=1")
        assert form.context["form"]["first_name"].value() == "Rita"
        assert 'name="review"' in text(form)
        response = client.post(step(meal_program, "person"), {
            **answers(meal_program)["person"], "first_name": "Rita-Marie", "review": "1"})
        assert response.url == step(meal_program, "confirm")
        page = text(client.get(response.url))
        assert "Rita-Marie Lavoie" in page and "arachides" in page
        client.post(step(meal_program, "confirm"), {"consent": "on"})
        assert Registration.objects.get().client.first_name == "Rita-Marie"

    def test_email_chosen_is_kept_on_the_clients_record(self, client, meal_program, meal_season):
        fill_in(client, meal_program, until="health")
        client.post(step(meal_program, "contact"),
                    {"preferred_channel": "email", "email": "julie@example.org"})
        assert "julie@example.org" in text(client.get(step(meal_program, "confirm")))
        client.post(step(meal_program, "confirm"), {"consent": "on"})
        person = Registration.objects.get().client
        assert (person.preferred_channel, person.email) == ("email", "julie@example.org")

    def test_a_first_delivery_in_the_past_is_refused_on_the_page(self, client, meal_program):
        SeasonFactory(program=meal_program, starts_on=day(-28))
        fill_in(client, meal_program, until="health")  # the answers ask for SEASON_START: fine
        response = client.post(step(meal_program, "meals"), {
            **answers(meal_program)["meals"], "requested_start": day(-28).isoformat()})
        assert response.status_code == 200
        assert f"La première livraison possible est le {written(day(1), 'l j F Y')}" in text(
            response)


class TestComingFromTheNearMePage:
    def test_the_postal_code_is_already_filled_in(self, client, meal_program, meal_season):
        page = client.get(reverse("services:register", args=[meal_program.slug]),
                          {"postal_code": "H4C 1S3"})
        assert page.context["form"]["postal_code"].value() == "H4C 1S3"

    def test_the_near_me_page_links_to_the_registration_with_the_postal_code(
            self, client, meal_program, meal_season):
        page = text(client.get("/pres-de-chez-moi/", {"postal_code": "h4c 1s3"}))
        link = reverse("services:register", args=[meal_program.slug])
        assert f'href="{link}?postal_code=H4C%201S3"' in page
