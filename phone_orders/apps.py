from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class PhoneOrdersConfig(StaffPagesConfig):
    """The phone desk, inbound SMS and voice, the call-back inbox.

    The desk is for coordinators, phone desk volunteers and seller staff; the
    inbox, the simulator and campaigns for coordinators; Twilio's webhooks
    check Twilio's signature.
    """

    name = "phone_orders"
    verbose_name = _("Phone orders")

    permissions_map = {
        "sms-inbound": access.PUBLIC,
        "voice-incoming": access.PUBLIC,
        "voice-language": access.PUBLIC,
        "voice-menu": access.PUBLIC,
        "voice-choice": access.PUBLIC,
        "voice-dial-done": access.PUBLIC,
        "voice-recorded": access.PUBLIC,
        "desk": access.may_use_phone_desk,
        "desk-client-create": access.may_use_phone_desk,
        "desk-client": access.may_use_phone_desk,
        "desk-line-set": access.may_use_phone_desk,
        "desk-confirm": access.may_use_phone_desk,
        "desk-order": access.may_use_phone_desk,
    }
