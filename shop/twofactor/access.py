"""Who signs in in two steps: the one policy the middleware and the pages follow.

- Administrators (superusers) and coordinators (``is_coordinator``) must: no page
  opens for them on a password alone.
- Seller staff (Oscar's ``partner.dashboard_access``) may; they must when
  ``settings.OTP_REQUIRED_FOR_SELLER_STAFF`` is on, or once they have set it up.
- Clients never see it.

Models are imported inside the functions, as in the other ``access`` modules.
"""

from django.conf import settings


def is_seller_staff(user) -> bool:
    from shop.access import holds_dashboard_access

    return holds_dashboard_access(user)


def second_factor_offered(user) -> bool:
    """Whether ``user`` may set up a second step: any staff member."""
    from shop.access import is_coordinator

    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or is_coordinator(user) or is_seller_staff(user)


def second_factor_mandatory(user) -> bool:
    """Whether ``user`` must have a second step, set up or not yet."""
    from shop.access import is_coordinator

    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or is_coordinator(user):
        return True
    return getattr(settings, "OTP_REQUIRED_FOR_SELLER_STAFF", False) and is_seller_staff(user)


def second_factor_required(user) -> bool:
    """Whether a password alone is not enough for ``user`` to open any page.

    True for those who must (``second_factor_mandatory``) and for staff who
    chose to set it up: once a device exists, it is asked for.
    """
    from .selectors import has_second_factor

    if second_factor_mandatory(user):
        return True
    return second_factor_offered(user) and has_second_factor(user)
