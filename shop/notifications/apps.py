from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The outbox: messages written with the event that causes them, relayed by Celery."""

    name = "shop.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
