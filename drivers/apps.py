from django.http import Http404
from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class DriversConfig(StaffPagesConfig):
    """Volunteer drivers: who drives which meal route, the route on their phone (working
    without signal), the outcomes they record, and the welfare alert when nobody answers.

    The coordinators' pages (/benevoles/) are for meal staff and coordinators (anyone
    else gets 404); the driver's page (/tournee/<link>/) opens with its signed link.
    """

    name = "drivers"
    label = "drivers"
    verbose_name = _("Volunteer drivers")
    default_auto_field = "django.db.models.BigAutoField"

    default_access_fn = staticmethod(access.may_use_services)
    permissions_map = {
        "service-worker": access.PUBLIC,
        "route-page": access.PUBLIC,
        "results": access.PUBLIC,
    }
    refusal = Http404

    def ready(self):
        super().ready()
        from phone_orders.hooks import register_known_number, register_unasked_answer

        from . import receivers
        from .substitutes import sms_offer_answer, volunteer_language

        receivers.connect()

        register_unasked_answer(sms_offer_answer)
        register_known_number(volunteer_language)
