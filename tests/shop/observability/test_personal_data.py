"""No phone number or email in clear in any log line."""

import logging
import re

import pytest
from oscar.core.loading import get_model

from shop.notifications.models import MessageStatus, OutboundMessage
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from tests.conftest import wait_for
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.phone_orders.helpers import ask

Order = get_model("order", "Order")
logger = logging.getLogger("tests.observability")

PHONE_FORMS = ["+15145550142", "5145550142", "514-555-0142", "514 555 0142", "(514) 555-0142",
               "1-514-555-0142", "+1 514 555 0142", "514.555.0142"]


def digits_of(line):
    return re.sub(r"\D", "", line)


class TestTheMasking:
    @pytest.mark.parametrize("phone", PHONE_FORMS)
    def test_hides_a_phone_number_in_any_form(self, logs, phone):
        logger.warning("Call %s back", phone)
        assert logs.lines() == ["tests.observability Call [phone] back - None None"]

    def test_hides_emails_in_the_message_its_args_and_extra_fields(self, logs):
        logger.info("Mail to jean.dupont@example.org from %s", "marie+shop@example.qc.ca",
                    extra={"recipient": "luc@example.org", "to": ["+15145550142"]})
        (record, line), = logs.records
        assert line.startswith("tests.observability Mail to [email] from [email]")
        assert record.recipient == "[email]" and record.to == ["[phone]"]

    def test_hides_them_in_the_traceback(self, logs):
        try:
            raise ValueError("no account for luc@example.org, 514-555-0142")
        except ValueError:
            logger.exception("Sign-up failed")
        record, _line = logs.records[0]
        assert "luc@example.org" not in record.exc_text and "555-0142" not in record.exc_text
        assert "no account for [email], [phone]" in record.exc_text

    def test_leaves_order_numbers_ids_and_times_alone(self, logs):
        logger.info("Order %s, request %s at %s", "100042", "0123456789abcdef0123456789abcdef",
                    "2026-12-03 21:01:39")
        assert "Order 100042, request 0123456789abcdef0123456789abcdef at 2026-12-03 21:01:39" in logs.lines()[0]

    def test_reaches_handlers_added_after_start_up(self, caplog):
        caplog.set_level(logging.INFO)
        logger.info("SMS from %s", "+15145550142")
        assert caplog.records[0].getMessage() == "SMS from [phone]"


def test_an_sms_order_journey_logs_neither_the_clients_phone_nor_email(
        celery_worker, client, logs, caplog, sellers, fake_twilio, no_quiet_hours, twilio_settings):
    """A reorder by SMS (signed webhooks), placed by the worker, its confirmation sent by Twilio."""
    caplog.set_level(logging.DEBUG)
    gerard = PhoneOnlyClientFactory(phone="+15145550142", email="gerard.bouchard@example.org")
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95")
    place_order(customer=gerard, channel=Channel.PHONE, placed_by=StaffFactory(), fulfilment="pickup",
                payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(book)])
    assert "OUI ou NON" in ask(client, "514-555-0142", "COMMANDE")
    ask(client, gerard.phone, "OUI")

    assert wait_for(lambda: Order.objects.filter(channel=Channel.SMS).exists())
    key = f"order:{Order.objects.get(channel=Channel.SMS).number}:order_placed"
    assert wait_for(lambda: OutboundMessage.objects.filter(key=key, status=MessageStatus.SENT).exists())
    assert "+15145550142" in fake_twilio.sent_to

    lines = logs.lines() + caplog.text.splitlines()
    assert len(logs.lines()) > 5
    for line in lines:
        assert "5550142" not in digits_of(line) and "555-0142" not in line, line
        assert not any(form in line for form in PHONE_FORMS), line
        assert "gerard.bouchard" not in line and "@example.org" not in line, line
