from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicesConfig(AppConfig):
    """Invoices and credit notes that satisfy Revenu Québec, numbered per seller
    without gaps, printable as PDF."""

    name = "shop.invoices"
    label = "invoices"
    verbose_name = _("Invoices")
    default_auto_field = "django.db.models.BigAutoField"
