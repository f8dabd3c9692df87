"""Sentry: off without SENTRY_DSN; on with it, reports carry no personal data."""

import json

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from shop.observability.errors import event_scrub, sentry_init


class CapturedEvents(Transport):
    """Keeps what would be sent to Sentry (no network)."""

    def __init__(self, options=None):
        super().__init__(options)
        self.events = []

    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)


@pytest.fixture
def sentry(settings):
    settings.SENTRY_DSN = "https://public@sentry.example.org/1"
    transport = CapturedEvents()
    assert sentry_init(transport=transport)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_is_off_without_a_dsn(settings):
    settings.SENTRY_DSN = ""
    assert sentry_init() is False
    assert not sentry_sdk.get_client().is_active()


def test_reports_django_and_celery_errors(sentry):
    names = set(sentry_sdk.get_client().integrations)
    assert {"django", "celery"} <= names
    assert sentry_sdk.get_client().options["send_default_pii"] is False


@pytest.mark.django_db
@pytest.mark.urls("tests.shop.observability.urls")
def test_a_failing_request_is_reported_without_cookies_body_email_or_phone(sentry, client):
    client.raise_request_exception = False
    client.cookies["sessionid"] = "secret-session"
    response = client.post("/failing/", {"email": "luc.tremblay@example.org", "phone": "5145550142"})
    assert response.status_code == 500
    (event,) = [event for event in sentry.events if event.get("exception")]
    text = json.dumps(event)
    assert "No account for [email] at [phone]" in text
    assert "luc.tremblay" not in text and "555-0142" not in text and "5145550142" not in text
    assert "secret-session" not in text
    assert "cookies" not in event["request"] and "data" not in event["request"]


def test_scrubbing_drops_the_users_email_and_masks_every_string():
    event = {
        "message": "Refund for marie@example.org",
        "user": {"id": 12, "email": "marie@example.org", "username": "marie@example.org"},
        "request": {"cookies": {"sessionid": "x"}, "data": "a=b",
                    "headers": {"Cookie": "sessionid=x", "User-Agent": "ua"}},
        "breadcrumbs": {"values": [{"message": "SMS from +15145550142"}]},
        "extra": {"note": {"deep": ["call (514) 555-0142"]}},
    }
    scrubbed = event_scrub(event, {})
    assert scrubbed["user"] == {"id": 12}
    assert scrubbed["request"] == {"headers": {"User-Agent": "ua"}}
    assert scrubbed["message"] == "Refund for [email]"
    assert scrubbed["breadcrumbs"]["values"][0]["message"] == "SMS from [phone]"
    assert scrubbed["extra"]["note"]["deep"] == ["call [phone]"]
