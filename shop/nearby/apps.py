from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NearbyConfig(AppConfig):
    """The public "near me" page: what of the cooperative serves a postal code."""

    name = "shop.nearby"
    label = "nearby"
    verbose_name = _("Near me")
