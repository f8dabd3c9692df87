"""The shop's Celery app, for the worker processes a drill starts and kills.

``celery -A tests.drills.worker_app worker`` runs the very app of
``celery -A shop worker``. With DRILL_HANG_FILE set, the processing of a Stripe
event stops once at DRILL_HANG_AT and waits to be killed, after writing the id
of the process running it to DRILL_HANG_FILE:

- ``before_commit``: inside its transaction, the order already marked paid
  there but nothing committed;
- ``after_commit``: the event processed and committed, the task not yet
  acknowledged to the broker.

The file is written once: a task run again after the kill goes through.
"""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from shop.celery import app  # noqa: F401

PROCESS_EVENT = "shop.payments.tasks.process_stripe_event"


def _hang_once(marker: Path):
    try:
        with marker.open("x") as file:
            file.write(str(os.getpid()))
    except FileExistsError:
        return
    while True:
        time.sleep(1)


def _hanging(function, marker):
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        _hang_once(marker)
        return result

    wrapper.hangs = True
    return wrapper


@task_prerun.connect
def _install_hang(sender=None, **kwargs):
    marker = os.environ.get("DRILL_HANG_FILE")
    if not marker or getattr(sender, "name", "") != PROCESS_EVENT:
        return
    from shop.payments import webhooks

    if os.environ.get("DRILL_HANG_AT") == "before_commit":
        handler = webhooks.HANDLERS["payment_intent.succeeded"]
        if not getattr(handler, "hangs", False):
            webhooks.HANDLERS["payment_intent.succeeded"] = _hanging(handler, Path(marker))
    elif not getattr(webhooks.stripe_event_process, "hangs", False):
        webhooks.stripe_event_process = _hanging(webhooks.stripe_event_process, Path(marker))
