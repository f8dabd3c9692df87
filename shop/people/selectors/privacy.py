"""Reading the privacy registers: requests with their due dates, the access log, incidents."""

from django.db.models import Q

from shop import clock
from shop.people.models import AccessLog, Incident, Person, PrivacyRequest, RequestStatus


def privacy_requests(*, status: str = "") -> list[PrivacyRequest]:
    """The register, open ones first by due date; each with ``overdue`` and ``days_left``."""
    rows = PrivacyRequest._default_manager.select_related("person", "recorded_by", "closed_by")
    if status:
        rows = rows.filter(status=status)
    today = clock.today()
    requests = list(rows)
    for request in requests:
        request.days_left = (request.due_on - today).days
        request.overdue = request.status == RequestStatus.OPEN and request.due_on < today
    return requests


def access_log(*, person=None, limit: int = 500):
    """Who saw whose health, diet or access notes, latest first (one person's if given)."""
    rows = AccessLog._default_manager.select_related("person")
    if person is not None:
        rows = rows.filter(person=person)
    return rows[:limit]


def people_matching(query: str, *, limit: int = 20):
    """People whose name, phone or email holds ``query`` (for the registers' forms)."""
    query = query.strip()
    if not query:
        return Person._default_manager.none()
    words = Q()
    for word in query.split():
        words &= (Q(first_name__icontains=word) | Q(last_name__icontains=word)
                  | Q(phone__icontains=word) | Q(email__icontains=word))
    return Person._default_manager.filter(words)[:limit]


def incidents():
    return Incident._default_manager.select_related("recorded_by")
