"""Rental money through the one order pipeline (``shop.pipeline.place_order``).

An order line needs a product with a price. Fees whose amount depends on the
loan (a late fee per day, a rental day, a deposit) are sold as hidden "fee
products" of the seller, one per kind and unit price (for example "Late fee,
per day — $2.00"), ordered in the quantity owed: three days late is three of
the seller's $2.00 late-fee product. They are created when first needed, are not
public, track no stock and need no shipping. Deposits are in a tax-exempt
product class; fees are taxed like any service.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from shop.shipping.repository import Fulfilment
from shop.taxes import TaxClass

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

FEES_CLASS = "Frais de location"
DEPOSITS_CLASS = "Dépôt de garantie"


class FeeKind(models.TextChoices):
    LATE_FEE = "LATE", gettext_lazy("Late fee, per day")
    RENTAL_DAY = "DAY", gettext_lazy("Rental, per day")
    RENTAL_WEEK = "WEEK", gettext_lazy("Rental, per week")
    DEPOSIT = "DEPOSIT", gettext_lazy("Deposit")


def charge_bill(*, charge, unit_price: Decimal, quantity: int, placed_by):
    """Place the order billing ``charge`` to the member; link it to the charge."""
    reservation = charge.reservation
    product = fee_product(seller=reservation.unit.seller, kind=FeeKind.LATE_FEE,
                          unit_price=unit_price)
    order = place_order(
        customer=reservation.member,
        channel=Channel.SERVICE,
        fulfilment=Fulfilment.PICKUP,
        payment_method=PaymentMethod.ON_DELIVERY,
        lines=[LineRequest(product=product, quantity=quantity)],
        placed_by=placed_by,
    )
    charge.order = order
    charge.save(update_fields=["order"])
    return charge


def fee_product(*, seller, kind: str, unit_price: Decimal):
    """The seller's hidden product for ``kind`` at ``unit_price``, created if missing."""
    upc = f"RENT-{seller.pk}-{kind}-{int(unit_price * 100)}"
    product = Product._default_manager.filter(upc=upc).first()
    if product is not None:
        return product
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        product = Product._default_manager.create(
            upc=upc,
            title=_("%(kind)s — %(price)s $") % {"kind": FeeKind(kind).label, "price": unit_price},
            product_class=_fee_class(deposit=kind == FeeKind.DEPOSIT),
            structure=Product.STANDALONE,
            is_public=False,
        )
        StockRecord._default_manager.create(
            product=product, partner=seller, partner_sku=upc, price=unit_price,
            price_currency=settings.OSCAR_DEFAULT_CURRENCY, num_in_stock=None,
        )
    return product


def _fee_class(*, deposit: bool):
    name, tax_class = (DEPOSITS_CLASS, TaxClass.EXEMPT) if deposit \
        else (FEES_CLASS, TaxClass.STANDARD)
    product_class, _created = ProductClass._default_manager.get_or_create(
        name=name,
        defaults={"tax_class": tax_class, "track_stock": False, "requires_shipping": False},
    )
    return product_class
