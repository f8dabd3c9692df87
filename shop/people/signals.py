"""What the people app tells the other apps."""

from django.dispatch import Signal

#: Two records of one human became one person. Sent by ``person_merge`` with
#: ``keep`` (the person that stays, ``keep.user`` their account if any),
#: ``other_pk`` (the person merged into it, now gone) and ``by`` (who did it).
person_merged = Signal()

#: A person changed their own details (name, language, preferred channel) on
#: "Mon compte". Sent by ``person_contact_update`` with ``person`` and ``by``
#: (the account that made the change), inside its transaction.
person_details_changed = Signal()
