"""What Revenu Québec asks an invoice to show, by the amount it is for.

- under 30 $: the seller's name, the date, the total;
- from 30 $ to 149.99 $: also the seller's GST and QST numbers and each tax's
  amount (or a statement that the total includes them);
- 150 $ and more: also the buyer's name, the description of each item and the
  payment terms.

A pure function of the amount, so each band is tested at its edges.
"""

from dataclasses import dataclass
from decimal import Decimal

TAX_DETAILS_FROM = Decimal("30.00")
BUYER_DETAILS_FROM = Decimal("150.00")


@dataclass(frozen=True)
class RequiredContent:
    """What an invoice of a given amount must show, beyond the seller's name, date and total."""

    tax_numbers: bool = False
    tax_amounts: bool = False
    buyer_name: bool = False
    item_descriptions: bool = False
    payment_terms: bool = False


def required_content(total: Decimal) -> RequiredContent:
    """What an invoice (or credit note) of ``total`` must show."""
    total = abs(Decimal(total))
    taxes = total >= TAX_DETAILS_FROM
    buyer = total >= BUYER_DETAILS_FROM
    return RequiredContent(tax_numbers=taxes, tax_amounts=taxes, buyer_name=buyer,
                           item_descriptions=buyer, payment_terms=buyer)
