"""Staff pages: phone entry, the queue, counts and route sheets; who may see them."""

import re

import pytest
from django.urls import reverse

from services.models import (
    Client,
    ClientChange,
    DeliveryStatus,
    FollowUp,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
)
from services.services import deliveries_generate, registration_approve, routes_plan
from shop.people.models import Consent
from tests.services.factories import SEASON_START, ClientFactory, register, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_with_a_route(meal_program, meal_season):
    """An approved registration, its Monday delivery, and the Monday's route."""
    client = ClientFactory(allergies="arachides", access_notes="Sonner deux fois")
    registration = registration_approve(
        registration=register(client, meal_program, meal_season), by=None)
    deliveries_generate(start=SEASON_START, days=1)
    route = routes_plan(program=meal_program, date=SEASON_START)[0]
    return registration, route


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def pages_of(registration, route):
    program = registration.program
    day = SEASON_START.isoformat()
    return [
        reverse("services:home"),
        reverse("services:queue"),
        reverse("services:registration-create"),
        reverse("services:registration-detail", args=[registration.pk]),
        reverse("services:client-detail", args=[registration.client_id]),
        reverse("services:client-update", args=[registration.client_id]),
        reverse("services:production-counts", args=[program.pk, day]),
        reverse("services:route-sheets", args=[program.pk, day]),
        reverse("services:route-detail", args=[route.pk]),
        reverse("services:billing", args=[program.pk]),
    ]


class TestWhoMaySeeThePages:
    def test_another_sellers_staff_get_404_on_every_page(self, client, day_with_a_route,
                                                         other_seller_staff):
        client.force_login(other_seller_staff)
        for url in pages_of(*day_with_a_route):
            assert client.get(url).status_code == 404, url

    def test_another_sellers_staff_cannot_act_either(self, client, day_with_a_route,
                                                     other_seller_staff):
        registration, route = day_with_a_route
        client.force_login(other_seller_staff)
        stop = route.stops.get()
        posts = [
            reverse("services:registration-action", args=[registration.pk, "cancel"]),
            reverse("services:stop-outcome", args=[stop.pk]),
            reverse("services:delivery-skip", args=[stop.pk]),
        ]
        for url in posts:
            assert client.post(url, {"outcome": "delivered"}).status_code == 404, url
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.APPROVED

    def test_the_meal_services_staff_and_coordinators_see_them(self, client, day_with_a_route,
                                                               popote_staff, coordinator):
        for user in (popote_staff, coordinator):
            client.force_login(user)
            for url in pages_of(*day_with_a_route):
                assert client.get(url).status_code == 200, url

    def test_a_visitor_is_sent_to_log_in(self, client, day_with_a_route):
        response = client.get(reverse("services:queue"))
        assert response.status_code == 302 and "login" in response.url

    def test_the_staff_of_another_meal_service_see_none_of_these_clients(
            self, client, day_with_a_route):
        from tests.factories import seller_staff
        from tests.services.factories import MealServiceFactory, program_with

        other = program_with(seller=MealServiceFactory(name="Popote Verdun"))
        client.force_login(seller_staff(other.seller))
        registration, route = day_with_a_route
        assert client.get(reverse("services:home")).status_code == 200
        for url in pages_of(registration, route)[3:]:
            assert client.get(url).status_code == 404, url


class TestPhoneEntry:
    def form(self, program, season, **overrides):
        data = {
            "program": program.pk,
            "client-first_name": "Gérard", "client-last_name": "Bouchard",
            "client-phone": "514 555-0142", "client-address_line1": "4510, rue Notre-Dame O.",
            "client-city": "Montréal", "client-postal_code": "h4c1s3", "client-language": "fr",
            "client-preferred_channel": "phone", "client-fare": "solidarity",
            "client-payment_method": "invoice",
            "reg-season": season.pk, "reg-weekdays": ["0", "2"],
            "reg-meal_option": program.meal_options.first().pk, "reg-meals_per_delivery": 1,
            "reg-requested_start": SEASON_START.isoformat(),
            "consent-consent": "on", "consent-consent_given_by": "",
        }
        data.update(overrides)
        return data

    def test_registers_a_client_with_no_email_with_channel_phone(
            self, client, meal_program, meal_season, popote_staff):
        client.force_login(popote_staff)
        response = client.post(reverse("services:registration-create"),
                               self.form(meal_program, meal_season))
        assert response.status_code == 302, text(response)[:3000]
        registration = Registration.objects.get()
        assert registration.channel == RegistrationChannel.PHONE
        assert registration.entered_by == popote_staff
        assert registration.status == RegistrationStatus.PENDING
        assert registration.client.email == "" and str(registration.client.phone) == "+15145550142"
        assert registration.client.postal_code == "H4C 1S3"
        consent = Consent.objects.get(source=f"registration:{registration.pk}")
        assert (consent.person, consent.recorded_by) == (registration.client.person, popote_staff)
        assert ClientChange.objects.get(client=registration.client).changed_by == popote_staff

    def test_outside_the_area_says_so_with_the_phone_and_keeps_nothing(
            self, client, meal_program, meal_season, popote_staff):
        client.force_login(popote_staff)
        response = client.post(reverse("services:registration-create"),
                               self.form(meal_program, meal_season,
                                         **{"client-postal_code": "H2X 1Y4"}))
        assert response.status_code == 200
        assert "H2X 1Y4" in text(response) and "555-0130" in text(response)
        assert not Client.objects.exists()

    def test_finds_a_known_client_by_phone(self, client, meal_program, meal_season, popote_staff):
        known = ClientFactory(phone="+15145550142")
        register(known, meal_program, meal_season)
        client.force_login(popote_staff)
        response = client.get(reverse("services:registration-create"), {"phone": "514-555-0142"})
        assert known.full_name in text(response)


class TestTheQueue:
    def test_a_coordinator_approves_from_the_queue(self, client, meal_program, meal_season,
                                                   coordinator):
        registration = register(ClientFactory(), meal_program, meal_season)
        client.force_login(coordinator)
        assert registration.client.full_name in text(client.get(reverse("services:queue")))
        client.post(reverse("services:registration-action", args=[registration.pk, "approve"]))
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.APPROVED
        assert registration.approved_by == coordinator

    def test_refusing_without_a_reason_is_refused(self, client, meal_program, meal_season,
                                                  coordinator):
        registration = register(ClientFactory(), meal_program, meal_season)
        client.force_login(coordinator)
        response = client.post(
            reverse("services:registration-action", args=[registration.pk, "refuse"]),
            {"reason": ""}, follow=True)
        assert "reason" in text(response) or "raison" in text(response)
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.PENDING


class TestRouteSheets:
    def test_renders_in_french_and_english(self, client, day_with_a_route, popote_staff):
        registration, route = day_with_a_route
        client.force_login(popote_staff)
        url = reverse("services:route-detail", args=[route.pk])
        french, english = text(client.get(url, {"lang": "fr"})), text(client.get(url, {"lang": "en"}))
        for page in (french, english):
            assert registration.client.full_name in page and "arachides" in page
            assert "Sonner deux fois" in page and "(438) 555-" in page
        assert "Arrêt" in french and written(SEASON_START, "l j F Y") in french
        assert "Stop" in english and written(SEASON_START, "l j F Y", "en") in english

    def test_the_driver_records_nobody_home_and_staff_see_the_follow_up(
            self, client, day_with_a_route, popote_staff):
        registration, route = day_with_a_route
        stop = route.stops.get()
        client.force_login(popote_staff)
        client.post(reverse("services:stop-outcome", args=[stop.pk]), {"outcome": "nobody_home"})
        stop.refresh_from_db()
        assert stop.status == DeliveryStatus.NOBODY_HOME and stop.outcome_by == popote_staff
        follow_up = FollowUp.objects.get()
        home = text(client.get(reverse("services:home")))
        assert registration.client.full_name in home and 'id="follow-ups"' in home
        client.post(reverse("services:follow-up-close", args=[follow_up.pk]), {"note": "Rejoint"})
        assert 'id="follow-ups"' not in text(client.get(reverse("services:home")))

    def test_staff_reorder_stops(self, client, meal_program, meal_season, popote_staff):
        for _ in range(2):
            registration_approve(registration=register(ClientFactory(), meal_program, meal_season),
                                 by=None)
        deliveries_generate(start=SEASON_START, days=1)
        route = routes_plan(program=meal_program, date=SEASON_START)[0]
        first, second = route.stops.order_by("stop_order")
        client.force_login(popote_staff)
        client.post(reverse("services:route-detail", args=[route.pk]),
                    {"action": "down", "delivery": first.pk})
        assert list(route.stops.order_by("stop_order").values_list("pk", flat=True)) == [
            second.pk, first.pk]


class TestClientRecord:
    def test_an_edit_is_kept_in_the_history_with_who_and_what(
            self, client, meal_program, meal_season, popote_staff):
        registration = register(ClientFactory(allergies=""), meal_program, meal_season)
        client.force_login(popote_staff)
        url = reverse("services:client-update", args=[registration.client_id])
        form = client.get(url).context["form"]
        data = {name: ("" if value is None else value) for name, value in form.initial.items()
                if name in form.fields}
        data.update(allergies="fruits de mer", phone=str(data["phone"]))
        response = client.post(url, data)
        assert response.status_code == 302, text(response)[:2000]
        change = ClientChange.objects.filter(client_id=registration.client_id).first()
        assert change.changed_by == popote_staff
        assert change.changes == {"allergies": ["", "fruits de mer"]}
        page = text(client.get(reverse("services:client-detail", args=[registration.client_id])))
        assert "fruits de mer" in page


def test_counts_page_shows_meals_per_option(client, day_with_a_route, coordinator):
    registration, _route = day_with_a_route
    client.force_login(coordinator)
    page = text(client.get(reverse("services:production-counts",
                                   args=[registration.program_id, SEASON_START.isoformat()])))
    assert 'id="total-meals">1<' in page and "arachides" in page


def test_a_bad_date_is_404(client, meal_program, coordinator):
    client.force_login(coordinator)
    assert client.get(f"/services/programs/{meal_program.pk}/counts/2026-13-40/").status_code == 404
