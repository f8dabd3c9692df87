"""What the outage drills stand on: a Redis server of their own, and Celery on it.

Each drill starts ``redis-server`` on a free port (nothing saved to disk), so it
can stop and restart it without touching the machine's own Redis. The Celery
app and the cache are pointed at it for the test; workers are real: a worker
thread of this process (``drill_worker``) or ``celery worker`` processes
(see test_outage_worker.py).

The drills on Redis need redis-server and a Redis set-up (REDIS_URL): on the
embedded default (SQLite, tasks in-process) they are skipped with the reason.
The Stripe drill needs neither and runs everywhere.
"""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import wait_for
from tests.integrations.stripe.fake import stripe_on, webhook_secret  # noqa: F401
from tests.integrations.twilio.helpers import fake_twilio, no_quiet_hours  # noqa: F401

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def needs_redis_server(settings):
    if not settings.REDIS_URL:
        pytest.skip("outage drill: needs REDIS_URL (Celery on Redis); the SQLite default runs tasks in-process")
    if not Path(REDIS_SERVER).exists():
        pytest.skip("outage drill: redis-server is not installed")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server process on ``port``, which a drill stops and starts again."""

    def __init__(self, port: int, directory: Path):
        self.port, self.directory, self.process = port, directory, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def cache_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/1"

    def tasks_outstanding(self, queue) -> int:
        """Tasks waiting in ``queue`` or taken by a worker and not yet acknowledged."""
        import redis

        with redis.Redis.from_url(self.url) as client:
            return client.llen(queue) + client.hlen("unacked")

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        assert wait_for(self.answers, timeout=10), "redis-server did not start"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        assert not self.answers(), "redis-server still answers"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def drill_redis(settings, tmp_path):
    """A Redis server of the drill's own, started; stopped at the end."""
    needs_redis_server(settings)
    server = RedisServer(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def drill_celery(drill_redis, settings):
    """The Celery app and the shared cache on the drill's Redis, as production has them.

    The broker settings are production's (short timeouts, no publish retry);
    only the broker's address changes. The shop's own app is put back after.
    """
    from celery import Celery

    from shop import celery as shop_celery

    settings.CELERY_BROKER_URL = drill_redis.url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {"default": {**settings.CACHES["default"],
                                   "LOCATION": drill_redis.cache_url}}
    app = Celery("comptoir")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.autodiscover_tasks(force=True)
    app.set_current()
    app.set_default()
    try:
        yield app
    finally:
        app.close()
        shop_celery.app.set_current()
        shop_celery.app.set_default()


@pytest.fixture
def drill_worker(drill_celery):
    """``start()`` runs a real Celery worker (a thread of this process) on the drill's Redis."""
    from celery.contrib.testing.worker import start_worker

    @contextmanager
    def start():
        with start_worker(drill_celery, pool="solo", perform_ping_check=False,
                          shutdown_timeout=10) as worker:
            yield worker

    return start


def eventually(condition, timeout=20.0):
    """``condition`` becomes true within ``timeout`` seconds."""
    return wait_for(condition, timeout=timeout, interval=0.1)


def elapsed(since: float) -> float:
    return time.monotonic() - since
