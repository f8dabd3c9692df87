"""Routes of a delivery day: planning, drivers, stop order, and each stop's outcome."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from services.models import Delivery, DeliveryStatus, FollowUp, FollowUpStatus, Route
from services.postal import forward_sortation_area
from services.signals import delivery_outcome_recorded
from shop import clock


def routes_plan(*, program, date: date) -> list[Route]:
    """Put the day's deliveries not yet on a route on one route per postal area.

    Stops are added at the end of the area's route, ordered by postal code and
    address; staff can then reorder them or move them to another route. A fixed
    handful of queries whatever the number of stops: the stops locked and read
    at once, the routes read (and the missing ones created) at once, their last
    stop numbers read at once, and every stop written by one UPDATE.
    """
    with transaction.atomic():
        unassigned = (Delivery._default_manager.select_for_update(of=("self",))
                      .filter(program=program, date=date, route__isnull=True,
                              status=DeliveryStatus.SCHEDULED)
                      .order_by()
                      .values_list("pk", "client__postal_code", "client__address_line1"))
        by_area = {}
        for pk, postal_code, address in unassigned:
            by_area.setdefault(forward_sortation_area(postal_code) or "?", []).append(
                (postal_code, address, pk))
        if not by_area:
            return []
        routes = _routes_named(program, date, sorted(by_area))
        last = dict(Delivery._default_manager.filter(route__in=list(routes.values()))
                    .order_by().values("route_id").annotate(last=Max("stop_order"))
                    .values_list("route_id", "last"))
        stops = []
        for area, rows in by_area.items():
            route = routes[area]
            first = (last.get(route.pk) or 0) + 1
            stops.extend((pk, route.pk, position)
                         for position, (_code, _address, pk) in enumerate(sorted(rows), first))
        _set_stops(stops)
    return [routes[area] for area in sorted(by_area)]


def _routes_named(program, day, names) -> dict[str, Route]:
    """The program's routes of ``day`` called ``names``, created when missing, locked."""
    def read():
        rows = (Route._default_manager.select_for_update()
                .filter(program=program, date=day, name__in=names))
        return {route.name: route for route in rows}

    routes = read()
    missing = [name for name in names if name not in routes]
    if missing:
        Route._default_manager.bulk_create(
            [Route(program=program, date=day, name=name) for name in missing],
            ignore_conflicts=True)  # another planner may have made one meanwhile
        routes = read()
    return routes


def _set_stops(stops):
    """Write (delivery id, route id, stop number) triples in one statement."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Delivery._meta.db_table)
        ids, route_ids, orders = (list(column) for column in zip(*stops, strict=True))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS d SET route_id = s.route_id, stop_order = s.stop_order "
                "FROM unnest(%s::bigint[], %s::bigint[], %s::integer[]) "
                "AS s(id, route_id, stop_order) WHERE d.id = s.id",
                [ids, route_ids, orders])
        return
    Delivery._default_manager.bulk_update(
        [Delivery(pk=pk, route_id=route_id, stop_order=order) for pk, route_id, order in stops],
        ["route", "stop_order"])


def route_set_driver(*, route: Route, driver_name: str = "", driver_phone: str = "",
                     driver=None) -> Route:
    route.driver_name, route.driver_phone, route.driver = driver_name, driver_phone, driver
    route.full_clean()
    route.save(update_fields=["driver_name", "driver_phone", "driver"])
    return route


def route_reorder(*, route: Route, delivery_ids: list[int]) -> None:
    """Give the route's stops the order of ``delivery_ids`` (every stop, once)."""
    with transaction.atomic():
        stops = {d.pk: d for d in route.stops.select_for_update()}
        if sorted(map(int, delivery_ids)) != sorted(stops):
            raise ValidationError(_("List every stop of the route once."), code="stops")
        for position, pk in enumerate(delivery_ids, start=1):
            stops[int(pk)].stop_order = position
        Delivery._default_manager.bulk_update(stops.values(), ["stop_order"])


def delivery_move(*, delivery: Delivery, route: Route) -> Delivery:
    """Move a stop to the end of another route of the same day."""
    if (route.program_id, route.date) != (delivery.program_id, delivery.date):
        raise ValidationError(_("The route is for another day."), code="other_day")
    with transaction.atomic():
        Route._default_manager.select_for_update().filter(pk=route.pk).first()
        _append_stops(route, [delivery])
    return delivery


def delivery_record_outcome(*, delivery: Delivery, outcome: str, by=None, note: str = "",
                            now=None) -> Delivery:
    """The driver's word on a stop. "Nobody home" opens a follow-up for staff.

    Other apps hear of it through ``delivery_outcome_recorded`` (the welfare alert).
    """
    if outcome not in DeliveryStatus.outcomes():
        raise ValidationError(_("Unknown outcome."), code="outcome")
    now = now or clock.now()
    with transaction.atomic():
        delivery = Delivery._default_manager.select_for_update().get(pk=delivery.pk)
        if delivery.status == DeliveryStatus.SKIPPED:
            raise ValidationError(_("This delivery was skipped."), code="skipped")
        if delivery.billed_order_id:
            raise ValidationError(_("This delivery has been billed already."), code="billed")
        delivery.status, delivery.note = outcome, note
        delivery.outcome_at, delivery.outcome_by = now, by if getattr(by, "pk", None) else None
        delivery.save(update_fields=["status", "note", "outcome_at", "outcome_by"])
        if outcome == DeliveryStatus.NOBODY_HOME:
            _follow_up_nobody_home(delivery, now)
        delivery_outcome_recorded.send(sender=delivery_record_outcome, delivery=delivery,
                                       outcome=outcome)
    return delivery


def follow_up_close(*, follow_up: FollowUp, by, note: str = "", now=None) -> FollowUp:
    follow_up.status = FollowUpStatus.CLOSED
    follow_up.closed_at, follow_up.closed_by = now or clock.now(), by
    follow_up.note = note
    follow_up.save(update_fields=["status", "closed_at", "closed_by", "note"])
    return follow_up


def _follow_up_nobody_home(delivery, now):
    FollowUp._default_manager.get_or_create(
        delivery=delivery, status=FollowUpStatus.OPEN,
        defaults={
            "client_id": delivery.client_id, "program_id": delivery.program_id, "created": now,
            "reason": _("Nobody home on %(date)s: call the client, then the emergency contact.")
            % {"date": delivery.date},
        },
    )


def _append_stops(route, deliveries):
    last = route.stops.aggregate(last=Max("stop_order"))["last"] or 0
    for position, delivery in enumerate(deliveries, start=last + 1):
        delivery.route, delivery.stop_order = route, position
    Delivery._default_manager.bulk_update(deliveries, ["route", "stop_order"])
