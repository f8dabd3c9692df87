"""Whose account is a staff account, and who may change what on one.

Staff accounts (administrators, coordinators, seller staff) are managed by
administrators only: anyone else with the right to change users (coordinators
have ``accounts.change_user``) changes clients' accounts, never another staff
member's email, password or status, never an administrator's account at all.
Anything that would let them (the admin, Oscar's dashboard pages on users and
on sellers' staff) asks these functions.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q

DASHBOARD_ACCESS = {"content_type__app_label": "partner", "codename": "dashboard_access"}


def is_staff_account(user) -> bool:
    """An administrator's, a coordinator's or a seller's staff member's account."""
    if user.is_staff or user.is_superuser:
        return True
    if user.partners.exists():
        return True
    held = Permission.objects.filter(Q(user=user) | Q(group__user=user), **DASHBOARD_ACCESS)
    return held.exists()


def may_edit_account(*, manager, account) -> bool:
    """Whether ``manager`` may change anything on ``account``: not an administrator's."""
    return manager.is_superuser or not account.is_superuser


def may_manage_credentials(*, manager, account) -> bool:
    """Whether ``manager`` may change ``account``'s email, password or status, or send it
    a password reset: administrators always, others only on clients' accounts."""
    if manager.is_superuser:
        return True
    return may_edit_account(manager=manager, account=account) and not is_staff_account(account)


def may_manage_roles(manager) -> bool:
    """Whether ``manager`` may give or take staff status, administrator rights, groups
    and permissions: administrators only."""
    return manager.is_superuser
