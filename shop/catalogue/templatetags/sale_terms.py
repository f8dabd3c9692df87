"""What a product page or card offers: buy, book (with the loan terms) or register."""

from dataclasses import dataclass
from decimal import Decimal

from django import template

from shop.catalogue import purchase
from shop.taxes import TaxableItem, TaxClass, compute_taxes, effective_tax_class

register = template.Library()

#: The loan of the example total: the booking form's default, tomorrow and the day after.
EXAMPLE_DAYS = 2


@register.simple_tag(takes_context=True)
def sale_route(context, product, seller=None):
    """How ``product`` reaches a client (``shop.catalogue.purchase.SaleRoute``)."""
    return purchase.sale_route(product, seller, request=context.get("request"))


@register.filter
def is_book(product):
    """Whether ``product`` is a printed book (its class is taxed as books): its code is an ISBN."""
    product_class = product.get_product_class() if product is not None else None
    return getattr(product_class, "tax_class", None) == TaxClass.BOOKS


@dataclass(frozen=True)
class LoanExample:
    days: int
    fee: Decimal
    taxes: Decimal
    deposit: Decimal

    @property
    def total(self) -> Decimal:
        return self.fee + self.taxes + self.deposit


@register.simple_tag
def loan_example(terms, seller=None, days=EXAMPLE_DAYS):
    """What a loan of ``days`` days costs at booking: fee, its taxes, and the deposit.

    The fee is taxed as the rental fees billed at booking (shop.rentals.services.billing);
    the deposit is not taxed.
    """
    if terms is None:
        return None
    days = min(days, terms.max_loan_days or days)
    fee = terms.rental_fee(days)
    tax_class = effective_tax_class(product_tax_class=TaxClass.STANDARD,
                                    seller_tax_exempt=getattr(seller, "tax_exempt", False))
    taxes = compute_taxes([TaxableItem(key="fee", amount=fee, tax_class=tax_class)]).total
    return LoanExample(days=days, fee=fee, taxes=taxes, deposit=terms.deposit)
