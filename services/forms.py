"""Forms of the staff pages and of the online registration (a few fields per step)."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from shop.dates import DayField

from .models import Client, ContactChannel, DeliveryStatus, Fare, Language, MealOption, Season
from .postal import normalize_postal_code
from .selectors import first_possible_delivery
from .weekdays import Weekday

CONSENT_STATEMENT = _(
    "I agree that the meal service keeps my address, phone number, diet, allergies and "
    "health notes to prepare and deliver my meals, and shares them only with its staff "
    "and volunteer drivers."
)


class PostalCodeField(forms.CharField):
    """Any case and spacing ("h4c-1s3", "H 4 C 1 S 3") in, "H4C 1S3" out.

    No length limit on what is typed: a code with extra spaces is still a code,
    and anything else gets the one clear message below.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Postal code"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "postal-code")

    def clean(self, value):
        value = super().clean(value)
        normal = normalize_postal_code(value)
        if value and not normal:
            raise forms.ValidationError(_("Enter a postal code like H4C 1S3."))
        return normal


# --- Staff ----------------------------------------------------------------------


class ClientForm(forms.ModelForm):
    postal_code = PostalCodeField()

    class Meta:
        model = Client
        fields = [
            "first_name", "last_name", "phone", "email", "address_line1", "address_line2", "city",
            "postal_code", "language", "diet_restrictions", "allergies", "access_notes",
            "emergency_contact_name", "emergency_contact_phone", "sms_consent",
            "preferred_channel", "fare", "payment_method",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 2})
                   for name in ("diet_restrictions", "allergies", "access_notes")}


class RegistrationRequestForm(forms.Form):
    """What is asked for: season, days, meal, meals per delivery, first delivery."""

    season = forms.ModelChoiceField(queryset=Season.objects.none(), label=_("Season"))
    weekdays = forms.TypedMultipleChoiceField(
        coerce=int, widget=forms.CheckboxSelectMultiple, label=_("Delivery days"))
    meal_option = forms.ModelChoiceField(queryset=MealOption.objects.none(), label=_("Meal"),
                                         widget=forms.RadioSelect, empty_label=None)
    meals_per_delivery = forms.IntegerField(min_value=1, max_value=6, initial=1,
                                            label=_("Meals each delivery"))
    requested_start = DayField(label=_("First delivery"),
                                      widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, program, seasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["season"].queryset = seasons if seasons is not None else program.seasons.all()
        self.fields["weekdays"].choices = [
            (day.weekday, Weekday(day.weekday).label) for day in program.days.all()]
        self.fields["meal_option"].queryset = program.meal_options.all()


class PhoneEntryConsentForm(forms.Form):
    consent = forms.BooleanField(label=_("The statement was read to the client, who agrees."),
                                 help_text=CONSENT_STATEMENT)
    consent_given_by = forms.CharField(
        label=_("Agreed by"), required=False, max_length=200,
        help_text=_("Leave empty if it is the client; else the relative's name."))


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason given to the client"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class PauseForm(forms.Form):
    start = DayField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    resume_on = DayField(label=_("Until (first day back)"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))


class DateForm(forms.Form):
    on = DayField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(value, DeliveryStatus(value).label) for value in DeliveryStatus.outcomes()])
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class RouteDriverForm(forms.Form):
    driver_name = forms.CharField(label=_("Volunteer driver"), required=False, max_length=200)
    driver_phone = PhoneNumberField(label=_("Driver phone"), required=False, region="CA")


class BillingForm(forms.Form):
    period_start = DayField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = DayField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and (
                data["period_end"] < data["period_start"]):
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


# --- Online registration, one short step at a time -----------------------------


class AreaStep(forms.Form):
    postal_code = PostalCodeField(
        help_text=_("The postal code of the person who will receive the meals."))

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"]
        if code and not self.program.serves(code):
            raise forms.ValidationError(
                _("Sorry, we do not deliver to %(code)s. Please call us at %(phone)s: we will "
                  "help you find a meal service near you.")
                % {"code": code, "phone": self.program.contact_phone_display})
        return code


class PersonStep(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    phone = PhoneNumberField(label=_("Phone number"), region="CA", required=False,
                             help_text=_("For example 514 555-0142."))
    address_line1 = forms.CharField(label=_("Street address"), max_length=200)
    address_line2 = forms.CharField(label=_("Apartment, entrance (optional)"), max_length=200,
                                    required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices,
                                 widget=forms.RadioSelect)
    registered_by = forms.CharField(
        label=_("Are you filling this in for someone else? Your name (optional)"),
        max_length=200, required=False)


class MealsStep(RegistrationRequestForm):
    """The season is the one open for registration: not asked.

    The first delivery offered, and the earliest accepted, is the first real
    delivery day the cut-off still lets the kitchen plan for
    (``selectors.first_possible_delivery``).
    """

    fare = forms.ChoiceField(
        label=_("Price"), choices=Fare.choices, initial=Fare.REGULAR, widget=forms.RadioSelect,
        help_text=_("Choose the solidarity price if the regular price is too much for you."))

    def __init__(self, *args, program, season, now=None, **kwargs):
        super().__init__(*args, program=program, **kwargs)
        del self.fields["season"]
        self.season = season
        self.first_possible = first_possible_delivery(program=program, season=season, now=now)
        field = self.fields["requested_start"]
        field.initial = self.first_possible
        if self.first_possible:
            field.widget.attrs.update(min=self.first_possible.isoformat(),
                                      max=season.ends_on.isoformat())
            field.help_text = _("The first possible delivery is %(day)s.") % {
                "day": date_format(self.first_possible, "l j F Y")}

    def clean_requested_start(self):
        day = self.cleaned_data["requested_start"]
        if self.first_possible is None:
            raise forms.ValidationError(_("There is no delivery left this season. Please call us."),
                                        code="season_over")
        if day < self.first_possible:
            raise forms.ValidationError(
                _("The first possible delivery is %(day)s: choose that day or a later one.")
                % {"day": date_format(self.first_possible, "l j F Y")}, code="too_early")
        if day > self.season.ends_on:
            raise forms.ValidationError(
                _("The season ends on %(day)s: choose an earlier day.")
                % {"day": date_format(self.season.ends_on, "l j F Y")}, code="too_late")
        return day


class HealthStep(forms.Form):
    allergies = forms.CharField(label=_("Allergies"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    diet_restrictions = forms.CharField(label=_("Diet (for example: no salt, diabetic)"),
                                        required=False, widget=forms.Textarea(attrs={"rows": 2}))
    access_notes = forms.CharField(label=_("How to reach the door (for the driver)"),
                                   required=False, widget=forms.Textarea(attrs={"rows": 2}))
    emergency_contact_name = forms.CharField(label=_("Person to call in an emergency"),
                                             required=False, max_length=200)
    emergency_contact_phone = PhoneNumberField(label=_("Their phone number"), region="CA",
                                               required=False)


class ContactStep(forms.Form):
    """How the service reaches the person: what is chosen must be reachable."""

    preferred_channel = forms.ChoiceField(label=_("How should we reach you?"),
                                          choices=ContactChannel.choices,
                                          initial=ContactChannel.PHONE, widget=forms.RadioSelect)
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254,
                             help_text=_("Needed if you choose email."))
    sms_consent = forms.BooleanField(label=_("You may send me text messages (SMS)."),
                                     required=False)

    def __init__(self, *args, phone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.phone = phone
        self.fields["email"].widget.attrs.setdefault("autocomplete", "email")

    def clean(self):
        data = super().clean()
        channel = data.get("preferred_channel")
        if channel == ContactChannel.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", forms.ValidationError(
                _("Give the email address where we can write to you."), code="email_required"))
        if channel in (ContactChannel.SMS, ContactChannel.PHONE) and not self.phone:
            self.add_error("preferred_channel", forms.ValidationError(
                _("No phone number was given on the page “Who will receive the meals?”: "
                  "add one there, or choose email."), code="phone_required"))
        return data


class ConfirmStep(forms.Form):
    consent = forms.BooleanField(label=CONSENT_STATEMENT)
