from django.http import Http404
from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class InvoicesConfig(StaffPagesConfig):
    """Invoices and credit notes that satisfy Revenu Québec, numbered per seller
    without gaps, printable as PDF.

    A client prints the invoices of their own orders (the view checks the
    owner); staff print those of the sellers they serve, coordinators all:
    anyone else gets 404.
    """

    name = "shop.invoices"
    label = "invoices"
    verbose_name = _("Invoices")
    default_auto_field = "django.db.models.BigAutoField"

    permissions_map = {
        "account-pdf": access.PUBLIC,  # the signed-in owner's own (the view asks)
        "staff-pdf": access.is_staff_member,  # then only the sellers they serve
    }
    refusal = Http404

    def ready(self):
        super().ready()
        from shop.invoices import receivers

        receivers.connect()
