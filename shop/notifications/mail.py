"""Emails through the outbox: the email backend, and each email kept and rebuilt.

``EMAIL_BACKEND`` names ``OutboxEmailBackend``, so every email (``send_mail``,
Oscar's order confirmation, password reset, payment links) is written to the
outbox in the caller's transaction: a transaction rolled back sends nothing.
The outbox relays it after commit through ``EMAIL_DELIVERY_BACKEND`` (SMTP in
production), retries with backoff up to ``EMAIL_MAX_ATTEMPTS`` and then keeps
it as failed, for staff to send again: a dead mail server loses nothing.

A sender that knows its event marks the email with ``email_keyed`` (one email
per event at most); any other email gets a key of its own.
"""

import mimetypes
import smtplib
import uuid
from email.mime.base import MIMEBase
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail import message as mime
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import DEFAULT_ATTACHMENT_MIME_TYPE
from django.db import transaction

from .models import EmailAttachment, EmailContent, MessageChannel, MessageKind, OutboundMessage


class EmailError(Exception):
    """The mail server did not take an email; ``retryable`` unless it refused it for good."""

    def __init__(self, message, *, retryable=True):
        super().__init__(message)
        self.retryable = retryable


def email_keyed(email: EmailMessage, *, key: str, kind: str = MessageKind.OTHER) -> EmailMessage:
    """Mark ``email`` with the event that sends it, so that the event sends it once at most."""
    email.outbox_key = key
    email.outbox_kind = kind
    return email


class OutboxEmailBackend(BaseEmailBackend):
    """Write each email to the outbox; the outbox sends it after commit."""

    def send_messages(self, email_messages):
        queued = 0
        for email in email_messages:
            if email.recipients():
                email_queue(email=email)
                queued += 1
        return queued


def email_queue(*, email: EmailMessage) -> OutboundMessage:
    """Write one email to the outbox, in the caller's transaction (see ``message_queue``)."""
    from .services import message_queue

    key = getattr(email, "outbox_key", None) or f"email:{uuid.uuid4().hex}"
    kind = getattr(email, "outbox_kind", None) or MessageKind.OTHER
    with transaction.atomic():  # the content is written before the relay can run
        message = message_queue(to=", ".join(email.recipients())[:254], body=email.body,
                                kind=kind, key=key, channel=MessageChannel.EMAIL)
        if not EmailContent._default_manager.filter(message=message).exists():
            _content_create(message, email)
    return message


def email_deliver(message: OutboundMessage) -> None:
    """Hand one email of the outbox to the real sender; raises ``EmailError``."""
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
            connection.send_messages([email_rebuild(message)])
    except (smtplib.SMTPException, OSError) as error:
        raise EmailError(f"{type(error).__name__}: {error}",
                         retryable=not _refused_for_good(error)) from error


def email_rebuild(message: OutboundMessage) -> EmailMessage:
    """The email as its sender wrote it (a bare text email for one kept without content)."""
    content = EmailContent._default_manager.filter(message=message).first()
    if content is None:
        return EmailMessage(settings.OSCAR_SHOP_NAME, message.body, settings.DEFAULT_FROM_EMAIL,
                            [message.to])
    email = EmailMultiAlternatives(
        subject=content.subject, body=message.body, from_email=content.from_email or None,
        to=content.to, cc=content.cc, bcc=content.bcc, reply_to=content.reply_to,
        headers=content.headers, alternatives=[tuple(each) for each in content.alternatives])
    email.content_subtype = content.content_subtype
    for attachment in content.attachments.all():
        email.attach(attachment.filename or None, bytes(attachment.content),
                     attachment.mimetype or None)
    return email


def _content_create(message, email):
    headers = dict(email.extra_headers)
    # One Message-ID for every attempt: a receiving server can tell a resend.
    if not any(name.lower() == "message-id" for name in headers):
        headers["Message-ID"] = make_msgid(domain=str(mime.DNS_NAME))
    content = EmailContent._default_manager.create(
        message=message, subject=str(email.subject), from_email=email.from_email or "",
        to=list(email.to), cc=list(email.cc), bcc=list(email.bcc), reply_to=list(email.reply_to),
        headers=headers, content_subtype=email.content_subtype,
        alternatives=[[str(content), mimetype]
                      for content, mimetype in getattr(email, "alternatives", [])])
    EmailAttachment._default_manager.bulk_create(
        _attachment(content, each) for each in email.attachments)


def _attachment(content, attachment):
    if isinstance(attachment, MIMEBase):
        return EmailAttachment(email=content, filename=attachment.get_filename() or "",
                               mimetype=attachment.get_content_type(),
                               content=attachment.get_payload(decode=True) or b"")
    filename, data, mimetype = attachment
    if isinstance(data, EmailMessage):
        data = data.message().as_bytes()
    if isinstance(data, str):
        data = data.encode()
    mimetype = mimetype or mimetypes.guess_type(filename or "")[0] or DEFAULT_ATTACHMENT_MIME_TYPE
    return EmailAttachment(email=content, filename=filename or "", mimetype=mimetype, content=data)


def _refused_for_good(error) -> bool:
    """A 5xx answer (unknown recipient, message refused); anything else may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reason in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False
