"""Background work: a missing Redis makes queuing fail fast, not hang a request."""

import time

import pytest
from celery import Celery
from kombu.exceptions import OperationalError


def test_queuing_with_redis_down_fails_within_seconds(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app = Celery("probe")
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
