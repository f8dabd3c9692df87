"""Reads for the drivers' pages: a link by its token, a route's stops, the day's progress."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from services.models import DeliveryStatus, FollowUp, FollowUpStatus, Route
from shop import access, clock

from .models import RouteLink, StopOutcome, Volunteer
from .tokens import link_id_of

DONE = DeliveryStatus.outcomes()


def link_for_token(token: str, *, now=None) -> tuple[RouteLink | None, str]:
    """The link a token opens, and why not: ("", "unknown", "expired" or "revoked")."""
    link_id = link_id_of(token)
    link = (RouteLink._default_manager.select_related("route__program", "volunteer__person")
            .filter(pk=link_id).first() if link_id else None)
    if link is None:
        return None, "unknown"
    if link.revoked_at is not None:
        return None, "revoked"
    if (now or clock.now()) >= link.expires_at:
        return None, "expired"
    return link, ""


def route_stops(route):
    """The route's stops in order (skipped ones left out), with each client."""
    return list(route.stops.exclude(status=DeliveryStatus.SKIPPED)
                .select_related("client", "meal_option").order_by("stop_order", "pk"))


def route_link_current(route) -> RouteLink | None:
    """The route's latest link not revoked: who drives it."""
    return (RouteLink._default_manager.filter(route=route, revoked_at__isnull=True)
            .select_related("volunteer__person").order_by("-created_at", "-pk").first())


def routes_of_day(*, user, date):
    """The day's routes of the programs ``user`` works on, with stops done and to do."""
    return (Route._default_manager
            .filter(program__in=access.programs_visible_to(user), date=date)
            .select_related("program")
            .annotate(stops_total=Count("stops", filter=~Q(stops__status=DeliveryStatus.SKIPPED)),
                      stops_done=Count("stops", filter=Q(stops__status__in=DONE)))
            .order_by("program__name", "name"))


@dataclass
class RouteProgress:
    route: Route
    link: RouteLink | None
    outcomes: list = field(default_factory=list)

    @property
    def remaining(self):
        return self.route.stops_total - self.route.stops_done


def day_progress(*, user, date) -> list[RouteProgress]:
    """Per route of the day: its driver, stops done and remaining, the outcomes received."""
    rows = [RouteProgress(route, route_link_current(route)) for route in
            routes_of_day(user=user, date=date)]
    outcomes = (StopOutcome._default_manager
                .filter(delivery__route__in=[row.route for row in rows])
                .select_related("delivery__client").order_by("-received_at", "-pk"))
    by_route = {row.route.pk: row for row in rows}
    for outcome in outcomes:
        by_route[outcome.delivery.route_id].outcomes.append(outcome)
    return rows


def welfare_follow_ups(*, user):
    """Open "nobody home" follow-ups of the user's programs, oldest first."""
    return (FollowUp._default_manager
            .filter(program__in=access.programs_visible_to(user), status=FollowUpStatus.OPEN,
                    delivery__status=DeliveryStatus.NOBODY_HOME)
            .select_related("client", "delivery__route").order_by("created", "pk"))


def volunteers_visible_to(user):
    return (Volunteer._default_manager
            .filter(program__in=access.programs_visible_to(user))
            .select_related("person", "program"))


def volunteers_for(route):
    """Active volunteers of the route's program who drive on the route's weekday."""
    bit = 1 << route.date.weekday()
    return [volunteer for volunteer in
            Volunteer._default_manager.filter(program=route.program_id, is_active=True)
            .select_related("person") if volunteer.weekdays & bit]

