"""The days a form accepts: from 2000 to 2100, the range the shop can count with.

A date field of Django accepts any day from year 1 to 9999; the first day
after 31 December 9999, or that day at midnight in UTC, cannot be computed,
and a period from 0001-01-01 answered a server error. ``DayField`` refuses a
day outside ``FIRST_DAY``..``LAST_DAY`` with a form error, in the visitor's
language, before any view counts with it.
"""

from datetime import date

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)


class DayField(forms.DateField):
    """A ``DateField`` bounded to ``FIRST_DAY``..``LAST_DAY`` (also its widget's min and max)."""

    default_error_messages = {
        "out_of_range": _("Enter a date between %(first)s and %(last)s."),
    }

    def validate(self, value):
        super().validate(value)
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise forms.ValidationError(
                self.error_messages["out_of_range"], code="out_of_range",
                params={"first": date_format(FIRST_DAY),
                        "last": date_format(LAST_DAY)})

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.DateInput):
            attrs.update(min=FIRST_DAY.isoformat(), max=LAST_DAY.isoformat())
        return attrs
