"""A voicemail's recording is a link in the call-back inbox only when it is Twilio's.

Twilio posts RecordingUrl to the voice webhook; anything else that arrives there
(``javascript:``, another site) is neither kept as a link nor shown as one.
"""

import pytest

from phone_orders.models import InboxItem, InboxKind
from tests.factories import StaffFactory
from tests.integrations.twilio.helpers import twilio_post

pytestmark = pytest.mark.django_db

TWILIO_RECORDING = ("https://api.twilio.com/2010-04-01/Accounts/AC" + "a" * 32
                    + "/Recordings/RE" + "b" * 32)
REGIONAL_RECORDING = TWILIO_RECORDING.replace("api.twilio.com", "api.dublin.ie1.twilio.com")
LISTEN = "Écouter l'enregistrement"


def voicemail(client, recording_url):
    response = twilio_post(client, "/phone/voice/fr/recorded/", {
        "CallSid": "CA" + "1" * 32, "From": "+15145550142", "RecordingUrl": recording_url,
        "RecordingDuration": "9"})
    assert response.status_code == 200
    return InboxItem.objects.get()


def inbox_page(client):
    client.force_login(StaffFactory())
    return client.get("/phone/inbox/").content.decode()


class TestARecordingAddress:
    @pytest.mark.parametrize("url", [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "https://evil.example/x",
        "https://api.twilio.com.evil.example/2010-04-01/Accounts/AC" + "a" * 32
        + "/Recordings/RE" + "b" * 32,
        TWILIO_RECORDING.replace("https:", "http:"),
        "data:text/html,<script>alert(1)</script>",
    ])
    def test_that_is_not_twilios_is_not_kept_nor_shown(self, client, url):
        item = voicemail(client, url)

        assert (item.kind, item.recording_url) == (InboxKind.VOICEMAIL, "")
        page = inbox_page(client)
        assert f'id="item-{item.pk}"' in page and "Message vocal" in page
        assert LISTEN not in page
        assert "evil.example" not in page and "javascript:" not in page.lower()

    @pytest.mark.parametrize("url", [TWILIO_RECORDING, REGIONAL_RECORDING,
                                     TWILIO_RECORDING + ".mp3"])
    def test_on_twilios_api_is_kept_and_shown_as_a_link(self, client, url):
        item = voicemail(client, url)

        assert item.recording_url == url
        page = inbox_page(client)
        assert f'<a href="{url}"' in page and LISTEN in page


def test_the_inbox_shows_no_link_for_a_bad_address_stored_before(client):
    InboxItem.objects.create(kind=InboxKind.VOICEMAIL, phone="+15145550142",
                             recording_url="javascript:alert(1)")

    page = inbox_page(client)

    assert "Message vocal" in page
    assert "javascript:" not in page.lower() and LISTEN not in page
