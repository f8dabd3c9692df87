from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class PeopleConfig(StaffPagesConfig):
    """One person across the cooperative: their record, consents, and privacy (Loi 25).

    Every app points to ``Person``: an account (``accounts.User``), a meal
    client (``services.Client``), an SMS number (``notifications.SmsContact``).
    Consents given or withdrawn are rows of one ledger (``Consent``).
    """

    name = "shop.people"
    label = "people"
    verbose_name = _("People")

    permissions_map = {}

    def ready(self):
        from . import receivers  # noqa: F401
