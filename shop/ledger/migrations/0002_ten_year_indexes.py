"""The seller ledger read by order without its table: a month's settlement after ten years."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="ledgerentry",
            index=models.Index(fields=["order"], include=["seller", "kind", "amount"],
                               name="ledger_order_seller_kind_idx"),
        ),
    ]
