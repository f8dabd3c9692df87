"""The dashboard's user list: a phone-only client is listed by phone number."""

from django.utils.translation import gettext_lazy as _
from django_tables2 import A, Column, LinkColumn
from oscar.apps.dashboard.users import tables as oscar_tables
from oscar.apps.dashboard.users.tables import *  # noqa: F401,F403


def email_or_phone(user) -> str:
    return user.email or str(user.phone or "")


class UserTable(oscar_tables.UserTable):
    # Oscar's column links the email, so a client without one had no link.
    email = LinkColumn(
        "dashboard:user-detail",
        args=[A("id")],
        accessor="id",
        text=email_or_phone,
        order_by=("email",),
        verbose_name=_("Email or phone"),
    )
    phone = Column(accessor="phone", verbose_name=_("Phone number"), default="-")

    class Meta(oscar_tables.UserTable.Meta):
        sequence = (
            "check",
            "email",
            "phone",
            "name",
            "active",
            "staff",
            "date_registered",
            "num_orders",
            "actions",
        )
