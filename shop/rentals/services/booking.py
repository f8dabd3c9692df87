"""Booking a tool and paying for it through the one order pipeline.

``reservation_book`` makes the reservation and places its order (rental fee
and deposit lines, see ``billing``) in one transaction. Paid online, the unit
is held until payment (``RENTALS_HOLD_MINUTES``): the payments code calls
``reservations_order_paid`` when the order is paid, and the beat task
``release_expired_holds`` cancels the unpaid hold and its order (and closes
its Stripe Checkout page, once that is committed). Paid later
(at pick-up, on invoice), the booking is confirmed at once.
"""

import logging

from django.db import transaction
from django.urls import reverse
from oscar.core.loading import get_class

from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.pipeline import LineRequest, place_order
from shop.rentals.models import Reservation, ReservationStatus
from shop.shipping.repository import Fulfilment

from .billing import FeeKind, fee_product
from .reservations import rentable_terms, reservation_confirm, reservation_create

logger = logging.getLogger(__name__)


def reservation_book(
    *,
    member,
    start,
    end,
    payment_method: str,
    product=None,
    unit=None,
    channel: str = Channel.WEB,
    placed_by=None,
    request=None,
) -> Reservation:
    """Book ``product`` (or ``unit``) for ``member`` and place the order that bills it."""
    hold = payment_method not in PaymentMethod.pay_later()
    with transaction.atomic():
        reservation = reservation_create(
            member=member, start=start, end=end, product=product, unit=unit, hold=hold,
            created_by=placed_by or member,
        )
        order = place_order(
            customer=member, channel=channel, fulfilment=Fulfilment.PICKUP,
            payment_method=payment_method, lines=booking_lines(reservation),
            placed_by=placed_by, request=request,
        )
        reservation.order = order
        reservation.save(update_fields=["order"])
    return reservation


def booking_lines(reservation) -> list:
    """The order lines of a booking: whole weeks, then days, then the deposit."""
    terms = rentable_terms(reservation.unit.product)
    seller = reservation.unit.seller
    lines = []
    for kind, unit_price, quantity in fee_breakdown(terms, reservation.days):
        lines.append(LineRequest(product=fee_product(seller=seller, kind=kind,
                                                     unit_price=unit_price),
                                 quantity=quantity))
    if reservation.deposit_amount:
        lines.append(LineRequest(product=fee_product(
            seller=seller, kind=FeeKind.DEPOSIT, unit_price=reservation.deposit_amount)))
    return lines


def fee_breakdown(terms, days: int) -> list:
    """``(kind, unit price, quantity)`` rows adding up to ``terms.rental_fee(days)``."""
    week = terms.price_per_week if terms.price_per_week is not None else terms.price_per_day * 7
    weeks, rest = divmod(days, 7)
    if rest and rest * terms.price_per_day >= week:
        weeks, rest = weeks + 1, 0
    rows = []
    if weeks and week:
        rows.append((FeeKind.RENTAL_WEEK, week, weeks))
    if rest and terms.price_per_day:
        rows.append((FeeKind.RENTAL_DAY, terms.price_per_day, rest))
    return rows


def reservations_order_paid(*, order) -> int:
    """``order`` is paid (called by shop.payments), so its held bookings are confirmed.

    Returns how many were confirmed; safe to call twice.
    """
    confirmed = 0
    for reservation in order.rental_reservations.filter(status=ReservationStatus.HELD):
        reservation_confirm(reservation=reservation, order=order)
        confirmed += 1
    return confirmed


def order_cancel_unpaid(*, order) -> None:
    """Cancel the order of a hold released unpaid (if it is still waiting for payment)."""
    if order is None or order.status != OrderStatus.PENDING_PAYMENT:
        return
    EventHandler = get_class("order.processing", "EventHandler")
    EventHandler().handle_order_status_change(order, OrderStatus.CANCELLED,
                                              note_msg="Rental hold expired unpaid.")
    order_id = order.pk
    transaction.on_commit(lambda: booking_links_close(order_id=order_id))


def booking_links_close(*, order_id) -> int:
    """Close the open Stripe Checkout pages of a released booking's order, so it is not paid late.

    Runs once the release is committed (it calls Stripe). A page Stripe will not
    close (already paid, Stripe out of reach) is logged and left as it is.
    Returns how many were closed.
    """
    from integrations.stripe import client as stripe_client
    from integrations.stripe.exceptions import StripeError
    from shop.payments.models import PaymentLink

    open_links = PaymentLink._default_manager.filter(order_id=order_id,
                                                     status=PaymentLink.Status.OPEN)
    closed = 0
    for link in open_links:
        try:
            stripe_client.gateway().checkout_session_expire(link.session_id)
        except StripeError as error:
            logger.warning("Payment link %s of a released booking left open: %s",
                           link.session_id, error)
            continue
        closed += PaymentLink._default_manager.filter(
            pk=link.pk, status=PaymentLink.Status.OPEN).update(status=PaymentLink.Status.EXPIRED)
    return closed


def booking_payment_method() -> str:
    """How a client booking online pays: by card on Stripe Checkout when cards are on,
    else at pick-up (the booking is then confirmed at once)."""
    from integrations.stripe import client as stripe_client

    return PaymentMethod.PAYMENT_LINK if stripe_client.is_enabled() else PaymentMethod.ON_DELIVERY


def booking_checkout_link(*, reservation):
    """The Stripe Checkout page where the member pays a held booking.

    Reuses the order's open payment link, else opens one that brings the client
    back to the booking page. Raises ``PaymentRefused`` or ``StripeError``.
    """
    from shop.payments.services import payment_link_create, payment_link_current, public_url

    order = reservation.order
    return_url = public_url(reverse("rentals:booking", kwargs={"pk": reservation.pk}))
    return (payment_link_current(order=order)
            or payment_link_create(order=order, return_url=return_url))
