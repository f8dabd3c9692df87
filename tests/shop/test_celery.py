"""Background work: a missing Redis makes queuing fail fast, not hang a request."""

import time

import pytest
from celery import Celery
from kombu.exceptions import OperationalError


def test_queuing_with_redis_down_fails_within_seconds(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app = Celery("probe", set_as_current=False)  # the shop's app stays the current one
    app.config_from_object("django.conf:settings", namespace="CELERY")
    started = time.monotonic()
    with pytest.raises(OperationalError):
        app.send_task("shop.order.tasks.send_order_confirmation", args=[1])
    assert time.monotonic() - started < 10


def test_without_redis_url_tasks_run_in_process(settings):
    from django.conf import settings as live

    if live.REDIS_URL:
        pytest.skip("REDIS_URL is set: tasks go to Redis here")
    from shop.celery import app

    assert app.conf.task_always_eager is True


def test_a_retry_waiting_in_a_worker_is_not_handed_to_a_second_one(settings):
    """Redis gives an unacknowledged task to another worker after the visibility
    timeout; a retry of the outbox waits up to its longest backoff in the worker
    that holds it, so the timeout must be longer (tests/drills cover the rest)."""
    attempts_with_a_wait = settings.SMS_MAX_ATTEMPTS - 1
    longest_wait = settings.SMS_RETRY_BACKOFF_SECONDS * 2 ** (attempts_with_a_wait - 1)
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > longest_wait
