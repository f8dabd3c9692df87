"""Celery entry points (run from beat): thin, each calls one service."""

from celery import shared_task


@shared_task(name="shop.people.tasks.erase_stale_health_notes")
def erase_stale_health_notes():
    """Daily: health, diet and access notes of meal clients inactive for the set period."""
    from shop.people.services.erasure import health_notes_erase_stale

    return health_notes_erase_stale()
