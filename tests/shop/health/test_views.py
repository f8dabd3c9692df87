"""/healthz and /readyz: JSON for machines, open to anyone, never cached, never naming anyone."""

import json
from datetime import timedelta

import pytest

from shop import clock
from shop.health import heartbeat
from shop.notifications.models import MessageKind, OutboundMessage
from tests.factories import UserFactory

from .conftest import needs_redis, seconds_ago

CHECK_NAMES = {"database", "redis", "worker", "beat", "outbox"}


def assert_for_machines(response):
    """Never cached, no cookie (no session, no CSRF token), JSON."""
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert not response.cookies
    assert response["Content-Type"] == "application/json"


class TestHealthz:
    def test_answers_ok_without_touching_the_database(self, client):
        # No django_db mark: any query would fail the test.
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert_for_machines(response)


@pytest.mark.django_db
class TestReadyz:
    def test_is_ready_when_everything_works(self, client, alive):
        response = client.get("/readyz")

        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ready"
        assert set(body["checks"]) == CHECK_NAMES
        assert all(check["ok"] for check in body["checks"].values())
        assert set(body["checks"]["database"]) == {"ok", "detail", "message"}
        assert_for_machines(response)

    def test_is_not_ready_with_a_503_when_the_outbox_is_stuck(self, client, alive, caplog):
        message = OutboundMessage.objects.create(to="+15145550142", body="Bonjour", key="k",
                                                 kind=MessageKind.ORDER_PLACED)
        OutboundMessage.objects.filter(pk=message.pk).update(
            created_at=clock.now() - timedelta(hours=1))

        response = client.get("/readyz")

        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "not ready"
        assert body["checks"]["outbox"]["ok"] is False
        assert body["checks"]["database"]["ok"] is True
        assert_for_machines(response)
        # A warning naming the failing check, not an error report per poll.
        assert [(r.levelname, r.getMessage()) for r in caplog.records
                if r.name in ("shop.health.views", "django.request")] == [("WARNING", "Not ready: outbox")]

    def test_is_not_ready_when_the_worker_has_stopped(self, client, settings, alive):
        needs_redis(settings)
        heartbeat.worker_beat(node="celery@worker-1", at=seconds_ago(5 * 60))

        response = client.get("/readyz")

        assert response.status_code == 503
        assert response.json()["checks"]["worker"]["detail"]["last_heartbeat_seconds_ago"] == 300

    def test_names_no_person_even_when_their_message_is_stuck(self, client, alive):
        person = UserFactory(first_name="Gisèle", last_name="Lapointe", email="gisele@example.org")
        message = OutboundMessage.objects.create(
            to="+15145550199", body="Bonjour Gisèle, 4200 rue Fabre", key="k", user=person,
            kind=MessageKind.ORDER_PLACED)
        OutboundMessage.objects.filter(pk=message.pk).update(
            created_at=clock.now() - timedelta(hours=1))

        text = json.dumps(client.get("/readyz").json(), ensure_ascii=False)

        for personal in ("Gisèle", "Lapointe", "gisele@example.org", "5145550199", "Fabre"):
            assert personal not in text

    def test_is_open_to_anonymous_visitors_outside_the_language_prefix(self, client, alive):
        assert client.get("/readyz").status_code == 200
        assert client.get("/en/readyz").status_code == 404

    def test_refuses_writes(self, client):
        assert client.post("/readyz").status_code == 405
