"""The register of privacy requests (Loi 25) and the register of confidentiality incidents.

A request (access, correction, portability, deletion) is answered within
``PRIVACY_REQUEST_DAYS`` days of its receipt; the register shows the due date
and flags those overdue. Closing a deletion request as answered erases the
person (``erasure.person_erase``).
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shop import clock
from shop.people.models import (
    PRIVACY_REQUEST_DAYS,
    Incident,
    PrivacyRequest,
    RequestKind,
    RequestStatus,
)

from .erasure import person_erase


def privacy_request_create(*, person=None, requester: str, kind: str, details: str = "",
                           received_on: date | None = None, by=None) -> PrivacyRequest:
    """Record a request received on ``received_on`` (today by default), due 30 days later."""
    received_on = received_on or clock.today()
    return PrivacyRequest._default_manager.create(
        person=person, requester=requester, kind=kind, details=details, received_on=received_on,
        due_on=received_on + timedelta(days=PRIVACY_REQUEST_DAYS),
        recorded_by=by if getattr(by, "pk", None) else None,
    )


def privacy_request_close(*, request: PrivacyRequest, status: str, answer: str,
                          by=None) -> PrivacyRequest:
    """Answer ``request`` (``done`` or ``refused`` with reasons); a deletion done erases."""
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("This request is already closed."))
    if status not in (RequestStatus.DONE, RequestStatus.REFUSED):
        raise ValidationError(_("Choose how the request was answered."))
    if status == RequestStatus.REFUSED and not answer.strip():
        raise ValidationError(_("A refusal must give its reasons."))
    with transaction.atomic():
        if (status == RequestStatus.DONE and request.kind == RequestKind.DELETION
                and request.person_id and request.person.anonymised_at is None):
            person_erase(person=request.person, by=by)
        request.refresh_from_db()
        request.status, request.answer, request.closed_on = status, answer, clock.today()
        request.closed_by = by if getattr(by, "pk", None) else None
        request.save(update_fields=["status", "answer", "closed_on", "closed_by"])
    return request


def incident_record(*, by=None, **fields) -> Incident:
    """Add a confidentiality incident to the register."""
    return Incident._default_manager.create(
        recorded_by=by if getattr(by, "pk", None) else None, recorded_at=clock.now(), **fields)
