"""Staff pages: phone entry, the coordinator's queue, clients, kitchen counts, routes, billing.

Each view parses, calls one service or selector, and answers. Everything is
looked up among what ``services.selectors`` lets the user see: the rest is 404.
"""

import re
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from services import selectors, services
from services.forms import (
    CONSENT_STATEMENT,
    BillingForm,
    CancelForm,
    ClientForm,
    DateForm,
    OutcomeForm,
    PauseForm,
    PhoneEntryConsentForm,
    RefuseForm,
    RegistrationRequestForm,
    RouteDriverForm,
)
from services.models import ConsentKind, RegistrationChannel
from shop import clock
from shop.people.services.access_log import access_log_record, access_log_record_many

from .mixins import LanguageParamMixin, ServiceStaffMixin


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _log_notes_seen(request, clients) -> None:
    """Loi 25: the page shows these clients' health, diet or access notes; one row each."""
    access_log_record_many(viewer=request.user, page=request.path,
                           person_ids=[client.person_id for client in clients])


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


class ServicesHomeView(ServiceStaffMixin, TemplateView):
    template_name = "services/staff/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            follow_ups=selectors.open_follow_ups(programs=self.programs),
            queue_size=len(selectors.registration_queue(programs=self.programs)),
            today=clock.today(), **kwargs)


class FollowUpCloseView(ServiceStaffMixin, View):
    def post(self, request, pk):
        follow_up = get_object_or_404(selectors.follow_ups_for(request.user), pk=pk)
        services.follow_up_close(follow_up=follow_up, by=request.user,
                                 note=request.POST.get("note", ""))
        messages.success(request, _("Follow-up closed."))
        return redirect("services:home")


# --- Registrations ----------------------------------------------------------------


class RegistrationQueueView(ServiceStaffMixin, TemplateView):
    template_name = "services/staff/queue.html"

    def get_context_data(self, **kwargs):
        queue = selectors.registration_queue(programs=self.programs)
        return super().get_context_data(queue=queue, refuse_form=RefuseForm(), **kwargs)


class RegistrationCreateView(ServiceStaffMixin, TemplateView):
    """A staff member registers a client during a phone call (channel "phone")."""

    template_name = "services/staff/registration_form.html"

    @cached_property
    def program(self):
        pk = self.request.GET.get("program") or self.request.POST.get("program")
        programs = self.programs.prefetch_related("days", "meal_options", "seasons")
        program = programs.filter(pk=pk).first() if pk else programs.first()
        if program is None:
            raise Http404
        return program

    @cached_property
    def existing_client(self):
        pk = self.request.GET.get("client") or self.request.POST.get("client")
        return get_object_or_404(selectors.clients_for(self.request.user), pk=pk) if pk else None

    def forms(self, data=None):
        return {
            "client_form": None if self.existing_client else ClientForm(data, prefix="client"),
            "request_form": RegistrationRequestForm(data, program=self.program, prefix="reg"),
            "consent_form": PhoneEntryConsentForm(data, prefix="consent"),
        }

    def get_context_data(self, **kwargs):
        phone = self.request.GET.get("phone", "").strip()
        digits = re.sub(r"\D", "", phone)
        matches = (selectors.clients_for(self.request.user).filter(phone__endswith=digits[-7:])
                   if len(digits) >= 7 else [])
        kwargs.setdefault("forms", self.forms())
        return super().get_context_data(program=self.program, client=self.existing_client,
                                        phone=phone, matches=matches,
                                        consent_statement=CONSENT_STATEMENT, **kwargs)

    def post(self, request):
        forms = self.forms(request.POST)
        if not all(form.is_valid() for form in forms.values() if form is not None):
            return self.render_to_response(self.get_context_data(forms=forms))
        try:
            registration = self._register(forms)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return self.render_to_response(self.get_context_data(forms=forms))
        messages.success(request, _("Registration saved: %(status)s.")
                         % {"status": registration.get_status_display()})
        return redirect("services:registration-detail", pk=registration.pk)

    def _register(self, forms):
        asked = forms["request_form"].cleaned_data
        consent = forms["consent_form"].cleaned_data
        with transaction.atomic():
            client = self.existing_client or services.client_create(
                by=self.request.user, **forms["client_form"].cleaned_data)
            if client.sms_consent and not self.existing_client:
                services.consent_record(
                    client=client, kind=ConsentKind.SMS, channel=RegistrationChannel.PHONE,
                    statement=str(ClientForm.base_fields["sms_consent"].label),
                    given_by=consent["consent_given_by"] or client.full_name,
                    recorded_by=self.request.user)
            return services.registration_create(
                client=client, program=self.program, season=asked["season"],
                weekdays=asked["weekdays"], meal_option=asked["meal_option"],
                meals_per_delivery=asked["meals_per_delivery"],
                requested_start=asked["requested_start"], channel=RegistrationChannel.PHONE,
                entered_by=self.request.user, consent_statement=str(CONSENT_STATEMENT),
                consent_given_by=consent["consent_given_by"] or client.full_name,
            )


class RegistrationDetailView(ServiceStaffMixin, DetailView):
    template_name = "services/staff/registration_detail.html"
    context_object_name = "registration"

    def get_queryset(self):
        return selectors.registrations_for(self.request.user).select_related(
            "client", "program", "season", "meal_option", "entered_by", "approved_by")

    def get_context_data(self, **kwargs):
        registration = self.object
        return super().get_context_data(
            position=selectors.waitlist_position(registration),
            events=registration.events.select_related("by"),
            offers=registration.offers.all(),
            upcoming=registration.deliveries.filter(date__gte=clock.today())[:20],
            refuse_form=RefuseForm(), pause_form=PauseForm(), resume_form=DateForm(),
            cancel_form=CancelForm(), **kwargs)


class RegistrationActionView(ServiceStaffMixin, View):
    """approve, waitlist, refuse, pause, resume, cancel: one service call each."""

    def post(self, request, pk, action):
        registration = get_object_or_404(selectors.registrations_for(request.user), pk=pk)
        handler = getattr(self, "do_" + action.replace("-", "_"), None)
        if handler is None:
            raise Http404
        try:
            handler(registration, request.POST)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Done."))
        following = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(following, allowed_hosts={request.get_host()}):
            following = reverse("services:registration-detail", args=[registration.pk])
        return HttpResponseRedirect(following)

    def do_approve(self, registration, data):
        services.registration_approve(registration=registration, by=self.request.user)

    def do_waitlist(self, registration, data):
        services.registration_waitlist(registration=registration, by=self.request.user,
                                       note=data.get("note", ""))

    def do_refuse(self, registration, data):
        services.registration_refuse(registration=registration, by=self.request.user,
                                     reason=data.get("reason", ""))

    def do_pause(self, registration, data):
        form = self._valid(PauseForm(data))
        services.registration_pause(registration=registration, by=self.request.user,
                                    start=form["start"], resume_on=form["resume_on"])

    def do_resume(self, registration, data):
        form = self._valid(DateForm(data))
        services.registration_resume(registration=registration, on=form["on"],
                                     by=self.request.user)

    def do_cancel(self, registration, data):
        services.registration_cancel(registration=registration, by=self.request.user,
                                     reason=data.get("reason", ""))

    @staticmethod
    def _valid(form):
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        return form.cleaned_data


class DeliverySkipView(ServiceStaffMixin, View):
    def post(self, request, pk):
        delivery = get_object_or_404(selectors.deliveries_for(request.user), pk=pk)
        try:
            services.delivery_skip(delivery=delivery, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return redirect("services:registration-detail", pk=delivery.registration_id)


# --- Clients ------------------------------------------------------------------------


class ClientDetailView(ServiceStaffMixin, DetailView):
    template_name = "services/staff/client_detail.html"
    context_object_name = "client"

    def get_queryset(self):
        return selectors.clients_for(self.request.user).select_related("person")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        access_log_record(viewer=request.user, person=self.object.person, page=request.path)
        return response

    def get_context_data(self, **kwargs):
        client = self.object
        return super().get_context_data(
            registrations=client.registrations.filter(program__in=self.programs)
            .select_related("program", "season", "meal_option"),
            history=selectors.client_history(client),
            consents=(client.person.consents.select_related("recorded_by")
                      if client.person_id else []),
            follow_ups=client.follow_ups.filter(program__in=self.programs), **kwargs)


class ClientUpdateView(ServiceStaffMixin, FormView):
    template_name = "services/staff/client_form.html"
    form_class = ClientForm

    @cached_property
    def client(self):
        return get_object_or_404(selectors.clients_for(self.request.user), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.client}

    def get(self, request, *args, **kwargs):
        access_log_record(viewer=request.user, person=self.client.person, page=request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(client=self.client, **kwargs)

    def form_valid(self, form):
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        self.client.refresh_from_db()  # the form wrote onto the instance
        sms_consent = changed.pop("sms_consent", None)
        try:
            with transaction.atomic():
                services.client_update(client=self.client, by=self.request.user, **changed)
                if sms_consent is not None:  # the ledger keeps it, the flag follows
                    services.sms_consent_set(
                        client=self.client, given=sms_consent, given_by=self.client.full_name,
                        statement=str(form.fields["sms_consent"].label),
                        channel=RegistrationChannel.PHONE, by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Client record saved."))
        return redirect("services:client-detail", pk=self.client.pk)


# --- Kitchen and routes ----------------------------------------------------------


class ProgramDayMixin(ServiceStaffMixin):
    @cached_property
    def program(self):
        return get_object_or_404(self.programs, pk=self.kwargs["program_pk"])

    @cached_property
    def day(self):
        return _day(self.kwargs["day"])

    def get_context_data(self, **kwargs):
        kwargs.update(program=self.program, day=self.day)
        return super().get_context_data(**kwargs)


class ProductionCountsView(ProgramDayMixin, TemplateView):
    template_name = "services/staff/production_counts.html"

    def get_context_data(self, **kwargs):
        counts = selectors.production_counts(program=self.program, date=self.day)
        _log_notes_seen(self.request, [delivery.client for delivery in counts.to_watch])
        return super().get_context_data(counts=counts, **kwargs)


class RouteSheetsView(LanguageParamMixin, ProgramDayMixin, TemplateView):
    """Every route of a day, printable (one route a page)."""

    template_name = "services/staff/route_sheets.html"

    def get_context_data(self, **kwargs):
        routes = selectors.route_sheets(program=self.program, date=self.day)
        _log_notes_seen(self.request, [stop.client for route in routes
                                       for stop in route.sheet_stops])
        return super().get_context_data(
            routes=routes,
            unrouted=selectors.unrouted_deliveries(program=self.program, date=self.day),
            **kwargs)

    def post(self, request, program_pk, day):
        routes = services.routes_plan(program=self.program, date=self.day)
        messages.success(request, _("%(count)d routes planned.") % {"count": len(routes)})
        return redirect("services:route-sheets", program_pk=self.program.pk, day=day)


class RouteDetailView(LanguageParamMixin, ServiceStaffMixin, TemplateView):
    """One route sheet: printable, with the driver's outcome for each stop."""

    template_name = "services/staff/route_detail.html"

    @cached_property
    def route(self):
        return get_object_or_404(selectors.routes_for(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        routes = selectors.routes_for(self.request.user).filter(pk=self.route.pk)
        sheet = selectors.route_sheets(program=None, date=None, routes=routes)[0]
        _log_notes_seen(self.request, [stop.client for stop in sheet.sheet_stops])
        return super().get_context_data(
            route=sheet, routes=[sheet], outcome_form=OutcomeForm(),
            driver_form=RouteDriverForm(initial={"driver_name": sheet.driver_name,
                                                 "driver_phone": sheet.driver_phone}),
            **kwargs)

    def post(self, request, pk):
        action = request.POST.get("action")
        try:
            if action == "driver":
                form = RouteDriverForm(request.POST)
                if form.is_valid():
                    services.route_set_driver(route=self.route, **form.cleaned_data)
            elif action in ("up", "down"):
                self._move(int(request.POST["delivery"]), -1 if action == "up" else 1)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return redirect("services:route-detail", pk=self.route.pk)

    def _move(self, delivery_pk, step):
        ids = list(self.route.stops.order_by("stop_order", "pk").values_list("pk", flat=True))
        if delivery_pk not in ids:
            raise Http404
        index = ids.index(delivery_pk)
        other = index + step
        if 0 <= other < len(ids):
            ids[index], ids[other] = ids[other], ids[index]
            services.route_reorder(route=self.route, delivery_ids=ids)


class StopOutcomeView(ServiceStaffMixin, View):
    def post(self, request, pk):
        delivery = get_object_or_404(
            selectors.deliveries_for(request.user).filter(route__isnull=False), pk=pk)
        form = OutcomeForm(request.POST)
        if form.is_valid():
            try:
                services.delivery_record_outcome(delivery=delivery, by=request.user,
                                                 **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, _error_text(error))
        return redirect("services:route-detail", pk=delivery.route_id)


# --- Billing ---------------------------------------------------------------------


class BillingView(ServiceStaffMixin, FormView):
    template_name = "services/staff/billing.html"
    form_class = BillingForm

    @cached_property
    def program(self):
        return get_object_or_404(self.programs, pk=self.kwargs["program_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.program, **kwargs)

    def form_valid(self, form):
        result = services.billing_run(program=self.program, by=self.request.user,
                                      **form.cleaned_data)
        return self.render_to_response(self.get_context_data(form=form, result=result))

