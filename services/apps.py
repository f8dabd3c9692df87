from django.http import Http404
from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class ServicesConfig(StaffPagesConfig):
    """Registrations and meal delivery: programs, clients, deliveries, routes.

    Staff pages are for coordinators and the staff of a meal service (anyone
    else gets 404); online registration is the public's.
    """

    name = "services"
    verbose_name = _("Services")

    default_access_fn = staticmethod(access.may_use_services)
    permissions_map = {
        "register": access.PUBLIC,
        "register-done": access.PUBLIC,
        "register-step": access.PUBLIC,
    }
    refusal = Http404

    def ready(self):
        from shop.people.signals import person_details_changed, person_merged

        from .services.clients import client_follow_person, client_follow_person_details
        from .sms import connect_phone_hooks

        connect_phone_hooks()
        person_merged.connect(client_follow_person, dispatch_uid="services-client-follows-person")
        person_details_changed.connect(client_follow_person_details,
                                       dispatch_uid="services-client-follows-person-details")
