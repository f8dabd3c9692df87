"""Roles: coordinators see and act on everything in the dashboard.

Oscar's dashboard checks model permissions; a coordinator is a staff member
in the "Coordinators" group, which holds every shop permission (not those
that manage accounts' own permissions, nor staff's second-step devices).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

COORDINATORS = "Coordinators"
NOT_FOR_COORDINATORS = ("auth", "contenttypes", "sessions", "admin", "otp_totp", "otp_static")


def coordinator_group_sync():
    """Create the coordinators' group, or bring its permissions up to date."""
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    group.permissions.set(
        Permission.objects.exclude(content_type__app_label__in=NOT_FOR_COORDINATORS)
    )
    return group


@transaction.atomic
def user_make_coordinator(*, user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(coordinator_group_sync())
    return user
