"""Actions on orders that are not the placing itself (see shop.pipeline)."""

import logging

from django.contrib.sites.models import Site
from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_class

logger = logging.getLogger(__name__)
OrderDispatcher = get_class("order.utils", "OrderDispatcher")


def order_confirmation_send(*, order):
    """Email the order confirmation to the customer, when they have an email.

    A client known only by phone gets no email (their SMS confirmation is the
    phone channel's); Oscar's dispatcher then logs and skips.
    """
    context = {"order": order, "lines": order.lines.all(), "user": order.user}
    try:
        path = _status_path(order)
    except NoReverseMatch:
        path = None
    if path:
        context["status_path"] = path
        context["site"] = Site.objects.get_current()
    OrderDispatcher(logger=logger).send_order_placed_email_for_user(order, context)


def _status_path(order):
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )


def order_status_change(*, order, new_status, user=None, note=""):
    """Move an order along its pipeline (raises ``InvalidOrderStatus`` if not allowed)."""
    EventHandler = get_class("order.processing", "EventHandler")
    EventHandler(user).handle_order_status_change(order, new_status, note_msg=note or None)
    return order
