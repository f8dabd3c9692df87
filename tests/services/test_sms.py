"""SAUTER / STATUT by SMS: the same skip, with the same cut-off, found by phone number."""

from datetime import timedelta

import pytest

from services.models import DeliveryStatus
from services.services import deliveries_generate, registration_approve
from services.sms import sms_next_delivery, sms_skip_next_delivery
from tests.clock import at
from tests.services.factories import SEASON_START, ClientFactory, register, written

pytestmark = pytest.mark.django_db
# Gérard's first delivery is on the season's first Wednesday; its cut-off is 18:00 the day before.
TUE, WED = SEASON_START + timedelta(days=1), SEASON_START + timedelta(days=2)


@pytest.fixture
def gerard(meal_program, meal_season):
    client = ClientFactory(phone="+15145550142")
    registration_approve(registration=register(client, meal_program, meal_season,
                                               weekdays=[2]), by=None)
    deliveries_generate(start=SEASON_START, days=14)
    return client


def test_sauter_skips_the_next_delivery_before_the_cut_off(gerard, clock):
    clock.move_to(at(TUE, 12))
    reply = sms_skip_next_delivery(phone="+15145550142")
    assert reply == f"Pas de repas le {written(WED, 'l j F')} : votre livraison est annulée."
    assert gerard.deliveries.get(date=WED).status == DeliveryStatus.SKIPPED


def test_sauter_after_the_cut_off_is_refused_with_the_reason(gerard, clock):
    clock.move_to(at(TUE, 19))
    reply = sms_skip_next_delivery(phone="+15145550142")
    assert "trop tard" in reply
    assert gerard.deliveries.get(date=WED).status == DeliveryStatus.SCHEDULED


def test_an_unknown_number_has_nothing_to_skip(gerard):
    assert sms_skip_next_delivery(phone="+15145559999") is None


def test_statut_tells_the_next_delivery_in_english_too(gerard, clock):
    clock.move_to(at(SEASON_START, 10))
    assert written(WED, "l j F", "en") in sms_next_delivery(phone="+15145550142", language="en")
