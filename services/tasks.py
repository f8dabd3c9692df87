"""Meal-delivery background jobs: thin entry points that call one service each."""

from celery import shared_task

from services import services


@shared_task(acks_late=True)
def generate_deliveries():
    """Nightly (Celery beat): resume due pauses, keep the next days of deliveries generated."""
    return services.deliveries_generate_nightly()


@shared_task(acks_late=True)
def expire_waitlist_offers():
    """Hourly (Celery beat): offers not answered in time pass to the next person."""
    return services.waitlist_offers_expire()
