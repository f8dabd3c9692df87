from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.dates import DayField
from shop.rentals.models import AdjustmentReason, UnitCondition


class AssetTagForm(forms.Form):
    asset_tag = forms.CharField(
        label=_("Asset tag"),
        max_length=40,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off",
                                      "placeholder": _("Scan or type the tag")}),
    )


class CheckOutForm(AssetTagForm):
    pass


class CheckInForm(AssetTagForm):
    condition = forms.ChoiceField(
        label=_("Condition"), choices=[("", _("Unchanged"))] + UnitCondition.choices,
        required=False,
    )
    notes = forms.CharField(label=_("Condition notes"), widget=forms.Textarea(attrs={"rows": 2}),
                            required=False)
    needs_maintenance = forms.BooleanField(label=_("Needs maintenance"), required=False)


class DepositForm(forms.Form):
    RETURN, KEEP = "return", "keep"

    action = forms.ChoiceField(
        label=_("Deposit"), choices=[(RETURN, _("Give it back")), (KEEP, _("Keep it"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason it is kept"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("action") == self.KEEP and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the deposit is kept."))
        return data


class MaintenanceForm(forms.Form):
    start = DayField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = DayField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), required=False)


class StockAdjustmentForm(forms.Form):
    delta = forms.IntegerField(label=_("Change (+ or −)"))
    reason = forms.ChoiceField(label=_("Reason"), choices=AdjustmentReason.choices)
    note = forms.CharField(label=_("Note"), required=False)

    def clean_delta(self):
        delta = self.cleaned_data["delta"]
        if delta == 0:
            raise forms.ValidationError(_("The change cannot be zero."))
        return delta


class ThresholdForm(forms.Form):
    low_stock_threshold = forms.IntegerField(label=_("Low-stock threshold"), min_value=0,
                                             required=False)


class BookImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class BookingForm(forms.Form):
    """The dates a client books a tool for, on its product page or the booking form page."""

    start = DayField(
        label=_("First day"), help_text=_("The day you pick the tool up."),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"},
                               format="%Y-%m-%d"),
    )
    end = DayField(
        label=_("Last day"), help_text=_("The day you bring it back."),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"},
                               format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "booking_%s")
        super().__init__(*args, **kwargs)

    @staticmethod
    def default_dates(today) -> dict:
        """Tomorrow to the day after: a short loan to start from."""
        return {"start": today + timedelta(days=1), "end": today + timedelta(days=2)}
