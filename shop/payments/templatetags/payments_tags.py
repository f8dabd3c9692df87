from django import template
from django.utils.translation import gettext as _

from integrations.stripe import client as stripe_client
from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus

from .. import selectors, services

register = template.Library()


@register.simple_tag
def order_payment(order):
    """The order's payment state (``selectors.OrderPayment``)."""
    return selectors.order_payment(order)


@register.simple_tag
def order_payment_actions(order):
    """What staff may do about the order's payment, for the dashboard partial."""
    payment = selectors.order_payment(order)
    stripe_on = stripe_client.is_enabled()
    open_to_pay = payment.outstanding > 0 and order.status != OrderStatus.CANCELLED
    return {
        "can_record": open_to_pay,
        "can_refund": stripe_on and services.refundable_source(order) is not None,
        "can_send_link": stripe_on and open_to_pay,
        "links": list(order.payment_links.all()),
        "refunds": list(order.stripe_refunds.all()),
        "method_label": PaymentMethod(order.payment_method).label if order.payment_method else _("-"),
    }
