"""Forms of the phone desk: find or create a client, build their order."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shop.notifications.phones import to_e164
from shop.order.models import PaymentMethod

DESK_PAYMENT_METHODS = [(PaymentMethod.ON_DELIVERY, PaymentMethod.ON_DELIVERY.label),
                        (PaymentMethod.INVOICE, PaymentMethod.INVOICE.label)]


def desk_payment_methods(client=None, total=None):
    """Pay-later methods, and a payment link sent by SMS when cards are switched on.

    The prepaid balance too when ``client`` (an account) has one that covers
    ``total`` (any balance above zero when the total is not known yet: the
    pipeline refuses an order the balance does not cover).
    """
    from oscar.templatetags.currency_filters import currency

    from shop.balance.selectors import balance_covering

    methods = list(DESK_PAYMENT_METHODS)
    if settings.STRIPE_ENABLED:
        methods.append((PaymentMethod.PAYMENT_LINK, PaymentMethod.PAYMENT_LINK.label))
    balance = balance_covering(user=client, total=total if total is not None else Decimal("0.01"))
    if balance is not None:
        methods.append((PaymentMethod.BALANCE, _("Prepaid balance (balance: %(amount)s)")
                        % {"amount": currency(balance, "CAD")}))
    return methods


FULFILMENTS = [("pickup", _("Pick-up at the seller's counter")), ("delivery", _("Local delivery"))]
SMS_CONSENT_WORDING = {
    "fr": "Acceptez-vous de recevoir par SMS les confirmations de commande, les rappels et les "
          "nouvelles de Comptoir? Vous pourrez arrêter en tout temps en répondant ARRET.",
    "en": "Do you agree to receive order confirmations, reminders and news from Comptoir by text "
          "message? You can stop at any time by replying STOP.",
}


class ClientSearchForm(forms.Form):
    q = forms.CharField(label=_("Phone number or name"), max_length=100)


class ClientCreateForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=32)
    language = forms.ChoiceField(label=_("Language"), choices=[("fr", "Français"), ("en", "English")])
    sms_consent = forms.BooleanField(label=_("Agrees to receive SMS (read the sentence below)"),
                                     required=False)

    def clean_phone(self):
        phone = to_e164(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(_("This is not a valid phone number."))
        return phone


class AddLineForm(forms.Form):
    # Bounded as a database id is: an id out of range must not end up in the draft.
    product = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=99, initial=1)


class OrderOptionsForm(forms.Form):
    fulfilment = forms.ChoiceField(label=_("Pick-up or delivery"), choices=FULFILMENTS,
                                   widget=forms.RadioSelect, initial="pickup")
    payment_method = forms.ChoiceField(label=_("Payment"), choices=DESK_PAYMENT_METHODS,
                                       widget=forms.RadioSelect, initial=PaymentMethod.ON_DELIVERY)
    line1 = forms.CharField(label=_("Address"), max_length=255, required=False)
    line4 = forms.CharField(label=_("City"), max_length=255, required=False)
    postcode = forms.CharField(label=_("Postal code"), max_length=64, required=False)

    def __init__(self, *args, client=None, total=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment_method"].choices = desk_payment_methods(client, total)

    def clean(self):
        data = super().clean()
        if data.get("fulfilment") == "delivery":
            for name in ("line1", "line4", "postcode"):
                if not data.get(name):
                    self.add_error(name, _("Needed for a delivery."))
        return data
