"""Memberships sold at the tool library's desk, through the one order pipeline.

Staff of the tool library (and coordinators) choose the client and the tier;
the client pays at the counter (cash, debit, cheque: recorded at once) or
later. The order is a desk order (channel "phone": entered by staff for the
client, ``placed_by`` the staff member), paid on pick-up; being paid later,
it gives the membership as soon as it is placed (``shop.rentals.receivers``).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from shop import access
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from shop.rentals.models import MembershipTier
from shop.shipping.repository import Fulfilment

from .membership_products import membership_tier_products_ensure


def tiers_sold_by(user):
    """The tiers ``user`` may sell at the desk: their own tool libraries' (all for coordinators)."""
    return MembershipTier._default_manager.filter(
        seller__in=access.membership_sellers(user)).select_related("seller")


def membership_sell_at_desk(*, client, tier: MembershipTier, staff, solidarity: bool = False,
                            paid_with: str | None = None):
    """Sell ``tier`` to ``client`` at the desk; returns the order.

    ``paid_with`` is how the client paid at the counter (a ``ManualMethod``:
    cash, debit, cheque) or None when they pay later. Staff of another seller
    are refused (``PermissionDenied``).
    """
    if not tiers_sold_by(staff).filter(pk=tier.pk).exists():
        raise PermissionDenied(_("You can only sell the memberships of your own tool library."))
    tier = membership_tier_products_ensure(tier=tier)
    product = tier.solidarity_product if solidarity else tier.product
    with transaction.atomic():
        order = place_order(
            customer=client, channel=Channel.PHONE, placed_by=staff,
            fulfilment=Fulfilment.PICKUP, payment_method=PaymentMethod.ON_DELIVERY,
            lines=[LineRequest(product=product)],
        )
        if paid_with:
            _record_counter_payment(order=order, method=paid_with, staff=staff)
    return order


def _record_counter_payment(*, order, method, staff):
    from shop.payments.services import manual_payment_record

    if order.total_incl_tax > Decimal("0"):
        manual_payment_record(order=order, amount=order.total_incl_tax, method=method, user=staff,
                              note=_("Membership paid at the counter (%(method)s).")
                              % {"method": method})
