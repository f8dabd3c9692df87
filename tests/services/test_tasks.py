"""The beat schedule runs the meal-delivery jobs, which call their services."""

import pytest
from django.conf import settings

from services.models import Delivery
from services.services import registration_approve
from services.tasks import expire_waitlist_offers, generate_deliveries
from shop.celery import app
from tests.clock import at
from tests.services.factories import SEASON_START, ClientFactory, register


def test_the_beat_schedule_names_real_tasks():
    schedule = settings.CELERY_BEAT_SCHEDULE
    for name in ("services-deliveries-generate", "services-waitlist-offers-expire"):
        assert schedule[name]["task"] in app.tasks


@pytest.mark.django_db
def test_the_nightly_task_generates_deliveries(meal_program, meal_season, settings, clock):
    registration_approve(registration=register(ClientFactory(), meal_program, meal_season,
                                               weekdays=[0, 2, 4]), by=None)
    settings.MEAL_DELIVERY_DAYS_AHEAD = 7
    clock.move_to(at(SEASON_START, 1, 30))  # the night of the season's first Monday
    assert generate_deliveries() == 3  # Monday, Wednesday, Friday
    assert generate_deliveries() == 0
    assert Delivery.objects.count() == 3
    assert expire_waitlist_offers() == 0
