"""Drill: /readyz turns not ready when the worker stops, and ready again when it restarts.

A real ``celery worker`` process (the shop's app, as ``celery -A shop worker``
runs it) on a Redis server of the drill's own, with short heartbeat settings
passed by environment: a heartbeat every second, stale after three. Stopped,
it must be seen not ready within the stale period (with the defaults, 60 s:
"within a minute"); started again, ready at its first heartbeat.
"""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.test import Client

from shop.health import heartbeat
from tests.drills.conftest import drill_redis, elapsed, eventually  # noqa: F401

pytestmark = [pytest.mark.drill, pytest.mark.real_clock, pytest.mark.django_db]
HEARTBEAT_SECONDS, STALE_SECONDS = 1, 3


def database_url():
    db = connection.settings_dict
    return "postgres://{}:{}@{}:{}/{}".format(db["USER"], db["PASSWORD"] or "", db["HOST"] or "127.0.0.1",
                                             db["PORT"] or 5432, db["NAME"])


class Worker:
    """One ``celery worker`` process, started and stopped by the drill."""

    def __init__(self, redis_url, directory):
        self.redis_url, self.directory, self.process, self.runs = redis_url, directory, None, 0

    def start(self):
        from django.conf import settings

        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings.test",
               "REDIS_URL": self.redis_url, "PYTHONPATH": str(settings.BASE_DIR),
               "HEALTH_WORKER_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS), "LOG_LEVEL": "INFO"}
        if connection.vendor == "postgresql":
            env["DATABASE_URL"] = database_url()
        self.log = self.directory / f"worker{self.runs}.log"
        self.runs += 1
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "shop", "worker", "--pool=solo",
                 "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
                 "-n", f"health-drill{self.runs}@%h"],
                cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def worker(drill_redis, settings, tmp_path):  # noqa: F811
    settings.REDIS_URL = drill_redis.url
    settings.HEALTH_WORKER_STALE_SECONDS = STALE_SECONDS
    process = Worker(drill_redis.url, tmp_path)
    yield process
    process.stop()


def status(client) -> int:
    return client.get("/readyz").status_code


def test_readyz_follows_the_worker_stopping_and_starting_again(worker):
    client = Client()
    heartbeat.beat_sent()  # beat is not part of this drill: its tick stays fresh for 3 minutes
    assert status(client) == 503  # no worker seen yet

    worker.start()
    assert eventually(lambda: status(client) == 200, timeout=60), worker.log.read_text()

    worker.stop()
    stopped_at = time.monotonic()
    assert eventually(lambda: status(client) == 503, timeout=STALE_SECONDS + 5)
    assert elapsed(stopped_at) <= STALE_SECONDS + 0.5  # at most the stale period after the stop
    assert client.get("/readyz").json()["checks"]["worker"]["ok"] is False

    worker.start()
    assert eventually(lambda: status(client) == 200, timeout=60), worker.log.read_text()
