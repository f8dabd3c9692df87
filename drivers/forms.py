"""Forms of the coordinators' pages: a volunteer typed at the desk, a route given to one."""

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from services.weekdays import Weekday


class VolunteerForm(forms.Form):
    program = forms.ModelChoiceField(queryset=None, label=_("Program"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    phone = PhoneNumberField(label=_("Phone"), region="CA")
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days available"), choices=Weekday.choices, coerce=int,
        widget=forms.CheckboxSelectMultiple)
    sms_consent = forms.BooleanField(
        label=_("Agrees to receive their routes by SMS"), required=False)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class AssignForm(forms.Form):
    volunteer = forms.ModelChoiceField(queryset=None, label=_("Volunteer driver"))

    def __init__(self, *args, volunteers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers
