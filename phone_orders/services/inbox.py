"""The staff inbox: SMS nobody understood, voicemails, missed calls."""

from django.db import transaction

from shop import clock

from ..models import InboxItem


def inbox_add(*, kind, phone, user=None, body="", recording_url="", call_sid="") -> InboxItem:
    return InboxItem._default_manager.create(kind=kind, phone=phone, user=user, body=body,
                                             recording_url=recording_url, call_sid=call_sid)


@transaction.atomic
def inbox_item_done(*, item: InboxItem, by, note: str = "") -> InboxItem:
    item = InboxItem._default_manager.select_for_update().get(pk=item.pk)
    item.done_at, item.done_by, item.note = clock.now(), by, note
    item.save(update_fields=["done_at", "done_by", "note"])
    return item
