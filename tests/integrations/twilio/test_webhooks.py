"""Every Twilio webhook checks X-Twilio-Signature over the public URL."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from twilio.request_validator import RequestValidator

from integrations.twilio.webhooks import twilio_signature_required
from tests.integrations.twilio.helpers import AUTH_TOKEN, PUBLIC_BASE_URL

PARAMS = {"From": "+15145550142", "Body": "STATUT", "MessageSid": "SM" + "1" * 32}


@twilio_signature_required
def hook(request):
    return HttpResponse("ok")


def post(path, params, signature):
    return RequestFactory().post(path, params, HTTP_X_TWILIO_SIGNATURE=signature)


@pytest.mark.usefixtures("twilio_settings")
class TestTheSignatureCheck:
    def test_lets_a_request_signed_over_the_public_url_through(self):
        signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + "/hook/", PARAMS)
        assert hook(post("/hook/", PARAMS, signature)).status_code == 200

    def test_works_behind_a_tls_proxy_whatever_host_django_sees(self):
        """Django sees http://testserver; Twilio signed https://comptoir.example.org."""
        signature = RequestValidator(AUTH_TOKEN).compute_signature("http://testserver/hook/", PARAMS)
        assert hook(post("/hook/", PARAMS, signature)).status_code == 403

    def test_refuses_a_forged_signature(self):
        signature = RequestValidator("guessed").compute_signature(PUBLIC_BASE_URL + "/hook/", PARAMS)
        assert hook(post("/hook/", PARAMS, signature)).status_code == 403

    def test_refuses_changed_parameters(self):
        signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + "/hook/", PARAMS)
        assert hook(post("/hook/", {**PARAMS, "Body": "ARRET"}, signature)).status_code == 403

    def test_refuses_a_request_with_no_signature(self):
        assert hook(RequestFactory().post("/hook/", PARAMS)).status_code == 403

    def test_signs_query_strings_too(self):
        url = PUBLIC_BASE_URL + "/hook/?lang=fr"
        signature = RequestValidator(AUTH_TOKEN).compute_signature(url, PARAMS)
        assert hook(post("/hook/?lang=fr", PARAMS, signature)).status_code == 200


class TestWithTwilioSwitchedOn:
    def test_refuses_everything_when_the_auth_token_is_missing(self, settings):
        settings.TWILIO_ENABLED, settings.TWILIO_AUTH_TOKEN = True, ""
        signature = RequestValidator("").compute_signature(settings.PUBLIC_BASE_URL + "/hook/", PARAMS)
        assert hook(post("/hook/", PARAMS, signature)).status_code == 403
