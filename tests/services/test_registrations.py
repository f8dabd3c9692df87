"""Registrations: one function for every channel, capacity, the waiting list, the queue."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from services.models import (
    OfferStatus,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
    WaitlistOffer,
)
from services.services import (
    places_taken,
    registration_approve,
    registration_cancel,
    registration_refuse,
    registration_waitlist,
    waitlist_offer_accept,
    waitlist_offer_decline,
    waitlist_offers_expire,
)
from shop.people.models import Consent
from tests.clock import at
from tests.factories import StaffFactory
from tests.services.factories import (
    REGISTRATION_CLOSES,
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    program_with,
    register,
)

Status = RegistrationStatus
DAY_AFTER_THE_WINDOW = REGISTRATION_CLOSES + timedelta(days=1)


@pytest.fixture
def program(db):
    return program_with(weekdays=(0, 2), capacity=3)


@pytest.fixture
def season(program):
    return SeasonFactory(program=program)


class TestRegistrationCreate:
    def test_is_pending_when_the_weekdays_have_room(self, program, season):
        staff = StaffFactory()
        registration = register(ClientFactory(), program, season, weekdays=[0, 2],
                                entered_by=staff)
        assert registration.status == Status.PENDING
        assert registration.weekday_list == [0, 2]
        assert registration.channel == RegistrationChannel.PHONE
        assert registration.entered_by == staff
        assert registration.waitlist_number is None

    def test_refuses_a_postal_code_outside_the_area_with_the_programs_phone(self, program, season):
        client = ClientFactory(postal_code="H2X 1Y4")
        with pytest.raises(ValidationError) as error:
            register(client, program, season)
        assert error.value.code == "outside_service_area"
        assert "H2X 1Y4" in error.value.messages[0]
        assert "555-0130" in error.value.messages[0]
        assert not Registration.objects.exists()

    def test_is_waitlisted_in_arrival_order_when_a_weekday_is_full(self, program, season):
        for _ in range(3):
            register(ClientFactory(), program, season, weekdays=[0])
        first = register(ClientFactory(), program, season, weekdays=[0, 2])
        second = register(ClientFactory(), program, season, weekdays=[0])
        assert (first.status, second.status) == (Status.WAITLISTED, Status.WAITLISTED)
        assert second.waitlist_number == first.waitlist_number + 1
        assert places_taken(program=program, season=season, weekdays=[0, 2]) == {0: 3, 2: 0}

    def test_counts_capacity_in_meals(self, program, season):
        register(ClientFactory(), program, season, meals=2)
        assert register(ClientFactory(), program, season, meals=2).status == Status.WAITLISTED
        assert register(ClientFactory(), program, season, meals=1).status == Status.PENDING

    def test_refuses_a_day_the_program_does_not_deliver(self, program, season):
        with pytest.raises(ValidationError, match="jours de livraison"):
            register(ClientFactory(), program, season, weekdays=[5])

    def test_refuses_a_second_registration_of_the_same_client(self, program, season):
        client = ClientFactory()
        register(client, program, season)
        with pytest.raises(ValidationError, match="déjà inscrit"):
            register(client, program, season, weekdays=[2])

    def test_online_is_refused_outside_the_registration_window(self, program, season):
        late = at(DAY_AFTER_THE_WINDOW, 10)
        with pytest.raises(ValidationError, match="fermées"):
            register(ClientFactory(), program, season, channel=RegistrationChannel.WEB, now=late)

    def test_staff_on_the_phone_may_register_after_the_window(self, program, season):
        late = at(DAY_AFTER_THE_WINDOW, 10)
        registration = register(ClientFactory(), program, season, now=late,
                                start=SEASON_START + timedelta(days=91))
        assert registration.status == Status.PENDING

    def test_keeps_the_consent_given_with_who_gave_it(self, program, season):
        staff = StaffFactory()
        registration = register(ClientFactory(), program, season, entered_by=staff,
                                consent_statement="J'accepte…", consent_given_by="Sa fille")
        consent = Consent.objects.get(source=f"registration:{registration.pk}")
        assert (consent.wording, consent.given_by, consent.recorded_by) == (
            "J'accepte…", "Sa fille", staff)
        assert (consent.person, consent.purpose, consent.channel, consent.action) == (
            registration.client.person, "health_data", "record", "given")


class TestTheCoordinatorsQueue:
    def test_approves_a_pending_registration(self, program, season):
        coordinator = StaffFactory()
        registration = registration_approve(registration=register(ClientFactory(), program, season),
                                            by=coordinator)
        assert registration.status == Status.APPROVED
        assert registration.approved_by == coordinator and registration.approved_at

    def test_approves_a_waitlisted_registration_only_when_there_is_room(self, program, season):
        held = [register(ClientFactory(), program, season) for _ in range(3)]
        waiting = register(ClientFactory(), program, season)
        with pytest.raises(ValidationError, match="pas de place"):
            registration_approve(registration=waiting, by=StaffFactory())
        registration_refuse(registration=held[0], by=StaffFactory(), reason="Hors critères")
        waiting.refresh_from_db()
        assert waiting.status == Status.OFFERED  # the freed place went to them
        assert registration_approve(registration=waiting, by=StaffFactory()).status == Status.APPROVED

    def test_refusing_needs_a_reason(self, program, season):
        registration = register(ClientFactory(), program, season)
        with pytest.raises(ValidationError, match="raison"):
            registration_refuse(registration=registration, by=StaffFactory(), reason=" ")
        refused = registration_refuse(registration=registration, by=StaffFactory(),
                                      reason="Adresse hors secteur")
        assert (refused.status, refused.status_reason) == (Status.REFUSED, "Adresse hors secteur")

    def test_waitlisting_a_pending_registration_offers_its_place_to_the_next(self, program, season):
        held = [register(ClientFactory(), program, season) for _ in range(3)]
        waiting = register(ClientFactory(), program, season)
        moved = registration_waitlist(registration=held[2], by=StaffFactory(), note="À revoir")
        waiting.refresh_from_db()
        assert waiting.status == Status.OFFERED
        assert moved.status == Status.WAITLISTED and moved.waitlist_number > waiting.waitlist_number


class TestAFreedPlace:
    def now(self):
        return at(SEASON_START - timedelta(days=6), 10)  # the Tuesday before the season

    def full_day_and_two_waiting(self, program, season):
        held = [registration_approve(registration=register(ClientFactory(), program, season),
                                     by=None) for _ in range(3)]
        waiting = [register(ClientFactory(), program, season) for _ in range(2)]
        return held, waiting

    def test_is_offered_to_the_first_waiting_with_a_time_limit(self, program, season):
        held, waiting = self.full_day_and_two_waiting(program, season)
        with mock.patch("services.hooks.waitlist_offer_notify") as notify:
            registration_cancel(registration=held[0], by=None, now=self.now())
        offer = WaitlistOffer.objects.get()
        notify.assert_called_once_with(offer=offer)
        assert offer.registration == waiting[0]
        assert offer.expires_at == self.now() + timedelta(hours=program.offer_hours)
        assert Registration.objects.get(pk=waiting[1].pk).status == Status.WAITLISTED

    def test_passes_over_a_request_that_does_not_fit(self, program, season):
        held, _waiting = self.full_day_and_two_waiting(program, season)
        big = register(ClientFactory(), program, season, meals=2)
        registration_cancel(registration=held[0], by=None, now=self.now())
        assert WaitlistOffer.objects.get().registration != big

    def test_accepted_joins_the_queue_holding_the_place(self, program, season):
        held, waiting = self.full_day_and_two_waiting(program, season)
        registration_cancel(registration=held[0], by=None, now=self.now())
        accepted = waitlist_offer_accept(offer=WaitlistOffer.objects.get(), now=self.now())
        assert accepted.status == Status.PENDING
        assert places_taken(program=program, season=season, weekdays=[0]) == {0: 3}

    def test_declined_goes_to_the_next(self, program, season):
        held, waiting = self.full_day_and_two_waiting(program, season)
        registration_cancel(registration=held[0], by=None, now=self.now())
        waitlist_offer_decline(offer=WaitlistOffer.objects.get(), now=self.now())
        assert WaitlistOffer.objects.get(status=OfferStatus.OPEN).registration == waiting[1]

    def test_not_answered_in_time_goes_to_the_next_and_back_to_the_end(self, program, season):
        held, waiting = self.full_day_and_two_waiting(program, season)
        registration_cancel(registration=held[0], by=None, now=self.now())
        later = self.now() + timedelta(hours=program.offer_hours, minutes=1)
        assert waitlist_offers_expire(now=later) == 1
        first = Registration.objects.get(pk=waiting[0].pk)
        assert first.status == Status.WAITLISTED and first.waitlist_number > waiting[1].waitlist_number
        assert WaitlistOffer.objects.get(status=OfferStatus.OPEN).registration == waiting[1]
        with pytest.raises(ValidationError, match="plus valide"):
            waitlist_offer_accept(offer=WaitlistOffer.objects.get(registration=first), now=later)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
class TestConcurrentRegistrations:
    def test_thirty_at_once_for_ten_places_never_overfill_and_wait_in_arrival_order(self):
        """30 registrations race for a weekday with 10 places left (of 25)."""
        program = program_with(weekdays=(0,), capacity=25)
        season = SeasonFactory(program=program)
        for _ in range(15):
            register(ClientFactory(), program, season)
        clients = [ClientFactory() for _ in range(30)]
        barrier = threading.Barrier(30)
        errors = []

        def attempt(client):
            try:
                barrier.wait()
                register(client, program, season)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=attempt, args=(c,)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        racing = Registration.objects.filter(client__in=clients)
        within = racing.filter(status=Status.PENDING)
        waiting = racing.filter(status=Status.WAITLISTED).order_by("waitlist_number")
        assert within.count() == 10 and waiting.count() == 20
        assert places_taken(program=program, season=season, weekdays=[0]) == {0: 25}
        numbers = [r.waitlist_number for r in waiting]
        assert numbers == list(range(numbers[0], numbers[0] + 20))
        # Arrival order: the order in which each got the lock, which is also
        # the order their rows were inserted.
        assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)
        assert max(r.pk for r in within) < min(r.pk for r in waiting)


class TestClientsAreTold:
    """Registration steps reach the client through the notification outbox."""

    def test_a_waitlisted_client_who_agreed_to_texts_gets_an_sms_with_the_position(self, program, season):
        from shop.notifications.models import OutboundMessage

        for _ in range(3):
            register(ClientFactory(), program, season, weekdays=[0])
        client = ClientFactory(phone="+15145550166", sms_consent=True, language="fr")
        registration = register(client, program, season, weekdays=[0])
        assert registration.status == Status.WAITLISTED
        sms = OutboundMessage.objects.get(to="+15145550166")
        assert sms.channel == "sms"
        assert "attente, numéro 1" in sms.body  # in French, first on the waiting list

    def test_a_client_without_consent_to_texts_gets_no_sms(self, program, season):
        from shop.notifications.models import OutboundMessage

        register(ClientFactory(phone="+15145550167", sms_consent=False, email=""), program, season,
                 weekdays=[0])
        assert not OutboundMessage.objects.filter(to="+15145550167").exists()
