from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayoutsConfig(AppConfig):
    """Payouts to sellers by Stripe Connect: a transfer per seller per paid order,
    reversed in proportion on refund, each written to the seller ledger."""

    name = "shop.payouts"
    label = "payouts"
    verbose_name = _("Payouts to sellers")
    default_auto_field = "django.db.models.BigAutoField"
