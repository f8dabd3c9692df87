"""Deliveries generated ahead; skip, pause, resume and cancel with an 18:00 cut-off."""

from datetime import datetime, time, timedelta
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
from tests.clock import at
from tests.services.factories import (
    SEASON_END,
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    program_with,
    register,
    written,
)

# The season's first week, then the next one.
MON = SEASON_START
TUE, WED, THU = (MON + timedelta(days=n) for n in (1, 2, 3))
NEXT_MON, NEXT_WED = MON + timedelta(weeks=1), WED + timedelta(weeks=1)


@pytest.fixture
def program(db):
    return program_with(weekdays=(0, 2, 4))


@pytest.fixture
def season(program):
    return SeasonFactory(program=program)


@pytest.fixture
def approved(program, season):
    """Approved for Mondays and Wednesdays, two meals each, from the season's first Monday."""
    return registration_approve(
        registration=register(ClientFactory(), program, season, weekdays=[0, 2], meals=2), by=None)


def dates(registration):
    return sorted(registration.deliveries.values_list("date", flat=True))


class TestDeliveriesGenerate:
    def test_creates_the_registrations_days_in_the_window(self, approved):
        assert deliveries_generate(start=MON, days=14) == 4
        assert dates(approved) == [MON, WED, NEXT_MON, NEXT_WED]
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
        Closure.objects.create(program=program, date=NEXT_MON, reason="Fermeture")
        deliveries_generate(start=MON, days=14)
        assert NEXT_MON not in dates(approved)

    def test_skips_paused_registrations_until_they_resume(self, approved):
        registration_pause(registration=approved, start=WED, resume_on=NEXT_WED,
                           now=at(MON, 9))
        deliveries_generate(start=MON, days=14)
        assert dates(approved) == [MON, NEXT_WED]

    def test_ignores_registrations_not_approved(self, program, season):
        register(ClientFactory(), program, season)
        assert deliveries_generate(start=MON, days=14) == 0

    def test_starts_on_the_requested_day_and_stops_at_the_seasons_end(self, program, season):
        last_fridays = [SEASON_END - timedelta(weeks=1), SEASON_END]  # it ends on a Friday
        late = registration_approve(registration=register(
            ClientFactory(), program, season, weekdays=[4], start=last_fridays[0]), by=None)
        deliveries_generate(start=last_fridays[0] - timedelta(days=10), days=30)  # past the end
        assert dates(late) == last_fridays

    def test_the_nightly_job_generates_from_today(self, approved, settings):
        settings.MEAL_DELIVERY_DAYS_AHEAD = 3
        assert deliveries_generate_nightly(now=at(MON, 1, 30)) == 2  # Monday and Wednesday


class TestTheCutOff:
    def test_a_skip_for_tomorrow_is_accepted_until_18_today(self, approved):
        deliveries_generate(start=MON, days=7)
        delivery = approved.deliveries.get(date=WED)
        skipped = delivery_skip(delivery=delivery, now=at(TUE, 17, 59))
        assert skipped.status == DeliveryStatus.SKIPPED

    def test_a_skip_for_tomorrow_is_refused_from_18_today_with_a_clear_message(self, approved):
        deliveries_generate(start=MON, days=7)
        delivery = approved.deliveries.get(date=WED)
        with pytest.raises(ValidationError) as error:
            delivery_skip(delivery=delivery, now=at(TUE, 18, 0))
        assert error.value.code == "after_cutoff"
        assert error.value.messages[0] == (
            f"Il est trop tard pour changer la livraison du {written(WED, 'j F Y')} : les "
            f"changements devaient être faits avant 18\xa0h\xa000 le {written(TUE, 'j F Y')}. "
            "Appelez-nous au (514) 555-0130.")
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SCHEDULED

    def test_the_cut_off_is_in_montreal_time(self, approved):
        """22:30 UTC on Tuesday is 18:30 in Montréal: too late for Wednesday."""
        deliveries_generate(start=MON, days=7)
        utc_evening = datetime.combine(TUE, time(22, 30), tzinfo=ZoneInfo("UTC"))
        with pytest.raises(ValidationError):
            delivery_skip(delivery=approved.deliveries.get(date=WED), now=utc_evening)

    def test_a_pause_after_the_cut_off_is_refused(self, approved):
        with pytest.raises(ValidationError, match="trop tard"):
            registration_pause(registration=approved, start=WED, now=at(TUE, 19))

    def test_a_pause_removes_the_deliveries_it_covers(self, approved):
        deliveries_generate(start=MON, days=14)
        registration_pause(registration=approved, start=WED, resume_on=NEXT_MON,
                           now=at(MON, 10))
        assert dates(approved) == [MON, NEXT_MON, NEXT_WED]

    def test_resume_brings_deliveries_back_from_the_chosen_day(self, approved, settings):
        settings.MEAL_DELIVERY_DAYS_AHEAD = 7  # generated up to the next Wednesday
        deliveries_generate(start=MON, days=14)
        registration_pause(registration=approved, start=WED, now=at(MON, 10))
        assert dates(approved) == [MON]
        resumed = registration_resume(registration=approved, on=NEXT_MON, now=at(THU, 12))
        assert dates(approved) == [MON, NEXT_MON, NEXT_WED]
        assert resumed.resume_on == NEXT_MON

    def test_cancel_stops_deliveries_from_the_earliest_day_allowed(self, approved):
        deliveries_generate(start=MON, days=14)
        cancelled = registration_cancel(registration=approved, reason="Déménage",
                                        now=at(TUE, 18, 30))
        assert cancelled.status == RegistrationStatus.CANCELLED
        assert dates(approved) == [MON, WED]  # Wednesday too late
        assert deliveries_generate(start=MON, days=14) == 0

    def test_a_cancel_for_a_day_past_the_cut_off_is_refused(self, approved):
        with pytest.raises(ValidationError):
            registration_cancel(registration=approved, effective=WED,
                                now=at(TUE, 20))
