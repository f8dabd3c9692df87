"""Emails go through the outbox: kept with the event, sent after commit, retried, never lost."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction

from shop.notifications.mail import email_keyed
from shop.notifications.models import MessageChannel, MessageKind, MessageStatus, OutboundMessage
from shop.notifications.services import outbox_relay
from tests.clock import at, day
from tests.factories import StaffFactory
from tests.shop.notifications.smtp import SmtpServer, dead_port

pytestmark = pytest.mark.django_db
INVOICE = b"%PDF-1.4 facture 2026-0042 \x00\xff"
ELEVEN_PM = at(day(0), 23)  # in the SMS quiet hours


def invoice_email(**kwargs):
    email = EmailMultiAlternatives(
        subject="Votre facture", body="Bonjour Léa, voici votre facture.",
        from_email="comptoir@example.org", to=["lea@example.org"], cc=["compta@example.org"],
        bcc=["archives@example.org"], reply_to=["caisse@example.org"],
        headers={"X-Seller": "librairie"}, **kwargs)
    email.attach_alternative("<p>Bonjour Léa</p>", "text/html")
    email.attach("facture-2026-0042.pdf", INVOICE, "application/pdf")
    return email


def send_in_a_transaction(email, capture):
    """Send ``email`` in a transaction that commits; the relay it queues is left to the test."""
    with capture(execute=False) as callbacks:
        email.send()
    assert len(callbacks) == 1  # the relay, queued after commit
    return OutboundMessage.objects.get(channel=MessageChannel.EMAIL)


@pytest.fixture
def smtp_delivery(settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 5
    dead = dead_port()
    settings.EMAIL_PORT = dead.getsockname()[1]
    yield settings
    dead.close()


def answering_server(settings):
    server = SmtpServer()
    settings.EMAIL_PORT = server.port
    return server


class TestTheOutboxBackend:
    def test_a_rolled_back_transaction_sends_nothing(self, mailoutbox):
        with pytest.raises(RuntimeError), transaction.atomic():
            send_mail("Votre commande", "Merci", "comptoir@example.org", ["lea@example.org"])
            raise RuntimeError("the order rolled back")
        assert not OutboundMessage.objects.exists()
        assert mailoutbox == []

    def test_delivers_every_part_of_the_email_as_written(self, mailoutbox):
        assert invoice_email().send() == 1
        [sent] = mailoutbox
        assert (sent.subject, sent.body, sent.from_email) == (
            "Votre facture", "Bonjour Léa, voici votre facture.", "comptoir@example.org")
        assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (
            ["lea@example.org"], ["compta@example.org"], ["archives@example.org"],
            ["caisse@example.org"])
        assert sent.extra_headers["X-Seller"] == "librairie"
        assert [tuple(each) for each in sent.alternatives] == [("<p>Bonjour Léa</p>", "text/html")]
        assert [tuple(each) for each in sent.attachments] == [
            ("facture-2026-0042.pdf", INVOICE, "application/pdf")]

    def test_an_email_is_not_held_back_by_the_sms_quiet_hours(self, clock, mailoutbox):
        clock.move_to(ELEVEN_PM)
        send_mail("Votre commande", "Merci", "comptoir@example.org", ["lea@example.org"])
        assert [each.to for each in mailoutbox] == [["lea@example.org"]]

    def test_an_event_with_a_key_sends_one_email_at_most(self, mailoutbox):
        for _ in range(2):
            email_keyed(invoice_email(), key="invoice:2026-0042:email", kind=MessageKind.OTHER).send()
        assert OutboundMessage.objects.count() == 1 and len(mailoutbox) == 1

    def test_each_email_sent_without_a_key_is_its_own(self, mailoutbox):
        for _ in range(2):
            send_mail("Réinitialisation", "Votre lien", "comptoir@example.org", ["lea@example.org"])
        assert OutboundMessage.objects.count() == 2 and len(mailoutbox) == 2

    def test_an_email_to_nobody_is_not_kept(self):
        assert EmailMultiAlternatives("Rien", "Rien", "comptoir@example.org", to=[]).send() == 0
        assert not OutboundMessage.objects.exists()


class TestADeadMailServer:
    def test_leaves_the_email_queued_with_its_attempt_counted(
            self, smtp_delivery, django_capture_on_commit_callbacks):
        message = send_in_a_transaction(invoice_email(), django_capture_on_commit_callbacks)
        result = outbox_relay(message_id=message.pk)
        message.refresh_from_db()
        assert result.outcome == "retry" and result.retry_in == 30
        assert message.status == MessageStatus.QUEUED and message.attempts == 1
        assert message.next_attempt_at is not None and "Connection" in message.last_error

    def test_the_retry_delivers_it_once_with_its_attachment_when_the_server_answers(
            self, smtp_delivery, django_capture_on_commit_callbacks):
        message = send_in_a_transaction(invoice_email(), django_capture_on_commit_callbacks)
        outbox_relay(message_id=message.pk)
        message.refresh_from_db()
        with answering_server(smtp_delivery) as server:
            assert outbox_relay(message_id=message.pk).outcome == "not_due"
            later = message.next_attempt_at + timedelta(seconds=1)
            assert outbox_relay(message_id=message.pk, now=later).outcome == "sent"
            assert outbox_relay(message_id=message.pk, now=later).outcome == "done"
        [received] = server.received
        assert received["Subject"] == "Votre facture" and received["Cc"] == "compta@example.org"
        assert received["Message-ID"] == message.email.headers["Message-ID"]  # as on every attempt
        [attachment] = list(received.iter_attachments())
        assert attachment.get_filename() == "facture-2026-0042.pdf"
        assert attachment.get_content() == INVOICE
        message.refresh_from_db()
        assert message.status == MessageStatus.SENT and message.attempts == 2

    def test_after_the_last_attempt_it_is_failed_and_send_again_delivers_it(
            self, smtp_delivery, client, django_capture_on_commit_callbacks):
        smtp_delivery.EMAIL_MAX_ATTEMPTS = 3
        message = send_in_a_transaction(invoice_email(), django_capture_on_commit_callbacks)
        now = at(day(0), 11)
        outcomes = []
        for _ in range(3):
            outcomes.append(outbox_relay(message_id=message.pk, now=now).outcome)
            now += timedelta(hours=1)
        assert outcomes == ["retry", "retry", "failed"]
        OutboundMessage.objects.create(to="+15145550142", body="Votre commande est prête",
                                       key="sms-failed", kind=MessageKind.ORDER_READY,
                                       status=MessageStatus.FAILED)

        client.force_login(StaffFactory())
        html = client.get("/notifications/outbox/?status=failed").content.decode()
        assert "Votre facture" in html and "facture-2026-0042.pdf" in html
        assert "Votre commande est prête" in html  # beside the failed SMS
        assert html.count("Envoyer de nouveau") == 2

        with answering_server(smtp_delivery) as server:
            with django_capture_on_commit_callbacks(execute=False):
                client.post(f"/notifications/outbox/{message.pk}/retry/")
            assert outbox_relay(message_id=message.pk, now=now).outcome == "sent"
        assert [each["To"] for each in server.received] == ["lea@example.org"]
        assert mail.outbox == []  # the SMTP server had it, nothing else
