from django.db import transaction
from oscar.apps.order.processing import EventHandler as CoreEventHandler

from .statuses import OrderStatus

#: Statuses the client is told about by SMS, and the message kind for each.
STATUS_MESSAGES = {
    OrderStatus.READY_FOR_PICKUP: "order_ready",
    OrderStatus.OUT_FOR_DELIVERY: "out_for_delivery",
}


class EventHandler(CoreEventHandler):
    """Order status changes that also settle stock.

    Cancelling an order gives its allocated stock back to the shelf;
    completing it takes the allocated stock out for good; "ready for pick-up"
    and "out for delivery" write an SMS for the client into the outbox. All of
    it happens in the same transaction as the status change.
    """

    def handle_order_status_change(self, order, new_status, note_msg=None):
        with transaction.atomic():
            if new_status == OrderStatus.CANCELLED and order.status != new_status:
                self.cancel_stock_allocations(order, self._allocated_lines(order))
            if new_status == OrderStatus.COMPLETED and order.status != new_status:
                self.consume_stock_allocations(order, self._allocated_lines(order))
            super().handle_order_status_change(order, new_status, note_msg=note_msg)
            if new_status in STATUS_MESSAGES:
                from shop.notifications.services import notify_order_status

                notify_order_status(order=order, kind=STATUS_MESSAGES[new_status])

    def _allocated_lines(self, order):
        return [line for line in order.lines.all() if line.num_allocated]
