"""The driver's link: one route of one day, never a client's health notes, refused once over."""

import html

import pytest

from drivers.models import StopOutcome
from drivers.services import link_revoke, route_assign
from drivers.tokens import token_for
from services.models import Delivery
from tests.clock import at, day
from tests.services.factories import SeasonFactory, program_with

from .conftest import HEALTH_MARKER, meal_route

pytestmark = pytest.mark.django_db


def page(client, link):
    return client.get(f"/tournee/{token_for(link)}/")


class TestTheRoutePage:
    def test_shows_the_stops_in_order_with_what_the_driver_needs(self, client, link):
        response = page(client, link)
        text = response.content.decode()
        assert response.status_code == 200
        names = ["Rita Lavoie", "Gérard Bouchard", "Lise Tremblay", "Marcel Gagnon",
                 "Huguette Roy"]
        positions = [text.index(name) for name in names]
        assert positions == sorted(positions)
        assert "Sonner deux fois" in text and "Porte arrière" in text
        assert "sans noix" in text and "sans arachides" in text and "sans gluten" in text
        assert 'href="geo:0,0?q=' in text and 'href="tel:+1438555' in text
        for label in ("Livré", "Personne à la maison", "Repas refusé"):
            assert f">{label}</button>" in text

    def test_never_contains_a_clients_health_notes(self, client, link):
        text = page(client, link).content.decode()
        assert HEALTH_MARKER not in text
        assert "Luc Lavoie" not in text  # the emergency contact is the coordinator's business

    def test_is_kept_out_of_shared_caches_and_referrers(self, client, link):
        response = page(client, link)
        assert response["Cache-Control"] == "private, no-cache"
        assert response["Referrer-Policy"] == "no-referrer"

    def test_loads_its_script_from_a_file_under_the_strict_policy(self, client, link):
        response = page(client, link)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split(
            "script-src")[1].split(";")[0]
        assert '<script src="/static/drivers/route.js' in response.content.decode()


class TestARefusedLink:
    def test_an_expired_link_shows_a_plain_page_and_no_data(self, client, link, clock):
        clock.move_to(at(day(2), 0, 1))  # the route was yesterday's
        response = page(client, link)
        assert response.status_code == 410
        assert "Ce lien ne s'ouvre pas" in html.unescape(response.content.decode())
        assert "Rita" not in response.content.decode()

    def test_the_link_still_opens_late_on_the_routes_day(self, client, link, clock):
        clock.move_to(at(day(1), 23, 59))
        assert page(client, link).status_code == 200

    def test_a_revoked_link_is_refused(self, client, link):
        link_revoke(link=link)
        response = page(client, link)
        assert response.status_code == 410
        assert "Rita" not in response.content.decode()

    def test_a_made_up_token_is_refused(self, client, link):
        response = client.get(f"/tournee/{link.pk}:forged/")
        assert response.status_code == 404
        assert "Rita" not in response.content.decode()

    def test_the_earlier_link_stops_opening_when_the_route_is_given_again(
            self, client, link, route, volunteer):
        route_assign(route=route, volunteer=volunteer)
        assert page(client, link).status_code == 410

    def test_outcomes_sent_with_a_refused_link_are_not_stored(self, client, link):
        link_revoke(link=link)
        delivery = link.route.stops.first()
        response = client.post(f"/tournee/{token_for(link)}/resultats/", content_type="application/json",
                               data={"outcomes": [{"id": "6f1c2a52-7a0e-4f63-9d3f-1f0a4a1b2c3d",
                                                   "delivery": delivery.pk,
                                                   "outcome": "delivered"}]})
        assert response.status_code == 410
        assert not StopOutcome.objects.exists()


class TestAnotherRoute:
    @pytest.fixture
    def other_route(self, db):
        program = program_with(weekdays=range(7), name="Popote de Verdun")
        season = SeasonFactory(program=program, starts_on=day(-30), ends_on=day(90))
        return meal_route(program, season, day(1), [{"first_name": "Yvette",
                                                     "last_name": "Autreroute"}])

    def test_a_link_shows_its_own_route_only(self, client, link, other_route):
        assert "Autreroute" not in page(client, link).content.decode()

    def test_a_link_cannot_record_a_stop_of_another_route(self, client, link, other_route):
        stop = other_route.stops.get()
        response = client.post(f"/tournee/{token_for(link)}/resultats/", content_type="application/json",
                               data={"outcomes": [{"id": "6f1c2a52-7a0e-4f63-9d3f-1f0a4a1b2c3d",
                                                   "delivery": stop.pk, "outcome": "refused"}]})
        assert response.json()["results"][0]["status"] == "refused"
        assert not StopOutcome.objects.exists()
        assert Delivery.objects.get(pk=stop.pk).status == "scheduled"
