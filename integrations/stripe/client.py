"""The one module that imports the Stripe SDK.

``StripeGateway`` wraps ``stripe.StripeClient``: every create carries a stable
idempotency key, every SDK error becomes one of ``exceptions.py``, and every
answer is one of the small dataclasses below. Amounts are integers in the
currency's smallest unit (cents).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

import stripe
from django.conf import settings

from .exceptions import (
    PaymentDeclined,
    StripeError,
    StripeNotConfigured,
    StripeRequestRefused,
    StripeUnavailable,
    WebhookSignatureInvalid,
)

logger = logging.getLogger(__name__)

#: The SDK's base class for a transport, for fakes that stand in for the network.
SdkHTTPClient = stripe.HTTPClient


# --- What the gateway returns ----------------------------------------------


@dataclass(frozen=True)
class PaymentIntent:
    id: str
    amount: int
    currency: str
    status: str
    client_secret: str | None = None
    latest_charge: str | None = None
    amount_received: int = 0
    metadata: dict = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> PaymentIntent:
        return cls(
            id=data["id"], amount=data["amount"], currency=data["currency"],
            status=data["status"], client_secret=data.get("client_secret"),
            latest_charge=_id_of(data.get("latest_charge")),
            amount_received=data.get("amount_received") or 0,
            metadata=dict(data.get("metadata") or {}),
        )


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str | None
    status: str | None
    payment_status: str
    expires_at: int
    amount_total: int | None = None
    payment_intent: str | None = None
    metadata: dict = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> CheckoutSession:
        return cls(
            id=data["id"], url=data.get("url"), status=data.get("status"),
            payment_status=data["payment_status"], expires_at=data["expires_at"],
            amount_total=data.get("amount_total"),
            payment_intent=_id_of(data.get("payment_intent")),
            metadata=dict(data.get("metadata") or {}),
        )


@dataclass(frozen=True)
class Refund:
    id: str
    amount: int
    currency: str
    status: str | None
    payment_intent: str | None = None
    charge: str | None = None
    metadata: dict = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> Refund:
        return cls(
            id=data["id"], amount=data["amount"], currency=data["currency"],
            status=data.get("status"), payment_intent=_id_of(data.get("payment_intent")),
            charge=_id_of(data.get("charge")), metadata=dict(data.get("metadata") or {}),
        )


@dataclass(frozen=True)
class Transfer:
    """Money sent from the platform's balance to a connected account (Stripe Connect)."""

    id: str
    amount: int
    currency: str
    destination: str | None
    amount_reversed: int = 0
    transfer_group: str | None = None
    metadata: dict = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> Transfer:
        return cls(
            id=data["id"], amount=data["amount"], currency=data["currency"],
            destination=_id_of(data.get("destination")),
            amount_reversed=data.get("amount_reversed") or 0,
            transfer_group=data.get("transfer_group"), metadata=dict(data.get("metadata") or {}),
        )


@dataclass(frozen=True)
class TransferReversal:
    """Part of a transfer taken back from the connected account."""

    id: str
    amount: int
    currency: str
    transfer: str | None
    metadata: dict = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> TransferReversal:
        return cls(
            id=data["id"], amount=data["amount"], currency=data["currency"],
            transfer=_id_of(data.get("transfer")), metadata=dict(data.get("metadata") or {}),
        )


@dataclass(frozen=True)
class Account:
    """A connected account: whether it may receive charges and payouts."""

    id: str
    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool = False

    @classmethod
    def from_data(cls, data: dict) -> Account:
        return cls(
            id=data["id"], charges_enabled=bool(data.get("charges_enabled")),
            payouts_enabled=bool(data.get("payouts_enabled")),
            details_submitted=bool(data.get("details_submitted")),
        )


@dataclass(frozen=True)
class WebhookEvent:
    """A verified event: its id, type, creation time and its ``data.object``."""

    id: str
    type: str
    created: int
    object: dict
    livemode: bool = False
    payload: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_data(cls, data: dict) -> WebhookEvent:
        """The event in ``data``; ValueError, KeyError or TypeError when it has not an event's shape."""
        data = _without_nul(data)
        event = cls(
            id=data["id"], type=data["type"], created=data["created"],
            object=data["data"]["object"], livemode=bool(data.get("livemode")), payload=data,
        )
        if not (_is_text(event.id, 255) and _is_text(event.type, 100)
                and isinstance(event.object, dict) and _is_timestamp(event.created)):
            raise ValueError("id, type, created or data.object is not what an event has")
        return event


def _not_json(constant: str):
    """NaN and Infinity: Python reads them, JSON (and PostgreSQL) does not."""
    raise ValueError(f"{constant} is not JSON")


def _is_text(value: Any, max_length: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= max_length


def _is_timestamp(value: Any) -> bool:
    """Seconds since 1970 up to the year 9999 (what a date can hold)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 253402300800


def _without_nul(value: Any) -> Any:
    """``value`` with NUL characters taken out of its texts: a database cannot keep them."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    return value


def _id_of(value: Any) -> str | None:
    """An expandable field is an id, or the object itself when expanded."""
    if isinstance(value, dict):
        return value.get("id")
    return value


def _plain(obj: Any) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


# --- The gateway ---------------------------------------------------------------


class StripeGateway:
    """Payments, Checkout Sessions, refunds, Connect transfers and webhook events, through one client."""

    def __init__(self, *, api_key: str, webhook_secret: str = "", webhook_tolerance: int = 300,
                 http_client: Any = None, max_network_retries: int = 2):
        if not api_key:
            raise StripeNotConfigured("STRIPE_SECRET_KEY is not set.")
        self._client = stripe.StripeClient(
            api_key, http_client=http_client, max_network_retries=max_network_retries
        )
        self._webhook_secret = webhook_secret
        self._webhook_tolerance = webhook_tolerance

    # PaymentIntents

    def payment_intent_upsert(self, *, order_number: str, amount: int, currency: str = "cad",
                              description: str = "", metadata: dict | None = None,
                              intent_id: str | None = None) -> PaymentIntent:
        """Create the order's PaymentIntent, or update ``intent_id`` to ``amount``.

        The key ``pi-<order number>-<amount>`` makes a retried create return the
        same PaymentIntent instead of a second one.
        """
        key = f"pi-{order_number}-{amount}"
        params = {
            "amount": amount, "currency": currency, "description": description,
            "metadata": {"order_number": order_number, **(metadata or {})},
        }
        if intent_id:
            intent = self._call(self._client.v1.payment_intents.update, intent_id, params,
                                {"idempotency_key": f"{key}-update"})
        else:
            params["automatic_payment_methods"] = {"enabled": True}
            intent = self._call(self._client.v1.payment_intents.create, params,
                                {"idempotency_key": key})
        return PaymentIntent.from_data(_plain(intent))

    def payment_intent_retrieve(self, intent_id: str) -> PaymentIntent:
        intent = self._call(self._client.v1.payment_intents.retrieve, intent_id)
        return PaymentIntent.from_data(_plain(intent))

    def payment_intent_cancel(self, intent_id: str) -> PaymentIntent:
        """Cancel a PaymentIntent nobody will pay (the order could not be placed)."""
        intent = self._call(
            self._client.v1.payment_intents.cancel, intent_id,
            {"cancellation_reason": "abandoned"}, {"idempotency_key": f"pi-cancel-{intent_id}"},
        )
        return PaymentIntent.from_data(_plain(intent))

    # Checkout Sessions (payment links)

    def checkout_session_create(self, *, order_number: str, amount: int, product_name: str,
                                success_url: str, cancel_url: str, expires_at: int,
                                attempt: int = 1, currency: str = "cad",
                                customer_email: str | None = None,
                                locale: str = "fr-CA") -> CheckoutSession:
        """A hosted payment page for an existing order, open until ``expires_at``.

        ``attempt`` numbers the links of one order, so a re-sent link is a new
        session while a retried request gives back the same one.
        """
        metadata = {"order_number": order_number}
        params = {
            "mode": "payment",
            "line_items": [{
                "quantity": 1,
                "price_data": {"currency": currency, "unit_amount": amount,
                               "product_data": {"name": product_name}},
            }],
            "client_reference_id": order_number,
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
            "success_url": success_url, "cancel_url": cancel_url,
            "expires_at": expires_at, "locale": locale,
        }
        if customer_email:
            params["customer_email"] = customer_email
        session = self._call(self._client.v1.checkout.sessions.create, params,
                             {"idempotency_key": f"cs-{order_number}-{amount}-{attempt}"})
        return CheckoutSession.from_data(_plain(session))

    def checkout_session_expire(self, session_id: str) -> CheckoutSession:
        session = self._call(self._client.v1.checkout.sessions.expire, session_id, None,
                             {"idempotency_key": f"cs-expire-{session_id}"})
        return CheckoutSession.from_data(_plain(session))

    # Refunds

    def refund_create(self, *, payment_intent_id: str, amount: int, idempotency_key: str,
                      metadata: dict | None = None) -> Refund:
        params = {
            "payment_intent": payment_intent_id, "amount": amount,
            "reason": "requested_by_customer", "metadata": metadata or {},
        }
        refund = self._call(self._client.v1.refunds.create, params,
                            {"idempotency_key": idempotency_key})
        return Refund.from_data(_plain(refund))

    # Connect: transfers to sellers' accounts

    def transfer_create(self, *, amount: int, destination: str, idempotency_key: str,
                        transfer_group: str = "", source_transaction: str | None = None,
                        currency: str = "cad", metadata: dict | None = None) -> Transfer:
        """Send ``amount`` cents to the connected account ``destination``.

        ``source_transaction`` (a charge id) ties the transfer to the money of
        that charge, so it waits for the charge's funds instead of the balance.
        """
        params = {"amount": amount, "currency": currency, "destination": destination,
                  "metadata": metadata or {}}
        if transfer_group:
            params["transfer_group"] = transfer_group
        if source_transaction:
            params["source_transaction"] = source_transaction
        transfer = self._call(self._client.v1.transfers.create, params,
                              {"idempotency_key": idempotency_key})
        return Transfer.from_data(_plain(transfer))

    def transfer_reversal_create(self, *, transfer_id: str, amount: int, idempotency_key: str,
                                 metadata: dict | None = None) -> TransferReversal:
        """Take ``amount`` cents of ``transfer_id`` back from the connected account."""
        params = {"amount": amount, "metadata": metadata or {}}
        reversal = self._call(self._client.v1.transfers.reversals.create, transfer_id, params,
                              {"idempotency_key": idempotency_key})
        return TransferReversal.from_data(_plain(reversal))

    def account_retrieve(self, account_id: str) -> Account:
        account = self._call(self._client.v1.accounts.retrieve, account_id)
        return Account.from_data(_plain(account))

    # Events

    def webhook_event_construct(self, *, payload: bytes, signature_header: str | None
                                ) -> WebhookEvent:
        """Check the signature of a webhook's raw body and parse it.

        Raises ``WebhookSignatureInvalid`` for an unsigned, forged or stale
        request (older than the tolerance) and for a body that is not an event.
        """
        if not self._webhook_secret or self._webhook_tolerance <= 0:
            raise StripeNotConfigured("STRIPE_WEBHOOK_SECRET and a positive tolerance are needed.")
        try:
            stripe.Webhook.construct_event(
                payload, signature_header, self._webhook_secret, self._webhook_tolerance
            )
            return WebhookEvent.from_data(json.loads(payload, parse_constant=_not_json))
        except stripe.SignatureVerificationError as error:
            raise WebhookSignatureInvalid(str(error)) from error
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            # AttributeError: the SDK reads a signed body that is JSON but no object.
            raise WebhookSignatureInvalid(f"Not a Stripe event: {error}") from error

    def events_list(self, *, created_after: int, types: list[str],
                    max_pages: int = 10) -> list[WebhookEvent]:
        """Events of ``types`` since ``created_after`` whose webhooks were not all delivered."""
        events, params = [], {
            "created": {"gte": created_after}, "types": types,
            "delivery_success": False, "limit": 100,
        }
        for _page in range(max_pages):
            page = self._call(self._client.v1.events.list, params)
            data = [_plain(item) for item in page.data]
            events.extend(WebhookEvent.from_data(item) for item in data)
            if not page.has_more or not data:
                break
            params["starting_after"] = data[-1]["id"]
        return events

    # Errors

    @staticmethod
    def _call(method, *args):
        try:
            return method(*args)
        except stripe.CardError as error:
            raise PaymentDeclined(error.user_message or str(error)) from error
        except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as error:
            logger.warning("Stripe unavailable: %s", error)
            raise StripeUnavailable(str(error)) from error
        except stripe.StripeError as error:
            logger.error("Stripe refused a request: %s", error)
            raise StripeRequestRefused(str(error)) from error


# --- From settings ----------------------------------------------------------------


def configured_http_client():
    """The transport for Stripe calls: ``None`` is the SDK's own (tests replace this)."""
    return None


def is_enabled() -> bool:
    """Card payments are on: switched on, with both API keys."""
    return bool(
        settings.STRIPE_ENABLED and settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY
    )


def gateway() -> StripeGateway:
    """The gateway configured by settings; ``StripeNotConfigured`` when cards are off."""
    if not is_enabled():
        raise StripeNotConfigured("Card payments are not enabled.")
    return StripeGateway(
        api_key=settings.STRIPE_SECRET_KEY,
        webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
        webhook_tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        http_client=configured_http_client(),
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
    )


def webhook_gateway() -> StripeGateway:
    """A gateway for checking webhooks, which needs only the webhook secret."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise StripeNotConfigured("STRIPE_WEBHOOK_SECRET is not set.")
    return StripeGateway(
        api_key=settings.STRIPE_SECRET_KEY or "sk_webhooks_only",
        webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
        webhook_tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        http_client=configured_http_client(),
    )


__all__ = [
    "Account", "CheckoutSession", "PaymentIntent", "Refund", "StripeError", "StripeGateway",
    "Transfer", "TransferReversal", "WebhookEvent", "configured_http_client", "gateway",
    "is_enabled", "webhook_gateway",
]
