"""Background work about orders; each task loads by id and calls one service."""

from celery import shared_task
from oscar.core.loading import get_model

from .services import order_confirmation_send, order_confirmations_catch_up


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(order_id):
    Order = get_model("order", "Order")
    order = Order._default_manager.filter(pk=order_id).first()
    if order is not None:
        order_confirmation_send(order=order)


@shared_task(acks_late=True)
def confirmations_catch_up():
    """Confirmation emails whose queueing failed (Redis down) go out late, once."""
    return order_confirmations_catch_up()
