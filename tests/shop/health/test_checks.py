"""Each health check: ok when its part works, not ok (with a sentence for people) when it does not."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder

from shop import clock
from shop.health import checks, heartbeat
from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage

from .conftest import needs_redis, seconds_ago

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


class TestTheDatabaseCheck:
    @pytest.mark.django_db
    def test_is_ok_when_a_query_works_and_every_migration_is_applied(self):
        check = checks.database()

        assert check.ok
        assert check.detail == {"reachable": True, "migrations_pending": 0}
        assert check.message == "La base de données répond."

    @pytest.mark.django_db
    def test_is_not_ok_when_a_migration_is_not_applied(self):
        MigrationRecorder.Migration.objects.filter(app="notifications").order_by("-id")[:1].get().delete()

        check = checks.database()

        assert not check.ok
        assert check.detail["migrations_pending"] >= 1
        assert check.message == "La base de données attend ses migrations (manage.py migrate)."

    @pytest.mark.django_db
    def test_keeps_the_migrations_answer_for_a_minute(self, django_assert_max_num_queries):
        assert checks.database().ok
        MigrationRecorder.Migration.objects.filter(app="notifications").order_by("-id")[:1].get().delete()

        with django_assert_max_num_queries(1):  # SELECT 1 only: the migration graph is not read
            assert checks.database().ok
        checks.cache.delete(checks.MIGRATIONS_CACHE_KEY)  # the minute has passed
        assert not checks.database().ok

    def test_is_not_ok_when_the_database_does_not_answer(self, monkeypatch):
        class Down:
            def cursor(self):
                raise OperationalError("connection refused")

        monkeypatch.setattr(checks, "connections", {"default": Down()})

        check = checks.database()

        assert not check.ok
        assert check.detail == {"reachable": False}
        assert check.message == "La base de données ne répond pas."


class TestTheRedisCheck:
    def test_says_redis_is_not_used_when_tasks_run_in_process(self, settings):
        settings.REDIS_URL = ""

        check = checks.redis()

        assert check.ok
        assert check.detail == {"used": False}

    def test_is_ok_when_redis_answers(self, settings):
        needs_redis(settings)

        assert checks.redis().ok

    def test_is_not_ok_when_redis_does_not_answer(self, settings):
        settings.REDIS_URL = UNREACHABLE_REDIS

        check = checks.redis()

        assert not check.ok
        assert check.detail == {"used": True, "reachable": False}
        assert check.message.startswith("Redis ne répond pas")


class TestTheWorkerCheck:
    def test_counts_as_ready_when_tasks_run_in_process(self, settings):
        settings.REDIS_URL = ""

        check = checks.worker()

        assert check.ok
        assert check.detail == {"used": False}

    def test_is_ok_with_a_heartbeat_younger_than_the_stale_period(self, settings):
        needs_redis(settings)
        heartbeat.worker_beat(node="celery@old", at=seconds_ago(3600))
        heartbeat.worker_beat(node="celery@worker-1", at=seconds_ago(50))

        check = checks.worker()

        assert check.ok
        assert check.detail["workers_alive"] == 1
        assert check.detail["last_heartbeat_seconds_ago"] == 50

    def test_says_for_how_long_the_tasks_have_been_stopped(self, settings):
        needs_redis(settings)
        heartbeat.worker_beat(node="celery@worker-1", at=seconds_ago(4 * 60 + 10))

        check = checks.worker()

        assert not check.ok
        assert check.detail["workers_alive"] == 0
        assert check.message == ("Les tâches en arrière-plan sont arrêtées depuis 4 minutes : "
                                 "les textos et courriels attendent.")

    def test_is_not_ok_just_past_the_stale_period(self, settings):
        needs_redis(settings)
        heartbeat.worker_beat(node="celery@worker-1",
                              at=seconds_ago(settings.HEALTH_WORKER_STALE_SECONDS + 1))

        assert not checks.worker().ok

    def test_is_not_ok_when_no_worker_was_ever_seen(self, settings):
        needs_redis(settings)

        check = checks.worker()

        assert not check.ok
        assert check.detail["last_heartbeat_seconds_ago"] is None

    def test_for_one_machine_looks_at_that_machines_workers_only(self, settings):
        needs_redis(settings)
        heartbeat.worker_beat(node="celery@other-container")

        assert checks.worker(host="other-container").ok
        assert not checks.worker(host="this-container").ok

    def test_is_not_ok_when_redis_does_not_answer(self, settings):
        settings.REDIS_URL = UNREACHABLE_REDIS

        check = checks.worker()

        assert not check.ok
        assert check.detail == {"used": True, "readable": False}


class TestTheBeatCheck:
    def test_counts_as_ready_when_tasks_run_in_process(self, settings):
        settings.REDIS_URL = ""

        assert checks.beat().ok

    def test_is_ok_when_beat_sent_its_tick_lately(self, settings):
        needs_redis(settings)
        heartbeat.beat_sent(at=seconds_ago(70))

        check = checks.beat()

        assert check.ok
        assert check.detail["last_tick_seconds_ago"] == 70
        assert check.detail["recorded"] == "when beat sends its tick"

    def test_says_for_how_long_beat_has_been_silent(self, settings):
        needs_redis(settings)
        heartbeat.beat_sent(at=seconds_ago(settings.HEALTH_BEAT_STALE_SECONDS + 60))

        check = checks.beat()

        assert not check.ok
        assert check.message == ("Les tâches planifiées ne sont plus lancées depuis 4 minutes : "
                                 "les rappels et les relances attendent.")

    def test_is_not_ok_when_beat_was_never_seen(self, settings):
        needs_redis(settings)

        assert not checks.beat().ok


@pytest.mark.django_db
class TestTheOutboxCheck:
    def queued(self, *, due_for: timedelta, **fields):
        message = OutboundMessage.objects.create(
            to="+15145550142", body="Votre commande est prête", kind=MessageKind.ORDER_PLACED,
            key=f"order:{OutboundMessage.objects.count()}", **fields)
        OutboundMessage.objects.filter(pk=message.pk).update(created_at=clock.now() - due_for)
        return message

    def test_is_ok_with_nothing_waiting(self):
        check = checks.outbox()

        assert check.ok
        assert check.detail["oldest_due_seconds"] is None

    def test_is_ok_while_the_oldest_due_message_is_younger_than_the_limit(self, settings):
        self.queued(due_for=timedelta(seconds=settings.HEALTH_OUTBOX_STUCK_SECONDS - 60))

        assert checks.outbox().ok

    def test_is_stuck_when_a_message_has_been_due_too_long(self, settings):
        self.queued(due_for=timedelta(minutes=16))
        self.queued(due_for=timedelta(minutes=2))

        check = checks.outbox()

        assert not check.ok
        assert check.detail == {"oldest_due_seconds": 16 * 60, "stuck_after_seconds": 900}
        assert check.message == "Le plus vieux texto ou courriel à envoyer attend depuis 16 minutes."

    def test_counts_a_retry_from_its_due_time(self):
        self.queued(due_for=timedelta(hours=2), next_attempt_at=clock.now() - timedelta(minutes=3))

        check = checks.outbox()

        assert check.ok
        assert check.detail["oldest_due_seconds"] == 3 * 60

    def test_ignores_messages_not_due_yet_and_messages_no_longer_queued(self):
        self.queued(due_for=timedelta(hours=10), next_attempt_at=clock.now() + timedelta(hours=1))
        self.queued(due_for=timedelta(hours=10), status=MessageStatus.SENT)
        self.queued(due_for=timedelta(hours=10), status=MessageStatus.FAILED)

        assert checks.outbox().ok
