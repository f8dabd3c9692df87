"""What the meal service announces to the other apps.

``delivery_outcome_recorded`` is sent inside the transaction that records a
stop's outcome, whoever recorded it (the driver's phone, staff on the route
sheet), with ``delivery`` and ``outcome`` (a ``DeliveryStatus`` value).
"""

from django.dispatch import Signal

delivery_outcome_recorded = Signal()
