"""Inbound SMS commands, posted to the webhook signed exactly as Twilio signs them."""

import pytest

from phone_orders import hooks
from phone_orders.models import Command, InboundSms, InboxItem, InboxKind
from shop.notifications.models import MessageStatus, OutboundMessage, SmsContact
from shop.notifications.services import is_opted_out, outbox_relay
from shop.order.models import Channel, PaymentMethod
from shop.people.models import Consent, ConsentAction
from shop.pipeline import LineRequest, place_order
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.phone_orders.helpers import ask, sms
from tests.phone_orders.test_keywords import VARIANTS
from tests.shop.notifications.test_outbox import NOON

pytestmark = pytest.mark.django_db

# A fragment of the reply each keyword gets, by language, from a client with no order.
REPLIES = {
    (Command.HELP, "fr"): "STATUT pour le suivi", (Command.HELP, "en"): "STATUS to follow",
    (Command.STATUS, "fr"): "Aucune commande", (Command.STATUS, "en"): "No order",
    (Command.STOP, "fr"): "vous ne recevrez plus de SMS", (Command.STOP, "en"): "no more texts",
    (Command.START, "fr"): "vous recevrez de nouveau", (Command.START, "en"): "receive our texts again",
    (Command.ORDER, "fr"): "pas de commande précédente", (Command.ORDER, "en"): "no previous order",
    (Command.YES, "fr"): "pas de question en attente", (Command.YES, "en"): "no question waiting",
    (Command.NO, "fr"): "pas de question en attente", (Command.NO, "en"): "no question waiting",
    (Command.SKIP, "fr"): "aucune livraison à sauter", (Command.SKIP, "en"): "no delivery to skip",
}


@pytest.fixture
def gerard(db):
    return PhoneOnlyClientFactory(first_name="Gérard", phone="+15145550142")


class TestEveryKeyword:
    @pytest.mark.parametrize("body, command, language", VARIANTS)
    def test_gets_its_answer_in_the_language_it_was_written_in(self, client, gerard, body, command, language):
        """Except STOP and START, answered in the person's language (Gérard's is French)."""
        reply = ask(client, gerard.phone, body)
        expected = "fr" if command in (Command.STOP, Command.START) else language or "fr"
        assert REPLIES[command, expected] in reply
        assert InboundSms.objects.get().command == command

    def test_stop_and_start_answer_in_the_persons_language_whatever_the_keywords(self, client, gerard):
        gerard.person.language = "en"
        gerard.person.save()
        assert "no more texts" in ask(client, gerard.phone, "ARRÊT")
        assert "receive our texts again" in ask(client, gerard.phone, "Reprendre")


class TestForgedRequests:
    def test_are_refused_and_change_nothing(self, client, gerard):
        response = sms(client, gerard.phone, "ARRET", forged=True)
        assert response.status_code == 403
        assert not is_opted_out(str(gerard.phone))
        assert not InboundSms.objects.exists() and not Consent.objects.exists()

    def test_without_any_signature_are_refused(self, client, gerard):
        response = client.post("/phone/sms/inbound/", {"From": str(gerard.phone), "Body": "ARRET"})
        assert response.status_code == 403 and not is_opted_out(str(gerard.phone))


class TestStop:
    def test_opts_out_at_once_with_a_consent_record(self, client, gerard):
        ask(client, gerard.phone, "Arrêt")
        assert is_opted_out(str(gerard.phone))
        rows = {(r.purpose, r.channel, r.action, r.method, r.wording, r.person)
                for r in Consent.objects.all()}
        assert rows == {(purpose, "sms", ConsentAction.WITHDRAWN, "sms", "Arrêt", gerard.person)
                        for purpose in ("service", "reminders", "news")}

    def test_confirms_once_only(self, client, gerard):
        assert ask(client, gerard.phone, "ARRET")
        assert ask(client, gerard.phone, "STOP") == ""
        assert Consent.objects.count() == 3  # service, reminders, news: once

    def test_then_no_order_confirmation_reaches_the_number(self, client, gerard, fake_twilio, sellers):
        ask(client, gerard.phone, "ARRET")
        order = place_order(customer=gerard, channel=Channel.PHONE, placed_by=StaffFactory(),
                            fulfilment="pickup", payment_method=PaymentMethod.ON_DELIVERY,
                            lines=[LineRequest(product_for(sellers["bookshop"]))])
        message = OutboundMessage.objects.get(key=f"order:{order.number}:order_placed")
        outbox_relay(message_id=message.pk, now=NOON)
        assert OutboundMessage.objects.get(pk=message.pk).status == MessageStatus.SKIPPED
        assert fake_twilio.requests == []

    def test_then_start_restores_sms(self, client, gerard, fake_twilio, sellers):
        ask(client, gerard.phone, "ARRET")
        ask(client, gerard.phone, "REPRENDRE")
        assert not is_opted_out(str(gerard.phone))
        place_order(customer=gerard, channel=Channel.PHONE, placed_by=StaffFactory(),
                    fulfilment="pickup", payment_method=PaymentMethod.ON_DELIVERY,
                    lines=[LineRequest(product_for(sellers["bookshop"]))])
        outbox_relay(message_id=OutboundMessage.objects.get().pk, now=NOON)
        assert fake_twilio.sent_to == [str(gerard.phone)]
        assert [r.action for r in Consent.objects.filter(purpose="service").order_by("created_at")] == [
            ConsentAction.WITHDRAWN, ConsentAction.GIVEN]

    def test_after_it_other_keywords_get_no_answer(self, client, gerard):
        ask(client, gerard.phone, "ARRET")
        assert ask(client, gerard.phone, "STATUT") == ""
        assert "START" in ask(client, gerard.phone, "AIDE")


class TestStatus:
    def test_gives_the_last_order_and_its_status(self, client, gerard, sellers):
        order = place_order(customer=gerard, channel=Channel.PHONE, fulfilment="pickup",
                            payment_method=PaymentMethod.ON_DELIVERY,
                            lines=[LineRequest(product_for(sellers["tools"], price="10.00"))])
        reply = ask(client, gerard.phone, "statut")
        assert f"Commande {order.number} : à préparer, total 11,50 $." == reply

    def test_adds_the_next_delivery_when_the_services_provide_it(self, client, gerard):
        def next_delivery(*, user, phone, language):
            return "Prochain repas : jeudi." if user == gerard else None

        hooks.register_next_delivery(next_delivery)
        try:
            assert ask(client, gerard.phone, "STATUT").endswith("Prochain repas : jeudi.")
        finally:
            hooks._next_delivery.remove(next_delivery)


class TestSkip:
    def test_goes_to_the_registered_handler(self, client, gerard):
        def skip(*, user, phone, language):
            return "Livraison de demain sautée."

        hooks.register_skip_handler(skip)
        try:
            assert ask(client, gerard.phone, "SAUTER") == "Livraison de demain sautée."
        finally:
            hooks._skip_handlers.remove(skip)


class TestOtherMessages:
    def test_an_unknown_sender_gets_the_shops_phone_number(self, client):
        reply = ask(client, "+15145550999", "Bonjour, avez-vous du pain?")
        assert "(514) 555-0100" in reply
        assert InboundSms.objects.get().command == Command.UNKNOWN_SENDER

    def test_an_unknown_sender_may_still_opt_out(self, client):
        ask(client, "+15145550999", "STOP")
        assert is_opted_out("+15145550999")

    def test_what_is_not_understood_is_acknowledged_and_lands_in_the_staff_inbox(self, client, gerard):
        reply = ask(client, gerard.phone, "Pouvez-vous me rappeler?")
        assert "quelqu'un vous répondra" in reply
        item = InboxItem.objects.get()
        assert (item.kind, item.user, item.body) == (InboxKind.SMS, gerard, "Pouvez-vous me rappeler?")

    def test_a_message_twilio_delivers_twice_is_handled_once(self, client, gerard):
        first = ask(client, gerard.phone, "ARRET", sid="SM" + "a" * 32)
        second = ask(client, gerard.phone, "ARRET", sid="SM" + "a" * 32)
        assert first == second and InboundSms.objects.count() == 1

    def test_the_language_of_a_keyword_is_remembered(self, client, gerard):
        ask(client, gerard.phone, "HELP")
        assert SmsContact.objects.get(phone=str(gerard.phone)).language == "en"
