"""The coordinators' dashboard tile: the shop's health in plain French; seller staff don't see it."""

import re

import pytest
from django.urls import reverse

from shop.health import heartbeat
from tests.factories import SellerFactory, StaffFactory, seller_staff

from .conftest import needs_redis, seconds_ago

pytestmark = pytest.mark.django_db


def dashboard_home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    return response.content.decode()


def tile(page: str) -> str:
    found = re.search(r'<section id="health".*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_tells_a_coordinator_that_everything_works(client, alive):
    text = tile(dashboard_home(client, StaffFactory()))

    assert "Tout fonctionne normalement." in text


def test_tells_a_coordinator_for_how_long_the_background_tasks_have_been_stopped(
        client, settings, alive):
    needs_redis(settings)
    heartbeat.worker_beat(node="celery@worker-1", at=seconds_ago(4 * 60))

    text = tile(dashboard_home(client, StaffFactory()))

    assert "Tout fonctionne normalement." not in text
    assert ("Les tâches en arrière-plan sont arrêtées depuis 4 minutes : "
            "les textos et courriels attendent.") in text


def test_is_not_shown_to_seller_staff(client, alive):
    page = dashboard_home(client, seller_staff(SellerFactory(name="Librairie A")))

    assert 'id="health"' not in page
    assert "Tout fonctionne normalement" not in page
