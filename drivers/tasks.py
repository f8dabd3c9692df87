"""Celery entry points of the drivers: the evening before, each driver gets their link."""

from datetime import timedelta

from celery import shared_task

from shop import clock

from .services import links_send_for_day


@shared_task
def send_tomorrows_links():
    """Text tomorrow's drivers their route link (once per link; beat runs it each evening)."""
    return links_send_for_day(date=clock.today() + timedelta(days=1))
