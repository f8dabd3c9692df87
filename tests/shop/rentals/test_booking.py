"""Booking through the order pipeline: rental fee and deposit lines, held until paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.rentals.models import Reservation, ReservationStatus
from shop.rentals.services import (
    holds_release_expired,
    reservation_book,
    reservations_order_paid,
)
from shop.rentals.services.booking import fee_breakdown
from tests.factories import UserFactory

from .factories import ToolLibraryFactory, rentable_product

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def saw():
    return rentable_product(ToolLibraryFactory(), title="Scie", units=1,
                            price_per_day=Decimal("8.00"), price_per_week=Decimal("30.00"),
                            deposit=Decimal("50.00"))


class TestFeeBreakdown:
    @pytest.mark.parametrize("length, expected", [(1, 8), (3, 24), (4, 30), (7, 30),
                                                  (9, 46), (12, 60), (14, 60)])
    def test_adds_up_to_the_rental_fee(self, saw, length, expected):
        terms = saw.rental_terms
        rows = fee_breakdown(terms, length)

        assert sum(price * qty for _kind, price, qty in rows) == terms.rental_fee(length) \
            == expected


class TestReservationBook:
    def test_paid_later_is_confirmed_with_its_order(self, saw):
        member = UserFactory()

        booking = reservation_book(product=saw, member=member, start=days(1), end=days(9),
                                   payment_method=PaymentMethod.ON_DELIVERY)

        assert booking.status == ReservationStatus.CONFIRMED
        order = booking.order
        assert order.user == member and order.channel == Channel.WEB
        lines = sorted((line.quantity, line.unit_price_excl_tax) for line in order.lines.all())
        assert lines == [(1, Decimal("30.00")), (1, Decimal("50.00")), (2, Decimal("8.00"))]
        assert order.total_excl_tax == Decimal("96.00")
        assert order.gst == Decimal("2.30")  # on the 46.00 fee; the deposit is not taxed

    def test_paid_by_card_holds_the_unit_until_paid(self, saw):
        booking = reservation_book(product=saw, member=UserFactory(), start=days(1),
                                   end=days(2), payment_method=PaymentMethod.CARD)

        assert booking.status == ReservationStatus.HELD
        assert booking.order.status == OrderStatus.PENDING_PAYMENT

        assert reservations_order_paid(order=booking.order) == 1
        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CONFIRMED
        assert reservations_order_paid(order=booking.order) == 0

    def test_a_card_payment_received_confirms_the_held_booking(self, saw):
        from shop.payments.services import payment_received

        booking = reservation_book(product=saw, member=UserFactory(), start=days(1),
                                   end=days(2), payment_method=PaymentMethod.CARD)
        order = booking.order
        source = order.sources.get()
        assert payment_received(order=order, source=source, amount=order.total_incl_tax,
                                reference="pi_rental_1")
        booking.refresh_from_db()
        order.refresh_from_db()
        assert booking.status == ReservationStatus.CONFIRMED
        assert order.status == OrderStatus.TO_PREPARE

    def test_an_unpaid_hold_is_released_and_its_order_cancelled(self, saw):
        booking = reservation_book(product=saw, member=UserFactory(), start=days(1),
                                   end=days(2), payment_method=PaymentMethod.CARD)
        Reservation.objects.filter(pk=booking.pk).update(
            hold_expires_at=timezone.now() - timedelta(minutes=1))

        assert holds_release_expired() == 1

        booking.refresh_from_db()
        booking.order.refresh_from_db()
        assert booking.status == ReservationStatus.CANCELLED
        assert booking.order.status == OrderStatus.CANCELLED
