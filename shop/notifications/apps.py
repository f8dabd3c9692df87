from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class NotificationsConfig(StaffPagesConfig):
    """The outbox: messages written with the event that causes them, relayed by Celery.

    The outbox pages are the coordinators'; Twilio's status callback checks
    Twilio's signature.
    """

    name = "shop.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    permissions_map = {"sms-status": access.PUBLIC}
