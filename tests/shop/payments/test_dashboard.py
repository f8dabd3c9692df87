"""Staff's payment actions: record a payment received, refund, send a payment link."""

from decimal import Decimal as D

import pytest
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments import services
from shop.payments.models import PaymentLink, Refund
from shop.payments.services import EventName
from tests.factories import (
    PhoneOnlyClientFactory,
    StaffFactory,
    UserFactory,
    product_for,
    seller_staff,
)
from tests.integrations.stripe.fake import event

from .conftest import place, place_card_order, refreshed

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")


@pytest.fixture
def coordinator(client):
    user = StaffFactory(is_superuser=True)
    client.force_login(user)
    return client


def record_url(order):
    return f"/payments/dashboard/orders/{order.number}/record-payment/"


def refund_url(order):
    return f"/payments/dashboard/orders/{order.number}/refund/"


def link_url(order):
    return f"/payments/dashboard/orders/{order.number}/payment-link/"


def events_named(order, name):
    return list(PaymentEvent.objects.filter(order=order, event_type__name=name).order_by("pk")
                .values_list("amount", flat=True))


class TestRecordingAPaymentReceived:
    def test_a_coordinator_records_cash_and_the_pending_order_moves_on(self, coordinator, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK)
        assert order.status == OrderStatus.PENDING_PAYMENT
        response = coordinator.post(record_url(order), {"method": "cash", "amount": "37.70"})
        assert response.status_code == 302
        assert refreshed(order).status == OrderStatus.TO_PREPARE
        assert events_named(order, EventName.PAID) == [D("37.70")]

    def test_the_form_offers_what_is_still_to_pay(self, coordinator, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        assert coordinator.get(record_url(order)).context["form"].initial["amount"] == D("37.70")

    def test_a_part_then_the_rest_and_never_more(self, coordinator, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        coordinator.post(record_url(order), {"method": "cheque", "amount": "20.00"})
        response = coordinator.post(record_url(order), {"method": "debit", "amount": "17.71"})
        assert response.status_code == 200 and "17.70" in response.content.decode().replace(",", ".")
        coordinator.post(record_url(order), {"method": "debit", "amount": "17.70"})
        assert events_named(order, EventName.PAID) == [D("20.00"), D("17.70")]
        assert order.sources.get().amount_debited == D("37.70")
        assert coordinator.post(record_url(order), {"method": "cash", "amount": "1.00"}).status_code == 200
        assert len(events_named(order, EventName.PAID)) == 2

    def test_staff_of_the_only_seller_of_the_order_may(self, client, sellers):
        book = product_for(sellers["bookshop"], price="10.00")
        order = place([book], payment_method=PaymentMethod.ON_DELIVERY)
        client.force_login(seller_staff(sellers["bookshop"]))
        assert client.post(record_url(order), {"method": "cash", "amount": order.total_incl_tax}).status_code == 302
        assert len(events_named(order, EventName.PAID)) == 1

    def test_staff_of_one_seller_of_a_shared_order_may_not(self, client, sellers, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        client.force_login(seller_staff(sellers["bookshop"]))
        assert client.get(record_url(order)).status_code == 403
        assert client.post(record_url(order), {"method": "cash", "amount": "37.70"}).status_code == 403
        assert events_named(order, EventName.PAID) == []

    def test_staff_of_another_seller_do_not_find_the_order(self, client, sellers):
        order = place([product_for(sellers["bookshop"])], payment_method=PaymentMethod.ON_DELIVERY)
        client.force_login(seller_staff(sellers["tools"]))
        assert client.get(record_url(order)).status_code == 404

    def test_a_client_may_not(self, client, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        client.force_login(UserFactory())
        assert client.post(record_url(order), {"method": "cash", "amount": "37.70"}).status_code == 403

    def test_the_order_page_shows_the_action_only_to_who_may_act(self, client, sellers, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        staff = seller_staff(sellers["bookshop"])
        client.force_login(staff)
        page = client.get(f"/dashboard/orders/{order.number}/").content.decode()
        assert 'id="order-payment"' not in page


@pytest.fixture
def paid_card_order(stripe_on, book_and_rental, post_event):
    order, intent = place_card_order(book_and_rental)
    post_event(event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
    return refreshed(order), stripe_on


class TestRefunds:
    def test_a_refund_then_its_charge_refunded_webhook_records_one_refund(self, coordinator, paid_card_order, post_event):
        order, fake = paid_card_order
        response = coordinator.post(refund_url(order), {"amount": "10.00", "reason": "Livre abîmé"})
        assert response.status_code == 302
        (request,) = fake.requests_to("post", "/v1/refunds")
        assert request.params["amount"] == "1000"
        assert request.params["payment_intent"] == order.sources.get().reference
        assert request.headers["Idempotency-Key"] == f"re-{order.number}-1-1000"
        refund = Refund.objects.get()
        assert (refund.status, refund.amount) == (Refund.Status.SUCCEEDED, D("10.00"))
        intent = fake.objects[order.sources.get().reference]
        post_event(event("charge.refunded", fake.charge_for(intent, amount_refunded=1000)))
        post_event(event("refund.updated", fake.objects[refund.stripe_refund_id]))
        assert Refund.objects.count() == 1
        assert events_named(order, EventName.REFUNDED) == [D("10.00")]
        source = order.sources.get()
        assert (source.amount_debited, source.amount_refunded) == (D("37.70"), D("10.00"))
        assert refreshed(order).status == OrderStatus.TO_PREPARE

    def test_a_full_refund_cancels_the_order_and_its_webhook_adds_nothing(self, coordinator, paid_card_order, post_event):
        order, fake = paid_card_order
        coordinator.post(refund_url(order), {"amount": "37.70"})
        intent = fake.objects[order.sources.get().reference]
        post_event(event("charge.refunded", fake.charge_for(intent, amount_refunded=3770)))
        assert events_named(order, EventName.REFUNDED) == [D("37.70")]
        assert refreshed(order).status == OrderStatus.CANCELLED

    def test_more_than_what_is_left_is_refused_without_calling_stripe(self, coordinator, paid_card_order):
        order, fake = paid_card_order
        coordinator.post(refund_url(order), {"amount": "30.00"})
        response = coordinator.post(refund_url(order), {"amount": "7.71"})
        assert response.status_code == 200
        assert len(fake.requests_to("post", "/v1/refunds")) == 1

    def test_a_webhook_arriving_while_stripe_works_on_the_refund_does_not_record_it_twice(self, paid_card_order, post_event):
        order, fake = paid_card_order
        refund = services._refund_request(order=order, amount=D("10.00"), user=None, reason="")
        intent = fake.objects[order.sources.get().reference]
        post_event(event("charge.refunded", fake.charge_for(intent, amount_refunded=1000)))
        assert events_named(order, EventName.REFUNDED) == []
        services.refund_settle(refund=refund, stripe_refund_id="re_1", stripe_status="succeeded")
        assert events_named(order, EventName.REFUNDED) == [D("10.00")]

    def test_stripe_unreachable_leaves_no_refund_recorded(self, coordinator, paid_card_order):
        order, fake = paid_card_order
        fake.fail_next("connection")
        response = coordinator.post(refund_url(order), {"amount": "10.00"})
        assert response.status_code == 200
        assert Refund.objects.get().status == Refund.Status.FAILED
        assert events_named(order, EventName.REFUNDED) == []
        assert order.sources.get().amount_refunded == D("0.00")

    def test_a_refund_that_fails_later_at_stripe_is_reversed(self, coordinator, paid_card_order, post_event):
        order, fake = paid_card_order
        coordinator.post(refund_url(order), {"amount": "10.00"})
        refund = Refund.objects.get()
        post_event(event("refund.updated", {**fake.objects[refund.stripe_refund_id], "status": "failed"}))
        assert Refund.objects.get().status == Refund.Status.FAILED
        assert order.sources.get().amount_refunded == D("0.00")
        assert events_named(order, EventName.REFUND_FAILED) == [D("10.00")]

    def test_an_order_paid_at_the_door_has_no_refund_button(self, coordinator, stripe_on, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        coordinator.post(record_url(order), {"method": "cash", "amount": "37.70"})
        page = coordinator.get(f"/dashboard/orders/{order.number}/").content.decode()
        assert 'id="payment-refund"' not in page
        assert coordinator.post(refund_url(order), {"amount": "1.00"}).status_code == 200
        assert stripe_on.requests_to("post", "/v1/refunds") == []


class TestPaymentLinks:
    @pytest.fixture
    def phone_order(self, stripe_on, book_and_rental):
        customer = UserFactory(email="gerard@example.org")
        return place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK, customer=customer)

    def test_staff_send_a_link_by_email_with_its_expiry(self, coordinator, phone_order, stripe_on, mailoutbox):
        response = coordinator.post(link_url(phone_order))
        assert response.status_code == 302
        link = PaymentLink.objects.get()
        (request,) = stripe_on.requests_to("post", "/v1/checkout/sessions")
        assert request.params["line_items"][0]["price_data"]["unit_amount"] == "3770"
        assert request.params["client_reference_id"] == phone_order.number
        assert int(request.params["expires_at"]) == int(link.expires_at.timestamp())
        assert (link.amount, link.sent_to, link.status) == (D("37.70"), "gerard@example.org", "open")
        assert mailoutbox[0].to == ["gerard@example.org"] and link.url in mailoutbox[0].body

    def test_sending_again_while_open_sends_the_same_link(self, coordinator, phone_order, stripe_on, mailoutbox):
        coordinator.post(link_url(phone_order))
        coordinator.post(link_url(phone_order))
        assert PaymentLink.objects.count() == 1 and len(mailoutbox) == 2
        assert len(stripe_on.requests_to("post", "/v1/checkout/sessions")) == 1

    def test_an_expired_link_is_replaced_by_a_new_one(self, coordinator, phone_order, stripe_on, post_event):
        coordinator.post(link_url(phone_order))
        first = PaymentLink.objects.get()
        post_event(event("checkout.session.expired", {**stripe_on.objects[first.session_id], "status": "expired"}))
        coordinator.post(link_url(phone_order))
        second = PaymentLink.objects.get(attempt=2)
        assert second.session_id != first.session_id
        assert stripe_on.requests_to("post", "/v1/checkout/sessions")[-1].headers["Idempotency-Key"] == (
            f"cs-{phone_order.number}-3770-2")

    def test_paying_the_link_pays_the_order_through_the_webhook(self, coordinator, phone_order, stripe_on, post_event):
        coordinator.post(link_url(phone_order))
        link = PaymentLink.objects.get()
        session = {**stripe_on.objects[link.session_id], "status": "complete",
                   "payment_status": "paid", "payment_intent": "pi_link1"}
        post_event(event("checkout.session.completed", session))
        assert refreshed(phone_order).status == OrderStatus.TO_PREPARE
        assert PaymentLink.objects.get().status == PaymentLink.Status.PAID
        page = coordinator.get(f"/dashboard/orders/{phone_order.number}/").content.decode()
        assert 'id="payment-link-send"' not in page

    def test_a_client_known_by_phone_gets_the_link_by_sms(self, coordinator, stripe_on, book_and_rental):
        from shop.notifications.models import OutboundMessage

        client = PhoneOnlyClientFactory()
        order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK, customer=client)
        response = coordinator.post(link_url(order), follow=True)
        link = PaymentLink.objects.get()
        assert OutboundMessage.objects.filter(to=str(client.phone), body__contains=link.url).exists()
        assert str(client.phone) in response.content.decode()

    def test_the_sms_side_can_send_it_its_own_way(self, stripe_on, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK,
                      customer=PhoneOnlyClientFactory(phone="+15145550142"))
        sent = []

        def by_sms(*, link, order):
            sent.append(link.url)
            return str(order.user.phone)

        link = services.payment_link_send(order=order, sender=by_sms)
        assert sent == [link.url] and link.sent_to == "+15145550142"
        assert events_named(order, EventName.LINK_SENT) == [D("37.70")]

    def test_nothing_to_pay_no_link(self, stripe_on, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        services.manual_payment_record(order=order, amount=D("37.70"), method="cash",
                                       user=StaffFactory())
        with pytest.raises(services.PaymentRefused):
            services.payment_link_send(order=order)

    def test_with_cards_off_no_link_button(self, coordinator, book_and_rental):
        order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK)
        page = coordinator.get(f"/dashboard/orders/{order.number}/").content.decode()
        assert 'id="payment-link-send"' not in page and 'id="payment-record"' in page


def test_seller_staff_need_dashboard_access(client, sellers):
    user = UserFactory()
    sellers["bookshop"].users.add(user)
    client.force_login(user)
    assert client.get("/payments/dashboard/settlements/").status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    assert client.get("/payments/dashboard/settlements/").status_code == 200


def test_a_phone_client_gets_the_payment_link_by_sms(stripe_on, book_and_rental):
    from shop.notifications.models import OutboundMessage

    order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK,
                  customer=PhoneOnlyClientFactory(phone="+15145550143"))
    link = services.payment_link_send(order=order, sent_by=StaffFactory())
    sms = OutboundMessage.objects.get(to="+15145550143", body__contains=link.url)
    assert order.number in sms.body
    assert link.sent_to == "+15145550143"
