from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    """Monthly statements for clients who pay by invoice, on paper for those
    with no email (one PDF for the month, addressed for a window envelope)."""

    name = "shop.statements"
    label = "statements"
    verbose_name = _("Monthly statements")
    default_auto_field = "django.db.models.BigAutoField"
