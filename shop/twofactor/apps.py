from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    """Two-step sign-in for staff: a code from an app (TOTP) or a recovery code.

    The devices are django-otp's (``otp_totp``, ``otp_static``); this app holds
    who must use them (``access``), the pages that enrol and verify, and the
    middleware that keeps a session with a password alone out of every page.
    """

    name = "shop.twofactor"
    label = "twofactor"
    verbose_name = _("Two-step sign-in")

    def allows(self, user, url_name) -> bool:
        """The dashboard menu shows "Two-step sign-in" to those it is offered to."""
        from shop.twofactor.access import second_factor_offered

        return second_factor_offered(user)
