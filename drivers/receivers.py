"""Drivers listen to the meal service: "nobody home", whoever recorded it, is a welfare alert."""

from services.models import DeliveryStatus


def on_delivery_outcome_recorded(sender, delivery, outcome, **kwargs):
    if outcome == DeliveryStatus.NOBODY_HOME:
        from .services import welfare_alert

        welfare_alert(delivery=delivery)


def connect():
    from services.signals import delivery_outcome_recorded

    delivery_outcome_recorded.connect(on_delivery_outcome_recorded,
                                      dispatch_uid="drivers-welfare-alert")
