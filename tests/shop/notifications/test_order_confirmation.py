"""An order placed for a client with a phone writes its confirmation SMS to the outbox."""

import pytest

from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.notifications.services import contact_language_set, outbox_relay, sms_opt_in, sms_opt_out
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from shop.taxes import TaxClass
from tests.factories import PhoneOnlyClientFactory, StaffFactory, UserFactory, product_for
from tests.shop.notifications.test_outbox import NOON

pytestmark = pytest.mark.django_db


@pytest.fixture
def book_and_rental(sellers):
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    rental = product_for(sellers["tools"], title="Perceuse", price="10.00")
    return book, rental


def phone_order(customer, products, channel=Channel.PHONE):
    return place_order(customer=customer, channel=channel, placed_by=StaffFactory(),
                       fulfilment="pickup", payment_method=PaymentMethod.ON_DELIVERY,
                       lines=[LineRequest(product) for product in products])


def confirmation(order):
    return OutboundMessage.objects.get(key=f"order:{order.number}:order_placed")


class TestTheOrderConfirmationSms:
    def test_is_written_with_the_order_in_french(self, book_and_rental):
        client = PhoneOnlyClientFactory()
        order = phone_order(client, book_and_rental)
        message = confirmation(order)
        assert message.to == str(client.phone) and message.user == client
        assert message.kind == MessageKind.ORDER_PLACED
        assert order.number in message.body and "37,70 $" in message.body
        assert "ARRET" in message.body

    def test_is_in_english_for_a_client_who_writes_in_english(self, book_and_rental):
        client = PhoneOnlyClientFactory()
        contact_language_set(phone=str(client.phone), language="en")
        message = confirmation(phone_order(client, book_and_rental))
        assert "$37.70" in message.body and "STOP" in message.body

    def test_is_not_written_for_a_client_with_no_phone(self, book_and_rental):
        phone_order(UserFactory(), book_and_rental)
        assert not OutboundMessage.objects.exists()

    def test_never_reaches_a_number_that_opted_out(self, book_and_rental, fake_twilio):
        client = PhoneOnlyClientFactory()
        sms_opt_out(phone=str(client.phone), method="sms", wording="ARRET")
        message = confirmation(phone_order(client, book_and_rental))
        outbox_relay(message_id=message.pk, now=NOON)
        assert OutboundMessage.objects.get(pk=message.pk).status == MessageStatus.SKIPPED
        assert fake_twilio.requests == []

    def test_reaches_it_again_after_start(self, book_and_rental, fake_twilio):
        client = PhoneOnlyClientFactory()
        sms_opt_out(phone=str(client.phone), method="sms", wording="ARRET")
        sms_opt_in(phone=str(client.phone), method="sms", wording="START")
        message = confirmation(phone_order(client, book_and_rental))
        outbox_relay(message_id=message.pk, now=NOON)
        assert fake_twilio.sent_to == [str(client.phone)]

    def test_of_an_sms_order_is_a_direct_reply(self, book_and_rental):
        order = phone_order(PhoneOnlyClientFactory(), book_and_rental, channel=Channel.SMS)
        assert confirmation(order).is_reply


@pytest.mark.usefixtures("no_quiet_hours")
class TestTheWholeWay:
    def test_an_order_confirmation_reaches_twilio_after_commit(self, celery_worker, fake_twilio,
                                                               book_and_rental):
        from tests.conftest import wait_for

        client = PhoneOnlyClientFactory()
        order = phone_order(client, book_and_rental)
        assert wait_for(lambda: confirmation(order).status == MessageStatus.SENT)
        assert fake_twilio.sent_to == [str(client.phone)]
