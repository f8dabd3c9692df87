from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DriversConfig(AppConfig):
    """Volunteer drivers: who drives which meal route, the route on their phone (working
    without signal), the outcomes they record, and the welfare alert when nobody answers."""

    name = "drivers"
    label = "drivers"
    verbose_name = _("Volunteer drivers")
    default_auto_field = "django.db.models.BigAutoField"
