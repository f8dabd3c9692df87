"""Membership tiers sold as products of the tool library, like everything else.

Each ``MembershipTier`` is sold through two products of its seller, in the
product class "Abonnement" (bought, never lent; no stock, no shipping): the
full price (``tier.product``) and the solidarity price
(``tier.solidarity_product``). They go in the basket and through the one order
pipeline like any product; once the order is placed (paid later) or paid (by
card), ``shop.rentals.receivers`` gives the buyer the membership.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.rentals.models import MembershipTier
from shop.taxes import TaxClass

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

MEMBERSHIP_CLASS = "Abonnement"
# Found by its slug, which stays put whatever language its name is edited in.
MEMBERSHIP_CLASS_SLUG = "abonnement"


def membership_tier_products_ensure(*, tier: MembershipTier) -> MembershipTier:
    """Give ``tier`` its full-price and solidarity-price products if missing; prices kept in step."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        if tier.product is None:
            tier.product = _product(tier=tier, solidarity=False)
        if tier.solidarity_product is None:
            tier.solidarity_product = _product(tier=tier, solidarity=True)
        tier.save(update_fields=["product", "solidarity_product"])
        _price(tier.product, tier=tier, price=tier.price)
        _price(tier.solidarity_product, tier=tier, price=tier.solidarity_price)
    return tier


def membership_class():
    """The product class of memberships: no stock, no shipping, tax exempt.

    Memberships of the cooperative's non-profit sellers are sold without GST or
    QST; a seller that must charge them changes the class's tax class.
    """
    product_class, _created = ProductClass._default_manager.get_or_create(
        slug=MEMBERSHIP_CLASS_SLUG,
        defaults={"name": MEMBERSHIP_CLASS, "tax_class": TaxClass.EXEMPT, "track_stock": False,
                  "requires_shipping": False},
    )
    return product_class


def tier_for_product(product):
    """``(tier, solidarity)`` sold by ``product``, or ``(None, False)``."""
    tier = MembershipTier._default_manager.filter(product=product).first()
    if tier is not None:
        return tier, False
    tier = MembershipTier._default_manager.filter(solidarity_product=product).first()
    return tier, tier is not None


def _product(*, tier, solidarity: bool):
    if solidarity:
        title = _("%(tier)s membership, one year — solidarity price") % {"tier": tier.name}
    else:
        title = _("%(tier)s membership, one year") % {"tier": tier.name}
    upc = f"MEMB-{tier.pk}-{'S' if solidarity else 'F'}"
    product = Product._default_manager.filter(upc=upc).first()
    if product is None:
        product = Product._default_manager.create(
            upc=upc, title=title, product_class=membership_class(),
            structure=Product.STANDALONE, is_public=True,
            description=_tier_description(tier),
        )
    return product


def _tier_description(tier):
    return _("A year of membership of %(seller)s: borrow up to %(items)d tools at once.") % {
        "seller": tier.seller.name, "items": tier.max_items}


def _price(product, *, tier, price):
    StockRecord._default_manager.update_or_create(
        product=product, partner=tier.seller,
        defaults={"partner_sku": product.upc, "price": price,
                  "price_currency": settings.OSCAR_DEFAULT_CURRENCY, "num_in_stock": None},
    )


def membership_plans():
    """Tool libraries with tiers on sale: ``[(seller, [tier, …]), …]``, cheapest tier first."""
    tiers = (MembershipTier._default_manager.filter(product__isnull=False)
             .select_related("seller", "product", "solidarity_product")
             .order_by("seller__name", "price"))
    plans = {}
    for tier in tiers:
        plans.setdefault(tier.seller, []).append(tier)
    return list(plans.items())
