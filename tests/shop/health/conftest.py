"""What the health tests stand on: Redis's heartbeat keys emptied, and a shop that is alive."""

import time

import pytest

from shop.health import heartbeat


def needs_redis(settings):
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL: with tasks in-process there is no worker or beat to watch")


@pytest.fixture(autouse=True)
def _no_heartbeats(settings):
    """No worker or beat has been seen yet (Redis's keys of the health app removed)."""
    if settings.REDIS_URL:
        with heartbeat.client() as connection:
            connection.delete(heartbeat.WORKERS_KEY, heartbeat.BEAT_KEY)
    yield


@pytest.fixture
def alive(settings):
    """A worker and beat that have just shown signs of life (nothing to do without Redis)."""
    if settings.REDIS_URL:
        heartbeat.worker_beat(node="celery@worker-1")
        heartbeat.beat_sent()


def seconds_ago(seconds: float) -> float:
    return time.time() - seconds
