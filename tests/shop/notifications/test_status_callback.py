"""Twilio's status callbacks move a message forward, never back."""

import pytest

from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.notifications.services import message_queue, outbox_relay
from tests.integrations.twilio.helpers import twilio_post
from tests.shop.notifications.test_outbox import NOON

pytestmark = pytest.mark.django_db
URL = "/notifications/sms/status/"


@pytest.fixture
def sent_message(fake_twilio):
    message = message_queue(to="+15145550142", body="Bonjour", kind=MessageKind.ORDER_PLACED, key="k")
    outbox_relay(message_id=message.pk, now=NOON)
    message.refresh_from_db()
    return message


def callback(client, message, status, **extra):
    params = {"MessageSid": message.provider_sid, "MessageStatus": status,
              "AccountSid": "AC" + "0" * 32, **extra}
    return twilio_post(client, URL, params, forged=extra.pop("forged", False))


def status_of(message):
    return OutboundMessage.objects.get(pk=message.pk).status


class TestTheStatusCallback:
    def test_marks_a_message_delivered(self, client, sent_message):
        assert callback(client, sent_message, "delivered").status_code == 204
        assert status_of(sent_message) == MessageStatus.DELIVERED

    def test_never_moves_a_delivered_message_back_to_sent(self, client, sent_message):
        callback(client, sent_message, "delivered")
        callback(client, sent_message, "sent")
        assert status_of(sent_message) == MessageStatus.DELIVERED

    def test_marks_an_undelivered_message_failed_with_the_error(self, client, sent_message):
        callback(client, sent_message, "undelivered", ErrorCode="30005")
        message = OutboundMessage.objects.get(pk=sent_message.pk)
        assert message.status == MessageStatus.FAILED and "30005" in message.last_error

    def test_ignores_statuses_that_do_not_move_it(self, client, sent_message):
        assert callback(client, sent_message, "sending").status_code == 204
        assert status_of(sent_message) == MessageStatus.SENT

    def test_refuses_a_forged_callback_and_changes_nothing(self, client, sent_message):
        params = {"MessageSid": sent_message.provider_sid, "MessageStatus": "delivered"}
        assert twilio_post(client, URL, params, forged=True).status_code == 403
        assert status_of(sent_message) == MessageStatus.SENT

    def test_ignores_an_unknown_message(self, client, fake_twilio):
        params = {"MessageSid": "SM" + "9" * 32, "MessageStatus": "delivered"}
        assert twilio_post(client, URL, params).status_code == 204
