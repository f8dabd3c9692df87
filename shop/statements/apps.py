from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class StatementsConfig(StaffPagesConfig):
    """Monthly statements for clients who pay by invoice, on paper for those
    with no email (one PDF for the month, addressed for a window envelope).

    The staff pages are for coordinators and the meal services' staff (each
    then reads their own sellers' orders only); a client's own statement asks
    for a login itself.
    """

    name = "shop.statements"
    label = "statements"
    verbose_name = _("Monthly statements")
    default_auto_field = "django.db.models.BigAutoField"

    default_access_fn = staticmethod(access.may_use_services)
    permissions_map = {
        "staff-statements": access.may_use_services,
        "staff-month-pdf": access.may_use_services,
        "staff-statement-pdf": access.may_use_services,
        "account-statement-pdf": access.PUBLIC,
    }
