"""The order search form, with the order's channel and the client's phone; the
order statuses to search for or move to, by their translated names. Dates are
days from 2000 to 2100 (``shop.dates.DayField``): Oscar adds a day to the last
one, which 9999-12-31 cannot take."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403
from oscar.core.loading import get_model
from oscar.forms.widgets import DatePickerInput

from shop.dashboard.fields import PhoneSearchField
from shop.dates import DayField
from shop.order.statuses import status_label

Order = get_model("order", "Order")


def channel_choices():
    return [("", "---------"), *Order._meta.get_field("channel").choices]


def status_choices():
    return [("", "---------"), *((status, status_label(status)) for status in Order.all_statuses())]


class OrderStatsForm(oscar_forms.OrderStatsForm):
    date_from = DayField(required=False, label=pgettext_lazy("start date", "From"),
                         widget=DatePickerInput)
    date_to = DayField(required=False, label=pgettext_lazy("end date", "To"),
                       widget=DatePickerInput)


class OrderSearchForm(oscar_forms.OrderSearchForm):
    date_from = DayField(required=False, label=_("Date from"), widget=DatePickerInput)
    date_to = DayField(required=False, label=_("Date to"), widget=DatePickerInput)
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=channel_choices)
    phone = PhoneSearchField(label=_("Customer phone number"))
    status = forms.ChoiceField(choices=status_choices, label=_("Status"), required=False)


class OrderStatusForm(oscar_forms.OrderStatusForm):
    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.fields["new_status"].choices = [
            (status, status_label(status)) for status in order.available_statuses()]
