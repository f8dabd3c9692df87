"""The online registration's own rules: the first delivery a person may ask for, the contact.

The clock is frozen on a Thursday at 10:00 (``tests/clock.py``); the program
delivers on Mondays, Wednesdays and Fridays, with its cut-off at 18:00 the day
before a delivery.
"""

from datetime import timedelta

import pytest
from django.utils import translation

from services.forms import ContactStep, MealsStep
from services.models import Closure
from tests.clock import FRIDAY, MONDAY, at, day, weekday_on_or_after
from tests.services.factories import SEASON_START, SeasonFactory, written

pytestmark = pytest.mark.django_db

STARTED = day(-28)  # a season that began four weeks ago


@pytest.fixture
def running_season(meal_program):
    return SeasonFactory(program=meal_program, starts_on=STARTED)


def meals_form(program, season, start, **extra):
    data = {"weekdays": ["0", "2", "4"], "meal_option": program.meal_options.first().pk,
            "meals_per_delivery": "1", "fare": "regular", "requested_start": start.isoformat(),
            **extra}
    return MealsStep(data, program=program, season=season)


class TestTheFirstDeliveryOffered:
    def test_is_the_seasons_first_day_when_the_season_is_still_ahead(self, meal_program,
                                                                     meal_season):
        form = MealsStep(program=meal_program, season=meal_season)
        assert form.fields["requested_start"].initial == SEASON_START

    def test_of_a_running_season_is_the_next_delivery_day_not_a_day_in_the_past(
            self, meal_program, running_season):
        form = MealsStep(program=meal_program, season=running_season)
        # Thursday 10:00, before the cut-off: Friday's delivery can still be planned.
        assert form.fields["requested_start"].initial == day(1)
        assert day(1).weekday() == FRIDAY

    def test_after_the_cut_off_moves_to_the_delivery_day_after_tomorrow(
            self, meal_program, running_season, clock):
        clock.move_to(at(day(0), 18, 30))
        form = MealsStep(program=meal_program, season=running_season)
        assert form.fields["requested_start"].initial == weekday_on_or_after(day(2), MONDAY)

    def test_skips_a_day_the_kitchen_is_closed(self, meal_program, running_season):
        Closure.objects.create(program=meal_program, date=day(1), reason="Fête")
        form = MealsStep(program=meal_program, season=running_season)
        assert form.fields["requested_start"].initial == weekday_on_or_after(day(2), MONDAY)

    def test_is_the_earliest_day_the_date_box_offers(self, meal_program, running_season):
        widget = MealsStep(program=meal_program, season=running_season).fields[
            "requested_start"].widget
        assert widget.attrs["min"] == day(1).isoformat()


class TestAFirstDeliveryAskedFor:
    def test_on_the_first_possible_day_is_accepted(self, meal_program, running_season):
        form = meals_form(meal_program, running_season, day(1))
        assert form.is_valid(), form.errors

    def test_before_it_is_refused_saying_the_first_possible_day(self, meal_program,
                                                                running_season):
        with translation.override("fr-ca"):
            form = meals_form(meal_program, running_season, STARTED)
            assert not form.is_valid()
        assert form.errors["requested_start"] == [
            f"La première livraison possible est le {written(day(1), 'l j F Y')} : "
            "choisissez ce jour ou un jour suivant."]

    def test_for_tomorrow_after_the_cut_off_is_refused(self, meal_program, running_season,
                                                       clock):
        clock.move_to(at(day(0), 19))
        assert not meals_form(meal_program, running_season, day(1)).is_valid()

    def test_after_the_season_is_refused(self, meal_program, running_season):
        form = meals_form(meal_program, running_season,
                          running_season.ends_on + timedelta(days=3))
        assert not form.is_valid() and "requested_start" in form.errors


def contact_form(data, phone="+15145550177"):
    return ContactStep(data, phone=phone)


class TestTheWayToBeReached:
    def test_email_asks_for_an_email_address(self):
        with translation.override("fr-ca"):
            form = contact_form({"preferred_channel": "email"})
            assert not form.is_valid()
        assert form.errors["email"] == ["Indiquez l'adresse courriel où nous pouvons vous écrire."]

    def test_email_refuses_an_address_that_is_not_one(self):
        form = contact_form({"preferred_channel": "email", "email": "rita.lavoie"})
        assert not form.is_valid() and "email" in form.errors

    def test_email_with_an_address_is_accepted_without_a_phone(self):
        form = contact_form({"preferred_channel": "email", "email": "rita@example.org"},
                            phone=None)
        assert form.is_valid(), form.errors

    @pytest.mark.parametrize("channel", ["sms", "phone"])
    def test_sms_or_a_call_needs_a_phone_number(self, channel):
        with translation.override("fr-ca"):
            form = contact_form({"preferred_channel": channel}, phone=None)
            assert not form.is_valid()
        assert "numéro de téléphone" in form.errors["preferred_channel"][0]

    def test_a_call_with_a_phone_number_needs_no_email(self):
        assert contact_form({"preferred_channel": "phone"}).is_valid()
