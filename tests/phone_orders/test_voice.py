"""The voice menu, read as XML: language first, then status, skip or a person."""

import xml.etree.ElementTree as ET

import pytest

from phone_orders import hooks
from phone_orders.models import InboxItem, InboxKind
from phone_orders.services.voice import is_open
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from tests.clock import SATURDAY, WEDNESDAY, at, day, weekday_on_or_after
from tests.factories import PhoneOnlyClientFactory, product_for
from tests.integrations.twilio.helpers import PUBLIC_BASE_URL, twilio_post

pytestmark = pytest.mark.django_db
CALLER = "+15145550142"
RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC" + "1" * 32 + "/Recordings/RE" + "1" * 32


def call(client, path, **params):
    response = twilio_post(client, path, {"CallSid": "CA" + "1" * 32, "From": CALLER, **params})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)


def path_of(url):
    assert url.startswith(PUBLIC_BASE_URL)
    return url[len(PUBLIC_BASE_URL):]


def said(root):
    return " ".join(say.text for say in root.iter("Say"))


@pytest.fixture
def gerard(db):
    return PhoneOnlyClientFactory(phone=CALLER)


@pytest.fixture
def french_menu(client):
    gather = call(client, "/phone/voice/").find("Gather")
    return call(client, path_of(gather.get("action")), Digits="1")


@pytest.fixture
def english_menu(client):
    gather = call(client, "/phone/voice/").find("Gather")
    return call(client, path_of(gather.get("action")), Digits="2")


class TestTheWelcome:
    def test_asks_for_the_language_in_french_then_english(self, client):
        root = call(client, "/phone/voice/")
        says = root.find("Gather").findall("Say")
        assert [s.get("language") for s in says] == ["fr-CA", "en-CA"]
        assert "faites le 1" in says[0].text and "press 2" in says[1].text

    def test_refuses_a_forged_call(self, client):
        response = twilio_post(client, "/phone/voice/", {"From": CALLER}, forged=True)
        assert response.status_code == 403


class TestTheFrenchBranch:
    def test_speaks_and_listens_in_fr_ca(self, french_menu):
        gather = french_menu.find("Gather")
        assert gather.get("language") == "fr-CA"
        assert {s.get("language") for s in french_menu.iter("Say")} == {"fr-CA"}
        assert gather.get("action").endswith("/phone/voice/fr/choice/")

    def test_1_gives_the_status_of_the_last_order_by_caller_id(self, client, gerard, sellers):
        order = place_order(customer=gerard, channel=Channel.PHONE, fulfilment="pickup",
                            payment_method=PaymentMethod.ON_DELIVERY,
                            lines=[LineRequest(product_for(sellers["tools"]))])
        root = call(client, "/phone/voice/fr/choice/", Digits="1")
        assert f"numéro {order.number}, est à préparer" in said(root)
        assert root.find("Gather").get("language") == "fr-CA"

    def test_1_tells_an_unknown_caller_it_does_not_know_the_number(self, client):
        assert "ne reconnaissons pas" in said(call(client, "/phone/voice/fr/choice/", Digits="1"))

    def test_2_skips_tomorrows_delivery_through_the_services(self, client, gerard):
        def skip(*, user, phone, language):
            return "La livraison de demain est annulée."

        hooks.register_skip_handler(skip)
        try:
            assert "La livraison de demain est annulée." in said(
                call(client, "/phone/voice/fr/choice/", Digits="2"))
        finally:
            hooks._skip_handlers.remove(skip)

    def test_2_with_nothing_to_skip_says_so(self, client, gerard):
        assert "aucune livraison à sauter" in said(call(client, "/phone/voice/fr/choice/", Digits="2"))

    def test_3_after_hours_records_a_voicemail(self, client, settings):
        settings.PHONE_STAFF_NUMBERS = []
        root = call(client, "/phone/voice/fr/choice/", Digits="3")
        assert root.find("Record").get("action").endswith("/phone/voice/fr/recorded/")
        assert root.find("Say").get("language") == "fr-CA"

    def test_3_during_opening_hours_dials_the_staff(self, client, settings, monkeypatch):
        settings.PHONE_STAFF_NUMBERS = ["+15145550111", "+15145550112"]
        monkeypatch.setattr("phone_orders.services.voice.is_open", lambda now=None: True)
        root = call(client, "/phone/voice/fr/choice/", Digits="3")
        assert [n.text for n in root.iter("Number")] == settings.PHONE_STAFF_NUMBERS
        assert root.find("Dial").get("action").endswith("/phone/voice/fr/dial-done/")

    def test_nobody_answering_leads_to_voicemail(self, client):
        root = call(client, "/phone/voice/fr/dial-done/", DialCallStatus="no-answer")
        assert root.find("Record") is not None

    def test_another_key_repeats_the_menu(self, client):
        root = call(client, "/phone/voice/fr/choice/", Digits="9")
        assert "ce choix n'existe pas" in said(root) and root.find("Gather") is not None


class TestTheEnglishBranch:
    def test_speaks_and_listens_in_en_ca(self, english_menu):
        assert english_menu.find("Gather").get("language") == "en-CA"
        assert {s.get("language") for s in english_menu.iter("Say")} == {"en-CA"}
        assert "press 1" in said(english_menu)

    def test_1_gives_the_status_in_english(self, client, gerard):
        root = call(client, "/phone/voice/en/choice/", Digits="1")
        assert "We find no order" in said(root)
        assert {s.get("language") for s in root.iter("Say")} == {"en-CA"}

    def test_3_after_hours_records_a_voicemail_in_english(self, client, settings):
        settings.PHONE_STAFF_NUMBERS = []
        root = call(client, "/phone/voice/en/choice/", Digits="3")
        assert "after the beep" in said(root)


class TestTheCallBackInbox:
    def test_gets_the_voicemail_with_caller_client_and_recording(self, client, gerard):
        call(client, "/phone/voice/fr/recorded/", RecordingUrl=RECORDING, RecordingDuration="14")
        item = InboxItem.objects.get()
        assert (item.kind, item.phone, item.user, item.recording_url) == (
            InboxKind.VOICEMAIL, CALLER, gerard, RECORDING)

    def test_gets_a_missed_call_when_nothing_was_said(self, client):
        call(client, "/phone/voice/en/recorded/", RecordingUrl="", RecordingDuration="0")
        assert InboxItem.objects.get().kind == InboxKind.MISSED_CALL

    def test_lets_staff_mark_an_item_done_with_a_note(self, client, gerard):
        from tests.factories import StaffFactory

        call(client, "/phone/voice/fr/recorded/", RecordingUrl=RECORDING, RecordingDuration="3")
        item = InboxItem.objects.get()
        staff = StaffFactory()
        client.force_login(staff)
        assert RECORDING in client.get("/phone/inbox/").content.decode()
        client.post(f"/phone/inbox/{item.pk}/done/", {"note": "Rappelé, commande prise."})
        item.refresh_from_db()
        assert item.done_by == staff and item.note == "Rappelé, commande prise."
        assert RECORDING not in client.get("/phone/inbox/").content.decode()


A_WEDNESDAY = weekday_on_or_after(day(), WEDNESDAY)
A_SATURDAY = weekday_on_or_after(day(), SATURDAY)


class TestOpeningHours:
    @pytest.mark.parametrize("when, open_", [
        (at(A_WEDNESDAY, 10), True),   # Wednesday morning
        (at(A_WEDNESDAY, 17, 30), False),  # Wednesday evening
        (at(A_SATURDAY, 10), False),  # Saturday
    ])
    def test_follow_the_settings(self, when, open_):
        assert is_open(when) is open_
