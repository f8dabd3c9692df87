"""Memberships gate loans; tiers cap the items held at once; the waitlist is told in order."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shop.rentals.models import Membership, ReservationStatus, WaitlistEntry
from shop.rentals.services import (
    membership_create,
    reservation_cancel,
    reservation_create,
    waitlist_join,
    waitlist_notify_next,
)
from tests.factories import UserFactory

from .factories import MembershipTierFactory, ToolLibraryFactory, member_of, rentable_product

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def library():
    return ToolLibraryFactory()


@pytest.fixture
def tools(library):
    return rentable_product(library, title="Scie", units=4, membership_required=True)


def codes(excinfo):
    return {error.code for error in excinfo.value.error_list}


class TestALoanNeedsAValidMembership:
    def test_is_refused_without_one_with_a_clear_reason(self, tools, library):
        with pytest.raises(ValidationError) as excinfo:
            reservation_create(product=tools, member=UserFactory(), start=days(1), end=days(2))

        assert codes(excinfo) == {"no_membership"}
        assert library.name in excinfo.value.messages[0]

    def test_is_refused_when_the_membership_ends_before_the_loan(self, tools, library):
        member = UserFactory()
        tier = MembershipTierFactory(seller=library)
        Membership.objects.create(member=member, tier=tier, start_date=days(-300),
                                  end_date=days(1))

        with pytest.raises(ValidationError) as excinfo:
            reservation_create(product=tools, member=member, start=days(1), end=days(3))

        assert codes(excinfo) == {"no_membership"}

    def test_a_membership_of_another_seller_does_not_count(self, tools):
        member = member_of(ToolLibraryFactory(name="Une autre"))

        with pytest.raises(ValidationError):
            reservation_create(product=tools, member=member, start=days(1), end=days(1))

    def test_is_accepted_with_one(self, tools, library):
        member = member_of(library)

        assert reservation_create(product=tools, member=member, start=days(1), end=days(2)).pk


class TestTiersCapItemsHeldAtOnce:
    def test_a_member_cannot_hold_more_than_the_tier_allows(self, tools, library):
        member = member_of(library, tier=MembershipTierFactory(seller=library, max_items=2))
        reservation_create(product=tools, member=member, start=days(1), end=days(3))
        reservation_create(product=tools, member=member, start=days(2), end=days(4))

        with pytest.raises(ValidationError) as excinfo:
            reservation_create(product=tools, member=member, start=days(3), end=days(3))

        assert codes(excinfo) == {"too_many_items"}

    def test_loans_on_other_days_do_not_count(self, tools, library):
        member = member_of(library, tier=MembershipTierFactory(seller=library, max_items=1))
        reservation_create(product=tools, member=member, start=days(1), end=days(2))

        assert reservation_create(product=tools, member=member, start=days(3), end=days(4)).pk

    def test_a_cancelled_booking_frees_its_place(self, tools, library):
        member = member_of(library, tier=MembershipTierFactory(seller=library, max_items=1))
        first = reservation_create(product=tools, member=member, start=days(1), end=days(2))
        reservation_cancel(reservation=first)

        assert reservation_create(product=tools, member=member, start=days(1), end=days(2)).pk


class TestMembershipCreate:
    def test_lasts_a_year_at_the_solidarity_price_when_asked(self, library):
        tier = MembershipTierFactory(seller=library, price=Decimal("40.00"),
                                     solidarity_price=Decimal("10.00"))

        membership = membership_create(member=UserFactory(), tier=tier, start=days(0),
                                       solidarity=True)

        assert membership.end_date == days(364)
        assert membership.price_paid == Decimal("10.00")


class TestWaitlist:
    def test_joining_twice_keeps_one_place(self, tools):
        member = UserFactory()

        assert waitlist_join(product=tools, member=member) == waitlist_join(product=tools,
                                                                          member=member)
        assert WaitlistEntry.objects.count() == 1

    def test_the_first_waiting_member_is_told_when_a_booking_is_cancelled(self, library):
        ladder = rentable_product(library, title="Échelle", units=1)
        booking = reservation_create(product=ladder, member=UserFactory(), start=days(1),
                                     end=days(2))
        first = waitlist_join(product=ladder, member=UserFactory(email="first@example.org"))
        second = waitlist_join(product=ladder, member=UserFactory(email="second@example.org"))

        reservation_cancel(reservation=booking)

        first.refresh_from_db()
        second.refresh_from_db()
        assert first.notified_at is not None
        assert second.notified_at is None
        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CANCELLED

    def test_nobody_waiting_tells_nobody(self, tools):
        assert waitlist_notify_next(product=tools) is None

    def test_the_notice_is_written_to_the_outbox_as_an_email(self, tools):
        from shop.notifications.models import OutboundMessage

        waitlist_join(product=tools, member=UserFactory(email="waiting@example.org"))

        waitlist_notify_next(product=tools)

        notice = OutboundMessage.objects.get(to="waiting@example.org")
        assert notice.channel == "email" and notice.body
