from django.db import migrations


class Migration(migrations.Migration):
    """An index in the order of the browse pages (featured first, then by title),
    over the products they list, so a page of 20 reads 20 rows, not the catalogue."""

    dependencies = [("catalogue", "0033_productclass_tax_class")]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX catalogue_product_browse_idx ON catalogue_product "
                "(priority DESC, title, id) WHERE is_public AND parent_id IS NULL"
            ),
            reverse_sql="DROP INDEX catalogue_product_browse_idx",
        ),
    ]
