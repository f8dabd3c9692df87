"""The order search form, with the order's channel and the client's phone."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403
from oscar.core.loading import get_model

from shop.dashboard.fields import PhoneSearchField

Order = get_model("order", "Order")


def channel_choices():
    return [("", "---------"), *Order._meta.get_field("channel").choices]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=channel_choices)
    phone = PhoneSearchField(label=_("Customer phone number"))
