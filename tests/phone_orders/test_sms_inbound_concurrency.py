"""The same SMS delivered several times at the same moment: one effect, one reply for all.

Twilio may deliver a message again while the first delivery is still being
handled. Every delivery is answered 200 with the first one's TwiML, and the
message is handled once (PostgreSQL, real threads).
"""

import time

import pytest

from phone_orders.models import Command, InboundSms, InboxItem
from phone_orders.services import sms as sms_service
from tests.concurrency import at_once, postgresql_only
from tests.factories import PhoneOnlyClientFactory
from tests.phone_orders.helpers import sms

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]

DELIVERIES = 8


@pytest.fixture
def slow_handling(monkeypatch):
    """Handling an SMS takes a moment, so that every delivery arrives during the first."""
    handler = sms_service.HANDLERS[Command.UNKNOWN]

    def slowly(sender):
        time.sleep(0.3)
        return handler(sender)

    monkeypatch.setitem(sms_service.HANDLERS, Command.UNKNOWN, slowly)


@pytest.mark.usefixtures("slow_handling")
def test_concurrent_deliveries_all_get_the_first_reply_and_one_effect():
    gerard = PhoneOnlyClientFactory()
    sid = "SM" + "c" * 32

    responses = at_once(DELIVERIES, lambda client: sms(client, gerard.phone, "bonjour?", sid=sid))

    assert [response.status_code for response in responses] == [200] * DELIVERIES
    assert len({response.content for response in responses}) == 1
    assert b"<Message>" in responses[0].content
    assert InboundSms.objects.filter(message_sid=sid).count() == 1
    assert InboxItem.objects.count() == 1


def test_concurrent_deliveries_of_different_messages_are_each_handled():
    gerard = PhoneOnlyClientFactory()

    responses = at_once(DELIVERIES, lambda client: sms(client, gerard.phone, "bonjour?"))

    assert {response.status_code for response in responses} == {200}
    assert InboundSms.objects.count() == DELIVERIES
