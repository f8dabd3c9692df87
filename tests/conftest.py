"""Suite-wide fixtures and the database vendor check.

CI sets REQUIRE_DB_VENDOR=postgresql: the run stops at once if the tests would
run on anything else. The header of every run says which database it used.
"""

import os
from contextlib import contextmanager

import pytest
import time_machine
from django.db import connection, transaction

from tests.clock import FROZEN_NOW


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    vendor = {"postgresql": "postgresql", "sqlite3": "sqlite"}.get(engine, engine)
    broker = "redis" if settings.REDIS_URL else "in-process (no REDIS_URL)"
    return [f"database: {vendor}", f"celery broker: {broker}"]


def pytest_sessionstart(session):

    required = os.environ.get("REQUIRE_DB_VENDOR")
    if required and connection.vendor != required:
        raise pytest.UsageError(
            f"REQUIRE_DB_VENDOR={required} but the tests would run on {connection.vendor}; "
            "set DATABASE_URL."
        )


@pytest.fixture(autouse=True)
def clock(request):
    """The frozen clock of every test (``tests/clock.py``); ``clock.move_to(moment)`` sets it.

    Tests marked ``real_clock`` (the outage drills, whose worker processes keep
    the real time) run on the real clock and get None.
    """
    if request.node.get_closest_marker("real_clock"):
        yield None
        return
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _staff_logins_pass_the_second_step(monkeypatch):
    """``client.force_login(staff)`` signs staff in as they do: password, then code.

    Tests of the second step use ``tests.twofactor.password_only_login`` instead.
    """
    from django.test import Client

    from tests.twofactor import force_login_with_second_step

    monkeypatch.setattr(Client, "force_login", force_login_with_second_step)


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploaded files and pictures (the demo's draw some) go to a folder of the run."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _french_by_default(settings):
    settings.LANGUAGE_CODE = "fr-ca"


@pytest.fixture
def sellers(db):
    from tests.factories import SellerFactory

    return {
        "bookshop": SellerFactory(name="Librairie du Quartier", kind="bookshop"),
        "tools": SellerFactory(name="Outilthèque Rosemont", kind="tool_library"),
    }


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real Celery worker (a thread of this process) on the Redis broker.

    With no REDIS_URL the app runs tasks in-process after commit, as the
    embedded default does, and no worker is needed.
    """
    from celery.contrib.testing.worker import start_worker

    from shop.celery import app

    if not settings.REDIS_URL:
        yield None
        return
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


def wait_for(condition, timeout=15.0, interval=0.05):
    """Poll ``condition`` until it is true or ``timeout`` seconds have passed."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Redis: the cache's own database)."""
    from django.core.cache import cache

    cache.clear()
    yield


@contextmanager
def rolled_back():
    """Run the block in a transaction that is rolled back: each example starts afresh."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class RelayedOutbox(list):
    """``django.core.mail.outbox`` of the suite: the emails delivered by the outbox.

    Every email goes through the outbox (``shop.notifications.mail``) and is
    delivered here by its relay. A worker relays it after commit; a test's own
    transaction never commits, so reading this list first relays, in-process
    and through the outbox's own relay, the emails the outbox holds and that
    are due. An email whose transaction rolled back is not there to relay.
    """

    def _relay(self):
        from shop.notifications.models import MessageChannel, OutboundMessage
        from shop.notifications.services import outbox_due, outbox_relay

        try:
            due = list(OutboundMessage._default_manager.filter(
                pk__in=outbox_due(), channel=MessageChannel.EMAIL).values_list("pk", flat=True))
        except RuntimeError:  # a test without the database sent nothing through it
            return
        for message_id in due:
            outbox_relay(message_id=message_id)

    def __len__(self):
        self._relay()
        return super().__len__()

    def __iter__(self):
        self._relay()
        return super().__iter__()

    def __getitem__(self, index):
        self._relay()
        return super().__getitem__(index)

    def __eq__(self, other):
        self._relay()
        return super().__eq__(other)

    __hash__ = None


def _relayed_outbox():
    from django.core import mail

    if not isinstance(getattr(mail, "outbox", None), RelayedOutbox):
        mail.outbox = RelayedOutbox(getattr(mail, "outbox", []))
    return mail.outbox


@pytest.fixture(autouse=True, scope="session")
def _emails_through_the_outbox(django_test_environment):
    """Emails go through the outbox in tests too (Django's test set-up names locmem)."""
    from django.test import override_settings

    with override_settings(EMAIL_BACKEND="shop.notifications.mail.OutboxEmailBackend"):
        yield


@pytest.fixture(autouse=True)
def _relayed_mail_outbox():
    _relayed_outbox()


@pytest.fixture
def mailoutbox(django_mail_patch_dns, _dj_autoclear_mailbox):
    """pytest-django's ``mailoutbox``, relayed from the outbox (see ``RelayedOutbox``)."""
    outbox = _relayed_outbox()
    outbox.clear()
    return outbox
