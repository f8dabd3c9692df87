"""Each request has an id, answered in X-Request-ID, on its log lines and on those
of the tasks it queues (a real worker on Redis; in-process without Redis)."""

import pytest
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from tests.conftest import wait_for
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.phone_orders.helpers import ask, sms

Order = get_model("order", "Order")


@pytest.mark.django_db
class TestTheRequestId:
    def test_is_new_and_answered_in_the_header(self, client):
        first, second = client.get("/healthz"), client.get("/healthz")
        assert len(first["X-Request-ID"]) == 32
        assert first["X-Request-ID"] != second["X-Request-ID"]

    def test_a_well_formed_incoming_one_is_kept(self, client):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="edge-proxy:4f1c2a9b")
        assert response["X-Request-ID"] == "edge-proxy:4f1c2a9b"

    @pytest.mark.parametrize("bad", ["short", "x" * 65, "id with spaces", "id<script>", "id\u00e9tranger"])
    def test_a_malformed_incoming_one_is_replaced(self, client, bad):
        response = client.get("/healthz", HTTP_X_REQUEST_ID=bad)
        assert response["X-Request-ID"] != bad and len(response["X-Request-ID"]) == 32

    def test_is_on_the_request_log_line_with_its_channel(self, client, logs):
        response = client.get("/healthz")
        line = next(record for record, _line in logs.records if record.name == "shop.requests")
        assert line.request_id == response["X-Request-ID"]
        assert line.channel == "web" and "GET /healthz 200" in line.getMessage()


def test_follows_the_sms_reorder_into_the_task_that_places_it(celery_worker, client, logs, sellers,
                                                               twilio_settings, no_quiet_hours):
    gerard = PhoneOnlyClientFactory(phone="+15145550142")
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95")
    place_order(customer=gerard, channel=Channel.PHONE, placed_by=StaffFactory(), fulfilment="pickup",
                payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(book)])
    ask(client, gerard.phone, "COMMANDE")
    response = sms(client, gerard.phone, "OUI")
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    assert wait_for(lambda: Order.objects.filter(channel=Channel.SMS).exists())
    order = Order.objects.get(channel=Channel.SMS)
    assert wait_for(lambda: any(order.number in line for line in logs.lines()))

    request_lines = [r for r, _ in logs.records if r.name == "shop.requests" and r.request_id == request_id]
    assert len(request_lines) == 1 and request_lines[0].channel == "sms"
    placed = next(r for r, _ in logs.records if order.number in r.getMessage())
    assert placed.request_id == request_id
    assert placed.task_name == "phone_orders.tasks.place_sms_reorder"
    assert placed.channel == "sms"
