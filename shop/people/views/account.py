"""A person's account page ("Mon compte"), and the same page for staff ("what the client sees").

The person changes their consents, contact details and meals (skip one, pause
between two dates) here; staff see the same sections, read-only except for a
consent the person gives them on the phone.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from services.services import delivery_skip, registration_pause
from shop import access, clock
from shop.notifications.phones import national
from shop.people.forms import ConsentForm, ContactForm, DeskConsentForm, PauseForm
from shop.people.models import ConsentMethod
from shop.people.selectors.account import (
    account_page,
    consent_rows,
    people_search,
    person_deliveries,
    person_registrations,
)
from shop.people.services.account import person_consents_change, person_contact_update
from shop.people.services.persons import person_of


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _common_context() -> dict:
    return {"today": clock.local(clock.now()).date(),
            "shop_phone_display": national(settings.SHOP_PHONE_NUMBER)}


# --- The person's own page ---------------------------------------------------------------


class PersonalMixin(LoginRequiredMixin):
    """The signed-in person's own record."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.person = person_of(request.user)
            if self.person is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def back(self, anchor=""):
        return redirect(reverse("people:account") + anchor)


class AccountView(PersonalMixin, TemplateView):
    template_name = "people/account/account.html"
    forms = {}

    def get_context_data(self, **kwargs):
        page = account_page(person=self.person)
        return super().get_context_data(
            page=page, person=self.person,
            consent_form=self.forms.get("consent") or ConsentForm(rows=page.consents),
            contact_form=self.forms.get("contact") or ContactForm(instance=self.person),
            pause_form=self.forms.get("pause") or PauseForm(), **_common_context(), **kwargs)


class AccountConsentsView(PersonalMixin, View):
    def post(self, request):
        form = ConsentForm(request.POST, rows=consent_rows(person=self.person))
        if form.is_valid() and form.changes():
            person_consents_change(person=self.person, changes=form.changes(),
                                   method=ConsentMethod.WEB, given_by=str(self.person))
            messages.success(request, _("Your choices are saved."))
        return self.back("#consents")


class AccountContactView(PersonalMixin, View):
    def post(self, request):
        form = ContactForm(request.POST, instance=self.person)
        if not form.is_valid():
            view = AccountView(request=request, person=self.person, forms={"contact": form})
            return view.render_to_response(view.get_context_data(), status=400)
        person_contact_update(person=self.person, **{
            name: form.cleaned_data[name] for name in ContactForm.Meta.fields})
        messages.success(request, _("Your details are saved."))
        return self.back("#contact")


class AccountDeliverySkipView(PersonalMixin, View):
    def post(self, request, pk):
        delivery = get_object_or_404(person_deliveries(person=self.person), pk=pk)
        try:
            delivery_skip(delivery=delivery, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("No meal will be delivered on %(day)s.")
                             % {"day": date_format(delivery.date, "DATE_FORMAT")})
        return self.back("#meals")


class AccountRegistrationPauseView(PersonalMixin, View):
    def post(self, request, pk):
        registration = get_object_or_404(person_registrations(person=self.person), pk=pk)
        form = PauseForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(
                str(error) for errors in form.errors.values() for error in errors))
            return self.back("#meals")
        start, resume_on = form.cleaned_data["start"], form.cleaned_data["resume_on"]
        try:
            registration_pause(registration=registration, start=start, resume_on=resume_on,
                               by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("No meals from %(start)s; meals again on %(end)s.") % {
                "start": date_format(start, "DATE_FORMAT"),
                "end": date_format(resume_on, "DATE_FORMAT")})
        return self.back("#meals")


# --- Staff: find a person, see what they see ---------------------------------------------


class StaffPersonListView(TemplateView):
    template_name = "people/account/staff_people.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        people = people_search(viewer=self.request.user, query=query) if query else []
        return super().get_context_data(query=query, people=people, **kwargs)


class StaffPersonMixin:
    """The person of the URL, among those the staff member may see (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(access.people_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class StaffPersonDetailView(StaffPersonMixin, TemplateView):
    template_name = "people/account/staff_person.html"
    consent_form = None

    def get_context_data(self, **kwargs):
        page = account_page(person=self.person, viewer=self.request.user)
        return super().get_context_data(
            page=page, person=self.person, staff=True,
            consent_form=self.consent_form or DeskConsentForm(rows=page.consents),
            sees_meal_pages=access.may_use_services(self.request.user), **_common_context(),
            **kwargs)


class StaffPersonConsentView(StaffPersonMixin, View):
    """Record the consents a person gives or withdraws on the phone (who answered, who wrote)."""

    def post(self, request, pk):
        form = DeskConsentForm(request.POST, rows=consent_rows(person=self.person))
        if not form.is_valid():
            view = StaffPersonDetailView(request=request, person=self.person, consent_form=form,
                                         kwargs={"pk": pk})
            return view.render_to_response(view.get_context_data(), status=400)
        if form.changes():
            person_consents_change(person=self.person, changes=form.changes(),
                                   method=ConsentMethod.DESK,
                                   given_by=form.cleaned_data["given_by"],
                                   recorded_by=request.user)
            messages.success(request, _("The consents given on the phone are recorded."))
        return redirect(reverse("people:staff-person", args=[pk]) + "#consents")
