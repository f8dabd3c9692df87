from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Card payments, payment links, pay-later methods, Stripe webhooks, settlements."""

    name = "shop.payments"
    label = "payments"
    verbose_name = _("Payments")
