"""Twilio's SMS and voice webhooks, signed as Twilio signs them but with any fields at all:
always a 2xx TwiML answer or a clear 4xx, never a server error; unsigned is always refused."""

import string
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phone_orders.models import InboundSms
from tests.factories import PhoneOnlyClientFactory
from tests.integrations.twilio.helpers import signature

pytestmark = pytest.mark.django_db

GERARD = "+15145550142"
SMS_FIELDS = ["MessageSid", "SmsSid", "AccountSid", "From", "To", "Body", "NumMedia"]
STATUS_FIELDS = ["MessageSid", "SmsSid", "MessageStatus", "SmsStatus", "ErrorCode"]
VOICE_FIELDS = ["CallSid", "From", "Digits", "RecordingUrl", "RecordingDuration", "CallStatus",
                "DialCallStatus"]
VOICE_PATHS = ["/phone/voice/", "/phone/voice/language/", "/phone/voice/fr/menu/",
               "/phone/voice/en/choice/", "/phone/voice/fr/dial-done/", "/phone/voice/en/recorded/",
               "/phone/voice/xx/choice/"]
TEXT = st.one_of(st.text(max_size=80), st.text(alphabet=string.digits + "+#*", max_size=12),
                 st.text(min_size=200, max_size=3000))
HYPOTHESIS = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])


def fields(names):
    return st.dictionaries(st.one_of(st.sampled_from(names), st.text(max_size=10)), TEXT, max_size=8)


@contextmanager
def rolled_back():
    """Each example starts from the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def post(client, path, params, *, signed=True, sig=None):
    """POST ``params`` form-encoded, as Twilio does, with its signature unless told otherwise."""
    headers = {}
    if signed or sig is not None:
        headers["HTTP_X_TWILIO_SIGNATURE"] = sig if sig is not None else signature(path, params)
    return client.post(path, urlencode(params), content_type="application/x-www-form-urlencoded",
                       **headers)


def twiml(response):
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Response"
    return root


@pytest.fixture
def gerard(db):
    return PhoneOnlyClientFactory(phone=GERARD)


@HYPOTHESIS
@given(fields(SMS_FIELDS))
def test_a_signed_sms_with_any_fields_gets_a_twiml_answer(client, params):
    with rolled_back():
        response = post(client, "/phone/sms/inbound/", params)
        assert response.status_code == 200, response.content
        twiml(response)


@HYPOTHESIS
@given(fields(STATUS_FIELDS))
def test_a_signed_status_callback_with_any_fields_is_acknowledged(client, params):
    with rolled_back():
        response = post(client, "/notifications/sms/status/", params)
        assert response.status_code == 204


@HYPOTHESIS
@given(st.text(max_size=1600), st.text(alphabet=string.ascii_letters + string.digits, max_size=40))
def test_a_client_always_gets_a_clear_reply_whatever_the_message(client, gerard, body, sid):
    with rolled_back():
        response = post(client, "/phone/sms/inbound/",
                        {"MessageSid": sid, "From": GERARD, "To": "+15145550100", "Body": body})
        assert response.status_code == 200
        messages = twiml(response).findall("Message")
        assert len(messages) == 1 and messages[0].text.strip()
        assert InboundSms.objects.get().user == gerard


@HYPOTHESIS
@given(st.sampled_from(VOICE_PATHS), fields(VOICE_FIELDS))
def test_a_signed_voice_request_with_any_fields_gets_twiml_or_not_found(client, path, params):
    with rolled_back():
        response = post(client, path, params)
        if "/xx/" in path:
            assert response.status_code == 404
        else:
            assert response.status_code == 200, response.content
            twiml(response)


@HYPOTHESIS
@given(st.sampled_from(["/phone/sms/inbound/", "/notifications/sms/status/"] + VOICE_PATHS),
       fields(SMS_FIELDS + VOICE_FIELDS + STATUS_FIELDS),
       st.one_of(st.none(), st.text(max_size=40)))
def test_an_unsigned_or_forged_request_is_always_refused(client, path, params, forged):
    with rolled_back():
        response = post(client, path, params, signed=False, sig=forged)
        assert response.status_code == 403
        assert not InboundSms.objects.exists()
