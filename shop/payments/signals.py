"""What the payments app announces, for the apps that act on money received or returned.

Sent inside the transaction that records the payment or the refund, with the
order locked, like Oscar's ``order_placed``: a receiver's writes commit or roll
back with the payment. Payments imports none of its listeners.

- ``order_paid(order, amount, reference)``: a payment was recorded (once per
  reference), the order moved out of "pending payment".
- ``order_refunded(order, amount, reference)``: a refund was recorded.
"""

from django.dispatch import Signal

order_paid = Signal()
order_refunded = Signal()
