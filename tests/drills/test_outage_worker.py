"""Drill: a Celery worker is killed in the middle of a task.

Real ``celery worker`` processes on the drill's Redis and the test database
process a Stripe "payment succeeded" event for a card order. The process
running the task is SIGKILLed at a known point (tests/drills/worker_app.py):
inside the task's transaction, or after it committed but before the task was
acknowledged. The task must run again — from the broker once the visibility
timeout has passed (solo pool, the whole worker killed), or at once from the
same worker when only its pool process dies (task_reject_on_worker_lost) —
and the order must be paid exactly once.

And a worker whose Redis restarts under it stays up and does the work queued
once Redis is back.
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments.models import StripeEvent
from shop.payments.services import EventName
from tests.drills import checkout
from tests.drills.conftest import eventually
from tests.integrations.stripe.fake import deliver, event

Order = get_model("order", "Order")
Transaction = get_model("payment", "Transaction")

pytestmark = [pytest.mark.drill, pytest.mark.real_clock, pytest.mark.django_db(transaction=True)]
VISIBILITY_TIMEOUT = 3  # seconds, in the drill; 300 in production (shop/settings/base.py)


def database_url():
    db = connection.settings_dict
    return "postgres://{}:{}@{}:{}/{}".format(db["USER"], db["PASSWORD"] or "", db["HOST"] or "127.0.0.1",
                                             db["PORT"] or 5432, db["NAME"])


class Workers:
    """``celery worker`` processes on the drill's Redis and the test database."""

    def __init__(self, redis_url, directory):
        self.redis_url, self.directory, self.processes = redis_url, directory, []

    def start(self, *, pool="solo", hang_at=None):
        log = self.directory / f"worker{len(self.processes)}.log"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings.test",
               "DATABASE_URL": database_url(), "REDIS_URL": self.redis_url,
               "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), "LOG_LEVEL": "INFO",
               "PYTHONPATH": str(settings.BASE_DIR)}
        if hang_at:
            env.update(DRILL_HANG_FILE=str(self.hang_file), DRILL_HANG_AT=hang_at)
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.drills.worker_app", "worker",
             f"--pool={pool}", "--concurrency=1", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel=INFO", "-n", f"drill{len(self.processes)}@%h"],
            cwd=settings.BASE_DIR, env=env, stdout=(output := log.open("w")),
            stderr=subprocess.STDOUT)
        output.close()  # the worker has its own copy
        process.log = log
        self.processes.append(process)
        return process

    @property
    def hang_file(self):
        return self.directory / "hanging"

    def hung_process(self, timeout=30):
        """The id of the process hanging inside the task, once it is there."""
        assert eventually(self.hang_file.exists, timeout=timeout), self.logs()
        assert eventually(lambda: self.hang_file.read_text().strip() != "", timeout=2)
        return int(self.hang_file.read_text())

    def logs(self):
        return "\n".join(p.log.read_text() for p in self.processes)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def workers(drill_celery, drill_redis, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("outage drill: worker processes need a database they can share (PostgreSQL)")
    pool = Workers(drill_redis.url, tmp_path)
    yield pool
    pool.stop_all()


@pytest.fixture
def card_order(drill_celery, client, sellers, stripe_on):
    """A guest's card order, placed and waiting for its payment."""
    checkout.fill_basket(client, checkout.book_and_drill(sellers))
    checkout.to_the_payment_step(client, guest_email="lea@example.org")
    checkout.place_by(client, PaymentMethod.CARD)
    return Order.objects.get()


def paid_once(order):
    return (Order.objects.get(pk=order.pk).status == OrderStatus.TO_PREPARE
            and order.payment_events.filter(event_type__name=EventName.PAID).count() == 1
            and Transaction.objects.filter(source__order=order, txn_type="Debit").count() == 1)


@pytest.mark.parametrize("pool, hang_at", [
    ("solo", "before_commit"),
    ("solo", "after_commit"),
    ("prefork", "after_commit"),
])
def test_a_task_whose_worker_is_killed_runs_again_and_pays_the_order_once(
        workers, drill_redis, card_order, stripe_on, webhook_secret, pool, hang_at):
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    first = workers.start(pool=pool, hang_at=hang_at)
    # The order's own work (its confirmation email, through the outbox) is done first.
    assert eventually(lambda: drill_redis.tasks_outstanding(queue) == 0, timeout=30), workers.logs()
    intent = stripe_on.succeed(card_order.sources.get().reference)
    assert deliver(Client(), event("payment_intent.succeeded", intent)).status_code == 200

    hung = workers.hung_process()
    taken_at = time.monotonic()
    if hang_at == "before_commit":
        assert StripeEvent.objects.get().processed_at is None
        assert not card_order.payment_events.exists()
    else:
        assert paid_once(card_order)
    os.kill(hung, signal.SIGKILL)

    if pool == "solo":  # the whole worker is gone: the broker gives the task to the next one
        first.wait(timeout=10)
        assert drill_redis.tasks_outstanding(queue) == 1
        time.sleep(max(0.0, VISIBILITY_TIMEOUT + 0.5 - (time.monotonic() - taken_at)))
        second = workers.start()
    else:  # its pool process is gone: the worker puts the task back and runs it again
        second = first
    assert eventually(lambda: StripeEvent.objects.filter(processed_at__isnull=False).exists(),
                      timeout=30), workers.logs()
    assert eventually(lambda: drill_redis.tasks_outstanding(queue) == 0, timeout=15), workers.logs()
    assert paid_once(card_order)
    assert re.search(r"Task shop\.payments\.tasks\.process_stripe_event\[[\w-]+\] succeeded",
                     second.log.read_text()), workers.logs()


def test_a_worker_outlives_a_redis_restart_and_does_the_work_queued_after(
        workers, drill_redis, card_order, stripe_on, webhook_secret):
    worker = workers.start()
    assert eventually(lambda: "ready." in worker.log.read_text(), timeout=30), workers.logs()

    drill_redis.stop()
    time.sleep(3)  # the worker loses its connection
    drill_redis.start()

    intent = stripe_on.succeed(card_order.sources.get().reference)
    assert deliver(Client(), event("payment_intent.succeeded", intent)).status_code == 200
    assert eventually(lambda: paid_once(card_order), timeout=40), workers.logs()
    assert worker.poll() is None, workers.logs()
