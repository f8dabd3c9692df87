"""The fake Twilio keeps the project honest against Twilio's published contract."""

import pytest

from integrations.twilio import contract
from integrations.twilio.client import TwilioSender, rest_client
from integrations.twilio.errors import SmsPermanentError, SmsTemporaryError
from integrations.twilio.fake import TEST_ACCOUNT_SID, FakeTwilioHttpClient
from integrations.twilio.senders import ConsoleSender, get_sender

CALLBACK = "https://comptoir.example.org/notifications/sms/status/"


@pytest.fixture
def transport():
    return FakeTwilioHttpClient()


@pytest.fixture
def sender(transport):
    client = rest_client(account_sid=TEST_ACCOUNT_SID, auth_token="token", http_client=transport)
    return TwilioSender(client, from_number="+15145550100")


class TestTheTwilioSenderOverTheFake:
    def test_sends_a_message_the_contract_accepts(self, sender, transport):
        sent = sender.send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)
        assert sent.sid.startswith("SM") and len(sent.sid) == 34
        assert sent.status == "queued" and sent.to == "+15145550142"
        request = transport.requests[0]
        assert request.url == f"https://api.twilio.com/2010-04-01/Accounts/{TEST_ACCOUNT_SID}/Messages.json"
        assert request.data == {"To": "+15145550142", "From": "+15145550100", "Body": "Bonjour",
                                "StatusCallback": CALLBACK}

    def test_answers_with_an_object_fitting_the_message_schema(self, sender, transport):
        sender.send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)
        assert contract.check_message(transport.messages[0])["direction"] == "outbound-api"

    def test_may_send_through_a_messaging_service_instead_of_a_number(self, transport):
        client = rest_client(account_sid=TEST_ACCOUNT_SID, auth_token="t", http_client=transport)
        service = "MG" + "a" * 32
        TwilioSender(client, messaging_service_sid=service).send(
            to="+15145550142", body="Bonjour", status_callback=CALLBACK)
        assert transport.requests[0].data["MessagingServiceSid"] == service

    def test_a_429_is_a_temporary_error(self, sender, transport):
        transport.fail_next(429)
        with pytest.raises(SmsTemporaryError) as error:
            sender.send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)
        assert error.value.status == 429 and error.value.code == 20429
        assert transport.messages == []

    def test_a_500_is_a_temporary_error(self, sender, transport):
        transport.fail_next(500)
        with pytest.raises(SmsTemporaryError):
            sender.send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)

    def test_a_400_is_a_permanent_error(self, sender, transport):
        transport.fail_next(400)
        with pytest.raises(SmsPermanentError) as error:
            sender.send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)
        assert error.value.code == 21211


class TestTheContractCheck:
    def test_refuses_a_message_without_status_callback(self, sender):
        with pytest.raises(contract.ContractViolation, match="StatusCallback"):
            sender.send(to="+15145550142", body="Bonjour")

    def test_refuses_a_number_not_in_e164(self, sender):
        with pytest.raises(contract.ContractViolation, match="E.164"):
            sender.send(to="514 555-0142", body="Bonjour", status_callback=CALLBACK)

    def test_refuses_a_message_with_no_sender(self, transport):
        client = rest_client(account_sid=TEST_ACCOUNT_SID, auth_token="t", http_client=transport)
        with pytest.raises(contract.ContractViolation, match="From, MessagingServiceSid"):
            TwilioSender(client).send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)

    def test_refuses_a_message_with_no_body(self, sender):
        with pytest.raises(contract.ContractViolation, match="Body"):
            sender.send(to="+15145550142", body="", status_callback=CALLBACK)

    def test_refuses_parameters_the_api_does_not_know(self, transport):
        with pytest.raises(contract.ContractViolation, match="Unknown"):
            contract.check_create_message(
                method="POST", auth=(TEST_ACCOUNT_SID, "t"),
                url=f"https://api.twilio.com/2010-04-01/Accounts/{TEST_ACCOUNT_SID}/Messages.json",
                data={"To": "+15145550142", "From": "+15145550100", "Body": "x",
                      "StatusCallback": CALLBACK, "Colour": "blue"})

    def test_refuses_a_wrong_path(self):
        with pytest.raises(contract.ContractViolation, match="Path"):
            contract.check_create_message(
                method="POST", auth=("ACx", "t"),
                url="https://api.twilio.com/2010-04-01/Accounts/ACx/Messages.json",
                data={"To": "+15145550142"})

    def test_refuses_a_message_object_with_a_status_twilio_does_not_have(self):
        message = contract.message_example()
        message["status"] = "lost"
        with pytest.raises(contract.ContractViolation, match="status"):
            contract.check_message(message)


class TestTheBackendChoice:
    def test_console_is_the_default_and_keeps_what_it_sends(self, settings):
        settings.SMS_BACKEND = "console"
        sender = get_sender()
        assert isinstance(sender, ConsoleSender)
        sender.send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)
        assert sender.sent[-1].body == "Bonjour"

    def test_an_unknown_backend_is_refused_by_name(self):
        with pytest.raises(ValueError, match="Unknown SMS_BACKEND 'pigeon'"):
            get_sender("pigeon")

    def test_the_fake_backend_goes_through_twilios_sdk(self, fake_twilio):
        sent = get_sender().send(to="+15145550142", body="Bonjour", status_callback=CALLBACK)
        assert fake_twilio.messages[0]["sid"] == sent.sid
