from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    """The project package itself: its templatetags, commands and translations."""

    name = "shop"
    label = "comptoir"
    verbose_name = _("Comptoir")
