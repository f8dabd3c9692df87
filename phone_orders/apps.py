from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhoneOrdersConfig(AppConfig):
    """The phone desk, inbound SMS and voice, the call-back inbox."""

    name = "phone_orders"
    verbose_name = _("Phone orders")
