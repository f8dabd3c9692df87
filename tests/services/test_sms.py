"""SAUTER / STATUT by SMS: the same skip, with the same cut-off, found by phone number."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from services.models import DeliveryStatus
from services.services import deliveries_generate, registration_approve
from services.sms import sms_next_delivery, sms_skip_next_delivery
from tests.services.factories import SEASON_START, ClientFactory, register

pytestmark = pytest.mark.django_db
MONTREAL = ZoneInfo("America/Toronto")


@pytest.fixture
def gerard(meal_program, meal_season):
    client = ClientFactory(phone="+15145550142")
    registration_approve(registration=register(client, meal_program, meal_season,
                                               weekdays=[2]), by=None)
    deliveries_generate(start=SEASON_START, days=14)
    return client


def test_sauter_skips_the_next_delivery_before_the_cut_off(gerard):
    tuesday_noon = datetime(2026, 9, 8, 12, 0, tzinfo=MONTREAL)
    with mock.patch("django.utils.timezone.localdate", return_value=tuesday_noon.date()):
        reply = sms_skip_next_delivery(phone="+15145550142", now=tuesday_noon)
    assert reply == "Pas de repas le mercredi 9 septembre : votre livraison est annulée."
    assert gerard.deliveries.get(date="2026-09-09").status == DeliveryStatus.SKIPPED


def test_sauter_after_the_cut_off_is_refused_with_the_reason(gerard):
    tuesday_evening = datetime(2026, 9, 8, 19, 0, tzinfo=MONTREAL)
    with mock.patch("django.utils.timezone.localdate", return_value=tuesday_evening.date()):
        reply = sms_skip_next_delivery(phone="+15145550142", now=tuesday_evening)
    assert "trop tard" in reply
    assert gerard.deliveries.get(date="2026-09-09").status == DeliveryStatus.SCHEDULED


def test_an_unknown_number_has_nothing_to_skip(gerard):
    assert sms_skip_next_delivery(phone="+15145559999") is None


def test_statut_tells_the_next_delivery_in_english_too(gerard):
    with mock.patch("django.utils.timezone.localdate", return_value=SEASON_START):
        assert "Wednesday 9 September" in sms_next_delivery(phone="+15145550142", language="en")
