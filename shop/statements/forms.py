"""The staff's choice of a month (``<input type="month">``, ``2026-11``)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.dates import FIRST_DAY, LAST_DAY


class MonthForm(forms.Form):
    month = forms.CharField(label=_("Month"), widget=forms.TextInput(attrs={"type": "month"}))

    def clean_month(self) -> date:
        value = self.cleaned_data["month"].strip()
        try:
            year, month = (int(part) for part in value.split("-"))
            first = date(year, month, 1)
        except ValueError as error:
            raise forms.ValidationError(_("Enter a month as 2026-11."), code="invalid") from error
        if not FIRST_DAY <= first <= LAST_DAY:
            raise forms.ValidationError(_("Enter a month as 2026-11."), code="invalid")
        return first
