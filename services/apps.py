from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """Registrations and meal delivery: programs, clients, deliveries, routes."""

    name = "services"
    verbose_name = _("Services")

    def ready(self):
        from .sms import connect_phone_hooks

        connect_phone_hooks()
