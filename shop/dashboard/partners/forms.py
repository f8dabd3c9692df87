"""Seller staff forms of the dashboard, for who is not an administrator.

Oscar's forms let whoever edits a seller's staff member set their password and
"full dashboard access" (staff status). Staff accounts are managed by
administrators only (``shop.accounts.selectors``): others change the name.
``SellerPageForm`` is what a seller's own staff change of its public page.
Forms not redefined here are Oscar's, which ``get_class`` falls back to.
"""

from django import forms
from oscar.apps.dashboard.partners.forms import *  # noqa: F401,F403
from oscar.core.loading import get_model

from shop.richtext import RichTextFormMixin

User = get_model("accounts", "User")


class StaffNameForm(forms.ModelForm):
    """What a coordinator may change on a seller's staff member: the name."""

    class Meta:
        model = User
        fields = ("first_name", "last_name")


class SellerPageForm(RichTextFormMixin, forms.ModelForm):
    """What a seller's staff say of it on its public page."""

    rich_text_fields = ("description",)

    class Meta:
        model = get_model("partner", "Partner")
        fields = ("description", "opening_hours", "contact_phone", "contact_email", "is_public")
        widgets = {
            "description": forms.Textarea(attrs={"class": "wysiwyg"}),
            "opening_hours": forms.Textarea(attrs={"rows": 4}),
        }
