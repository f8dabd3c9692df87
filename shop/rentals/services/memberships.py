"""Yearly memberships: who may borrow, and how many items at once."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop import clock
from shop.rentals.models import (
    BLOCKING_STATUSES,
    Membership,
    MembershipTier,
    Reservation,
)

MEMBERSHIP_DAYS = 365


def membership_create(
    *, member, tier: MembershipTier, start: date | None = None, solidarity: bool = False,
    order=None,
) -> Membership:
    """A year of membership from ``start`` (today by default), at the full or solidarity price."""
    start = start or clock.today()
    return Membership._default_manager.create(
        member=member,
        tier=tier,
        start_date=start,
        end_date=start + timedelta(days=MEMBERSHIP_DAYS - 1),
        solidarity=solidarity,
        price_paid=tier.solidarity_price if solidarity else tier.price,
        order=order,
    )


def membership_valid(*, member, seller, start: date, end: date | None = None):
    """The member's membership of ``seller`` covering ``start``–``end``, or None."""
    return (
        Membership._default_manager.select_related("tier")
        .filter(member=member, tier__seller=seller, start_date__lte=start,
                end_date__gte=end or start)
        .order_by("-tier__max_items", "-end_date")
        .first()
    )


def membership_check(*, member, seller, start: date, end: date, terms) -> None:
    """Refuse a loan, with the reason, to a member without a valid membership or over the cap.

    Called inside the booking transaction: the member's row is locked, so two
    bookings of the same member cannot both pass the cap.
    """
    if not terms.membership_required:
        return
    type(member)._default_manager.select_for_update().filter(pk=member.pk).first()
    membership = membership_valid(member=member, seller=seller, start=start, end=end)
    if membership is None:
        raise ValidationError(_no_membership_message(member, seller, start, end),
                              code="no_membership")
    held = Reservation._default_manager.filter(
        member=member, unit__seller=seller, status__in=BLOCKING_STATUSES,
        start_date__lte=end, end_date__gte=start,
    ).count()
    if held >= membership.tier.max_items:
        raise ValidationError(
            _("Your membership (%(tier)s) lets you hold %(max)d items at once; "
              "you already have %(held)d booked or borrowed for these days.")
            % {"tier": membership.tier.name, "max": membership.tier.max_items, "held": held},
            code="too_many_items",
        )


def _no_membership_message(member, seller, start, end):
    latest = (
        Membership._default_manager.filter(member=member, tier__seller=seller)
        .order_by("-end_date").first()
    )
    if latest is not None and latest.end_date < end:
        return _("Your membership of %(seller)s ends on %(date)s, before the end of this loan; "
                 "renew it to borrow.") % {"seller": seller.name,
                                          "date": date_format(latest.end_date)}
    if latest is not None and latest.start_date > start:
        return _("Your membership of %(seller)s starts on %(date)s.") % {
            "seller": seller.name, "date": date_format(latest.start_date)}
    return _("Borrowing from %(seller)s needs a valid membership; you have none.") % {
        "seller": seller.name}
