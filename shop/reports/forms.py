from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop.dates import DayField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.Form):
    """The period (both days included) and whose figures: one seller or the whole cooperative."""

    date_from = DayField(label=pgettext_lazy("period", "From"), widget=DATE_WIDGET)
    date_to = DayField(label=_("To (included)"), widget=DATE_WIDGET)
    seller = forms.ChoiceField(label=_("Figures of"), required=False)

    def __init__(self, *args, sellers, whole_cooperative: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("The whole cooperative"))] if whole_cooperative else []
        self.fields["seller"].choices = choices + [(str(s.pk), s.name) for s in sellers]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


def preset_periods(today) -> list[tuple]:
    """(label, first day, last day) of the periods offered in one click."""
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    return [
        (_("This month"), first_of_month, today),
        (_("Last month"), last_month_end.replace(day=1), last_month_end),
        (_("This year"), today.replace(month=1, day=1), today),
    ]
