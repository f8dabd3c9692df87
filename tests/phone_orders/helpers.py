"""Posting inbound SMS as Twilio does, and reading the TwiML answer."""

import itertools
import xml.etree.ElementTree as ET

from tests.integrations.twilio.helpers import twilio_post

INBOUND = "/phone/sms/inbound/"
SHOP_NUMBER = "+15145550100"
_sids = itertools.count(1)


def sms(client, from_number, body, *, forged=False, sid=None):
    """POST an inbound SMS, signed as Twilio signs it; return the response."""
    params = {
        "MessageSid": sid or f"SM{next(_sids):032x}", "AccountSid": "AC" + "0" * 32,
        "From": str(from_number), "To": SHOP_NUMBER, "Body": body, "NumMedia": "0",
    }
    return twilio_post(client, INBOUND, params, forged=forged)


def reply_of(response):
    """The text of the <Message> in a TwiML answer ("" when there is none)."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Response"
    messages = root.findall("Message")
    assert len(messages) <= 1
    return messages[0].text if messages else ""


def ask(client, from_number, body, **kwargs):
    return reply_of(sms(client, from_number, body, **kwargs))
