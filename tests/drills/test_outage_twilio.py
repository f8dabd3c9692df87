"""Drill: Twilio answers 429 and 500 to a confirmation SMS.

A real worker on the drill's Redis retries it with a doubling wait (the
backoff, scaled from 30 s to 1 s here), gives up after five attempts and
marks it failed; staff see it first on the outbox page, in French, and can
send it again once Twilio is back.
"""

import html
import re
import time

import pytest
from django.test import Client

from shop import pipeline
from shop.notifications.models import MessageStatus, OutboundMessage
from shop.order.models import Channel, PaymentMethod
from tests.drills import checkout
from tests.drills.conftest import eventually
from tests.factories import PhoneOnlyClientFactory, StaffFactory

pytestmark = [
    pytest.mark.drill,
    pytest.mark.real_clock,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_quiet_hours"),
]


@pytest.fixture
def request_times(fake_twilio, monkeypatch):
    """When each request reached Twilio (monotonic seconds)."""
    times, answer = [], fake_twilio.request

    def timed(*args, **kwargs):
        times.append(time.monotonic())
        return answer(*args, **kwargs)

    monkeypatch.setattr(fake_twilio, "request", timed)
    return times


def phone_order(customer, product):
    return pipeline.place_order(customer=customer, channel=Channel.PHONE, fulfilment="pickup",
                                payment_method=PaymentMethod.INVOICE,
                                lines=[pipeline.LineRequest(product)])


def confirmation_of(order):
    return OutboundMessage.objects.get(key__startswith=f"order:{order.number}:")


def rows_of(page):
    """(message id, status shown, last error shown) of each row of the outbox, in order."""
    rows = re.findall(r'<tr id="message-(\d+)"[^>]*>(.*?)</tr>', page, flags=re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, flags=re.S) for _pk, row in rows]
    return [(int(pk), html.unescape(c[1]).strip(), html.unescape(c[6]).strip())
            for (pk, _row), c in zip(rows, cells, strict=True)]


def test_a_message_twilio_refuses_is_retried_with_backoff_then_failed_and_shown_first_to_staff(
        drill_worker, fake_twilio, request_times, settings, sellers):
    settings.SMS_RETRY_BACKOFF_SECONDS = 1
    book, drill = checkout.book_and_drill(sellers)
    gerard = PhoneOnlyClientFactory(phone="+15145550142")
    rita = PhoneOnlyClientFactory(phone="+15145550177")
    fake_twilio.fail_next(429)
    fake_twilio.fail_next(500)
    fake_twilio.fail_next(429)
    fake_twilio.fail_next(500, times=2)

    with drill_worker():
        refused = confirmation_of(phone_order(gerard, book))
        assert eventually(lambda: status_of(refused) == MessageStatus.FAILED, timeout=30)
        fake_twilio.fail_next(429)
        sent = confirmation_of(phone_order(rita, drill))
        assert eventually(lambda: status_of(sent) == MessageStatus.SENT)

    assert [r.answered for r in fake_twilio.requests] == [429, 500, 429, 500, 500, 429, 201]
    waits = [later - earlier for earlier, later in zip(request_times[:4], request_times[1:5], strict=True)]
    assert all(backoff - 0.2 <= wait <= backoff + 2 for wait, backoff in zip(waits, [1, 2, 4, 8], strict=True)), waits
    refused.refresh_from_db()
    assert refused.attempts == 5 and "500" in refused.last_error
    assert fake_twilio.sent_to == [rita.phone]

    staff = Client()
    staff.force_login(StaffFactory())
    page = staff.get("/notifications/outbox/").content.decode()
    rows = rows_of(page)
    assert [pk for pk, _status, _error in rows] == [refused.pk, sent.pk]  # the older one, first
    assert rows[0][1:] == ("Échec", refused.last_error)
    assert rows[1][1] == "Envoyé"
    assert "Confirmation de commande" in page and "Envoyer de nouveau" in page

    with drill_worker():
        response = staff.post(f"/notifications/outbox/{refused.pk}/retry/", follow=True)
        assert "Le message sera envoyé de nouveau." in html.unescape(response.content.decode())
        assert eventually(lambda: status_of(refused) == MessageStatus.SENT)
    assert fake_twilio.sent_to == [rita.phone, gerard.phone]


def status_of(message):
    return OutboundMessage.objects.get(pk=message.pk).status
