"""Celery entry points (run from beat): thin, each calls one service."""

from celery import shared_task


@shared_task(name="shop.rentals.tasks.release_expired_holds")
def release_expired_holds():
    """Cancel bookings held for payment whose time is up (every 5 minutes)."""
    from shop.rentals.services import holds_release_expired

    return holds_release_expired()


@shared_task(name="shop.rentals.tasks.send_loan_reminders")
def send_loan_reminders():
    """Due-tomorrow and overdue reminders; hourly, but at most one per loan per day."""
    from shop.rentals.services.reminders import loan_reminders_send

    return loan_reminders_send()


@shared_task(name="shop.rentals.tasks.send_membership_renewal_reminders")
def send_membership_renewal_reminders():
    """Renewal reminders two weeks before a membership lapses; daily, once per membership."""
    from shop.rentals.services.membership_reminders import membership_renewal_reminders_send

    return membership_renewal_reminders_send()
