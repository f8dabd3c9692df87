"""Signs of life of the background processes, kept in Redis (the broker's database).

- Each Celery worker writes the time of its heartbeat every
  HEALTH_WORKER_HEARTBEAT_SECONDS, from a bootstep of its consumer (the loop
  that takes tasks from the broker), under its node name ("celery@host").
- Beat sends the task ``shop.health.tasks.beat_tick`` every minute; the time is
  recorded by beat's own process when the message reaches the broker
  (``after_task_publish``), so it says that beat runs, not that a worker ran it.

Times are seconds since the epoch, read back by ``shop.health.checks``.
"""

import logging
import time

import redis
from celery import bootsteps
from django.conf import settings

logger = logging.getLogger(__name__)

WORKERS_KEY = "comptoir:health:workers"
BEAT_KEY = "comptoir:health:beat"
BEAT_TICK_TASK = "shop.health.tasks.beat_tick"
FORGET_AFTER_SECONDS = 7 * 24 * 3600  # a worker gone this long is no longer listed
TIMEOUT_SECONDS = 2


def client() -> redis.Redis:
    """A connection to REDIS_URL that gives up after two seconds."""
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=TIMEOUT_SECONDS,
                                socket_connect_timeout=TIMEOUT_SECONDS)


def worker_beat(*, node: str, at: float | None = None) -> None:
    """Record that the worker ``node`` is alive (now, or at ``at``)."""
    at = time.time() if at is None else at
    with client() as connection:
        connection.hset(WORKERS_KEY, node, at)
        forgotten = [name for name, seen in connection.hgetall(WORKERS_KEY).items()
                     if float(seen) < at - FORGET_AFTER_SECONDS]
        if forgotten:
            connection.hdel(WORKERS_KEY, *forgotten)


def worker_heartbeats() -> dict[str, float]:
    """The last heartbeat of each worker seen lately: {node name: epoch seconds}."""
    with client() as connection:
        return {name.decode(): float(seen) for name, seen in connection.hgetall(WORKERS_KEY).items()}


def beat_sent(*, at: float | None = None) -> None:
    """Record that beat has just sent its tick."""
    with client() as connection:
        connection.set(BEAT_KEY, time.time() if at is None else at, ex=FORGET_AFTER_SECONDS)


def beat_last_sent() -> float | None:
    """When beat last sent its tick (epoch seconds), or None."""
    with client() as connection:
        value = connection.get(BEAT_KEY)
    return float(value) if value is not None else None


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Consumer bootstep: the worker's heartbeat, written while its consumer runs.

    Celery's own heartbeats are monitoring events, sent only with ``-E``; this
    one is a timestamp in Redis that /readyz and ``health_check --worker`` read.
    It runs on the consumer's timer: a consumer that stops taking tasks (Redis
    lost, worker stopping) stops beating.
    """

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def __init__(self, c, **kwargs):
        super().__init__(c, **kwargs)
        self.timer_ref = None

    def start(self, c):
        interval = settings.HEALTH_WORKER_HEARTBEAT_SECONDS
        self._beat(c)
        self.timer_ref = c.timer.call_repeatedly(interval, self._beat, (c,), priority=10)

    def stop(self, c):
        if self.timer_ref is not None:
            self.timer_ref.cancel()
            self.timer_ref = None

    shutdown = stop

    def _beat(self, c):
        try:
            worker_beat(node=c.hostname)
        except (redis.RedisError, OSError) as exc:
            logger.warning("Worker heartbeat not written: %s", exc)


def record_beat_tick(sender=None, **kwargs):
    """``after_task_publish`` receiver: beat's tick reached the broker."""
    if sender != BEAT_TICK_TASK or not settings.REDIS_URL:
        return
    try:
        beat_sent()
    except (redis.RedisError, OSError) as exc:
        logger.warning("Beat tick not recorded: %s", exc)


def install(app) -> None:
    """Add the worker's heartbeat to ``app`` and record beat's ticks (at start-up)."""
    from celery.signals import after_task_publish

    if WorkerHeartbeat not in app.steps["consumer"]:
        app.steps["consumer"].add(WorkerHeartbeat)
    after_task_publish.connect(record_beat_tick, weak=False, dispatch_uid="health-beat-tick")
