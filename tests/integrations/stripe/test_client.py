"""The Stripe adapter, over the fake transport: requests, answers and errors."""

import json
import time

import pytest

from integrations.stripe import client
from integrations.stripe.exceptions import (
    PaymentDeclined,
    StripeNotConfigured,
    StripeRequestRefused,
    StripeUnavailable,
    WebhookSignatureInvalid,
)
from tests.integrations.stripe.fake import (
    WEBHOOK_SECRET,
    FakeStripe,
    event,
    fixture,
    fixture_fields,
    sign,
    stripe_on,  # noqa: F401
)


@pytest.fixture
def fake():
    return FakeStripe()


@pytest.fixture
def gateway(fake):
    return client.StripeGateway(api_key="sk_test_x", webhook_secret=WEBHOOK_SECRET,
                                webhook_tolerance=300, http_client=fake)


def every_answer_has_the_fixture_fields(fake):
    assert fake.responses
    for resource, body in fake.responses:
        if resource != "list":
            assert fixture_fields(resource) <= set(body), resource


class TestPaymentIntents:
    def test_create_sends_amount_currency_metadata_and_a_stable_idempotency_key(self, gateway, fake):
        intent = gateway.payment_intent_upsert(order_number="100012", amount=3770,
                                               description="Commande 100012")
        request = fake.requests[-1]
        assert (request.method, request.path) == ("post", "/v1/payment_intents")
        assert request.params["amount"] == "3770" and request.params["currency"] == "cad"
        assert request.params["metadata"] == {"order_number": "100012"}
        assert request.headers["Idempotency-Key"] == "pi-100012-3770"
        assert (intent.amount, intent.currency, intent.status) == (3770, "cad", "requires_payment_method")
        assert intent.metadata == {"order_number": "100012"}
        assert intent.client_secret.startswith(intent.id)
        every_answer_has_the_fixture_fields(fake)

    def test_a_retried_create_gives_back_the_same_intent(self, gateway, fake):
        first = gateway.payment_intent_upsert(order_number="100012", amount=3770)
        again = gateway.payment_intent_upsert(order_number="100012", amount=3770)
        assert first.id == again.id
        assert len([o for o in fake.objects if o.startswith("pi_")]) == 1

    def test_update_changes_the_amount_of_the_same_intent(self, gateway, fake):
        first = gateway.payment_intent_upsert(order_number="100012", amount=3770)
        updated = gateway.payment_intent_upsert(order_number="100012", amount=4270,
                                                intent_id=first.id)
        request = fake.requests[-1]
        assert (request.method, request.path) == ("post", f"/v1/payment_intents/{first.id}")
        assert request.headers["Idempotency-Key"] == "pi-100012-4270-update"
        assert (updated.id, updated.amount) == (first.id, 4270)

    def test_retrieve_and_cancel(self, gateway, fake):
        intent = gateway.payment_intent_upsert(order_number="100012", amount=3770)
        assert gateway.payment_intent_retrieve(intent.id).id == intent.id
        assert gateway.payment_intent_cancel(intent.id).status == "canceled"
        assert fake.requests[-1].params == {"cancellation_reason": "abandoned"}
        every_answer_has_the_fixture_fields(fake)


class TestCheckoutSessions:
    def test_create_for_an_order_with_expiry_and_the_order_number(self, gateway, fake):
        expires = int(time.time()) + 3600
        session = gateway.checkout_session_create(
            order_number="100012", amount=3770, product_name="Commande 100012",
            success_url="https://shop.example/ok", cancel_url="https://shop.example/no",
            expires_at=expires, attempt=2, customer_email="lea@example.org",
        )
        request = fake.requests[-1]
        assert (request.method, request.path) == ("post", "/v1/checkout/sessions")
        assert request.headers["Idempotency-Key"] == "cs-100012-3770-2"
        assert request.params["line_items"][0]["price_data"]["unit_amount"] == "3770"
        assert request.params["payment_intent_data"] == {"metadata": {"order_number": "100012"}}
        assert (session.expires_at, session.payment_status, session.status) == (expires, "unpaid", "open")
        assert session.url.startswith("https://checkout.stripe.com/")
        assert gateway.checkout_session_expire(session.id).status == "expired"
        every_answer_has_the_fixture_fields(fake)


class TestRefunds:
    def test_refund_of_a_paid_intent(self, gateway, fake):
        intent = gateway.payment_intent_upsert(order_number="100012", amount=3770)
        fake.succeed(intent.id)
        refund = gateway.refund_create(payment_intent_id=intent.id, amount=1000,
                                       idempotency_key="re-100012-1-1000",
                                       metadata={"order_number": "100012"})
        request = fake.requests[-1]
        assert (request.method, request.path) == ("post", "/v1/refunds")
        assert request.headers["Idempotency-Key"] == "re-100012-1-1000"
        assert (refund.amount, refund.status, refund.payment_intent) == (1000, "succeeded", intent.id)
        assert refund.charge == fake.objects[intent.id]["latest_charge"]
        every_answer_has_the_fixture_fields(fake)


class TestErrors:
    def test_a_connection_error_is_stripe_unavailable(self, gateway, fake):
        fake.fail_next("connection")
        with pytest.raises(StripeUnavailable):
            gateway.payment_intent_upsert(order_number="100012", amount=3770)

    def test_a_server_error_is_stripe_unavailable(self, gateway, fake):
        fake.fail_next("server")
        with pytest.raises(StripeUnavailable):
            gateway.payment_intent_upsert(order_number="100012", amount=3770)

    def test_a_declined_card_is_payment_declined_with_stripes_message(self, gateway, fake):
        fake.fail_next("card_declined")
        with pytest.raises(PaymentDeclined, match="declined"):
            gateway.payment_intent_upsert(order_number="100012", amount=3770)

    def test_a_request_missing_a_required_parameter_is_refused_and_noted(self, gateway, fake):
        with pytest.raises(StripeRequestRefused):
            gateway.refund_create(payment_intent_id="", amount=100, idempotency_key="re-x")
        assert fake.problems == ["POST /v1/refunds lacks payment_intent"]

    def test_no_key_no_gateway(self, settings):
        settings.STRIPE_ENABLED = False
        with pytest.raises(StripeNotConfigured):
            client.gateway()


class TestWebhookEvents:
    def payload(self):
        return json.dumps(event("payment_intent.succeeded",
                                fixture("payment_intent", id="pi_1", status="succeeded"),
                                event_id="evt_1"))

    def test_a_signed_event_is_parsed(self, gateway):
        payload = self.payload()
        parsed = gateway.webhook_event_construct(payload=payload.encode(),
                                                 signature_header=sign(payload))
        assert (parsed.id, parsed.type, parsed.object["id"]) == ("evt_1", "payment_intent.succeeded", "pi_1")
        assert set(parsed.payload) == fixture_fields("event")

    @pytest.mark.parametrize("header", [None, "", "t=1,v1=deadbeef", "garbage"])
    def test_unsigned_or_forged_is_refused(self, gateway, header):
        with pytest.raises(WebhookSignatureInvalid):
            gateway.webhook_event_construct(payload=self.payload().encode(), signature_header=header)

    def test_signed_with_another_secret_is_refused(self, gateway):
        payload = self.payload()
        with pytest.raises(WebhookSignatureInvalid):
            gateway.webhook_event_construct(payload=payload.encode(),
                                            signature_header=sign(payload, secret="whsec_other"))

    def test_older_than_the_tolerance_is_refused(self, gateway):
        payload = self.payload()
        stale = sign(payload, timestamp=int(time.time()) - 301)
        with pytest.raises(WebhookSignatureInvalid, match="tolerance"):
            gateway.webhook_event_construct(payload=payload.encode(), signature_header=stale)

    def test_a_zero_tolerance_is_not_accepted(self, fake):
        gateway = client.StripeGateway(api_key="sk_test_x", webhook_secret=WEBHOOK_SECRET,
                                       webhook_tolerance=0, http_client=fake)
        payload = self.payload()
        with pytest.raises(StripeNotConfigured):
            gateway.webhook_event_construct(payload=payload.encode(), signature_header=sign(payload))


class TestEventsList:
    def test_lists_undelivered_events_of_the_types_asked(self, gateway, fake):
        fake.undelivered_events.append(event("payment_intent.succeeded", fixture("payment_intent")))
        events = gateway.events_list(created_after=1700000000, types=["payment_intent.succeeded"])
        request = fake.requests[-1]
        assert (request.method, request.path) == ("get", "/v1/events")
        assert request.params["delivery_success"] == "false"
        assert [e.type for e in events] == ["payment_intent.succeeded"]


class TestFromSettings:
    def test_the_configured_gateway_uses_the_fake_transport(self, stripe_on):  # noqa: F811
        intent = client.gateway().payment_intent_upsert(order_number="1", amount=100)
        assert intent.id in stripe_on.objects
