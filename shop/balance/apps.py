from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BalanceConfig(AppConfig):
    """A person's prepaid balance: cash or cheque received as credit, spent by
    orders paid from it through the pipeline."""

    name = "shop.balance"
    label = "balance"
    verbose_name = _("Prepaid balance")
    default_auto_field = "django.db.models.BigAutoField"
