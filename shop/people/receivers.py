"""Every account is a person (made with the account, following its details); a purchase
implies consent to news for two years."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed, order_status_changed

from shop.order.statuses import OrderStatus

from .services.consents import consent_imply_from_purchase
from .services.persons import person_of, person_sync_account


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="people-account-person")
def account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    person_sync_account(user=instance)


@receiver(order_placed, dispatch_uid="people-order-implied-consent")
def order_placed_implies_consent(sender, order, user=None, **kwargs):
    """A purchase implies consent to news by email and SMS for two years (CASL); an order
    waiting for its card payment is not a purchase yet."""
    if order.status != OrderStatus.PENDING_PAYMENT:
        _imply(order)


@receiver(order_status_changed, dispatch_uid="people-order-paid-implied-consent")
def order_paid_implies_consent(sender, order, old_status, new_status, **kwargs):
    if old_status == OrderStatus.PENDING_PAYMENT and new_status == OrderStatus.TO_PREPARE:
        _imply(order)


def _imply(order):
    person = person_of(order.user)
    if person is not None:
        consent_imply_from_purchase(person=person, source=f"order:{order.number}")
