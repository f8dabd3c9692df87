"""Booking a unit: no two reservations of one unit overlap, buffers included."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from shop.rentals.models import OVERLAP_MESSAGE, Reservation, ReservationStatus, UnitStatus
from shop.rentals.services import (
    holds_release_expired,
    reservation_cancel,
    reservation_confirm,
    reservation_create,
)
from tests.factories import UserFactory

from .factories import ToolLibraryFactory, maintenance_row, rentable_product, reservation_row

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def library():
    return ToolLibraryFactory()


@pytest.fixture
def drill(library):
    return rentable_product(library, title="Perceuse", units=1, buffer_days=1)


@pytest.fixture
def unit(drill):
    return drill.rental_units.get()


@pytest.fixture
def member():
    return UserFactory()


def error_codes(excinfo):
    return {error.code for error in excinfo.value.error_list}


class TestReservationCreate:
    def test_books_a_free_unit(self, unit, member):
        reservation = reservation_create(unit=unit, member=member, start=days(1), end=days(3))

        assert reservation.status == ReservationStatus.CONFIRMED
        assert reservation.blocked_until == days(5)  # the day after the loan, plus one buffer day
        assert reservation.rental_fee == 24  # three days at 8.00

    def test_refuses_overlapping_days_with_a_plain_message(self, unit, member):
        reservation_create(unit=unit, member=member, start=days(1), end=days(3))

        with pytest.raises(ValidationError) as excinfo:
            reservation_create(unit=unit, member=UserFactory(), start=days(3), end=days(4))

        assert error_codes(excinfo) == {"overlap"}
        assert excinfo.value.messages == [str(OVERLAP_MESSAGE)]

    def test_refuses_a_loan_starting_in_the_buffer_of_the_previous_one(self, unit, member):
        reservation_create(unit=unit, member=member, start=days(1), end=days(3))

        with pytest.raises(ValidationError):
            reservation_create(unit=unit, member=UserFactory(), start=days(4), end=days(5))

    def test_accepts_a_loan_starting_right_after_the_buffer(self, unit, member):
        reservation_create(unit=unit, member=member, start=days(1), end=days(3))

        later = reservation_create(unit=unit, member=UserFactory(), start=days(5), end=days(6))

        assert later.pk

    def test_refuses_a_loan_whose_buffer_runs_into_the_next_booking(self, unit, member):
        reservation_create(unit=unit, member=member, start=days(5), end=days(6))

        with pytest.raises(ValidationError):
            reservation_create(unit=unit, member=UserFactory(), start=days(2), end=days(4))

    def test_a_cancelled_booking_frees_its_days(self, unit, member):
        first = reservation_create(unit=unit, member=member, start=days(1), end=days(3))
        reservation_cancel(reservation=first)

        again = reservation_create(unit=unit, member=UserFactory(), start=days(1), end=days(3))

        assert again.pk

    def test_by_product_takes_the_next_free_unit(self, library, member):
        ladder = rentable_product(library, title="Escabeau", units=2)
        first = reservation_create(product=ladder, member=member, start=days(1), end=days(2))
        second = reservation_create(product=ladder, member=UserFactory(), start=days(1),
                                    end=days(2))

        assert {first.unit, second.unit} == set(ladder.rental_units.all())
        with pytest.raises(ValidationError) as excinfo:
            reservation_create(product=ladder, member=UserFactory(), start=days(2), end=days(2))
        assert error_codes(excinfo) == {"overlap"}
        assert "No unit is free" in excinfo.value.messages[0] or "Aucun" in \
            excinfo.value.messages[0]

    def test_refuses_a_unit_in_maintenance(self, unit, member):
        unit.status = UnitStatus.MAINTENANCE
        unit.save()

        with pytest.raises(ValidationError):
            reservation_create(unit=unit, member=member, start=days(1), end=days(1))

    def test_refuses_days_of_a_maintenance_period(self, unit, member):
        maintenance_row(unit, days(3), days(4))

        with pytest.raises(ValidationError):
            reservation_create(unit=unit, member=member, start=days(4), end=days(6))
        assert reservation_create(unit=unit, member=member, start=days(5), end=days(6)).pk

    def test_refuses_a_loan_longer_than_the_maximum(self, unit, member):
        with pytest.raises(ValidationError) as excinfo:
            reservation_create(unit=unit, member=member, start=days(1), end=days(15))

        assert error_codes(excinfo) == {"too_long"}

    def test_refuses_a_start_in_the_past(self, unit, member):
        with pytest.raises(ValidationError):
            reservation_create(unit=unit, member=member, start=days(-1), end=days(1))

    def test_refuses_a_product_that_is_not_lent(self, library, member):
        from tests.factories import product_for

        book = product_for(library, title="Un livre")
        with pytest.raises(ValidationError) as excinfo:
            reservation_create(product=book, member=member, start=days(1), end=days(1))

        assert error_codes(excinfo) == {"not_rentable"}


class TestHolds:
    def test_a_held_booking_blocks_until_it_expires(self, unit, member, settings):
        settings.RENTALS_HOLD_MINUTES = 30
        held = reservation_create(unit=unit, member=member, start=days(1), end=days(2), hold=True)

        assert held.status == ReservationStatus.HELD
        with pytest.raises(ValidationError):
            reservation_create(unit=unit, member=UserFactory(), start=days(1), end=days(2))

    def test_an_expired_hold_is_released_and_its_days_can_be_booked(self, unit, member):
        held = reservation_create(unit=unit, member=member, start=days(1), end=days(2), hold=True)
        Reservation.objects.filter(pk=held.pk).update(
            hold_expires_at=timezone.now() - timedelta(minutes=1)
        )

        other = reservation_create(unit=unit, member=UserFactory(), start=days(1), end=days(2))

        held.refresh_from_db()
        assert held.status == ReservationStatus.CANCELLED
        assert other.status == ReservationStatus.CONFIRMED

    def test_release_task_cancels_only_expired_holds(self, library, member):
        tools = rentable_product(library, title="Scie", units=2)
        first, second = tools.rental_units.all()
        old = reservation_create(unit=first, member=member, start=days(1), end=days(1), hold=True)
        fresh = reservation_create(unit=second, member=member, start=days(1), end=days(1),
                                   hold=True)
        Reservation.objects.filter(pk=old.pk).update(
            hold_expires_at=timezone.now() - timedelta(seconds=1)
        )

        assert holds_release_expired() == 1

        old.refresh_from_db()
        fresh.refresh_from_db()
        assert (old.status, fresh.status) == (ReservationStatus.CANCELLED, ReservationStatus.HELD)

    def test_paying_confirms_the_hold(self, unit, member):
        held = reservation_create(unit=unit, member=member, start=days(1), end=days(2), hold=True)

        confirmed = reservation_confirm(reservation=held)

        assert confirmed.status == ReservationStatus.CONFIRMED
        assert confirmed.hold_expires_at is None


@on_postgresql
class TestTheDatabaseConstraint:
    def test_refuses_a_direct_insert_of_overlapping_days(self, unit, member):
        reservation_row(unit, member, days(1), days(3))

        with pytest.raises(IntegrityError, match="rentals_reservation_no_overlap"):
            with transaction.atomic():
                reservation_row(unit, UserFactory(), days(2), days(2))

    def test_refuses_a_direct_insert_in_the_buffer(self, unit, member):
        reservation_row(unit, member, days(1), days(3), buffer_days=2)

        with pytest.raises(IntegrityError):
            with transaction.atomic():
                reservation_row(unit, UserFactory(), days(5), days(6))

    def test_accepts_overlap_with_a_cancelled_or_returned_reservation(self, unit, member):
        reservation_row(unit, member, days(1), days(3), status=ReservationStatus.CANCELLED)
        reservation_row(unit, member, days(1), days(3), status=ReservationStatus.RETURNED)

        assert reservation_row(unit, UserFactory(), days(1), days(3)).pk

    def test_other_units_are_not_constrained(self, library, member):
        saws = rentable_product(library, title="Scie", units=2)
        first, second = saws.rental_units.all()
        reservation_row(first, member, days(1), days(3))

        assert reservation_row(second, UserFactory(), days(1), days(3)).pk


@on_postgresql
@pytest.mark.django_db(transaction=True)
class TestConcurrentBookings:
    THREADS = 20

    def test_twenty_threads_booking_one_unit_at_once_make_exactly_one_booking(self):
        from django.db import connections

        library = ToolLibraryFactory()
        unit = rentable_product(library, title="Échelle", units=1).rental_units.get()
        members = [UserFactory() for _ in range(self.THREADS)]
        barrier = threading.Barrier(self.THREADS)
        results = []
        lock = threading.Lock()

        def book(index):
            try:
                barrier.wait()
                # Overlapping ranges, all different: 1–3, 2–4, 3–5 …
                start = days(1 + index % 3)
                reservation_create(unit=unit, member=members[index], start=start,
                                   end=start + timedelta(days=2))
                outcome = "booked"
            except ValidationError as error:
                outcome = ("refused", tuple(error.messages), {e.code for e in error.error_list})
            except Exception as error:  # noqa: BLE001 - any other outcome fails the test
                outcome = ("crashed", repr(error))
            finally:
                connections.close_all()
            with lock:
                results.append(outcome)

        threads = [threading.Thread(target=book, args=(i,)) for i in range(self.THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert len(results) == self.THREADS
        assert results.count("booked") == 1
        refusals = [r for r in results if r != "booked"]
        assert all(r[0] == "refused" for r in refusals), refusals
        assert {r[1] for r in refusals} == {(str(OVERLAP_MESSAGE),)}
        assert {frozenset(r[2]) for r in refusals} == {frozenset({"overlap"})}
        assert Reservation.objects.filter(unit=unit).count() == 1
