"""The staff desk: lend by tag, take back with condition, late fees, deposits, isolation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from shop.order.models import Channel
from shop.rentals.models import (
    ChargeKind,
    DepositStatus,
    MaintenancePeriod,
    RentalCharge,
    ReservationStatus,
    UnitCondition,
    UnitStatus,
)
from shop.rentals.services import deposit_settle, loan_check_in
from tests.factories import StaffFactory, UserFactory, seller_staff

from .factories import ToolLibraryFactory, maintenance_row, rentable_product, reservation_row

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def library():
    return ToolLibraryFactory(name="Outilthèque A")


@pytest.fixture
def other_library():
    return ToolLibraryFactory(name="Outilthèque B")


@pytest.fixture
def drill(library):
    return rentable_product(library, title="Perceuse", units=1, tag_prefix="DRL",
                            late_fee_per_day=Decimal("5.00"), deposit=Decimal("50.00"))


@pytest.fixture
def unit(drill):
    return drill.rental_units.get()


@pytest.fixture
def member():
    return UserFactory(first_name="Amina", last_name="Diallo")


@pytest.fixture
def staff(library):
    return seller_staff(library, email="pret@example.org")


@pytest.fixture
def desk(client, staff):
    client.force_login(staff)
    return client


def check_in(client, tag, **fields):
    data = {"in-asset_tag": tag, **{f"in-{k}": v for k, v in fields.items()}}
    return client.post(reverse("rentals:check-in"), data, follow=True)


class TestCheckOut:
    def test_lends_the_unit_whose_tag_is_scanned(self, desk, unit, member):
        booking = reservation_row(unit, member, days(0), days(2))

        response = desk.post(reverse("rentals:check-out"), {"out-asset_tag": " drl-1 "},
                             follow=True)

        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CHECKED_OUT
        assert booking.checked_out_at is not None
        assert response.status_code == 200

    def test_refuses_a_tag_with_no_booking_today(self, desk, unit, member):
        booking = reservation_row(unit, member, days(3), days(4))

        response = desk.post(reverse("rentals:check-out"), {"out-asset_tag": "DRL-1"},
                             follow=True)

        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CONFIRMED
        assert "DRL-1" in response.content.decode()

    def test_cannot_lend_another_sellers_unit(self, client, other_library, unit, member):
        booking = reservation_row(unit, member, days(0), days(2))
        client.force_login(seller_staff(other_library))

        client.post(reverse("rentals:check-out"), {"out-asset_tag": "DRL-1"})

        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CONFIRMED


class TestCheckIn:
    def test_a_loan_three_days_late_is_billed_three_days_of_late_fee(
        self, desk, staff, unit, member
    ):
        loan = reservation_row(unit, member, days(-6), days(-3),
                               status=ReservationStatus.CHECKED_OUT)

        check_in(desk, "DRL-1", condition=UnitCondition.GOOD)

        loan.refresh_from_db()
        assert loan.status == ReservationStatus.RETURNED
        assert loan.returned_on == days(0)
        charge = RentalCharge.objects.get(reservation=loan)
        assert (charge.kind, charge.days, charge.amount) == (ChargeKind.LATE_FEE, 3,
                                                             Decimal("15.00"))
        order = charge.order
        assert order.user == member
        assert order.placed_by == staff
        assert order.channel == Channel.SERVICE
        line = order.lines.get()
        assert (line.quantity, line.unit_price_excl_tax) == (3, Decimal("5.00"))
        assert order.total_excl_tax == Decimal("15.00")
        assert order.gst == Decimal("0.75")  # a late fee is taxed like any service

    def test_a_loan_back_on_time_has_no_charge(self, desk, unit, member):
        loan = reservation_row(unit, member, days(-3), days(0),
                               status=ReservationStatus.CHECKED_OUT)

        check_in(desk, "DRL-1")

        assert not RentalCharge.objects.filter(reservation=loan).exists()

    def test_records_the_condition_and_flags_maintenance(self, desk, unit, member):
        loan = reservation_row(unit, member, days(-2), days(0),
                               status=ReservationStatus.CHECKED_OUT)

        check_in(desk, "DRL-1", condition=UnitCondition.DAMAGED, notes="Mandrin qui bloque",
                 needs_maintenance="on")

        loan.refresh_from_db()
        unit.refresh_from_db()
        assert loan.return_condition == UnitCondition.DAMAGED
        assert loan.return_notes == "Mandrin qui bloque"
        assert unit.condition == UnitCondition.DAMAGED
        assert unit.status == UnitStatus.MAINTENANCE
        period = MaintenancePeriod.objects.get(unit=unit)
        assert (period.start_date, period.end_date) == (days(0), None)

    def test_refuses_a_unit_that_is_not_out(self, desk, unit):
        response = check_in(desk, "DRL-1")

        assert response.status_code == 200
        assert not RentalCharge.objects.exists()

    def test_service_late_fee_with_an_explicit_return_day(self, staff, unit, member):
        loan = reservation_row(unit, member, days(-10), days(-5),
                               status=ReservationStatus.CHECKED_OUT)

        loan_check_in(unit=unit, by=staff, returned_on=days(-2))

        assert loan.charges.get().days == 3


class TestDeposit:
    @pytest.fixture
    def returned(self, unit, member):
        return reservation_row(unit, member, days(-4), days(-1), status=ReservationStatus.RETURNED,
                               returned_on=days(-1), deposit_amount=Decimal("50.00"),
                               deposit_status=DepositStatus.HELD)

    def test_is_given_back(self, desk, returned):
        desk.post(reverse("rentals:reservation", args=[returned.pk]), {"action": "return"})

        returned.refresh_from_db()
        assert returned.deposit_status == DepositStatus.RETURNED
        assert not returned.charges.exists()

    def test_is_kept_only_with_a_reason(self, desk, returned):
        response = desk.post(reverse("rentals:reservation", args=[returned.pk]),
                             {"action": "keep", "reason": ""})

        returned.refresh_from_db()
        assert response.status_code == 200
        assert returned.deposit_status == DepositStatus.HELD

        desk.post(reverse("rentals:reservation", args=[returned.pk]),
                  {"action": "keep", "reason": "Lame cassée"})

        returned.refresh_from_db()
        assert returned.deposit_status == DepositStatus.KEPT
        assert returned.deposit_reason == "Lame cassée"
        assert returned.charges.get().kind == ChargeKind.DEPOSIT_KEPT

    def test_cannot_be_settled_twice(self, staff, returned):
        deposit_settle(reservation=returned, keep=False, by=staff)

        with pytest.raises(ValidationError):
            deposit_settle(reservation=returned, keep=True, reason="x", by=staff)


class TestUnitCalendarPage:
    def test_shows_the_next_sixty_days(self, desk, unit, member):
        reservation_row(unit, member, days(1), days(2))
        maintenance_row(unit, days(10), days(11))

        response = desk.get(reverse("rentals:unit-calendar", args=[unit.pk]))

        body = response.content.decode()
        assert response.status_code == 200
        assert body.count("data-state=") == 60
        assert body.count('data-state="maintenance"') == 2

    def test_takes_a_unit_out_of_service_and_back(self, desk, unit):
        url = reverse("rentals:unit-calendar", args=[unit.pk])

        desk.post(url, {"action": "maintenance_start", "reason": "Batterie"})
        unit.refresh_from_db()
        assert unit.status == UnitStatus.MAINTENANCE

        desk.post(url, {"action": "maintenance_end"})
        unit.refresh_from_db()
        assert unit.status == UnitStatus.AVAILABLE
        assert unit.maintenance_periods.get().end_date == days(0)


class TestSellerIsolation:
    """Another seller's staff, or a client, get 404 on every rentals page of this seller."""

    @pytest.fixture
    def pages(self, unit, member):
        loan = reservation_row(unit, member, days(0), days(1))
        return [
            reverse("rentals:unit-calendar", args=[unit.pk]),
            reverse("rentals:reservation", args=[loan.pk]),
        ]

    def test_other_sellers_staff_get_404_on_this_sellers_pages(self, client, other_library,
                                                               pages, unit):
        client.force_login(seller_staff(other_library))

        for url in pages:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"action": "maintenance_start"}).status_code == 404, url
        unit.refresh_from_db()
        assert unit.status == UnitStatus.AVAILABLE

    def test_other_sellers_staff_do_not_see_this_sellers_units_or_loans(
        self, client, other_library, pages
    ):
        client.force_login(seller_staff(other_library))

        assert "DRL-1" not in client.get(reverse("rentals:unit-list")).content.decode()
        assert "DRL-1" not in client.get(reverse("rentals:desk")).content.decode()

    def test_clients_get_404_on_every_desk_page(self, client, member, pages):
        client.force_login(member)

        for url in pages + [reverse("rentals:desk"), reverse("rentals:unit-list"),
                            reverse("rentals:check-in"), reverse("rentals:check-out")]:
            assert client.get(url).status_code == 404, url

    def test_anonymous_visitors_are_sent_to_log_in(self, client, pages):
        assert client.get(pages[0]).status_code == 302

    def test_own_staff_and_coordinators_see_the_pages(self, client, staff, pages):
        client.force_login(staff)
        assert [client.get(url).status_code for url in pages] == [200, 200]

        client.force_login(StaffFactory())
        assert [client.get(url).status_code for url in pages] == [200, 200]
