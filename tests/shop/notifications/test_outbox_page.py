"""Staff see the outbox, failed messages first."""

import pytest

from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def message(key, status, **fields):
    return OutboundMessage.objects.create(to="+15145550142", body="Corps " + key, key=key,
                                          kind=MessageKind.ORDER_PLACED, status=status, **fields)


class TestTheOutboxPage:
    def test_lists_failed_messages_first_with_their_error(self, client):
        message("old-failure", MessageStatus.FAILED, attempts=5, last_error="HTTP 500")
        message("recent", MessageStatus.SENT)
        client.force_login(StaffFactory())
        html = client.get("/notifications/outbox/").content.decode()
        assert html.index("Corps old-failure") < html.index("Corps recent")
        assert "HTTP 500" in html

    def test_filters_by_status(self, client):
        message("a", MessageStatus.FAILED)
        message("b", MessageStatus.SENT)
        client.force_login(StaffFactory())
        html = client.get("/notifications/outbox/?status=sent").content.decode()
        assert "Corps b" in html and "Corps a" not in html

    def test_is_not_shown_to_clients(self, client):
        client.force_login(UserFactory())
        assert client.get("/notifications/outbox/").status_code == 403

    def test_lets_staff_send_a_failed_message_again(self, client, django_capture_on_commit_callbacks):
        failed = message("f", MessageStatus.FAILED, attempts=5)
        client.force_login(StaffFactory())
        with django_capture_on_commit_callbacks():
            client.post(f"/notifications/outbox/{failed.pk}/retry/")
        failed.refresh_from_db()
        assert failed.status == MessageStatus.QUEUED and failed.attempts == 0
