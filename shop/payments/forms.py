from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from shop import clock
from shop.dates import DayField

from .services import ManualMethod

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.01")}


class ManualPaymentForm(forms.Form):
    method = forms.ChoiceField(label=_("Paid by"), choices=ManualMethod.CHOICES)
    amount = forms.DecimalField(label=_("Amount received"), **MONEY)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class RefundForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount to refund"), **MONEY)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)


class SettlementForm(forms.Form):
    start = DayField(label=_("From"))
    end = DayField(label=_("To (included)"))

    @classmethod
    def this_month(cls):
        today = clock.today()
        return {"start": today.replace(day=1), "end": today}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


class CheckoutPaymentMethodForm(forms.Form):
    """The web client's choice at the payment step: card (when on) or pay later.

    ``balance``: the client's prepaid balance when it covers the order (else
    None), offered with its amount; ``invoice``: the monthly invoice, offered to
    registered meal clients. A choice not offered is refused.
    """

    method = forms.ChoiceField(label=_("How will you pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, cards_enabled: bool, balance=None, invoice: bool = False,
                 **kwargs):
        from oscar.templatetags.currency_filters import currency

        from shop.order.models import PaymentMethod

        super().__init__(*args, **kwargs)
        choices = [(PaymentMethod.ON_DELIVERY, PaymentMethod.ON_DELIVERY.label)]
        if cards_enabled:
            choices.insert(0, (PaymentMethod.CARD, PaymentMethod.CARD.label))
        if balance is not None:
            choices.append((PaymentMethod.BALANCE, _("Prepaid balance (balance: %(amount)s)")
                            % {"amount": currency(balance, "CAD")}))
        if invoice:
            choices.append((PaymentMethod.INVOICE, PaymentMethod.INVOICE.label))
        self.fields["method"].choices = choices
