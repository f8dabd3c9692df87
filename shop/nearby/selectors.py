"""What of the cooperative serves a postal code: meal delivery, home delivery, counters."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from oscar.core.loading import get_class, get_model

from services.models import Program, ProgramDay, Season
from services.postal import forward_sortation_area, normalize_postal_code
from shop import clock

LocalDelivery = get_class("shipping.methods", "LocalDelivery")
PartnerAddress = get_model("partner", "PartnerAddress")


@dataclass(frozen=True)
class WhatServes:
    """The answer for one postal code.

    ``programs``: active meal programs whose service area holds the code, each
    with ``days`` prefetched and ``open_seasons`` (seasons taking registrations
    today, possibly none); ``delivery``: whether local delivery reaches it;
    ``pickup_points``: every seller's counter (``PartnerAddress`` with its
    ``partner``), open to anyone wherever they live.
    """

    postal_code: str
    fsa: str
    programs: list = field(default_factory=list)
    delivery: bool = False
    pickup_points: list = field(default_factory=list)

    @property
    def reaches_the_door(self) -> bool:
        """Whether anything comes to this address (meals or orders)."""
        return bool(self.programs) or self.delivery


def what_serves(*, postal_code: str, today: date | None = None) -> WhatServes:
    """What serves ``postal_code`` ("h4c1s3", " H4C-1S3 " … any spelling).

    Raises ``ValueError`` when it is not a Canadian postal code. Four queries
    at most, whatever the number of programs and sellers.
    """
    normal = normalize_postal_code(postal_code)
    if not normal:
        raise ValueError(f"Not a postal code: {postal_code!r}")
    fsa = forward_sortation_area(normal)
    return WhatServes(
        postal_code=normal,
        fsa=fsa,
        programs=_programs_serving(normal, fsa=fsa, today=today or clock.today()),
        delivery=LocalDelivery.reaches(normal),
        pickup_points=_pickup_points(),
    )


def _programs_serving(postal_code: str, *, fsa: str, today: date) -> list:
    open_seasons = Season._default_manager.filter(
        registration_opens_on__lte=today, registration_closes_on__gte=today
    ).order_by("starts_on")
    candidates = (
        Program._default_manager.filter(is_active=True, postal_prefixes__icontains=fsa)
        .select_related("seller")
        .prefetch_related(
            Prefetch("days", queryset=ProgramDay._default_manager.order_by("weekday")),
            Prefetch("seasons", queryset=open_seasons, to_attr="open_seasons"),
        )
        .order_by("name", "pk")
    )
    # The text search narrows in the database; serves() checks whole prefixes.
    return [program for program in candidates if program.serves(postal_code)]


def _pickup_points() -> list:
    return list(
        PartnerAddress._default_manager.select_related("partner")
        .order_by("partner__name", "pk")
    )
