"""Who may use the phone desk and the staff inbox (also used by the dashboard menu).

Kept free of model imports: settings import these for the dashboard navigation.
"""


def can_use_phone_desk(user, *args, **kwargs) -> bool:
    """Coordinators and seller staff take phone orders."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.has_perm("partner.dashboard_access")


def is_coordinator(user, *args, **kwargs) -> bool:
    """The outbox and the call-back inbox are the coordinators' (shop staff)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)
