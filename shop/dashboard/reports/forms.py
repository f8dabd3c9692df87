"""Oscar's report form with its dates bounded to 2000..2100 (``shop.dates.DayField``):
the last day is taken to its last second, which 9999-12-31 cannot be in UTC."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.reports import forms as oscar_forms
from oscar.apps.dashboard.reports.forms import *  # noqa: F401,F403
from oscar.forms.widgets import DatePickerInput

from shop.dates import DayField


class ReportForm(oscar_forms.ReportForm):
    date_from = DayField(label=_("Date from"), required=False, widget=DatePickerInput)
    date_to = DayField(label=_("Date to"), help_text=_("The report is inclusive of this date"),
                       required=False, widget=DatePickerInput)
