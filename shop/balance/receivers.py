"""The balance listens to orders: one placed with the balance is paid from it, and a
refund of such an order goes back on it.

Oscar's ``order_placed`` is sent inside the pipeline's transaction: refusing
here (``UnableToPlaceOrder``) rolls the whole order back. ``order_refunded``
(``shop.payments.signals``) is sent inside the refund's transaction.
"""

from shop.order.models import PaymentMethod


def on_order_placed(sender, order, **kwargs):
    if order.payment_method == PaymentMethod.BALANCE:
        from .services import balance_pay_order

        balance_pay_order(order=order)


def on_order_refunded(sender, order, amount, reference, **kwargs):
    if order.payment_method == PaymentMethod.BALANCE:
        from .services import balance_order_refunded

        balance_order_refunded(order=order, amount=amount, reference=reference)


def connect():
    from oscar.apps.order.signals import order_placed

    from shop.payments.signals import order_refunded

    order_placed.connect(on_order_placed, dispatch_uid="balance-order-placed")
    order_refunded.connect(on_order_refunded, dispatch_uid="balance-order-refunded")
