"""Coordinators' privacy registers (Loi 25): requests, the access log, incidents, exports.

Who may open each page: ``PeopleConfig.permissions_map`` (coordinators).
Each view parses, calls one service or selector, and answers.
"""

from datetime import date, datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from shop import clock
from shop.csv_export import csv_response, csv_writer
from shop.people.models import Incident, Person, PrivacyRequest, RequestKind, RequestStatus
from shop.people.selectors import privacy as selectors
from shop.people.services.access_log import access_log_record
from shop.people.services.export import person_export_archive
from shop.people.services.privacy_requests import (
    incident_record,
    privacy_request_close,
    privacy_request_create,
)

from .privacy import zip_response

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PrivacyRequestForm(forms.Form):
    requester = forms.CharField(label=gettext_lazy("Who asked"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Request"), choices=RequestKind.choices)
    received_on = forms.DateField(label=gettext_lazy("Received"), widget=DATE_INPUT)
    details = forms.CharField(label=gettext_lazy("Details"), required=False, widget=forms.Textarea)


class CloseForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Answer"), choices=[
        (RequestStatus.DONE, RequestStatus.DONE.label),
        (RequestStatus.REFUSED, RequestStatus.REFUSED.label)])
    answer = forms.CharField(label=gettext_lazy("What was answered"), required=False,
                             widget=forms.Textarea)


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["occurred_on", "discovered_on", "description", "information",
                  "people_affected", "serious_harm_risk", "measures", "reported_to_cai_on",
                  "people_notified_on"]
        widgets = {name: DATE_INPUT for name in ("occurred_on", "discovered_on",
                                                 "reported_to_cai_on", "people_notified_on")}


def _person_from(request) -> Person | None:
    pk = request.GET.get("person") or request.POST.get("person")
    return get_object_or_404(Person, pk=pk) if pk and str(pk).isdigit() else None


# --- Requests -----------------------------------------------------------------------


class PrivacyRequestListView(TemplateView):
    template_name = "people/privacy/requests.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        return super().get_context_data(
            requests=selectors.privacy_requests(status=self.request.GET.get("status", "")),
            statuses=RequestStatus.choices, query=query,
            people=selectors.people_matching(query), **kwargs)


class PrivacyRequestCreateView(FormView):
    template_name = "people/privacy/request_form.html"
    form_class = PrivacyRequestForm

    def get_initial(self):
        person = _person_from(self.request)
        return {"received_on": clock.today(), "requester": person.full_name if person else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=_person_from(self.request), **kwargs)

    def form_valid(self, form):
        privacy_request_create(person=_person_from(self.request), by=self.request.user,
                               **form.cleaned_data)
        messages.success(self.request, _("Request recorded."))
        return redirect("people:privacy-requests")


class PrivacyRequestDetailView(FormView):
    """One request, and the form that answers (closes) it; a deletion done erases."""

    template_name = "people/privacy/request_detail.html"
    form_class = CloseForm

    def get_context_data(self, **kwargs):
        request = get_object_or_404(PrivacyRequest, pk=self.kwargs["pk"])
        return super().get_context_data(privacy_request=request, **kwargs)

    def form_valid(self, form):
        request = get_object_or_404(PrivacyRequest, pk=self.kwargs["pk"])
        try:
            privacy_request_close(request=request, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Request answered."))
        return redirect("people:privacy-requests")


# --- Exports and the access log -------------------------------------------------------


class PersonExportStaffView(View):
    """A person's archive, downloaded by a coordinator on request (the download is logged)."""

    def get(self, request, pk):
        person = get_object_or_404(Person, pk=pk)
        access_log_record(viewer=request.user, person=person, page=request.path)
        return zip_response(person_export_archive(person=person), f"personne-{person.pk}.zip")


class AccessLogView(TemplateView):
    template_name = "people/privacy/access_log.html"

    def get_context_data(self, **kwargs):
        person = _person_from(self.request)
        return super().get_context_data(person=person, rows=selectors.access_log(person=person),
                                        **kwargs)


# --- Incidents -------------------------------------------------------------------------


class IncidentListView(TemplateView):
    template_name = "people/privacy/incidents.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(incidents=selectors.incidents(), **kwargs)


class IncidentCreateView(FormView):
    template_name = "people/privacy/incident_form.html"
    form_class = IncidentForm

    def get_initial(self):
        return {"discovered_on": clock.today()}

    def form_valid(self, form):
        incident_record(by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Incident recorded."))
        return redirect(reverse("people:incidents"))


INCIDENT_COLUMNS = ("occurred_on", "discovered_on", "description", "information",
                    "people_affected", "serious_harm_risk", "measures", "reported_to_cai_on",
                    "people_notified_on", "recorded_at")


class IncidentCsvView(View):
    """The register as the Commission d'accès à l'information asks for it (CSV)."""

    def get(self, request):
        response = csv_response(f"registre-incidents-{clock.today().isoformat()}.csv")
        writer = csv_writer(response, bom=True)
        writer.writerow([str(Incident._meta.get_field(name).verbose_name)
                         for name in INCIDENT_COLUMNS])
        for incident in selectors.incidents():
            writer.writerow([_cell(getattr(incident, name)) for name in INCIDENT_COLUMNS])
        return response


def _cell(value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return clock.local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value
