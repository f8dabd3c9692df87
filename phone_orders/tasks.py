"""Background work of the phone channel; each task loads by id and calls a service."""

from celery import shared_task

from .services.questions import reorders_catch_up, sms_reorder_place


@shared_task(acks_late=True)
def place_sms_reorder(question_id):
    order = sms_reorder_place(question_id=question_id)
    return order.number if order is not None else None


@shared_task(acks_late=True)
def sms_reorders_catch_up():
    """Reorders said OUI/YES to while Redis was down are placed late, once."""
    return reorders_catch_up()
