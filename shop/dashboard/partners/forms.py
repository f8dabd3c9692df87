"""Seller staff forms of the dashboard, for who is not an administrator.

Oscar's forms let whoever edits a seller's staff member set their password and
"full dashboard access" (staff status). Staff accounts are managed by
administrators only (``shop.accounts.selectors``): others change the name.
Forms not redefined here are Oscar's, which ``get_class`` falls back to.
"""

from django import forms
from oscar.apps.dashboard.partners.forms import *  # noqa: F401,F403
from oscar.core.loading import get_model

User = get_model("accounts", "User")


class StaffNameForm(forms.ModelForm):
    """What a coordinator may change on a seller's staff member: the name."""

    class Meta:
        model = User
        fields = ("first_name", "last_name")
