"""The signs of life: a running worker writes its heartbeat, beat's tick is recorded when sent."""

import pytest
from django.conf import settings as django_settings

from shop.celery import app
from shop.health import checks, heartbeat
from shop.health.tasks import beat_tick
from tests.conftest import wait_for

from .conftest import needs_redis


def test_a_running_worker_writes_its_heartbeat_under_its_node_name(settings, celery_worker):
    needs_redis(settings)

    assert wait_for(lambda: celery_worker.hostname in heartbeat.worker_heartbeats(), timeout=10)
    assert checks.worker().ok


def test_beats_tick_is_recorded_when_it_is_sent_to_the_broker(settings):
    needs_redis(settings)
    assert heartbeat.beat_last_sent() is None

    beat_tick.apply_async()
    app.control.purge()  # no worker here: the tick is not run, only sent

    assert heartbeat.beat_last_sent() is not None
    assert checks.beat().ok


def test_beat_sends_its_tick_every_minute_well_within_the_stale_period():
    tick = django_settings.CELERY_BEAT_SCHEDULE["health-beat-tick"]

    assert tick["task"] == heartbeat.BEAT_TICK_TASK
    assert tick["schedule"] == 60.0
    assert django_settings.HEALTH_BEAT_STALE_SECONDS >= 2 * tick["schedule"]


@pytest.mark.parametrize("name, default", [
    ("HEALTH_WORKER_HEARTBEAT_SECONDS", 15),
    ("HEALTH_WORKER_STALE_SECONDS", 60),
    ("HEALTH_BEAT_STALE_SECONDS", 180),
    ("HEALTH_OUTBOX_STUCK_SECONDS", 900),
])
def test_the_defaults_are_the_documented_ones(name, default):
    assert getattr(django_settings, name) == default


def test_by_default_a_stopped_worker_is_noticed_within_a_minute():
    """The last heartbeat is at most HEALTH_WORKER_STALE_SECONDS old when the worker stops,
    so /readyz turns not ready at most that long after; a live worker writes several
    heartbeats in that time, so a late one does not raise a false alarm."""
    assert django_settings.HEALTH_WORKER_STALE_SECONDS <= 60
    assert django_settings.HEALTH_WORKER_HEARTBEAT_SECONDS * 3 <= django_settings.HEALTH_WORKER_STALE_SECONDS
