"""One consent ledger (CASL): STOP in every form, answered in the person's language; campaigns
reach only those whose ledger consents today; implied consent lapses; the ledger is append-only."""

from datetime import timedelta

import pytest

from phone_orders.models import Campaign
from phone_orders.services.campaigns import campaign_start, campaign_text
from shop.notifications.models import MessageKind, OutboundMessage
from shop.notifications.services import is_opted_out, sms_consent_give
from shop.order.models import Channel, PaymentMethod
from shop.people.models import IMPLIED_CONSENT_LASTS, Consent, ConsentAction
from shop.people.selectors.consents import consent_holds
from shop.people.services.consents import consent_record
from shop.pipeline import LineRequest, place_order
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.integrations.twilio.helpers import twilio_settings  # noqa: F401
from tests.phone_orders.helpers import ask
from tests.shop.notifications.test_outbox import NOON

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("twilio_settings")]


def consenting(language, **kwargs):
    """A phone client whose language is ``language`` and who agreed to news by SMS at the desk."""
    client = PhoneOnlyClientFactory(**kwargs)
    client.person.language = language
    client.person.save()
    sms_consent_give(phone=str(client.phone), user=client, method="desk", wording="Oui",
                     recorded_by=StaffFactory())
    return client


def buyer(seller):
    client = PhoneOnlyClientFactory()
    place_order(customer=client, channel=Channel.PHONE, fulfilment="pickup",
                payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(product_for(seller))])
    return client


def order_again(client, seller):
    place_order(customer=client, channel=Channel.PHONE, fulfilment="pickup",
                payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(product_for(seller))])


def everyone_campaign(seller=None):
    return Campaign.objects.create(seller=seller, name="Nouvelles", segment="all_consenting",
                                   body="Portes ouvertes samedi.", per_minute=60)


def campaign_numbers():
    return set(OutboundMessage.objects.filter(kind=MessageKind.CAMPAIGN).values_list("to", flat=True))


class TestStopInThePersonsLanguage:
    def test_arret_and_stop_are_confirmed_in_each_persons_language_and_no_campaign_reaches_them(
            self, client):
        french, english, stays = consenting("fr"), consenting("en"), consenting("fr")

        assert "vous ne recevrez plus de SMS" in ask(client, french.phone, "ARRÊT")
        assert "no more texts" in ask(client, english.phone, "STOP")

        for person, words in ((french.person, "ARRÊT"), (english.person, "STOP")):
            withdrawn = Consent.objects.filter(person=person, action=ConsentAction.WITHDRAWN)
            assert {(c.purpose, c.channel, c.method, c.wording) for c in withdrawn} == {
                (purpose, "sms", "sms", words) for purpose in ("service", "reminders", "news")}
        campaign_start(campaign=everyone_campaign(), now=NOON)
        assert campaign_numbers() == {str(stays.phone)}

    def test_the_keywords_language_does_not_change_the_answer(self, client):
        english = consenting("en")
        assert "no more texts" in ask(client, english.phone, "arrêt")
        assert "receive our texts again" in ask(client, english.phone, "reprendre")

    @pytest.mark.parametrize("word", ["STOP", "ARRÊT", "ARRET", "STOPALL", "UNSUBSCRIBE", "CANCEL",
                                      "END", "QUIT", "REVOKE", "OPTOUT", "Opt out", "stop all"])
    def test_every_stop_word_stops(self, client, word):
        person = consenting("fr")
        assert "vous ne recevrez plus de SMS" in ask(client, person.phone, word)
        assert not consent_holds(person=person.person, purpose="news", channel="sms")
        assert not consent_holds(person=person.person, purpose="service", channel="sms")

    @pytest.mark.parametrize("word", ["START", "UNSTOP", "YES", "OUI"])
    def test_start_unstop_and_yes_resume_service_texts_but_not_news(self, client, word):
        person = consenting("fr")
        ask(client, person.phone, "ARRÊT")
        assert "vous recevrez de nouveau" in ask(client, person.phone, word)
        assert consent_holds(person=person.person, purpose="service", channel="sms")
        assert not consent_holds(person=person.person, purpose="news", channel="sms")
        assert Consent.objects.filter(person=person.person, action="given", method="sms",
                                      wording=word).count() == 2

    def test_a_number_nobody_knows_may_stop_and_resume_with_yes(self, client):
        ask(client, "+15145550903", "STOP")  # a person of the number, French by default
        assert "vous recevrez de nouveau" in ask(client, "+15145550903", "YES")
        assert not is_opted_out("+15145550903")

    def test_a_number_nobody_knows_is_answered_in_its_keywords_language(self, client):
        assert "no more texts" in ask(client, "+15145550901", "UNSUBSCRIBE")
        assert "vous ne recevrez plus de SMS" in ask(client, "+15145550902", "ARRÊT")
        stopped = Consent.objects.filter(action=ConsentAction.WITHDRAWN, purpose="news")
        assert {str(c.person.phone): c.person.language for c in stopped} == {
            "+15145550901": "en", "+15145550902": "fr"}


class TestImpliedConsent:
    def test_a_purchase_lets_campaigns_reach_the_buyer_for_two_years_only(self, sellers):
        client = buyer(sellers["bookshop"])
        implied = Consent.objects.get(person=client.person, purpose="news", channel="sms")
        assert (implied.action, implied.method) == (ConsentAction.IMPLIED, "purchase")
        assert implied.source.startswith("order:")

        campaign_start(campaign=everyone_campaign(), now=NOON)
        assert campaign_numbers() == {str(client.phone)}

        OutboundMessage.objects.all().delete()
        lapsed = implied.created_at + IMPLIED_CONSENT_LASTS + timedelta(days=1)
        assert campaign_start(campaign=everyone_campaign(), now=lapsed) == 0
        assert campaign_numbers() == set()

    def test_orders_of_one_day_leave_the_ledger_as_the_first_left_it_and_a_later_one_renews(
            self, sellers, clock):
        client = buyer(sellers["bookshop"])
        first = Consent.objects.get(person=client.person, purpose="news", channel="sms")
        for _again in range(2):
            order_again(client, sellers["bookshop"])
        assert Consent.objects.filter(person=client.person, purpose="news").count() == 2

        clock.move_to(first.created_at + timedelta(days=1))
        order_again(client, sellers["bookshop"])
        renewed = Consent.objects.filter(person=client.person, purpose="news", channel="sms")
        assert renewed.count() == 2
        later = renewed.first().expires_at - first.expires_at  # the clock ticks
        assert timedelta(days=1) <= later < timedelta(days=1, minutes=1)

    def test_a_purchase_neither_shortens_an_express_consent_nor_undoes_a_stop(
            self, client, sellers):
        express, stopped = consenting("fr"), consenting("fr")
        ask(client, stopped.phone, "STOP")
        for customer in (express, stopped):
            place_order(customer=customer, channel=Channel.PHONE, fulfilment="pickup",
                        payment_method=PaymentMethod.ON_DELIVERY,
                        lines=[LineRequest(product_for(sellers["bookshop"]))])
        in_three_years = NOON + timedelta(days=3 * 365)
        assert consent_holds(person=express.person, purpose="news", channel="sms",
                             now=in_three_years)
        assert not consent_holds(person=stopped.person, purpose="news", channel="sms")


class TestTheLedger:
    def test_rows_cannot_be_updated_or_deleted(self):
        entry = consent_record(person=PhoneOnlyClientFactory().person, purpose="news",
                               channel="email", action="given", method="web", wording="Oui")
        entry.action = ConsentAction.WITHDRAWN
        with pytest.raises(TypeError, match="append-only"):
            entry.save()
        with pytest.raises(TypeError, match="append-only"):
            Consent.objects.filter(pk=entry.pk).update(action=ConsentAction.WITHDRAWN)
        with pytest.raises(TypeError, match="append-only"):
            Consent.objects.filter(pk=entry.pk).delete()
        assert Consent.objects.get(pk=entry.pk).action == ConsentAction.GIVEN

    def test_the_latest_row_decides(self):
        person = PhoneOnlyClientFactory().person
        for action in ("given", "withdrawn", "given"):
            consent_record(person=person, purpose="reminders", channel="email", action=action,
                           method="web", wording="…")
        assert consent_holds(person=person, purpose="reminders", channel="email")


class TestACommercialMessage:
    @pytest.mark.parametrize("language, stop", [
        ("fr", "Répondez ARRÊT pour ne plus recevoir de messages."),
        ("en", "Reply STOP to unsubscribe.")])
    def test_names_the_cooperative_and_says_how_to_stop(self, sellers, language, stop):
        for seller in (sellers["bookshop"], None):
            text = campaign_text(everyone_campaign(seller), language)
            assert "Comptoir" in text and text.endswith(stop)
            assert "Portes ouvertes samedi." in text


class TestThePhoneDesk:
    def test_shows_a_number_as_opted_out_whatever_said_stop(self, client):
        """A withdrawal written straight into the ledger (the account page) shows at the desk."""
        gerard = consenting("fr")
        client.force_login(StaffFactory())
        page = f"/phone/desk/clients/{gerard.pk}/"
        assert "désabonné des textos" not in client.get(page).content.decode()
        consent_record(person=gerard.person, purpose="service", channel="sms", action="withdrawn",
                       method="web", wording="Ne plus recevoir de SMS")
        assert "désabonné des textos" in client.get(page).content.decode()
