"""Forms of the balance pages: money received, a refund back to the balance."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EntryKind

AMOUNT = {"max_digits": 10, "decimal_places": 2}


class CreditForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Received as"), widget=forms.RadioSelect, initial=EntryKind.CASH,
        choices=[(EntryKind.CASH, _("Cash")), (EntryKind.CHEQUE, _("Cheque"))])
    amount = forms.DecimalField(label=_("Amount received"), **AMOUNT)
    note = forms.CharField(label=_("Note (cheque number, who brought it)"), required=False,
                           max_length=200)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= Decimal("0"):
            raise forms.ValidationError(_("The amount received must be more than 0,00 $."))
        return amount


class RefundForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount to put back on the balance"), **AMOUNT)
