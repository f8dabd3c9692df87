"""Every account is a person: the person is made with the account and follows its details."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .services.persons import person_sync_account


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="people-account-person")
def account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    person_sync_account(user=instance)
