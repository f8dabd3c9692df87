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

    permissions_map = {
        # "Mon compte": the signed-in person's own page (its views ask for a login).
        "account": access.PUBLIC,
        "account-consents": access.PUBLIC,
        "account-contact": access.PUBLIC,
        "account-delivery-skip": access.PUBLIC,
        "account-registration-pause": access.PUBLIC,
        # "What the client sees": each person then checked with access.people_visible_to.
        "staff-people": access.may_use_phone_desk,
        "staff-person": access.may_use_phone_desk,
        "staff-person-consents": access.may_use_phone_desk,
        # Verified linking: the owner's page asks for a login itself; staff confirm on the phone.
        "link-confirm": access.PUBLIC,
        "link-staff-confirm": access.may_use_phone_desk,
        # Privacy (Loi 25): the privacy page is everyone's, the export the signed-in
        # person's own (its view asks for a login); the registers are coordinators'.
        "privacy": access.PUBLIC,
        "export": access.PUBLIC,
        "staff-export": access.is_coordinator,
        "privacy-requests": access.is_coordinator,
        "privacy-request-create": access.is_coordinator,
        "privacy-request": access.is_coordinator,
        "staff-access-log": access.is_coordinator,
        "incidents": access.is_coordinator,
        "incident-create": access.is_coordinator,
        "incidents-csv": access.is_coordinator,
    }

    def ready(self):
        from . import receivers  # noqa: F401
