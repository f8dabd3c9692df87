from django.db import transaction
from oscar.apps.order.processing import EventHandler as CoreEventHandler

from .statuses import OrderStatus


class EventHandler(CoreEventHandler):
    """Order status changes that also settle stock.

    Cancelling an order gives its allocated stock back to the shelf;
    completing it takes the allocated stock out for good. Both happen in the
    same transaction as the status change.
    """

    def handle_order_status_change(self, order, new_status, note_msg=None):
        with transaction.atomic():
            if new_status == OrderStatus.CANCELLED and order.status != new_status:
                self.cancel_stock_allocations(order, self._allocated_lines(order))
            if new_status == OrderStatus.COMPLETED and order.status != new_status:
                self.consume_stock_allocations(order, self._allocated_lines(order))
            super().handle_order_status_change(order, new_status, note_msg=note_msg)

    def _allocated_lines(self, order):
        return [line for line in order.lines.all() if line.num_allocated]
