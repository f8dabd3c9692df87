"""The order and line status pipelines.

Oscar reads these from settings into class attributes at import time, so they
live here as plain data that settings import; translated labels are looked up
with ``status_label``.
"""

from django.utils.translation import gettext_lazy as _


class OrderStatus:
    PENDING_PAYMENT = "Pending payment"
    TO_PREPARE = "To prepare"
    READY = "Ready"
    OUT_FOR_DELIVERY = "Out for delivery"
    READY_FOR_PICKUP = "Ready for pick-up"
    COMPLETED = "Completed"
    CANCELLED = "Cancelled"


LABELS = {
    OrderStatus.PENDING_PAYMENT: _("Pending payment"),
    OrderStatus.TO_PREPARE: _("To prepare"),
    OrderStatus.READY: _("Ready"),
    OrderStatus.OUT_FOR_DELIVERY: _("Out for delivery"),
    OrderStatus.READY_FOR_PICKUP: _("Ready for pick-up"),
    OrderStatus.COMPLETED: _("Completed"),
    OrderStatus.CANCELLED: _("Cancelled"),
}

S = OrderStatus
ORDER_STATUS_PIPELINE = {
    S.PENDING_PAYMENT: (S.TO_PREPARE, S.CANCELLED),
    S.TO_PREPARE: (S.READY, S.CANCELLED),
    S.READY: (S.OUT_FOR_DELIVERY, S.READY_FOR_PICKUP, S.CANCELLED),
    S.OUT_FOR_DELIVERY: (S.COMPLETED, S.READY),
    S.READY_FOR_PICKUP: (S.COMPLETED, S.CANCELLED),
    S.COMPLETED: (),
    S.CANCELLED: (),
}
LINE_STATUS_PIPELINE = ORDER_STATUS_PIPELINE
ORDER_STATUS_CASCADE = {status: status for status in ORDER_STATUS_PIPELINE}


def status_label(status):
    """The translated label of a stored status value."""
    return LABELS.get(status, status)
