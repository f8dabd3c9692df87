"""The last checks before an SMS leaves: a number that said STOP, and the night, in local time."""

from datetime import UTC

import pytest

from shop.notifications.models import MessageKind, MessageStatus
from shop.notifications.quiet_hours import quiet_hours_end
from shop.notifications.services import message_queue, outbox_relay, sms_opt_out
from tests.clock import at, day
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
PHONE = "+15145550142"


def queued_sms():
    return message_queue(to=PHONE, body="Votre commande est prête.", key="order:7:ready",
                         kind=MessageKind.ORDER_READY)


class TestAMessageSentAgainByStaff:
    def test_does_not_go_to_a_number_that_said_stop_after_it_failed(
            self, client, fake_twilio, no_quiet_hours, django_capture_on_commit_callbacks):
        """Retrying a failed SMS is refused at send time once the number has opted out.

        Opting out skips the messages still waiting, not a failed one; a member of
        staff may then click "send again" on it. Only the check made when the
        message is about to leave stops it.
        """
        message = queued_sms()
        fake_twilio.fail_next(400)
        assert outbox_relay(message_id=message.pk).outcome == "failed"
        sms_opt_out(phone=PHONE, method="sms", wording="STOP")

        client.force_login(StaffFactory())
        with django_capture_on_commit_callbacks():
            client.post(f"/notifications/outbox/{message.pk}/retry/")
        message.refresh_from_db()
        assert message.status == MessageStatus.QUEUED

        assert outbox_relay(message_id=message.pk).outcome == "skipped"
        message.refresh_from_db()
        assert message.status == MessageStatus.SKIPPED
        assert [request.answered for request in fake_twilio.requests] == [400]
        assert fake_twilio.messages == []


class TestQuietHoursGivenAUtcTime:
    """21:00 to 8:00 on the shop's clock (America/Toronto), whatever zone the time is in."""

    @pytest.mark.parametrize("offset", [0, 120], ids=["summer time", "winter time"])
    def test_a_local_evening_past_midnight_in_utc_is_held_until_eight_local(
            self, offset, fake_twilio):
        late = at(day(offset), 21, 30).astimezone(UTC)  # the next day already, in UTC
        assert quiet_hours_end(late) == at(day(offset + 1), 8)

        message = queued_sms()
        assert outbox_relay(message_id=message.pk, now=late).outcome == "deferred"
        message.refresh_from_db()
        assert message.next_attempt_at == at(day(offset + 1), 8)
        assert fake_twilio.requests == []

    @pytest.mark.parametrize("offset", [0, 120], ids=["summer time", "winter time"])
    def test_a_local_afternoon_that_is_night_in_utc_is_sent(self, offset, fake_twilio):
        afternoon = at(day(offset), 18, 30).astimezone(UTC)  # 22:30 or 23:30 in UTC
        assert quiet_hours_end(afternoon) is None
        assert outbox_relay(message_id=queued_sms().pk, now=afternoon).outcome == "sent"
        assert fake_twilio.sent_to == [PHONE]
