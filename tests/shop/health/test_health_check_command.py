"""``manage.py health_check [--worker] [--beat]``: exit code 0 when ready, 1 when not."""

import socket

import pytest
from django.core.management import call_command

from shop.health import heartbeat

from .conftest import needs_redis, seconds_ago

pytestmark = pytest.mark.django_db


def exit_code(*args) -> int:
    try:
        call_command("health_check", *args)
    except SystemExit as exit:
        return exit.code
    return 0


def test_exits_0_when_the_database_and_redis_answer():
    assert exit_code() == 0


def test_exits_1_when_redis_does_not_answer(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    assert exit_code() == 1


def test_with_worker_needs_a_fresh_heartbeat_of_a_worker_on_this_machine(settings):
    needs_redis(settings)
    assert exit_code("--worker") == 1

    heartbeat.worker_beat(node="celery@" + socket.gethostname())
    assert exit_code("--worker") == 0

    heartbeat.worker_beat(node="celery@" + socket.gethostname(), at=seconds_ago(120))
    heartbeat.worker_beat(node="celery@another-machine")
    assert exit_code("--worker") == 1


def test_with_beat_needs_a_recent_tick(settings):
    needs_redis(settings)
    assert exit_code("--beat") == 1

    heartbeat.beat_sent()
    assert exit_code("--beat") == 0


def test_with_tasks_in_process_the_worker_and_beat_count_as_ready(settings):
    settings.REDIS_URL = ""

    assert exit_code("--worker", "--beat") == 0
