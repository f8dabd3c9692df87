"""GET /metrics: behind a bearer token; its counters move with what happens in the shop."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from shop.notifications.models import MessageChannel, MessageKind, MessageStatus, OutboundMessage
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.phone_orders.helpers import sms

pytestmark = pytest.mark.django_db
TOKEN = "metrics-token-0123456789"


@shared_task(name="tests.observability.always_fails")
def always_fails():
    raise RuntimeError("broken on purpose")


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def read() -> dict:
        response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + TOKEN)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
                for family in text_string_to_metric_families(response.content.decode())
                for sample in family.samples}
    return read


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


class TestTheToken:
    def test_without_a_token_set_there_is_no_endpoint(self, client, settings):
        settings.METRICS_TOKEN = ""
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404

    @pytest.mark.parametrize("header", [None, "Bearer wrong-token", TOKEN, "Bearer " + TOKEN + "x"])
    def test_a_missing_or_wrong_token_is_refused(self, client, settings, header):
        settings.METRICS_TOKEN = TOKEN
        extra = {"HTTP_AUTHORIZATION": header} if header else {}
        response = client.get("/metrics", **extra)
        assert response.status_code == 401 and b"comptoir_" not in response.content

    def test_the_right_token_reads_the_metrics(self, scrape):
        assert ("comptoir_outbox_due", (("channel", "sms"),)) in scrape()


class TestTheCounters:
    def test_requests_count_by_method_view_and_status_and_are_timed(self, client, scrape):
        before = scrape()
        client.get("/healthz")
        after = scrape()
        labels = {"method": "GET", "view": "health:healthz", "status": "200"}
        assert value(after, "comptoir_http_requests_total", **labels) == value(
            before, "comptoir_http_requests_total", **labels) + 1
        count = {"method": "GET", "view": "health:healthz"}
        assert value(after, "comptoir_http_request_duration_seconds_count", **count) == value(
            before, "comptoir_http_request_duration_seconds_count", **count) + 1

    def test_orders_count_by_channel_once_committed(self, scrape, sellers,
                                                    django_capture_on_commit_callbacks):
        before = value(scrape(), "comptoir_orders_placed_total", channel="phone")
        book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95")
        with django_capture_on_commit_callbacks(execute=True):
            place_order(customer=PhoneOnlyClientFactory(), channel=Channel.PHONE,
                        placed_by=StaffFactory(), fulfilment="pickup",
                        payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(book)])
        assert value(scrape(), "comptoir_orders_placed_total", channel="phone") == before + 1

    def test_webhooks_count_refused_signatures_and_duplicates(self, client, scrape, twilio_settings):
        before = scrape()
        client.post("/payments/webhooks/stripe/", "{}", content_type="application/json")
        sms(client, "+15145550199", "AIDE", forged=True)
        sms(client, "+15145550199", "AIDE", sid="SM" + "d" * 32)
        sms(client, "+15145550199", "AIDE", sid="SM" + "d" * 32)
        after = scrape()

        def moved(provider, outcome):
            name = "comptoir_webhooks_total"
            return (value(after, name, provider=provider, outcome=outcome)
                    - value(before, name, provider=provider, outcome=outcome))

        assert moved("stripe", "refused_signature") == 1
        assert moved("twilio", "refused_signature") == 1
        assert moved("twilio", "accepted") == 1 and moved("twilio", "duplicate") == 1

    def test_failed_tasks_count_by_task(self, scrape):
        before = value(scrape(), "comptoir_task_failures_total", task="tests.observability.always_fails")
        assert always_fails.apply(throw=False).failed()
        after = value(scrape(), "comptoir_task_failures_total", task="tests.observability.always_fails")
        assert after == before + 1


def test_the_outbox_depth_and_failures_are_read_at_scrape_time(scrape, clock):
    def message(n, status, channel=MessageChannel.SMS, not_before=None):
        OutboundMessage.objects.create(key=f"test:{n}", to="+15145550100", body="x",
                                       kind=MessageKind.OTHER, status=status, channel=channel,
                                       next_attempt_at=not_before)

    message(1, MessageStatus.QUEUED)
    message(2, MessageStatus.QUEUED, not_before=timezone.now() - timedelta(minutes=1))
    message(3, MessageStatus.QUEUED, not_before=timezone.now() + timedelta(hours=1))  # not due
    message(4, MessageStatus.FAILED)
    message(5, MessageStatus.FAILED, channel=MessageChannel.EMAIL)
    message(6, MessageStatus.SENT)
    samples = scrape()
    assert value(samples, "comptoir_outbox_due", channel="sms") == 2
    assert value(samples, "comptoir_outbox_failed", channel="sms") == 1
    assert value(samples, "comptoir_outbox_failed", channel="email") == 1
