"""A confirmation email whose queueing failed (Redis down) goes out late, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shop.order.services import order_confirmation_send, order_confirmations_catch_up
from shop.order.tasks import confirmations_catch_up
from tests.factories import (
    PhoneOnlyClientFactory,
    SellerFactory,
    StaffFactory,
    UserFactory,
    product_for,
)
from tests.shop.order.test_pipeline import phone_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(db):
    return product_for(SellerFactory(name="Librairie"), title="Kamouraska")


def placed_without_its_email(client, book, django_capture_on_commit_callbacks):
    """An order whose after-commit queueing never ran, as when Redis is down."""
    with django_capture_on_commit_callbacks(execute=False):
        return phone_order(client, StaffFactory(), [book])


def test_a_lost_confirmation_goes_out_once_after_five_minutes(
        book, django_capture_on_commit_callbacks, mailoutbox):
    order = placed_without_its_email(UserFactory(email="lea@example.org"), book,
                                     django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert order_confirmations_catch_up(now=order.date_placed + timedelta(minutes=2)) == 0
    assert order_confirmations_catch_up(now=order.date_placed + timedelta(minutes=6)) == 1
    assert [m.to for m in mailoutbox] == [["lea@example.org"]]
    assert order.number in mailoutbox[0].body
    assert order_confirmations_catch_up(now=order.date_placed + timedelta(minutes=11)) == 0
    assert len(mailoutbox) == 1


def test_a_confirmation_already_sent_is_not_sent_again(book, mailoutbox):
    order = phone_order(UserFactory(email="lea@example.org"), StaffFactory(), [book])
    order_confirmation_send(order=order)
    order_confirmation_send(order=order)
    assert len(mailoutbox) == 1
    assert order_confirmations_catch_up(now=timezone.now() + timedelta(minutes=10)) == 0
    assert len(mailoutbox) == 1


def test_phone_only_clients_and_old_orders_are_left_alone(
        book, django_capture_on_commit_callbacks, mailoutbox):
    phone_only = placed_without_its_email(PhoneOnlyClientFactory(), book,
                                          django_capture_on_commit_callbacks)
    assert order_confirmations_catch_up(now=phone_only.date_placed + timedelta(minutes=10)) == 0
    old = placed_without_its_email(UserFactory(email="marc@example.org"), book,
                                   django_capture_on_commit_callbacks)
    assert order_confirmations_catch_up(now=old.date_placed + timedelta(days=3)) == 0
    assert mailoutbox == []


def test_the_beat_job_sends_them(book, django_capture_on_commit_callbacks, mailoutbox, settings):
    order = placed_without_its_email(UserFactory(email="lea@example.org"), book,
                                     django_capture_on_commit_callbacks)
    order.date_placed -= timedelta(minutes=10)
    order.save()
    confirmations_catch_up.apply()
    assert len(mailoutbox) == 1
    assert "order-confirmations-catch-up" in settings.CELERY_BEAT_SCHEDULE
