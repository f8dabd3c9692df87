"""Factories for rentals: a tool library, its rentable tools, units and members."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from shop.rentals.models import (
    MaintenancePeriod,
    Membership,
    MembershipTier,
    RentableItem,
    Reservation,
    ReservationStatus,
    Unit,
)
from tests.factories import SellerFactory, UserFactory, product_for


class ToolLibraryFactory(SellerFactory):
    name = factory.Sequence(lambda n: f"Outilthèque {n}")
    kind = "tool_library"


def rentable_product(seller, *, title="Perceuse", units=1, tag_prefix=None, **terms):
    """A tool of ``seller`` with its loan terms and ``units`` units tagged PREFIX-1…"""
    product = product_for(seller, title=title, price="8.00", class_name="Location d'outil",
                          num_in_stock=units)
    values = {
        "price_per_day": Decimal("8.00"),
        "price_per_week": Decimal("30.00"),
        "deposit": Decimal("50.00"),
        "late_fee_per_day": Decimal("5.00"),
        "max_loan_days": 14,
        "buffer_days": 1,
        "membership_required": False,
    }
    values.update(terms)
    RentableItem.objects.create(product=product, **values)
    prefix = tag_prefix or f"T{product.pk}"
    for number in range(1, units + 1):
        Unit.objects.create(product=product, seller=seller, asset_tag=f"{prefix}-{number}")
    return product


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    asset_tag = factory.Sequence(lambda n: f"TAG-{n:05d}")


class MembershipTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipTier

    name = "Membre"
    max_items = 2
    price = Decimal("40.00")
    solidarity_price = Decimal("10.00")


def member_of(seller, *, tier=None, **user_fields):
    """A client with a membership of ``seller`` valid from a week ago for a year."""
    user = UserFactory(**user_fields)
    tier = tier or MembershipTierFactory(seller=seller)
    start = timezone.localdate() - timedelta(days=7)
    Membership.objects.create(member=user, tier=tier, start_date=start,
                              end_date=start + timedelta(days=364), price_paid=tier.price)
    return user


def reservation_row(unit, member, start, end, *, buffer_days=1,
                    status=ReservationStatus.CONFIRMED, **fields):
    """A reservation written straight to the table (bypassing the service)."""
    return Reservation.objects.create(
        unit=unit, member=member, start_date=start, end_date=end, buffer_days=buffer_days,
        blocked_until=Reservation.blocked_until_for(end, buffer_days), status=status, **fields,
    )


def maintenance_row(unit, start, end=None, **fields):
    return MaintenancePeriod.objects.create(unit=unit, start_date=start, end_date=end, **fields)
