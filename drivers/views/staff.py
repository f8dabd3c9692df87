"""The coordinators' pages: the day's routes and their progress, one route, the volunteers.

Who may open them: ``DriversConfig.permissions_map`` (meal staff of a program
and coordinators). Routes and volunteers are looked up among the user's
programs (``shop.access.programs_visible_to``): another seller's are 404.
"""

from datetime import date as Date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from services.models import Route
from shop import access, clock

from .. import selectors, services, substitutes
from ..forms import AssignForm, VolunteerForm
from ..models import Volunteer

REFRESH_SECONDS = 30


class DayView(TemplateView):
    """The day's routes, stops done and remaining, outcomes as they arrive; welfare first."""

    template_name = "drivers/staff/day.html"

    def get_context_data(self, **kwargs):
        day = _day(self.request.GET.get("date")) or clock.today()
        user = self.request.user
        return super().get_context_data(
            day=day, refresh=REFRESH_SECONDS, follow_ups=selectors.welfare_follow_ups(user=user),
            progress=selectors.day_progress(user=user, date=day), **kwargs)


class RouteView(TemplateView):
    """One route: who drives it, their link (send, revoke), the outcomes received."""

    template_name = "drivers/staff/route.html"

    @cached_property
    def route(self):
        routes = Route._default_manager.filter(
            program__in=access.programs_visible_to(self.request.user))
        return get_object_or_404(routes.select_related("program"), pk=self.kwargs["pk"])

    def volunteers(self):
        return Volunteer._default_manager.filter(
            pk__in=[v.pk for v in selectors.volunteers_for(self.route)])

    def get_context_data(self, **kwargs):
        link = selectors.route_link_current(self.route)
        return super().get_context_data(
            route=self.route, link=link, link_url=services.link_url(link) if link else "",
            offers=self.route.driver_offers.select_related("volunteer__person"),
            form=AssignForm(volunteers=self.volunteers()),
            progress=selectors.day_progress(user=self.request.user, date=self.route.date),
            **kwargs)

    def post(self, request, pk):
        action = request.POST.get("action")
        link = selectors.route_link_current(self.route)
        try:
            if action == "assign":
                self._assign()
            elif action == "send" and link:
                sent = services.link_send(link=link)
                (messages.success if sent else messages.error)(request, _(
                    "The link is queued for sending by SMS.") if sent else _(
                    "This volunteer did not agree to text messages: give them the link by phone."))
            elif action == "offer":
                offers = substitutes.route_offer(route=self.route)
                messages.success(request, _("Route offered by SMS to %(count)s volunteer(s).")
                                 % {"count": len(offers)})
            elif action == "revoke" and link:
                services.link_revoke(link=link, by=request.user)
                messages.success(request, _("The link no longer opens."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("drivers:route", pk=self.route.pk)

    def _assign(self):
        form = AssignForm(self.request.POST, volunteers=self.volunteers())
        if not form.is_valid():
            raise ValidationError(_("Choose a volunteer available that day."))
        services.route_assign(route=self.route, volunteer=form.cleaned_data["volunteer"])
        messages.success(self.request, _("The route is assigned."))


class VolunteerListView(FormView):
    """The volunteers of the user's programs, and a form to add one."""

    template_name = "drivers/staff/volunteers.html"

    def get_form(self, form_class=None):
        return VolunteerForm(programs=access.programs_visible_to(self.request.user),
                             **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            volunteers=selectors.volunteers_visible_to(self.request.user), **kwargs)

    def form_valid(self, form):
        services.volunteer_register(by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The volunteer is saved."))
        return redirect("drivers:volunteers")


def _day(value):
    try:
        return Date.fromisoformat(value) if value else None
    except ValueError:
        return None
