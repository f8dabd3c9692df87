"""Deliveries generated ahead; skip, pause, resume and cancel with an 18:00 cut-off."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from services.models import Closure, Delivery, DeliveryStatus, RegistrationStatus
from services.services import (
    deliveries_generate,
    deliveries_generate_nightly,
    delivery_skip,
    registration_approve,
    registration_cancel,
    registration_pause,
    registration_resume,
)
from tests.services.factories import ClientFactory, SeasonFactory, program_with, register

MONTREAL = ZoneInfo("America/Toronto")
MON, WED = date(2026, 9, 7), date(2026, 9, 9)


def at(day, hour, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MONTREAL)


@pytest.fixture
def program(db):
    return program_with(weekdays=(0, 2, 4))


@pytest.fixture
def season(program):
    return SeasonFactory(program=program)


@pytest.fixture
def approved(program, season):
    """Approved for Mondays and Wednesdays, two meals each, from Monday 7 September."""
    return registration_approve(
        registration=register(ClientFactory(), program, season, weekdays=[0, 2], meals=2), by=None)


def dates(registration):
    return sorted(registration.deliveries.values_list("date", flat=True))


class TestDeliveriesGenerate:
    def test_creates_the_registrations_days_in_the_window(self, approved):
        assert deliveries_generate(start=MON, days=14) == 4
        assert dates(approved) == [date(2026, 9, 7), date(2026, 9, 9), date(2026, 9, 14),
                                   date(2026, 9, 16)]
        delivery = approved.deliveries.first()
        assert (delivery.meals, delivery.meal_option, delivery.client) == (
            2, approved.meal_option, approved.client)

    def test_running_it_twice_creates_nothing_new(self, approved):
        deliveries_generate(start=MON, days=14)
        assert deliveries_generate(start=MON, days=14) == 0
        assert Delivery.objects.count() == 4

    def test_does_not_bring_back_a_skipped_delivery(self, approved):
        deliveries_generate(start=MON, days=14)
        delivery_skip(delivery=approved.deliveries.get(date=WED), now=at(MON, 9))
        deliveries_generate(start=MON, days=14)
        assert approved.deliveries.get(date=WED).status == DeliveryStatus.SKIPPED

    def test_skips_closures(self, approved, program):
        Closure.objects.create(program=program, date=date(2026, 9, 14), reason="Fermeture")
        deliveries_generate(start=MON, days=14)
        assert date(2026, 9, 14) not in dates(approved)

    def test_skips_paused_registrations_until_they_resume(self, approved):
        registration_pause(registration=approved, start=WED, resume_on=date(2026, 9, 16),
                           now=at(MON, 9))
        deliveries_generate(start=MON, days=14)
        assert dates(approved) == [date(2026, 9, 7), date(2026, 9, 16)]

    def test_ignores_registrations_not_approved(self, program, season):
        register(ClientFactory(), program, season)
        assert deliveries_generate(start=MON, days=14) == 0

    def test_starts_on_the_requested_day_and_stops_at_the_seasons_end(self, program, season):
        late = registration_approve(registration=register(
            ClientFactory(), program, season, weekdays=[4], start=date(2026, 12, 11)), by=None)
        deliveries_generate(start=date(2026, 12, 1), days=30)
        assert dates(late) == [date(2026, 12, 11), date(2026, 12, 18)]

    def test_the_nightly_job_generates_from_today(self, approved, settings):
        settings.MEAL_DELIVERY_DAYS_AHEAD = 3
        assert deliveries_generate_nightly(now=at(MON, 1, 30)) == 2  # Monday and Wednesday


class TestTheCutOff:
    def test_a_skip_for_tomorrow_is_accepted_until_18_today(self, approved):
        deliveries_generate(start=MON, days=7)
        delivery = approved.deliveries.get(date=WED)
        skipped = delivery_skip(delivery=delivery, now=at(date(2026, 9, 8), 17, 59))
        assert skipped.status == DeliveryStatus.SKIPPED

    def test_a_skip_for_tomorrow_is_refused_from_18_today_with_a_clear_message(self, approved):
        deliveries_generate(start=MON, days=7)
        delivery = approved.deliveries.get(date=WED)
        with pytest.raises(ValidationError) as error:
            delivery_skip(delivery=delivery, now=at(date(2026, 9, 8), 18, 0))
        assert error.value.code == "after_cutoff"
        assert error.value.messages[0] == (
            "Il est trop tard pour changer la livraison du 9 septembre 2026 : les changements "
            "devaient être faits avant 18:00 le 8 septembre 2026. Appelez-nous au (514) 555-0130.")
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SCHEDULED

    def test_the_cut_off_is_in_montreal_time(self, approved):
        """22:30 UTC on Tuesday is 18:30 in Montréal: too late for Wednesday."""
        deliveries_generate(start=MON, days=7)
        utc_evening = datetime(2026, 9, 8, 22, 30, tzinfo=ZoneInfo("UTC"))
        with pytest.raises(ValidationError):
            delivery_skip(delivery=approved.deliveries.get(date=WED), now=utc_evening)

    def test_a_pause_after_the_cut_off_is_refused(self, approved):
        with pytest.raises(ValidationError, match="trop tard"):
            registration_pause(registration=approved, start=WED, now=at(date(2026, 9, 8), 19))

    def test_a_pause_removes_the_deliveries_it_covers(self, approved):
        deliveries_generate(start=MON, days=14)
        registration_pause(registration=approved, start=WED, resume_on=date(2026, 9, 14),
                           now=at(MON, 10))
        assert dates(approved) == [date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 16)]

    def test_resume_brings_deliveries_back_from_the_chosen_day(self, approved, settings):
        settings.MEAL_DELIVERY_DAYS_AHEAD = 7  # generated up to Wednesday 16
        deliveries_generate(start=MON, days=14)
        registration_pause(registration=approved, start=WED, now=at(MON, 10))
        assert dates(approved) == [date(2026, 9, 7)]
        resumed = registration_resume(registration=approved, on=date(2026, 9, 14),
                                      now=at(date(2026, 9, 10), 12))
        assert dates(approved) == [date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 16)]
        assert resumed.resume_on == date(2026, 9, 14)

    def test_cancel_stops_deliveries_from_the_earliest_day_allowed(self, approved):
        deliveries_generate(start=MON, days=14)
        cancelled = registration_cancel(registration=approved, reason="Déménage",
                                        now=at(date(2026, 9, 8), 18, 30))
        assert cancelled.status == RegistrationStatus.CANCELLED
        assert dates(approved) == [date(2026, 9, 7), date(2026, 9, 9)]  # Wednesday too late
        assert deliveries_generate(start=MON, days=14) == 0

    def test_a_cancel_for_a_day_past_the_cut_off_is_refused(self, approved):
        with pytest.raises(ValidationError):
            registration_cancel(registration=approved, effective=WED,
                                now=at(date(2026, 9, 8), 20))
