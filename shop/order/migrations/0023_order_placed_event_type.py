"""The "order placed" communication type, so that each confirmation email sent
leaves its event on the order (what tells a sent confirmation from a lost one)."""

from django.db import migrations

CODE = "ORDER_PLACED"


def create(apps, schema_editor):
    EventType = apps.get_model("communication", "CommunicationEventType")
    EventType.objects.get_or_create(code=CODE, defaults={"name": "Order placed",
                                                        "category": "Order related"})


def remove(apps, schema_editor):
    apps.get_model("communication", "CommunicationEventType").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0022_line_gst_line_qst_order_channel_order_gst_and_more"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(create, remove)]
