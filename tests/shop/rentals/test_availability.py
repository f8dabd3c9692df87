"""Availability of a product: free units per day for 60 days, and the next free day."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shop.rentals.models import Reservation, ReservationStatus, Unit, UnitStatus
from shop.rentals.selectors import product_availability, unit_calendar
from tests.factories import UserFactory

from .factories import ToolLibraryFactory, maintenance_row, rentable_product, reservation_row

pytestmark = pytest.mark.django_db

WINDOW = 60
HORIZON = 366


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def library():
    return ToolLibraryFactory()


@pytest.fixture
def member():
    return UserFactory()


# --- The brute force: every unit, every day, every row, dates inclusive ----


def brute_force_free(scenario, day, today):
    free = 0
    for unit in scenario["units"]:
        if unit["status"] == UnitStatus.RETIRED:
            continue
        if unit["status"] == UnitStatus.MAINTENANCE:
            continue
        if any(_covers(item, day, today) for item in unit["rows"]):
            continue
        free += 1
    return free


def _covers(item, day, today):
    kind = item["kind"]
    if kind == "maintenance":
        return item["start"] <= day and (item["end"] is None or day <= item["end"])
    buffer = item["buffer"]
    if kind in ("confirmed", "held"):
        return item["start"] <= day <= item["end"] + timedelta(days=buffer)
    if kind == "checked_out":
        last = max(item["end"], today) + timedelta(days=buffer)
        return item["start"] <= day <= last
    if kind == "returned":
        return item["returned_on"] <= day <= item["returned_on"] + timedelta(days=buffer)
    return False  # cancelled, expired hold


KINDS = ("confirmed", "confirmed", "held", "expired_hold", "checked_out", "returned",
         "cancelled")

reservation_specs = st.fixed_dictionaries({
    "kind": st.sampled_from(KINDS),
    "start": st.integers(-20, 75),
    "length": st.integers(0, 8),
    "buffer": st.integers(0, 3),
    "returned_after": st.integers(0, 10),
})
maintenance_specs = st.fixed_dictionaries({
    "kind": st.just("maintenance"),
    "start": st.integers(-10, 70),
    "length": st.one_of(st.none(), st.integers(0, 10)),
})
unit_specs = st.fixed_dictionaries({
    "status": st.sampled_from([UnitStatus.AVAILABLE] * 4 + [UnitStatus.MAINTENANCE,
                                                            UnitStatus.RETIRED]),
    "rows": st.lists(st.one_of(reservation_specs, reservation_specs, maintenance_specs),
                     max_size=12),
})


def write_scenario(product, seller, member, units, today):
    """Write the units and rows; keep, per unit, the rows the database accepted."""
    now = timezone.now()
    written = []
    for number, spec in enumerate(units):
        unit = Unit.objects.create(product=product, seller=seller, status=spec["status"],
                                   asset_tag=f"P{product.pk}-{number}")
        rows = []
        for row in spec["rows"]:
            item = _write_row(unit, member, row, today=today, now=now)
            if item is not None:
                rows.append(item)
        written.append({"status": spec["status"], "rows": rows})
    return {"units": written}


def _write_row(unit, member, row, *, today, now):
    start = today + timedelta(days=row["start"])
    if row["kind"] == "maintenance":
        end = None if row["length"] is None else start + timedelta(days=row["length"])
        maintenance_row(unit, start, end)
        return {"kind": "maintenance", "start": start, "end": end}
    end = start + timedelta(days=row["length"])
    fields = {"status": {"expired_hold": ReservationStatus.HELD}.get(row["kind"], row["kind"])}
    if row["kind"] == "held":
        fields["hold_expires_at"] = now + timedelta(minutes=30)
    if row["kind"] == "expired_hold":
        fields["hold_expires_at"] = now - timedelta(minutes=1)
    returned_on = None
    if row["kind"] == "returned":
        returned_on = min(start + timedelta(days=row["returned_after"]), today)
        fields["returned_on"] = returned_on
    try:
        with transaction.atomic():
            reservation_row(unit, member, start, end, buffer_days=row["buffer"], **fields)
    except IntegrityError:
        return None  # PostgreSQL refused an overlap: it does not exist, and so is not counted
    return {"kind": row["kind"], "start": start, "end": end, "buffer": row["buffer"],
            "returned_on": returned_on}


class TestAvailabilityMatchesABruteForceCount:
    @given(units=st.lists(unit_specs, min_size=0, max_size=4))
    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    def test_on_random_reservations_maintenance_and_buffers(self, library, member, units):
        today = timezone.localdate()
        with transaction.atomic():
            product = rentable_product(library, units=0)
            scenario = write_scenario(product, library, member, units, today)

            availability = product_availability(product=product)

            expected = [brute_force_free(scenario, today + timedelta(days=i), today)
                        for i in range(WINDOW)]
            assert [d.free for d in availability.days] == expected
            assert availability.days[0].day == today
            assert availability.next_free_date == next(
                (today + timedelta(days=i) for i in range(HORIZON)
                 if brute_force_free(scenario, today + timedelta(days=i), today)),
                None,
            )
            transaction.set_rollback(True)


class TestProductAvailability:
    def test_counts_free_units_each_day(self, library, member):
        ladder = rentable_product(library, units=2, buffer_days=1)
        first = ladder.rental_units.first()
        reservation_row(first, member, days(2), days(3), buffer_days=1)

        counts = [d.free for d in product_availability(product=ladder).days]

        assert counts[:6] == [2, 2, 1, 1, 1, 2]  # days 2–3 booked, day 4 buffer
        assert len(counts) == 60

    def test_next_free_date_looks_past_the_window(self, library, member):
        saw = rentable_product(library, units=1, max_loan_days=100, buffer_days=0)
        unit = saw.rental_units.get()
        maintenance_row(unit, days(0), days(69))

        availability = product_availability(product=saw)

        assert all(d.free == 0 for d in availability.days)
        assert availability.next_free_date == days(70)

    def test_query_count_does_not_grow_with_the_number_of_reservations(self, library, member):
        drill = rentable_product(library, units=5, buffer_days=0)
        units = list(drill.rental_units.all())

        def book(count):
            Reservation.objects.filter(unit__in=units).delete()
            for i in range(count):
                start = days(i // len(units) * 2)
                reservation_row(units[i % len(units)], member, start, start, buffer_days=0)

        book(5)
        with CaptureQueriesContext(connection) as few:
            product_availability(product=drill)
        book(150)
        with CaptureQueriesContext(connection) as many:
            availability = product_availability(product=drill)

        assert len(few) == len(many) == 3
        assert availability.days[0].free == 0


class TestTheJsonEndpoint:
    def test_gives_sixty_days_and_the_next_free_date(self, client, library, member):
        ladder = rentable_product(library, units=1, buffer_days=0)
        reservation_row(ladder.rental_units.get(), member, days(0), days(1), buffer_days=0)

        response = client.get(reverse("rentals:product-availability", args=[ladder.pk]))

        assert response.status_code == 200
        data = response.json()
        assert data["units"] == 1
        assert len(data["days"]) == 60
        assert data["days"][0] == {"date": days(0).isoformat(), "free": 0}
        assert data["next_free_date"] == days(2).isoformat()

    def test_is_not_found_for_a_product_that_is_not_lent(self, client, library):
        from tests.factories import product_for

        book = product_for(library, title="Un livre")

        assert client.get(reverse("rentals:product-availability", args=[book.pk])).status_code \
            == 404


class TestTheProductPage:
    def test_shows_the_availability_block_for_a_rentable_product(self, client, library, member):
        ladder = rentable_product(library, title="Escabeau 6 pi", units=2)

        response = client.get(ladder.get_absolute_url())

        assert response.status_code == 200
        assert b'id="rental-availability"' in response.content
        assert reverse("rentals:product-availability", args=[ladder.pk]).encode() in \
            response.content

    def test_shows_no_block_for_other_products(self, client, library):
        from tests.factories import product_for

        book = product_for(library, title="Un livre")

        response = client.get(book.get_absolute_url())

        assert response.status_code == 200
        assert b'id="rental-availability"' not in response.content


class TestUnitCalendar:
    def test_marks_booked_buffer_maintenance_and_free_days(self, library, member):
        drill = rentable_product(library, units=1, buffer_days=1)
        unit = drill.rental_units.get()
        reservation_row(unit, member, days(1), days(2), buffer_days=1)
        maintenance_row(unit, days(5), days(5))

        states = [d.state for d in unit_calendar(unit=unit, days=7)]

        assert states == ["free", "booked", "booked", "buffer", "free", "maintenance", "free"]
