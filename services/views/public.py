"""Online registration for meal delivery: large type, a few plain questions per page.

Each step's answers are kept in the session until the last page, where they
are checked again and passed to the same ``registration_create`` the staff use.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from services import selectors, services
from services.forms import (
    CONSENT_STATEMENT,
    AreaStep,
    ConfirmStep,
    HealthStep,
    MealsStep,
    PersonStep,
)
from services.models import ConsentKind, Language, Program, Registration, RegistrationChannel

STEPS = (
    ("area", AreaStep, _("Where do you live?")),
    ("person", PersonStep, _("Who will receive the meals?")),
    ("meals", MealsStep, _("Which meals, which days?")),
    ("health", HealthStep, _("Allergies, diet, access to the door")),
    ("confirm", ConfirmStep, _("Check and send")),
)
STEP_NAMES = [name for name, _form, _title in STEPS]
DONE_KEY = "services-registered"


class OnlineRegistrationView(TemplateView):
    template_name = "services/public/register_step.html"

    @cached_property
    def program(self):
        return get_object_or_404(Program.objects.select_related("seller"),
                                 slug=self.kwargs["slug"], is_active=True)

    @cached_property
    def season(self):
        return selectors.season_open_for_registration(program=self.program)

    @property
    def step(self):
        step = self.kwargs.get("step") or STEP_NAMES[0]
        if step not in STEP_NAMES:
            raise Http404
        return step

    @property
    def session_key(self):
        return f"services-register-{self.program.slug}"

    def stored(self) -> dict:
        return self.request.session.get(self.session_key, {})

    def make_form(self, step, data=None):
        form_class = dict((name, form) for name, form, _title in STEPS)[step]
        kwargs = {}
        if step == "area":
            kwargs["program"] = self.program
        elif step == "meals":
            kwargs.update(program=self.program, season=self.season)
        if data is None and step in self.stored():
            data = MultiValueDict(self.stored()[step])
        if step == "person" and data is None:
            kwargs["initial"] = {"language": _current_language()}
        return form_class(data, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if self.season is None:
            self.template_name = "services/public/register_closed.html"
            return self.render_to_response(self.get_context_data())
        missing = self.first_missing_step()
        if missing is not None and STEP_NAMES.index(missing) < STEP_NAMES.index(self.step):
            return redirect("services:register-step", slug=self.program.slug, step=missing)
        return super().dispatch(request, *args, **kwargs)

    def first_missing_step(self):
        done = self.stored()
        return next((name for name in STEP_NAMES if name not in done), None)

    def get_context_data(self, **kwargs):
        kwargs.pop("step", None)  # the URL's, given by TemplateView.get; self.step is checked
        number = STEP_NAMES.index(self.step) + 1 if self.season else 0
        kwargs.setdefault("form", self.make_form(self.step) if self.season else None)
        return super().get_context_data(
            program=self.program, season=self.season, step=self.step, step_number=number,
            step_count=len(STEPS), title=STEPS[number - 1][2] if number else "",
            previous=STEP_NAMES[number - 2] if number > 1 else None, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.make_form(self.step, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        stored = self.stored()
        stored[self.step] = {key: request.POST.getlist(key) for key in request.POST
                             if key != "csrfmiddlewaretoken"}
        request.session[self.session_key] = stored
        if self.step != STEP_NAMES[-1]:
            following = STEP_NAMES[STEP_NAMES.index(self.step) + 1]
            return redirect("services:register-step", slug=self.program.slug, step=following)
        try:
            registration = self.register()
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        request.session.pop(self.session_key, None)
        request.session[DONE_KEY] = registration.pk
        return redirect("services:register-done", slug=self.program.slug)

    def register(self) -> Registration:
        answers = {}
        for name in STEP_NAMES:
            form = self.make_form(name)
            if not form.is_valid():
                raise ValidationError(_("Please check the page “%(title)s” again.")
                                      % {"title": dict((n, t) for n, _f, t in STEPS)[name]})
            answers[name] = form.cleaned_data
        return _register(program=self.program, season=self.season, answers=answers,
                         user=self.request.user)


def _register(*, program, season, answers, user) -> Registration:
    person, meals, health, confirm = (answers[name] for name in STEP_NAMES[1:])
    account = user if user.is_authenticated and not hasattr(user, "service_client") else None
    with transaction.atomic():
        client = services.client_create(
            by=account, user=account, postal_code=answers["area"]["postal_code"],
            first_name=person["first_name"], last_name=person["last_name"],
            phone=person["phone"], address_line1=person["address_line1"],
            address_line2=person["address_line2"], language=person["language"],
            sms_consent=confirm["sms_consent"], preferred_channel=confirm["preferred_channel"],
            email=getattr(account, "email", None) or "", **health)
        given_by = person["registered_by"] or client.full_name
        registration = services.registration_create(
            client=client, program=program, season=season, weekdays=meals["weekdays"],
            meal_option=meals["meal_option"], meals_per_delivery=meals["meals_per_delivery"],
            requested_start=meals["requested_start"], channel=RegistrationChannel.WEB,
            entered_by=account, consent_statement=str(CONSENT_STATEMENT), consent_given_by=given_by)
        if confirm["sms_consent"]:
            services.consent_record(client=client, registration=registration,
                                    kind=ConsentKind.SMS, statement=str(ConfirmStep.base_fields[
                                        "sms_consent"].label), given_by=given_by,
                                    channel=RegistrationChannel.WEB)
    return registration


class OnlineRegistrationDoneView(TemplateView):
    template_name = "services/public/register_done.html"

    def get_context_data(self, **kwargs):
        program = get_object_or_404(Program, slug=self.kwargs["slug"])
        registration = Registration.objects.filter(
            pk=self.request.session.get(DONE_KEY), program=program).first()
        if registration is None:
            raise Http404
        return super().get_context_data(
            program=program, registration=registration,
            position=selectors.waitlist_position(registration), **kwargs)


def _current_language():
    return Language.ENGLISH if translation.get_language() == "en" else Language.FRENCH
