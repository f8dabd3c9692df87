"""SMS campaigns reach only people whose ledger consents, name the seller and the cooperative,
say how to stop, are throttled."""

from datetime import timedelta

import pytest

from phone_orders.models import Campaign
from phone_orders.services.campaigns import campaign_report, campaign_start
from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.notifications.services import outbox_due, outbox_relay, sms_consent_give
from shop.order.models import Channel, PaymentMethod
from shop.people.services.consents import consent_record
from shop.pipeline import LineRequest, place_order
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.phone_orders.helpers import ask
from tests.shop.notifications.test_outbox import NOON

pytestmark = pytest.mark.django_db


def customer_of(seller, *, consent=True, phone=None):
    client = PhoneOnlyClientFactory(**({"phone": phone} if phone else {}))
    place_order(customer=client, channel=Channel.PHONE, fulfilment="pickup",
                payment_method=PaymentMethod.ON_DELIVERY,
                lines=[LineRequest(product_for(seller))])
    if consent:
        sms_consent_give(phone=str(client.phone), user=client, method="phone", wording="Oui",
                         recorded_by=StaffFactory())
    else:  # the purchase implied consent to news; they said no at the desk
        consent_record(person=client.person, purpose="news", channel="sms", action="withdrawn",
                       method="desk", wording="Non merci")
    return client


@pytest.fixture
def campaign(sellers):
    return Campaign.objects.create(seller=sellers["bookshop"], name="Rentrée", segment="seller_customers",
                                   body="Nouveaux livres en vitrine cette semaine.", per_minute=2)


def campaign_messages():
    return OutboundMessage.objects.filter(kind=MessageKind.CAMPAIGN).order_by("next_attempt_at")


class TestACampaign:
    def test_reaches_only_the_sellers_customers_who_consented(self, campaign, sellers):
        yes = customer_of(sellers["bookshop"])
        customer_of(sellers["bookshop"], consent=False)
        customer_of(sellers["tools"])
        assert campaign_start(campaign=campaign, now=NOON) == 1
        assert [m.to for m in campaign_messages()] == [str(yes.phone)]

    def test_names_the_seller_and_cooperative_and_says_how_to_stop_in_the_persons_language(
            self, campaign, sellers):
        french, english = customer_of(sellers["bookshop"]), customer_of(sellers["bookshop"])
        english.person.language = "en"
        english.person.save()
        campaign_start(campaign=campaign, now=NOON)
        bodies = {m.to: m.body for m in campaign_messages()}
        assert bodies[str(french.phone)] == (
            "Librairie du Quartier (Comptoir) : Nouveaux livres en vitrine cette semaine. "
            "Répondez ARRÊT pour ne plus recevoir de messages.")
        assert bodies[str(english.phone)] == (
            "Librairie du Quartier (Comptoir): Nouveaux livres en vitrine cette semaine. "
            "Reply STOP to unsubscribe.")

    def test_is_throttled(self, campaign, sellers):
        for _ in range(3):
            customer_of(sellers["bookshop"])
        campaign_start(campaign=campaign, now=NOON)
        times = [m.next_attempt_at for m in campaign_messages()]
        assert times == [NOON, NOON + timedelta(seconds=30), NOON + timedelta(seconds=60)]
        ids = {m.pk for m in campaign_messages()}
        assert len(ids & set(outbox_due(now=NOON + timedelta(seconds=31)))) == 2

    def test_is_started_once(self, campaign, sellers):
        customer_of(sellers["bookshop"])
        campaign_start(campaign=campaign, now=NOON)
        assert campaign_start(campaign=campaign, now=NOON) == 0
        assert campaign_messages().count() == 1

    def test_never_reaches_a_number_that_sent_arret(self, client, campaign, sellers, fake_twilio):
        stays, leaves = customer_of(sellers["bookshop"]), customer_of(sellers["bookshop"])
        campaign_start(campaign=campaign, now=NOON)
        ask(client, leaves.phone, "ARRÊT")
        for message in campaign_messages():
            outbox_relay(message_id=message.pk, now=NOON + timedelta(minutes=5))
        assert fake_twilio.sent_to == [str(stays.phone)]
        report = campaign_report(Campaign.objects.get(pk=campaign.pk))
        assert (report["total"], report["sent"], report["not_sent"], report["opted_out"]) == (2, 1, 1, 1)

    def test_after_arret_a_new_campaign_leaves_the_number_out(self, client, campaign, sellers):
        leaves = customer_of(sellers["bookshop"])
        ask(client, leaves.phone, "STOP")
        assert campaign_start(campaign=campaign, now=NOON) == 0


class TestTheCampaignPage:
    def test_lets_coordinators_create_start_and_follow_a_campaign(self, client, sellers):
        customer_of(sellers["bookshop"])
        client.force_login(StaffFactory())
        client.post("/phone/campaigns/", {"seller": sellers["bookshop"].pk, "name": "Rentrée",
                                          "body": "Nouveaux livres.", "segment": "seller_customers",
                                          "per_minute": 30})
        campaign = Campaign.objects.get()
        client.post(f"/phone/campaigns/{campaign.pk}/start/")
        assert OutboundMessage.objects.filter(kind=MessageKind.CAMPAIGN, status=MessageStatus.QUEUED).count() == 1
        assert f'id="campaign-{campaign.pk}"' in client.get("/phone/campaigns/").content.decode()
