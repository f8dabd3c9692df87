"""The search functions call ``public.shop_unaccent``, so a restored dump can index them.

pg_restore (like pg_dump's plain scripts) empties ``search_path`` while it
builds indexes; an unqualified ``shop_unaccent`` inside the document functions
is then not found and the restore stops at ``search_product_document``. The
functions are the same otherwise; the indexes built on them stay valid.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION shop_product_document(text, text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('pg_catalog.french'::regconfig,
                                 public.shop_unaccent(coalesce($1, '') || ' ' || coalesce($2, ''))) $$
    """,
    """
    CREATE OR REPLACE FUNCTION shop_title_document(text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('pg_catalog.french'::regconfig, public.shop_unaccent(coalesce($1, ''))) $$
    """,
]

BACKWARD = [
    """
    CREATE OR REPLACE FUNCTION shop_product_document(text, text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('pg_catalog.french'::regconfig,
                                 shop_unaccent(coalesce($1, '') || ' ' || coalesce($2, ''))) $$
    """,
    """
    CREATE OR REPLACE FUNCTION shop_title_document(text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('pg_catalog.french'::regconfig, shop_unaccent(coalesce($1, ''))) $$
    """,
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_functions_and_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
