"""Forms of a person's account page: consents, a pause of meals, contact details."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shop.people.models import ConsentChannel, ConsentPurpose, Language, Person, PreferredChannel


def consent_wording(purpose, channel) -> str:
    """The words beside one checkbox, kept in the ledger as what the person agreed to."""
    return gettext("I agree to receive from the cooperative: %(purpose)s — %(channel)s.") % {
        "purpose": ConsentPurpose(purpose).label, "channel": ConsentChannel(channel).label}


class ConsentForm(forms.Form):
    """One checkbox per purpose and channel, ticked when consent holds today."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[row.field_name] = forms.BooleanField(
                label=consent_wording(row.purpose, row.channel), required=False,
                initial=row.holds)

    def changes(self):
        """(purpose, channel, given, wording) for each box whose state changed."""
        return [(row.purpose, row.channel, self.cleaned_data[row.field_name],
                 str(self.fields[row.field_name].label))
                for row in self.rows if self.cleaned_data[row.field_name] != row.holds]


class DeskConsentForm(ConsentForm):
    """Staff record what a person said on the phone, and who said it."""

    given_by = forms.CharField(
        label=_("Who answered (the person, or the relative who answered for them)"),
        max_length=200)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, rows=rows, **kwargs)
        self.order_fields(["given_by"])


class PauseForm(forms.Form):
    start = forms.DateField(label=_("No meals from"), widget=forms.DateInput(attrs={"type": "date"}))
    resume_on = forms.DateField(label=_("Meals again on"),
                                widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, resume_on = data.get("start"), data.get("resume_on")
        if start and resume_on and resume_on <= start:
            raise forms.ValidationError(_("The pause must end after it starts."))
        return data


class ContactForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices,
                                 widget=forms.RadioSelect)
    preferred_channel = forms.ChoiceField(label=_("How to reach you"),
                                          choices=PreferredChannel.choices)

    class Meta:
        model = Person
        fields = ("first_name", "last_name", "language", "preferred_channel")
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
