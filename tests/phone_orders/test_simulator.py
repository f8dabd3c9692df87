"""The simulator goes through the real, signed webhooks and shows the replies."""

import pytest

from phone_orders.models import InboundSms, InboxItem
from tests.factories import PhoneOnlyClientFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


class TestTheSimulator:
    def test_sends_an_sms_through_the_webhook_and_shows_the_reply(self, staff_client):
        PhoneOnlyClientFactory(phone="+15145550142")
        html = staff_client.post("/phone/simulator/", {
            "action": "sms", "from_number": "514 555-0142", "body": "aide"}).content.decode()
        assert "STATUT pour le suivi" in html
        assert InboundSms.objects.get().from_number == "+15145550142"

    def test_steps_through_a_call_to_a_voicemail(self, staff_client, settings):
        settings.PHONE_STAFF_NUMBERS = []
        html = staff_client.post("/phone/simulator/", {"action": "call", "from_number": "+15145550142"}).content.decode()
        assert "faites le 1" in html
        step = {"from_number": "+15145550142", "action": "digits"}
        html = staff_client.post("/phone/simulator/", {**step, "url": "https://x/phone/voice/language/", "digits": "2"}).content.decode()
        assert "press 3" in html
        html = staff_client.post("/phone/simulator/", {**step, "url": "https://x/phone/voice/en/choice/", "digits": "3"}).content.decode()
        assert "after the beep" in html
        staff_client.post("/phone/simulator/", {"action": "record", "from_number": "+15145550142",
                                                "url": "https://x/phone/voice/en/recorded/"})
        assert InboxItem.objects.get().recording_url

    def test_is_for_coordinators_only(self, client):
        client.force_login(UserFactory())
        assert client.get("/phone/simulator/").status_code == 403
