"""Celery entry points of the outbox: thin, they load by id and call a service."""

from celery import shared_task

from .services import outbox_due, outbox_relay

# The longest wait a task holds itself; it stays under the broker's visibility
# timeout (CELERY_BROKER_TRANSPORT_OPTIONS). Longer waits (an email's later
# attempts) are left to the sweep, which sends the message once it is due.
MAX_RETRY_COUNTDOWN = 240


@shared_task(bind=True, acks_late=True, max_retries=None)
def relay_message(self, message_id):
    """Send one outbox message; on a 429 or 5xx, try again with exponential backoff.

    The backoff and the count of attempts live on the message row, so a retry
    that comes too early (a duplicate) finds it not yet due and stops. Run
    in-process (no broker), a task cannot wait: the message stays queued with
    its next attempt time and the sweep (or staff, from the outbox page) sends it;
    so does a wait longer than ``MAX_RETRY_COUNTDOWN``.
    """
    result = outbox_relay(message_id=message_id)
    if result.retry_in is not None and not self.request.is_eager \
            and result.retry_in <= MAX_RETRY_COUNTDOWN:
        raise self.retry(countdown=result.retry_in)
    return result.outcome


@shared_task(acks_late=True)
def outbox_sweep():
    """Send what is due: messages held for the quiet hours, or whose queueing failed."""
    sent = 0
    for message_id in outbox_due():
        outbox_relay(message_id=message_id)
        sent += 1
    return sent
