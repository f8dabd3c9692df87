"""What the tool library does when orders happen elsewhere (connected in ``RentalsConfig.ready``).

Memberships are sold as products through the one order pipeline, which knows
nothing of rentals: the tool library listens to Oscar's own order signals.

- ``order_placed`` (sent by Oscar's ``OrderCreator`` inside the pipeline's
  transaction): an order paid later (at the counter, on invoice) starts in
  preparation, so the buyer is a member at once, as a tool booked and paid
  later is confirmed at once.
- ``order_status_changed`` from "pending payment" to "to prepare": the
  payments code moves an order there when its card or payment-link payment is
  received (signed Stripe webhook), so a member paying online becomes one
  once paid, never on an abandoned payment.
- ``order_paid`` (``shop.payments.signals``, sent with the payment recorded):
  tool bookings held for an online payment become firm.
"""

from shop.order.statuses import OrderStatus


def membership_on_order_placed(sender, order, user=None, **kwargs):
    if order.status != OrderStatus.PENDING_PAYMENT and _may_hold_membership(order):
        _grant(order)


def _may_hold_membership(order) -> bool:
    """False when the lines as placed (their products and classes already read) hold no
    membership; True when they do, or were not placed in this process."""
    from shop.order.utils import placed_lines
    from shop.rentals.services.membership_products import MEMBERSHIP_CLASS_SLUG

    lines = placed_lines(order)
    if lines is None:
        return True
    return any(line.product is not None
               and line.product.get_product_class().slug == MEMBERSHIP_CLASS_SLUG
               for line in lines)


def membership_on_order_paid(sender, order, old_status, new_status, **kwargs):
    if old_status == OrderStatus.PENDING_PAYMENT and new_status == OrderStatus.TO_PREPARE:
        _grant(order)


def reservations_on_order_paid(sender, order, **kwargs):
    from shop.rentals.services.booking import reservations_order_paid

    reservations_order_paid(order=order)


def _grant(order):
    from shop.rentals.services.memberships import memberships_grant_for_order

    memberships_grant_for_order(order=order)


def connect():
    from oscar.apps.order.signals import order_placed, order_status_changed

    from shop.payments.signals import order_paid

    order_placed.connect(membership_on_order_placed,
                         dispatch_uid="rentals-membership-order-placed")
    order_status_changed.connect(membership_on_order_paid,
                                 dispatch_uid="rentals-membership-order-paid")
    order_paid.connect(reservations_on_order_paid, dispatch_uid="rentals-reservations-order-paid")
