"""Stripe webhooks: signed, stored once, processed once, forward only."""

import json
import logging
import threading
import time
from decimal import Decimal as D

import pytest
from django.db import connection
from oscar.core.loading import get_model

from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments.models import PaymentLink, Refund, StripeEvent
from shop.payments.services import EventName, payment_link_create
from shop.payments.webhooks import stripe_event_process
from tests.integrations.stripe.fake import deliver, event, fixture, sign

from .conftest import place, place_card_order, refreshed

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")
Transaction = get_model("payment", "Transaction")


def paid_events(order):
    return PaymentEvent.objects.filter(order=order, event_type__name=EventName.PAID)


def debits(order):
    return Transaction.objects.filter(source__order=order, txn_type="Debit")


def assert_paid_once(order):
    order = refreshed(order)
    assert order.status == OrderStatus.TO_PREPARE
    assert paid_events(order).count() == 1
    assert [t.amount for t in debits(order)] == [D("37.70")]
    source = order.sources.get()
    assert (source.amount_debited, source.amount_refunded) == (D("37.70"), D("0.00"))


@pytest.fixture
def card_order(stripe_on, book_and_rental):
    order, intent = place_card_order(book_and_rental)
    return order, intent, stripe_on


def succeeded_event(fake, intent, **kwargs):
    return event("payment_intent.succeeded", fake.succeed(intent.id), **kwargs)


def row_counts():
    return (StripeEvent.objects.count(), PaymentEvent.objects.count(), Transaction.objects.count())


class TestTheSignature:
    def test_a_forged_signature_is_refused_and_changes_nothing(self, card_order, client, webhook_secret):
        order, intent, fake = card_order
        before = row_counts()
        response = deliver(client, succeeded_event(fake, intent), secret="whsec_forged")
        assert response.status_code == 400
        assert row_counts() == before and refreshed(order).status == OrderStatus.PENDING_PAYMENT

    def test_a_body_changed_after_signing_is_refused(self, card_order, client, webhook_secret):
        order, intent, fake = card_order
        payload = json.dumps(succeeded_event(fake, intent))
        header = sign(payload)
        response = deliver(client, payload.replace("3770", "1"), signature=header)
        assert response.status_code == 400
        assert StripeEvent.objects.count() == 0

    def test_a_stale_timestamp_is_refused_and_changes_nothing(self, card_order, client, webhook_secret):
        order, intent, fake = card_order
        before = row_counts()
        response = deliver(client, succeeded_event(fake, intent), timestamp=int(time.time()) - 600)
        assert response.status_code == 400
        assert row_counts() == before and refreshed(order).status == OrderStatus.PENDING_PAYMENT

    def test_an_unsigned_request_is_refused(self, client, webhook_secret):
        response = client.post("/payments/webhooks/stripe/", data="{}", content_type="application/json")
        assert response.status_code == 400

    def test_without_a_webhook_secret_every_request_is_refused(self, card_order, client, settings):
        order, intent, fake = card_order
        settings.STRIPE_WEBHOOK_SECRET = ""
        assert deliver(client, succeeded_event(fake, intent)).status_code == 400
        assert StripeEvent.objects.count() == 0

    def test_get_is_not_allowed(self, client):
        assert client.get("/payments/webhooks/stripe/").status_code == 405


class TestEachEventOnce:
    def test_delivered_five_times_the_order_is_paid_once(self, card_order, post_event):
        order, intent, fake = card_order
        payload = succeeded_event(fake, intent)
        responses = [post_event(payload) for _ in range(5)]
        assert [r.status_code for r in responses] == [200] * 5
        assert StripeEvent.objects.filter(event_id=payload["id"]).count() == 1
        assert_paid_once(order)

    def test_a_repeat_queues_nothing(self, card_order, client, webhook_secret, django_capture_on_commit_callbacks):
        order, intent, fake = card_order
        payload = succeeded_event(fake, intent)
        with django_capture_on_commit_callbacks(execute=False) as first:
            deliver(client, payload)
        with django_capture_on_commit_callbacks(execute=False) as repeat:
            assert deliver(client, payload).status_code == 200
        assert (len(first), len(repeat)) == (1, 0)

    def test_nothing_is_processed_before_the_commit(self, card_order, client, webhook_secret, django_capture_on_commit_callbacks):
        order, intent, fake = card_order
        with django_capture_on_commit_callbacks(execute=False):
            deliver(client, succeeded_event(fake, intent))
        assert refreshed(order).status == OrderStatus.PENDING_PAYMENT
        assert StripeEvent.objects.get().processed_at is None

    def test_processing_an_event_again_does_nothing(self, card_order, post_event):
        order, intent, fake = card_order
        post_event(succeeded_event(fake, intent))
        assert stripe_event_process(event_pk=StripeEvent.objects.get().pk) == "processed"
        assert_paid_once(order)

    def test_two_events_saying_paid_pay_once(self, card_order, post_event):
        order, intent, fake = card_order
        post_event(succeeded_event(fake, intent, event_id="evt_a"))
        post_event(succeeded_event(fake, intent, event_id="evt_b"))
        assert_paid_once(order)


class TestOutOfOrder:
    def test_succeeded_before_created_pays_once_and_stays_paid(self, card_order, post_event):
        order, intent, fake = card_order
        paid = succeeded_event(fake, intent)
        created = event("payment_intent.created",
                        {**paid["data"]["object"], "status": "requires_payment_method",
                         "amount_received": 0}, event_id="evt_created")
        post_event(paid)
        post_event(created)
        assert_paid_once(order)
        assert StripeEvent.objects.get(event_id="evt_created").status == StripeEvent.Status.PROCESSED

    def test_a_failure_arriving_after_the_success_is_ignored(self, card_order, post_event):
        order, intent, fake = card_order
        post_event(succeeded_event(fake, intent))
        failed = fixture("payment_intent", id=intent.id, amount=3770, currency="cad",
                         status="requires_payment_method", metadata=intent.metadata)
        post_event(event("payment_intent.payment_failed", failed, event_id="evt_failed"))
        assert_paid_once(order)
        assert not PaymentEvent.objects.filter(event_type__name=EventName.PAYMENT_FAILED).exists()


class TestEventTypes:
    def test_a_failed_payment_is_recorded_and_the_order_waits(self, card_order, post_event):
        order, intent, fake = card_order
        failed = fixture("payment_intent", id=intent.id, amount=3770, currency="cad",
                         status="requires_payment_method", metadata=intent.metadata,
                         last_payment_error={"message": "Your card was declined."})
        post_event(event("payment_intent.payment_failed", failed))
        order = refreshed(order)
        assert order.status == OrderStatus.PENDING_PAYMENT
        assert order.payment_events.get().event_type.name == EventName.PAYMENT_FAILED
        assert "declined" in StripeEvent.objects.get().note

    def test_a_canceled_intent_is_recorded(self, card_order, post_event):
        order, intent, fake = card_order
        canceled = fixture("payment_intent", id=intent.id, amount=3770, currency="cad",
                           status="canceled", metadata=intent.metadata)
        post_event(event("payment_intent.canceled", canceled))
        assert refreshed(order).payment_events.get().event_type.name == EventName.PAYMENT_CANCELED

    def test_an_unknown_type_gets_200_and_a_log_line(self, post_event, caplog):
        caplog.set_level(logging.INFO, logger="shop.payments.webhooks")
        response = post_event(event("plan.created", fixture("plan")))
        assert response.status_code == 200
        assert StripeEvent.objects.get().status == StripeEvent.Status.IGNORED
        assert "plan.created ignored" in caplog.text

    def test_an_intent_of_another_system_changes_nothing(self, post_event):
        other = fixture("payment_intent", status="succeeded", metadata={})
        assert post_event(event("payment_intent.succeeded", other)).status_code == 200
        assert StripeEvent.objects.get().note == "not our order"
        assert PaymentEvent.objects.count() == 0


class TestPaymentLinkEvents:
    @pytest.fixture
    def link_order(self, stripe_on, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK)
        return order, payment_link_create(order=order), stripe_on

    def completed(self, link, order, fake, payment_status="paid"):
        intent_id = fake.new_id("pi")
        session = {**fake.objects[link.session_id], "status": "complete",
                   "payment_status": payment_status, "payment_intent": intent_id}
        return session, intent_id

    def test_a_completed_session_pays_the_order_and_the_link(self, link_order, post_event):
        order, link, fake = link_order
        session, intent_id = self.completed(link, order, fake)
        post_event(event("checkout.session.completed", session))
        assert_paid_once(order)
        assert PaymentLink.objects.get().status == PaymentLink.Status.PAID
        assert order.sources.get().reference == intent_id

    def test_the_intent_succeeded_event_of_the_same_payment_pays_nothing_more(self, link_order, post_event):
        order, link, fake = link_order
        session, intent_id = self.completed(link, order, fake)
        intent = fixture("payment_intent", id=intent_id, amount=3770, amount_received=3770,
                         currency="cad", status="succeeded", latest_charge="ch_link",
                         metadata={"order_number": order.number})
        post_event(event("payment_intent.succeeded", intent))
        post_event(event("checkout.session.completed", session))
        assert_paid_once(order)

    def test_an_async_payment_pays_when_it_succeeds(self, link_order, post_event):
        order, link, fake = link_order
        session, _intent_id = self.completed(link, order, fake, payment_status="unpaid")
        post_event(event("checkout.session.completed", session))
        assert refreshed(order).status == OrderStatus.PENDING_PAYMENT
        post_event(event("checkout.session.async_payment_succeeded",
                         {**session, "payment_status": "paid"}, event_id="evt_async"))
        assert_paid_once(order)

    def test_an_async_failure_is_recorded(self, link_order, post_event):
        order, link, fake = link_order
        session, _intent_id = self.completed(link, order, fake, payment_status="unpaid")
        post_event(event("checkout.session.async_payment_failed", session))
        assert refreshed(order).payment_events.get().event_type.name == EventName.PAYMENT_FAILED

    def test_an_expired_link_is_marked_and_a_paid_one_stays_paid(self, link_order, post_event):
        order, link, fake = link_order
        expired = {**fake.objects[link.session_id], "status": "expired"}
        post_event(event("checkout.session.expired", expired))
        assert PaymentLink.objects.get().status == PaymentLink.Status.EXPIRED
        assert order.payment_events.get().event_type.name == EventName.LINK_EXPIRED


class TestRefundAndDisputeEvents:
    @pytest.fixture
    def paid_order(self, card_order, post_event):
        order, intent, fake = card_order
        post_event(succeeded_event(fake, intent))
        return refreshed(order), fake.objects[intent.id], fake

    def test_a_refund_made_in_stripes_dashboard_is_recorded_once(self, paid_order, post_event):
        order, intent, fake = paid_order
        charge = fake.charge_for(intent, amount_refunded=1000)
        post_event(event("charge.refunded", charge, event_id="evt_r1"))
        post_event(event("charge.refunded", charge, event_id="evt_r1_again"))
        refund = Refund.objects.get()
        assert (refund.amount, refund.status) == (D("10.00"), Refund.Status.SUCCEEDED)
        assert order.sources.get().amount_refunded == D("10.00")
        assert PaymentEvent.objects.filter(event_type__name=EventName.REFUNDED).count() == 1
        assert refreshed(order).status == OrderStatus.TO_PREPARE

    def test_a_second_refund_adds_only_the_difference_and_a_full_refund_cancels(self, paid_order, post_event):
        order, intent, fake = paid_order
        post_event(event("charge.refunded", fake.charge_for(intent, amount_refunded=1000), event_id="e1"))
        post_event(event("charge.refunded", fake.charge_for(intent, amount_refunded=3770), event_id="e2"))
        assert sorted(Refund.objects.values_list("amount", flat=True)) == [D("10.00"), D("27.70")]
        assert order.sources.get().amount_refunded == D("37.70")
        assert refreshed(order).status == OrderStatus.CANCELLED

    def test_a_dispute_is_recorded_when_opened_and_closed(self, paid_order, post_event):
        order, intent, fake = paid_order
        dispute = fixture("dispute", id="dp_1", amount=3770, currency="cad",
                          charge=intent["latest_charge"], payment_intent=intent["id"])
        post_event(event("charge.dispute.created", dispute))
        post_event(event("charge.dispute.created", dispute, event_id="evt_again"))
        post_event(event("charge.dispute.closed", {**dispute, "status": "won"}))
        names = list(order.payment_events.order_by("pk").values_list("event_type__name", flat=True))
        assert names == [EventName.PAID, EventName.DISPUTE_OPENED, EventName.DISPUTE_CLOSED]

    def test_a_dispute_naming_only_the_charge_finds_the_order(self, paid_order, post_event):
        order, intent, fake = paid_order
        dispute = fixture("dispute", id="dp_2", amount=3770, charge=intent["latest_charge"],
                          payment_intent=None)
        post_event(event("charge.dispute.created", dispute))
        assert order.payment_events.filter(event_type__name=EventName.DISPUTE_OPENED).exists()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
class TestConcurrentDeliveries:
    """Two deliveries at the same time, each in its own thread and connection."""

    def run_together(self, *jobs):
        barrier = threading.Barrier(len(jobs))
        results, errors = [None] * len(jobs), []

        def run(index, job):
            try:
                barrier.wait(timeout=10)
                results[index] = job()
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        return results

    def test_the_same_event_posted_twice_at_once_pays_once(self, card_order, webhook_secret, tasks_inline):
        from django.test import Client

        order, intent, fake = card_order
        payload = json.dumps(succeeded_event(fake, intent))
        results = self.run_together(*[lambda: deliver(Client(), payload).status_code] * 2)
        assert results == [200, 200]
        assert StripeEvent.objects.count() == 1
        assert_paid_once(order)

    def test_two_events_saying_paid_processed_at_once_pay_once(self, card_order, webhook_secret, monkeypatch):
        from shop.payments import webhooks

        monkeypatch.setattr(webhooks, "stripe_event_queue", lambda **kwargs: None)
        order, intent, fake = card_order
        paid = fake.succeed(intent.id)
        for event_id in ("evt_one", "evt_two"):
            webhooks.stripe_event_receive(event=webhooks_event(event("payment_intent.succeeded", paid, event_id=event_id)))
        pks = list(StripeEvent.objects.values_list("pk", flat=True))
        results = self.run_together(*[lambda pk=pk: stripe_event_process(event_pk=pk) for pk in pks])
        assert results == ["processed", "processed"]
        assert sorted(StripeEvent.objects.values_list("note", flat=True)) == ["already paid", "paid"]
        assert_paid_once(order)


def webhooks_event(payload):
    from integrations.stripe.client import WebhookEvent

    return WebhookEvent.from_data(payload)
