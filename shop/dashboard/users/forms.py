"""The dashboard's user search, which also finds clients by phone number."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.users import forms as oscar_forms
from oscar.apps.dashboard.users.forms import *  # noqa: F401,F403

from shop.dashboard.fields import PhoneSearchField


class UserSearchForm(oscar_forms.UserSearchForm):
    phone = PhoneSearchField(label=_("Phone number"))
