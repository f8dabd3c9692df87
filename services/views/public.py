"""Online registration for meal delivery: large type, a few plain questions per page.

Each step's answers are kept in the session until the last page, which sums
them all up (each page with a "Change" link that comes back to the summary);
there they are checked again and passed to the same ``registration_create``
the staff use. A link may bring the postal code (``?postal_code=``, from the
near-me page).
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
    ContactStep,
    HealthStep,
    MealsStep,
    PersonStep,
)
from services.models import ConsentKind, Language, Program, Registration, RegistrationChannel

from .review import review_sections

STEPS = (
    ("area", AreaStep, _("Where do you live?")),
    ("person", PersonStep, _("Who will receive the meals?")),
    ("meals", MealsStep, _("Which meals, which days?")),
    ("health", HealthStep, _("Allergies, diet, access to the door")),
    ("contact", ContactStep, _("How can we reach you?")),
    ("confirm", ConfirmStep, _("Check and send")),
)
STEP_NAMES = [name for name, _form, _title in STEPS]
STEP_TITLES = {name: title for name, _form, title in STEPS}
DONE_KEY = "services-registered"
# A page opened from the summary ("Change") goes back to the summary when sent.
REVIEW_FLAG = "review"


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
        if data is None and step in self.stored():
            data = MultiValueDict(self.stored()[step])
        return form_class(data, initial=self.initial_for(step, data), **self.form_kwargs(step))

    def form_kwargs(self, step) -> dict:
        if step == "area":
            return {"program": self.program}
        if step == "meals":
            return {"program": self.program, "season": self.season}
        if step == "contact":
            return {"phone": (self.answer("person") or {}).get("phone")}
        return {}

    def initial_for(self, step, data):
        if data is not None:
            return None
        if step == "person":
            return {"language": _current_language()}
        if step == "area" and self.postal_code_given():
            return {"postal_code": self.postal_code_given()}
        return None

    def postal_code_given(self) -> str:
        """The postal code a link brought (``?postal_code=``, the near-me page), kept in the
        session so that it survives a change of language."""
        key = f"{self.session_key}-postal-code"
        given = self.request.GET.get("postal_code", "")[:20].strip()
        if given:
            self.request.session[key] = given
        return given or self.request.session.get(key, "")

    def answer(self, step) -> dict | None:
        """The cleaned answers of ``step`` as stored, or None when missing or no longer valid."""
        if step not in self.stored():
            return None
        form = self.make_form(step)
        return form.cleaned_data if form.is_valid() else None

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
        if self.season and self.step == "confirm":
            kwargs["summary"] = self.summary()
        return super().get_context_data(
            program=self.program, season=self.season, step=self.step, step_number=number,
            step_count=len(STEPS), title=STEPS[number - 1][2] if number else "",
            previous=STEP_NAMES[number - 2] if number > 1 else None,
            review=self.from_review(), review_flag=REVIEW_FLAG, **kwargs)

    def summary(self):
        answers = {name: self.answer(name) for name in STEP_NAMES[:-1]}
        return review_sections(program=self.program, season=self.season, answers=answers,
                               titles=STEP_TITLES)

    def from_review(self) -> bool:
        return bool(self.request.GET.get(REVIEW_FLAG) or self.request.POST.get(REVIEW_FLAG))

    def post(self, request, *args, **kwargs):
        form = self.make_form(self.step, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        stored = self.stored()
        stored[self.step] = {key: request.POST.getlist(key) for key in request.POST
                             if key not in ("csrfmiddlewaretoken", REVIEW_FLAG)}
        request.session[self.session_key] = stored
        if self.step != STEP_NAMES[-1]:
            return redirect("services:register-step", slug=self.program.slug,
                            step=self.following_step())
        try:
            registration = self.register()
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        request.session.pop(self.session_key, None)
        request.session.pop(f"{self.session_key}-postal-code", None)
        request.session[DONE_KEY] = registration.pk
        return redirect("services:register-done", slug=self.program.slug)

    def following_step(self):
        if self.from_review():
            return self.first_missing_step() or STEP_NAMES[-1]
        return STEP_NAMES[STEP_NAMES.index(self.step) + 1]

    def register(self) -> Registration:
        answers = {}
        for name in STEP_NAMES:
            form = self.make_form(name)
            if not form.is_valid():
                raise ValidationError(_("Please check the page “%(title)s” again.")
                                      % {"title": STEP_TITLES[name]})
            answers[name] = form.cleaned_data
        return _register(program=self.program, season=self.season, answers=answers,
                         user=self.request.user)


def _register(*, program, season, answers, user) -> Registration:
    person, meals, health, contact = (answers[name] for name in STEP_NAMES[1:5])
    account = user if user.is_authenticated and not hasattr(user, "service_client") else None
    with transaction.atomic():
        client = services.client_create(
            by=account, user=account, postal_code=answers["area"]["postal_code"],
            first_name=person["first_name"], last_name=person["last_name"],
            phone=person["phone"] or "", address_line1=person["address_line1"],
            address_line2=person["address_line2"], language=person["language"],
            sms_consent=contact["sms_consent"], preferred_channel=contact["preferred_channel"],
            email=contact["email"] or getattr(account, "email", None) or "", fare=meals["fare"],
            **health)
        given_by = person["registered_by"] or client.full_name
        registration = services.registration_create(
            client=client, program=program, season=season, weekdays=meals["weekdays"],
            meal_option=meals["meal_option"], meals_per_delivery=meals["meals_per_delivery"],
            requested_start=meals["requested_start"], channel=RegistrationChannel.WEB,
            entered_by=account, consent_statement=str(CONSENT_STATEMENT), consent_given_by=given_by)
        if contact["sms_consent"]:
            services.consent_record(client=client, registration=registration,
                                    kind=ConsentKind.SMS, statement=str(ContactStep.base_fields[
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
