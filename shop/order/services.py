"""Actions on orders that are not the placing itself (see shop.pipeline)."""

import logging
from datetime import timedelta

from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_class, get_model

from shop import clock

logger = logging.getLogger(__name__)
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

# Confirmations not sent this long after the order are caught up (the queueing
# failed, Redis being down); older ones are left alone.
CONFIRMATION_GRACE = timedelta(minutes=5)
CONFIRMATION_CATCH_UP_WINDOW = timedelta(days=2)


def order_confirmation_send(*, order):
    """Email the order confirmation to the customer, when they have an email.

    A client known only by phone gets no email (their SMS confirmation is the
    phone channel's); Oscar's dispatcher then logs and skips. Sent once: the
    order row is locked and an order that already has its confirmation
    (Oscar's "order placed" communication event) is skipped.
    """
    Order = get_model("order", "Order")
    with transaction.atomic():
        order = Order._default_manager.select_for_update().get(pk=order.pk)
        if order.communication_events.filter(
                event_type__code=OrderDispatcher.ORDER_PLACED_EVENT_CODE).exists():
            return
        _send_confirmation(order)


def orders_without_confirmation(*, now=None):
    """Orders with an email placed in the last two days, more than five minutes
    ago, whose confirmation email has not gone out."""
    now = now or clock.now()
    Order = get_model("order", "Order")
    with_email = Q(guest_email__gt="") | (Q(user__email__isnull=False) & ~Q(user__email=""))
    return (
        Order._default_manager
        .filter(with_email, date_placed__gte=now - CONFIRMATION_CATCH_UP_WINDOW,
                date_placed__lte=now - CONFIRMATION_GRACE)
        .exclude(communication_events__event_type__code=OrderDispatcher.ORDER_PLACED_EVENT_CODE)
        .order_by("date_placed")
    )


def order_confirmations_catch_up(*, now=None) -> int:
    """Send the confirmations whose queueing failed; returns how many were sent."""
    sent = 0
    for order in orders_without_confirmation(now=now):
        order_confirmation_send(order=order)
        sent += 1
    return sent


def _send_confirmation(order):
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
