from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Live figures: the operations panel of the dashboard home and the impact report."""

    name = "shop.reports"
    label = "reports"
    verbose_name = _("Reports")
