"""What the client's order pages and emails show: counters, status and payment in words."""

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

from shop.order.statuses import status_label
from shop.shipping import selectors as shipping_selectors

register = template.Library()


@register.simple_tag
def order_counters(order):
    """The sellers' counters where a pick-up order is collected (one a seller)."""
    return shipping_selectors.order_counters(order)


@register.simple_tag
def basket_counters(basket):
    return shipping_selectors.basket_counters(basket)


@register.filter
def is_pickup(order):
    return shipping_selectors.is_pickup(order)


@register.filter
def is_delivery(order):
    return shipping_selectors.is_delivery(order)


@register.filter
def status_name(status):
    """A stored status ("To prepare") by its name in the client's language."""
    return status_label(status) if status else ""


@dataclass(frozen=True)
class PaymentSummary:
    method: str
    amount: Decimal
    currency: str
    state: str


@register.simple_tag
def order_payment_summary(order):
    """How the client pays, for how much, and whether it is paid: no internal code."""
    from shop.order.models import PaymentMethod
    from shop.payments.selectors import order_payment

    method = order.payment_method
    if method == PaymentMethod.ON_DELIVERY:
        label = (_("Pay at the seller's counter, at pick-up")
                 if shipping_selectors.is_pickup(order) else _("Pay on delivery"))
    elif method in PaymentMethod.values:
        label = PaymentMethod(method).label
    else:
        label = _("Payment")
    return PaymentSummary(method=label, amount=order.total_incl_tax, currency=order.currency,
                          state=order_payment(order).label)
