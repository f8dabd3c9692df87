"""COMMANDE/ORDER offers the last order again; OUI/YES places it through the pipeline."""

from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from phone_orders.models import Answer, InboxItem, InboxKind, PendingQuestion, QuestionKind
from phone_orders.services.questions import sms_reorder_place
from shop.notifications.models import MessageKind, OutboundMessage
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from shop.taxes import TaxClass
from tests.conftest import wait_for
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.phone_orders.helpers import ask

Order = get_model("order", "Order")


@pytest.fixture
def gerard(db):
    return PhoneOnlyClientFactory(first_name="Gérard", phone="+15145550142")


@pytest.fixture
def first_order(gerard, sellers):
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    rental = product_for(sellers["tools"], title="Perceuse", price="10.00")
    return place_order(customer=gerard, channel=Channel.PHONE, placed_by=StaffFactory(),
                       fulfilment="pickup", payment_method=PaymentMethod.ON_DELIVERY,
                       lines=[LineRequest(book), LineRequest(rental, 2)])


def lines_of(order):
    return sorted((line.product_id, line.quantity) for line in order.lines.all())


@pytest.mark.django_db
class TestCommande:
    def test_offers_the_last_order_again(self, client, gerard, first_order):
        reply = ask(client, gerard.phone, "COMMANDE")
        assert "1 × Kamouraska, 2 × Perceuse" in reply and "OUI ou NON" in reply
        question = PendingQuestion.objects.get()
        assert (question.kind, question.payload["order_id"]) == (QuestionKind.REORDER, first_order.pk)

    def test_in_english_with_order(self, client, gerard, first_order):
        assert "Reply YES or NO" in ask(client, gerard.phone, "order")

    def test_then_oui_places_it_with_channel_sms_same_lines_and_right_taxes(
            self, client, gerard, first_order, django_capture_on_commit_callbacks):
        ask(client, gerard.phone, "COMMANDE")
        with django_capture_on_commit_callbacks() as callbacks:
            reply = ask(client, gerard.phone, "oui")
        assert "Nous passons votre commande" in reply and callbacks
        order = sms_reorder_place(question_id=PendingQuestion.objects.get().pk)
        order.refresh_from_db()
        assert order.channel == Channel.SMS and order.user == gerard
        assert order.payment_method == PaymentMethod.ON_DELIVERY
        assert lines_of(order) == lines_of(first_order)
        assert (order.gst, order.qst) == (D("2.25"), D("2.00"))
        assert order.total_incl_tax == first_order.total_incl_tax == D("49.20")

    def test_places_it_once_however_often_the_task_runs(self, client, gerard, first_order):
        ask(client, gerard.phone, "COMMANDE")
        ask(client, gerard.phone, "OUI")
        question = PendingQuestion.objects.get()
        assert sms_reorder_place(question_id=question.pk) == sms_reorder_place(question_id=question.pk)
        assert Order.objects.filter(channel=Channel.SMS).count() == 1

    def test_its_confirmation_is_a_direct_reply(self, client, gerard, first_order):
        ask(client, gerard.phone, "COMMANDE")
        ask(client, gerard.phone, "OUI")
        order = sms_reorder_place(question_id=PendingQuestion.objects.get().pk)
        message = OutboundMessage.objects.get(key=f"order:{order.number}:order_placed")
        assert message.is_reply and message.kind == MessageKind.ORDER_PLACED

    def test_then_non_cancels_the_question(self, client, gerard, first_order):
        ask(client, gerard.phone, "COMMANDE")
        assert "rien commandé" in ask(client, gerard.phone, "Non")
        assert PendingQuestion.objects.get().answer == Answer.NO
        assert "pas de question" in ask(client, gerard.phone, "OUI")
        assert not Order.objects.filter(channel=Channel.SMS).exists()

    def test_an_order_that_cannot_be_placed_is_told_and_left_to_staff(self, client, gerard, first_order):
        for line in first_order.lines.all():
            line.stockrecord.num_in_stock = line.stockrecord.num_allocated
            line.stockrecord.save()
        ask(client, gerard.phone, "COMMANDE")
        ask(client, gerard.phone, "OUI")
        assert sms_reorder_place(question_id=PendingQuestion.objects.get().pk) is None
        assert InboxItem.objects.get().kind == InboxKind.PROBLEM
        reply = OutboundMessage.objects.get(kind=MessageKind.REPLY)
        assert reply.is_reply and "Appelez-nous" in reply.body


class TestTheWholeWay:
    def test_commande_then_oui_places_the_order_after_commit(self, celery_worker, client, gerard,
                                                             first_order, no_quiet_hours):
        ask(client, gerard.phone, "COMMANDE")
        ask(client, gerard.phone, "OUI")
        assert wait_for(lambda: Order.objects.filter(channel=Channel.SMS).exists())
        order = Order.objects.get(channel=Channel.SMS)
        assert lines_of(order) == lines_of(first_order)


@pytest.mark.django_db
class TestReorderCatchUp:
    """A OUI/YES whose queueing failed (Redis down) is placed late, once."""

    def answered_while_redis_was_down(self, client, gerard, capture):
        ask(client, gerard.phone, "COMMANDE")
        with capture(execute=False):  # the after-commit queueing never ran
            ask(client, gerard.phone, "OUI")
        return PendingQuestion.objects.get()

    def test_is_placed_by_the_catch_up_once(self, client, gerard, first_order,
                                            django_capture_on_commit_callbacks):
        from datetime import timedelta

        from phone_orders.services.questions import reorders_catch_up

        question = self.answered_while_redis_was_down(client, gerard, django_capture_on_commit_callbacks)
        assert Order.objects.filter(channel=Channel.SMS).count() == 0
        assert reorders_catch_up(now=question.answered_at + timedelta(minutes=1)) == 0
        assert reorders_catch_up(now=question.answered_at + timedelta(minutes=3)) == 1
        reorder = Order.objects.get(channel=Channel.SMS)
        assert lines_of(reorder) == lines_of(first_order)
        assert reorders_catch_up(now=question.answered_at + timedelta(minutes=5)) == 0
        assert Order.objects.filter(channel=Channel.SMS).count() == 1

    def test_an_impossible_reorder_is_reported_once(self, client, gerard, first_order,
                                                     django_capture_on_commit_callbacks):
        from datetime import timedelta

        from phone_orders.services.questions import reorders_catch_up

        question = self.answered_while_redis_was_down(client, gerard, django_capture_on_commit_callbacks)
        for line in first_order.lines.all():
            line.product.stockrecords.update(num_in_stock=0)
        later = question.answered_at + timedelta(minutes=3)
        assert reorders_catch_up(now=later) == 1
        assert reorders_catch_up(now=later + timedelta(minutes=2)) == 0
        assert InboxItem.objects.filter(kind=InboxKind.PROBLEM).count() == 1
        assert Order.objects.filter(channel=Channel.SMS).count() == 0
