"""The accounting export's form: a period (both days included) and one seller or all."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop import clock
from shop.dates import DayField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccountingExportForm(forms.Form):
    """``sellers``: those the user may see; the seller chosen must be one of them."""

    start = DayField(label=pgettext_lazy("period", "From"), widget=DATE_WIDGET)
    end = DayField(label=_("To (included)"), widget=DATE_WIDGET)
    seller = forms.ModelChoiceField(label=_("Seller"), queryset=None, required=False,
                                    empty_label=_("All my sellers"))

    def __init__(self, *args, sellers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seller"].queryset = sellers.order_by("name")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    @staticmethod
    def this_month() -> dict:
        today = clock.today()
        return {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    def sellers(self):
        """The sellers exported: the one chosen, else all those offered."""
        chosen = self.cleaned_data.get("seller")
        queryset = self.fields["seller"].queryset
        return queryset.filter(pk=chosen.pk) if chosen else queryset
