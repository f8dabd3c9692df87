"""The outbox: written with the event, relayed after commit, retried, never to opted-out numbers."""

import pytest
from django.db import transaction

from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.notifications.services import (
    message_queue,
    message_retry,
    outbox_due,
    outbox_relay,
    sms_opt_out,
)
from shop.notifications.tasks import relay_message
from tests.clock import at, day
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db
# Yesterday noon: relays and campaigns at NOON come before what the tests record
# at the frozen "now" (an opt-out after a campaign started, for instance).
NOON = at(day(-1), 12)
EIGHT_NEXT_MORNING = at(day(0), 8)  # when the quiet hours of NOON's evening end
PHONE = "+15145550142"


def queue(key="order:1:order_placed", **kwargs):
    kwargs.setdefault("kind", MessageKind.ORDER_PLACED)
    return message_queue(to=kwargs.pop("to", PHONE), body=kwargs.pop("body", "Bonjour"), key=key, **kwargs)


class TestWritingToTheOutbox:
    def test_one_event_and_kind_make_one_message_at_most(self):
        first, second = queue(), queue(body="Encore")
        assert first.pk == second.pk and OutboundMessage.objects.count() == 1

    def test_is_part_of_the_callers_transaction(self):
        with pytest.raises(RuntimeError), transaction.atomic():
            queue()
            raise RuntimeError("the order rolled back")
        assert not OutboundMessage.objects.exists()

    def test_relays_only_after_the_transaction_commits(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks() as callbacks:
            queue()
        assert len(callbacks) == 1

    def test_keeps_a_message_to_an_opted_out_number_as_not_sent(self, django_capture_on_commit_callbacks):
        sms_opt_out(phone=PHONE, method="sms", wording="ARRET")
        with django_capture_on_commit_callbacks() as callbacks:
            message = queue()
        assert message.status == MessageStatus.SKIPPED and callbacks == []


class TestRelaying:
    def test_sends_through_twilio_with_a_status_callback(self, fake_twilio):
        message = queue()
        assert outbox_relay(message_id=message.pk, now=NOON).outcome == "sent"
        message.refresh_from_db()
        assert message.status == MessageStatus.SENT and message.attempts == 1
        assert message.provider_sid == fake_twilio.messages[0]["sid"]
        assert fake_twilio.requests[0].data["StatusCallback"] == (
            "https://comptoir.example.org/notifications/sms/status/")

    def test_a_429_then_success_sends_the_message_once(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(429)
        first = outbox_relay(message_id=message.pk, now=NOON)
        assert first.outcome == "retry" and first.retry_in == 30
        assert outbox_relay(message_id=message.pk, now=NOON).outcome == "not_due"
        later = NOON.replace(minute=1)
        assert outbox_relay(message_id=message.pk, now=later).outcome == "sent"
        assert outbox_relay(message_id=message.pk, now=later).outcome == "done"
        assert fake_twilio.sent_to == [PHONE]
        assert [r.answered for r in fake_twilio.requests] == [429, 201]

    def test_backs_off_exponentially(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(503, times=4)
        waits, now = [], NOON
        for _ in range(4):
            result = outbox_relay(message_id=message.pk, now=now)
            waits.append(result.retry_in)
            now = now.replace(minute=now.minute + 10)
        assert waits == [30, 60, 120, 240]

    def test_five_failures_mark_it_failed(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(500, times=5)
        outcomes = []
        for minute in range(5):
            outcomes.append(outbox_relay(message_id=message.pk, now=NOON.replace(minute=minute * 10)).outcome)
        message.refresh_from_db()
        assert outcomes == ["retry"] * 4 + ["failed"]
        assert message.status == MessageStatus.FAILED and message.attempts == 5
        assert "500" in message.last_error
        assert fake_twilio.messages == []

    def test_a_permanent_error_fails_at_once(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(400)
        assert outbox_relay(message_id=message.pk, now=NOON).outcome == "failed"

    def test_staff_can_send_a_failed_message_again(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(400)
        outbox_relay(message_id=message.pk, now=NOON)
        message_retry(message=message)
        assert outbox_relay(message_id=message.pk, now=NOON).outcome == "sent"

    def test_never_sends_to_a_number_that_opted_out_after_it_was_written(self, fake_twilio):
        message = queue()
        sms_opt_out(phone=PHONE, method="sms", wording="STOP")
        assert outbox_relay(message_id=message.pk, now=NOON).outcome == "done"
        message.refresh_from_db()
        assert message.status == MessageStatus.SKIPPED
        assert fake_twilio.requests == []


class TestQuietHours:
    @pytest.mark.parametrize("hour, minute, resume", [
        (21, 0, EIGHT_NEXT_MORNING),
        (23, 30, EIGHT_NEXT_MORNING),
        (7, 59, NOON.replace(hour=8)),
    ])
    def test_hold_messages_until_eight(self, fake_twilio, hour, minute, resume):
        message = queue()
        assert outbox_relay(message_id=message.pk, now=NOON.replace(hour=hour, minute=minute)).outcome == "deferred"
        message.refresh_from_db()
        assert message.next_attempt_at == resume and fake_twilio.requests == []
        assert outbox_relay(message_id=message.pk, now=resume).outcome == "sent"

    def test_let_direct_replies_through(self, fake_twilio):
        message = queue(is_reply=True, kind=MessageKind.REPLY)
        assert outbox_relay(message_id=message.pk, now=NOON.replace(hour=22)).outcome == "sent"

    def test_held_messages_are_due_again_at_eight(self, fake_twilio):
        message = queue()
        outbox_relay(message_id=message.pk, now=NOON.replace(hour=22))
        assert outbox_due(now=NOON.replace(hour=23)) == []
        assert outbox_due(now=EIGHT_NEXT_MORNING) == [message.pk]


@pytest.mark.usefixtures("no_quiet_hours")
class TestTheRelayTaskInProcess:
    def test_leaves_a_rate_limited_message_queued_for_the_sweep(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(429)
        assert relay_message.apply(args=[message.pk]).get() == "retry"
        message.refresh_from_db()
        assert message.status == MessageStatus.QUEUED and message.attempts == 1
        assert message.next_attempt_at is not None


@pytest.mark.usefixtures("no_quiet_hours")
class TestTheRelayTaskOnAWorker:
    """A real Celery worker on Redis retries with backoff (skipped with no REDIS_URL)."""

    @pytest.fixture(autouse=True)
    def _needs_worker(self, celery_worker, settings):
        if celery_worker is None:
            pytest.skip("needs a Celery worker: set REDIS_URL")
        settings.SMS_RETRY_BACKOFF_SECONDS = 0

    def test_retries_a_429_and_sends_once(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(429)
        relay_message.delay(message.pk)
        assert wait_for(lambda: status_of(message) == MessageStatus.SENT)
        assert fake_twilio.sent_to == [PHONE] and len(fake_twilio.requests) == 2

    def test_gives_up_after_five_failures(self, fake_twilio):
        message = queue()
        fake_twilio.fail_next(500, times=6)
        relay_message.delay(message.pk)
        assert wait_for(lambda: status_of(message) == MessageStatus.FAILED)
        assert len(fake_twilio.requests) == 5 and fake_twilio.messages == []


def status_of(message):
    return OutboundMessage.objects.get(pk=message.pk).status
