"""Yearly memberships: who may borrow, and how many items at once.

Memberships are sold as products (``membership_products``); an order holding
one gives the buyer a year (``memberships_grant_for_order``), after the end
of the one they hold when they renew the same tier.
"""

import logging
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
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
logger = logging.getLogger(__name__)


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


def membership_extend(*, member, tier: MembershipTier, solidarity: bool = False,
                      order=None) -> Membership:
    """A year more of ``tier``: from the day after the member's current one of this tier ends,
    or from today when they hold none running."""
    today = clock.today()
    current = (
        Membership._default_manager.filter(member=member, tier=tier, end_date__gte=today)
        .order_by("-end_date").first()
    )
    start = current.end_date + timedelta(days=1) if current is not None else today
    return membership_create(member=member, tier=tier, start=start, solidarity=solidarity,
                             order=order)


def memberships_grant_for_order(*, order) -> list[Membership]:
    """The memberships bought in ``order``, given to its buyer once; safe to call twice.

    One year per unit ordered. A guest order (no account) gives none: the staff
    see it on the order and attach it by hand.
    """
    from .membership_products import tier_for_product

    if order.user_id is None:
        if _has_membership_lines(order):
            logger.warning("Order %s holds a membership but no account to give it to.",
                           order.number)
        return []
    if Membership._default_manager.filter(order=order).exists():
        return []
    granted = []
    for line in order.lines.select_related("product"):
        tier, solidarity = tier_for_product(line.product) if line.product else (None, False)
        for _unit in range(line.quantity if tier is not None else 0):
            granted.append(membership_extend(member=order.user, tier=tier,
                                             solidarity=solidarity, order=order))
    return granted


def _has_membership_lines(order) -> bool:
    from .membership_products import MEMBERSHIP_CLASS_SLUG

    return order.lines.filter(product__product_class__slug=MEMBERSHIP_CLASS_SLUG).exists()


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
    return _("To borrow from %(seller)s you need a valid membership, and you have none. "
             "%(how)s") % {"seller": seller.name, "how": membership_how_to_join(seller=seller)}


def membership_how_to_join(*, seller) -> str:
    """What to do to become a member, in plain words: the price, the page and the phone."""
    from shop.payments.services import public_url

    tier = MembershipTier._default_manager.filter(seller=seller).order_by("price").first()
    params = {"url": public_url(reverse("rentals:membership-plans")),
              "phone": _phone(seller)}
    if tier is None:
        return _("Become a member: see %(url)s or call %(phone)s.") % params
    params.update(price=_money(tier.price), solidarity=_money(tier.solidarity_price))
    return _("Become a member for a year from %(price)s $ (solidarity price %(solidarity)s $): "
             "online at %(url)s or by phone at %(phone)s.") % params


def _money(amount) -> str:
    from django.utils.formats import number_format

    return number_format(amount, decimal_pos=2)


def _phone(seller) -> str:
    """The seller's phone as people dial it (514 555-0120), or its name when it has none."""
    phone = getattr(seller, "contact_phone", None)
    return phone.as_national if phone else seller.name
