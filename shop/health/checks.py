"""Whether the shop is ready: one small check per part it stands on.

Each check returns a ``Check``: its name, whether it is ok, a detail for
machines (numbers and words, never a person's data) and a sentence for people
(the coordinators' dashboard tile). ``readiness()`` runs them all, as /readyz does.

With no REDIS_URL (tasks run in-process) there is no Redis, worker or beat to
check: those checks say so and count as ready.
"""

import logging
import time
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shop import clock

from . import heartbeat, selectors

logger = logging.getLogger(__name__)

MIGRATIONS_CACHE_KEY = "health:migrations-pending"
MIGRATIONS_CACHE_SECONDS = 60  # the migration graph takes a while to load
FAILURES = (Exception,)  # a check reports what went wrong; it never raises


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str
    detail: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


# --- The database -------------------------------------------------------------------


def database() -> Check:
    """A query works, and every migration is applied (that answer kept a minute)."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = _migrations_pending()
    except FAILURES as exc:
        logger.warning("Health: database unreachable: %s", exc)
        return Check("database", False, _("The database does not answer."),
                     {"reachable": False})
    if pending:
        return Check("database", False,
                     _("The database is waiting for its migrations (manage.py migrate)."),
                     {"reachable": True, "migrations_pending": pending})
    return Check("database", True, _("The database answers."),
                 {"reachable": True, "migrations_pending": 0})


def _migrations_pending() -> int:
    pending = cache.get(MIGRATIONS_CACHE_KEY)
    if pending is None:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        cache.set(MIGRATIONS_CACHE_KEY, pending, MIGRATIONS_CACHE_SECONDS)
    return pending


# --- Redis, the worker and beat ----------------------------------------------------------

NOT_USED = {"used": False}


def redis() -> Check:
    """Redis answers PING (when the shop uses it)."""
    if not settings.REDIS_URL:
        return Check("redis", True, _("Redis is not used: tasks run inside the web process."),
                     NOT_USED)
    try:
        with heartbeat.client() as connection:
            connection.ping()
    except FAILURES as exc:
        logger.warning("Health: Redis unreachable: %s", exc)
        return Check("redis", False, _("Redis does not answer: background tasks cannot be queued."),
                     {"used": True, "reachable": False})
    return Check("redis", True, _("Redis answers."), {"used": True, "reachable": True})


def worker(*, host: str | None = None) -> Check:
    """A worker's heartbeat is younger than HEALTH_WORKER_STALE_SECONDS.

    ``host``: only the workers whose node name ends with "@host" (a container's own).
    """
    if not settings.REDIS_URL:
        return Check("worker", True, _("No worker is used: tasks run inside the web process."),
                     NOT_USED)
    stale_after = settings.HEALTH_WORKER_STALE_SECONDS
    try:
        beats = heartbeat.worker_heartbeats()
    except FAILURES:
        return Check("worker", False, _("The workers' heartbeats cannot be read (Redis)."),
                     {"used": True, "readable": False})
    if host is not None:
        beats = {node: seen for node, seen in beats.items() if node.endswith("@" + host)}
    ages = [time.time() - seen for seen in beats.values()]
    alive = sum(1 for age in ages if age <= stale_after)
    detail = {"used": True, "workers_alive": alive, "stale_after_seconds": stale_after,
              "last_heartbeat_seconds_ago": round(min(ages)) if ages else None}
    if alive:
        return Check("worker", True, _("Background tasks are running."), detail)
    if not ages:
        return Check("worker", False, _("No worker has been seen running: texts and emails "
                                        "are waiting."), detail)
    count = minutes(min(ages))
    return Check("worker", False, ngettext(
        "Background tasks have been stopped for %(minutes)s minute: texts and emails are waiting.",
        "Background tasks have been stopped for %(minutes)s minutes: texts and emails are "
        "waiting.", count) % {"minutes": count}, detail)


def beat() -> Check:
    """Beat sent its tick within HEALTH_BEAT_STALE_SECONDS (recorded by beat when it sends it)."""
    if not settings.REDIS_URL:
        return Check("beat", True, _("No scheduler is used: tasks run inside the web process."),
                     NOT_USED)
    stale_after = settings.HEALTH_BEAT_STALE_SECONDS
    try:
        sent = heartbeat.beat_last_sent()
    except FAILURES:
        return Check("beat", False, _("The scheduler's last tick cannot be read (Redis)."),
                     {"used": True, "readable": False})
    age = None if sent is None else time.time() - sent
    detail = {"used": True, "recorded": "when beat sends its tick", "stale_after_seconds":
              stale_after, "last_tick_seconds_ago": None if age is None else round(age)}
    if age is not None and age <= stale_after:
        return Check("beat", True, _("Scheduled tasks are being started."), detail)
    if age is None:
        return Check("beat", False, _("The scheduler has not been seen running: reminders and "
                                      "retries are not started."), detail)
    count = minutes(age)
    return Check("beat", False, ngettext(
        "Scheduled tasks have not been started for %(minutes)s minute: reminders and retries "
        "are waiting.",
        "Scheduled tasks have not been started for %(minutes)s minutes: reminders and retries "
        "are waiting.", count) % {"minutes": count}, detail)


# --- The outbox ----------------------------------------------------------------------


def outbox() -> Check:
    """No text or email has been due and still queued for HEALTH_OUTBOX_STUCK_SECONDS."""
    stuck_after = settings.HEALTH_OUTBOX_STUCK_SECONDS
    now = clock.now()
    try:
        since = selectors.outbox_oldest_due_since(now=now)
    except FAILURES:
        return Check("outbox", False, _("The outbox cannot be read (database)."),
                     {"readable": False})
    age = None if since is None else max(0.0, (now - since).total_seconds())
    detail = {"oldest_due_seconds": None if age is None else round(age),
              "stuck_after_seconds": stuck_after}
    if age is None or age <= stuck_after:
        return Check("outbox", True, _("Texts and emails are leaving on time."), detail)
    count = minutes(age)
    return Check("outbox", False, ngettext(
        "The oldest text or email due has been waiting for %(minutes)s minute.",
        "The oldest text or email due has been waiting for %(minutes)s minutes.",
        count) % {"minutes": count}, detail)


# --- All of them ---------------------------------------------------------------------

CHECKS = {"database": database, "redis": redis, "worker": worker, "beat": beat,
          "outbox": outbox}


def readiness(names=tuple(CHECKS)) -> list[Check]:
    """The checks named (all by default), in order."""
    return [CHECKS[name]() for name in names]


def all_ok(checks: list[Check]) -> bool:
    return all(check.ok for check in checks)
