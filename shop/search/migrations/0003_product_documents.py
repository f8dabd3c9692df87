"""The search document of each product and the lexicon of near misses (shop.search.models).

The tables only; on PostgreSQL, 0004 fills them and keeps them right.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_functions_name_their_schema"),
        ("catalogue", "0035_names_in_two_languages"),
        ("partner", "0009_seller_public_page"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductDocument",
            fields=[
                ("product", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                 related_name="search_document", serialize=False,
                                                 to="catalogue.product")),
                ("document", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("browsable", models.BooleanField(default=False)),
                ("priority", models.SmallIntegerField(default=0)),
                ("title", models.CharField(blank=True, default="", max_length=255)),
            ],
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[("word", models.CharField(max_length=255, primary_key=True, serialize=False))],
        ),
    ]
