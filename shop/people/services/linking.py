"""Verified linking: a person typed by someone else joins an account only once confirmed.

When a phone number or email typed for someone (a meal registration, a
client record) belongs to an existing account, nothing is joined: a
``LinkRequest`` is opened and the account's owner gets a 6-digit code, by SMS
to the account's phone, else by email. The owner types it on
``people:link-confirm`` (5 tries), or says "this is not me"; or a staff member
confirms it with them on the phone, and their name is kept. Confirming merges
the typed person into the account's person (``person_merge``).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from integrations.twilio.webhooks import public_url
from shop import clock
from shop.notifications.models import MessageChannel, MessageKind
from shop.notifications.services import message_queue
from shop.people.models import LinkRequest, LinkStatus
from shop.people.selectors.persons import link_requests_pending

from .persons import person_merge, person_merge_conflicts, person_of

LINK_REQUEST_LASTS = timedelta(days=7)
MAX_ATTEMPTS = 5


def link_request_open(*, person, account, matched_on: str, by=None, now=None) -> LinkRequest:
    """Ask ``account``'s owner to confirm that ``person`` is them; the pending request if open.

    The code goes out in the caller's transaction (the outbox); only its hash is kept.
    """
    now = now or clock.now()
    with transaction.atomic():
        pending = link_requests_pending(person=person, account=account, now=now).first()
        if pending is not None:
            return pending
        _expire(person=person, account=account, now=now)
        code = f"{secrets.randbelow(10 ** 6):06d}"
        request = LinkRequest._default_manager.create(
            person=person, account=account, matched_on=matched_on, code_hash=make_password(code),
            created_by=by if getattr(by, "pk", None) else None, created_at=now,
            expires_at=now + LINK_REQUEST_LASTS)
        request.sent_to = _code_send(request, code)
        request.save(update_fields=["sent_to"])
    return request


def link_request_confirm(*, link_request: LinkRequest, user, code: str, now=None) -> LinkRequest:
    """The owner typed ``code``: right, the person joins their account; wrong, one try less.

    After ``MAX_ATTEMPTS`` wrong codes the request is refused. Errors are
    ``ValidationError`` whose message the owner reads; the count of tries is
    kept even then.
    """
    now = now or clock.now()
    with transaction.atomic():
        request = _open_for(link_request, user, now)
        if request.status == LinkStatus.PENDING and check_password(code.strip(), request.code_hash):
            return _confirm(request, by=user, now=now)
        if request.status == LinkStatus.PENDING:
            request.attempts += 1
            if request.attempts >= MAX_ATTEMPTS:
                request.status, request.decided_at = LinkStatus.REFUSED, now
            request.save(update_fields=["attempts", "status", "decided_at"])
    raise ValidationError(_refusal(request), code=request.status)


def link_request_refuse(*, link_request: LinkRequest, user, now=None) -> LinkRequest:
    """The owner says the person is not them: nothing is linked, the request is closed."""
    now = now or clock.now()
    with transaction.atomic():
        request = _open_for(link_request, user, now)
        if request.status != LinkStatus.PENDING:
            raise ValidationError(_refusal(request), code=request.status)
        request.status, request.decided_at = LinkStatus.REFUSED, now
        request.save(update_fields=["status", "decided_at"])
    return request


def link_request_confirm_by_staff(*, link_request: LinkRequest, staff, now=None) -> LinkRequest:
    """A staff member confirmed it with the account's owner on the phone; their name is kept."""
    now = now or clock.now()
    with transaction.atomic():
        request = _open_for(link_request, None, now)
        if request.status != LinkStatus.PENDING:
            raise ValidationError(_refusal(request), code=request.status)
        request.confirmed_by_staff = staff
        return _confirm(request, by=staff, now=now)


def link_request_mergeable(*, person, account) -> bool:
    """Whether ``person`` could join ``account``'s person (no record they would both hold)."""
    return not person_merge_conflicts(keep=person_of(account), other=person)


def _open_for(link_request, user, now):
    """The request, locked, expired if its week is over; only its account's owner may act."""
    request = LinkRequest._default_manager.select_for_update().get(pk=link_request.pk)
    if user is not None and request.account_id != user.pk:
        raise ValidationError(_("This request is not for your account."), code="not_owner")
    if request.status == LinkStatus.PENDING and request.expires_at <= now:
        request.status = LinkStatus.EXPIRED
        request.save(update_fields=["status"])
    return request


def _confirm(request, *, by, now):
    request.person = person_merge(keep=person_of(request.account), other=request.person, by=by)
    request.status, request.decided_at = LinkStatus.CONFIRMED, now
    request.save(update_fields=["status", "decided_at", "confirmed_by_staff", "person"])
    return request


def _expire(*, person, account, now):
    LinkRequest._default_manager.filter(person=person, account=account,
                                        status=LinkStatus.PENDING,
                                        expires_at__lte=now).update(status=LinkStatus.EXPIRED)


def _refusal(request):
    if request.status == LinkStatus.PENDING:
        left = MAX_ATTEMPTS - request.attempts
        return _("This code is not the right one. Tries left: %(left)s.") % {"left": left}
    if request.status == LinkStatus.EXPIRED:
        return _("This request has expired: nothing was linked.")
    if request.status == LinkStatus.CONFIRMED:
        return _("This request is already confirmed.")
    return _("This request is closed: nothing was linked.")


def _code_send(request, code) -> str:
    """Send the code to the account's phone by SMS, else to its email; return where."""
    account, person = request.account, request.person
    owner = person_of(account)
    with translation.override("en" if owner.language == "en" else settings.LANGUAGE_CODE):
        body = _code_text(request, code, person)
    if account.phone:
        to, channel = str(account.phone), MessageChannel.SMS
    else:
        to, channel = account.email, MessageChannel.EMAIL
    message_queue(to=to, body=body, kind=MessageKind.OTHER, channel=channel, user=account,
                  key=f"link-request:{request.pk}:code")
    return to


def _code_text(request, code, person):
    by = request.created_by
    who = (by.get_full_name() or _("a staff member")) if by else _("someone, online,")
    return _(
        "%(shop)s: %(who)s registered %(name)s with your contact details and asks to link "
        "this record to your account. To accept, enter the code %(code)s at %(url)s . "
        "If this is not you, ignore this message: nothing will change."
    ) % {"shop": settings.OSCAR_SHOP_NAME, "who": who, "name": person.full_name or "?",
         "code": code, "url": public_url(reverse("people:link-confirm", args=[request.pk]))}
