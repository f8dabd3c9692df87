"""Database functions and indexes of the product search (shop.search.selectors).

PostgreSQL only; nothing is done on another database (SQLite registers its
own ``shop_unaccent`` on each connection, shop.search.apps).

- ``shop_unaccent(text)``: text without accents, in lower case. ``unaccent``
  itself is only STABLE (it reads its dictionary), so it cannot be indexed;
  this wrapper names the dictionary and is declared IMMUTABLE.
- ``shop_product_document(title, description)``: a product's own text as a
  French full-text vector, without accents ("hivers" and "hiver" meet);
  ``shop_title_document(title)`` the same for the title alone (for ranking).
- Trigram (GIN) indexes on titles and attribute values (author, publisher…)
  serve substring searches and near misses; a GIN index serves the full-text
  search on the documents.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE OR REPLACE FUNCTION shop_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
    """,
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
    "CREATE INDEX IF NOT EXISTS search_product_title_trgm ON catalogue_product "
    "USING gin (shop_unaccent(title) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_product_document ON catalogue_product "
    "USING gin (shop_product_document(title, description))",
    "CREATE INDEX IF NOT EXISTS search_product_title_document ON catalogue_product "
    "USING gin (shop_title_document(title))",
    "CREATE INDEX IF NOT EXISTS search_attribute_value_trgm ON catalogue_productattributevalue "
    "USING gin (shop_unaccent(value_text) gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_attribute_value_trgm",
    "DROP INDEX IF EXISTS search_product_title_document",
    "DROP INDEX IF EXISTS search_product_document",
    "DROP INDEX IF EXISTS search_product_title_trgm",
    "DROP FUNCTION IF EXISTS shop_title_document(text)",
    "DROP FUNCTION IF EXISTS shop_product_document(text, text)",
    "DROP FUNCTION IF EXISTS shop_unaccent(text)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_browse_order_index")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
