"""The log of staff views of a person's health, diet or access notes (Loi 25)."""

from shop import clock
from shop.people.models import AccessLog


def access_log_record(*, viewer, person, page: str, now=None) -> AccessLog:
    """One row: ``viewer`` saw ``person``'s notes on ``page`` (a URL path or page name)."""
    name = (viewer.get_full_name() or viewer.email or str(viewer.pk)) if viewer else ""
    return AccessLog._default_manager.create(
        viewer=viewer if getattr(viewer, "pk", None) else None, viewer_name=name[:200],
        person=person, page=page[:200], seen_at=now or clock.now(),
    )


def access_log_record_many(*, viewer, person_ids, page: str, now=None) -> int:
    """One row per person (by id; None skipped, each once): a list, a route sheet."""
    now = now or clock.now()
    name = (viewer.get_full_name() or viewer.email or str(viewer.pk)) if viewer else ""
    unique = {pk for pk in person_ids if pk is not None}
    AccessLog._default_manager.bulk_create([
        AccessLog(viewer=viewer if getattr(viewer, "pk", None) else None, viewer_name=name[:200],
                  person_id=pk, page=page[:200], seen_at=now)
        for pk in sorted(unique)
    ])
    return len(unique)
