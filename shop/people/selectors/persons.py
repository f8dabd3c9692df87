"""Reading people and the links awaiting their owner's confirmation."""

from django.db.models import Q

from shop import clock
from shop.people.models import LinkRequest, LinkStatus, Person


def persons_with_phone(phone) -> list[Person]:
    """Every person recorded with this phone number (E.164), verified or not."""
    if not phone:
        return []
    return list(Person._default_manager.filter(phone=str(phone)).order_by("pk"))


def link_requests_pending(*, person=None, account=None, now=None):
    """Requests still awaiting a decision (not expired), newest first."""
    rows = LinkRequest._default_manager.filter(status=LinkStatus.PENDING,
                                               expires_at__gt=now or clock.now())
    if person is not None:
        rows = rows.filter(person=person)
    if account is not None:
        rows = rows.filter(account=account)
    return rows.select_related("person", "account", "created_by")


def link_request_latest(*, person, account) -> LinkRequest | None:
    """The last request to join ``person`` to ``account``, whatever its status."""
    return (LinkRequest._default_manager.filter(person=person, account=account)
            .order_by("-created_at", "-pk").first())


def link_request_of_owner(*, user, pk) -> LinkRequest | None:
    """The request ``pk`` if ``user`` owns the account it asks about, else None."""
    if not getattr(user, "pk", None):
        return None
    return (LinkRequest._default_manager.filter(Q(pk=pk) & Q(account=user))
            .select_related("person", "created_by").first())
