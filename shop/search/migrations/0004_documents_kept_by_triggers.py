"""The search documents and the lexicon filled, and kept right by the database.

On PostgreSQL, ``search_productdocument.document`` holds a product's text as a
French full-text vector without accents, weighted: A title and code (UPC), B author, C the
other attribute values (publisher…) and the sellers' names, D description. A
GIN index answers the search from it alone. ``search_searchword`` holds the
distinct words (three letters or more, not only digits) of titles, attribute
values and sellers' names, with a trigram GIN index: a misspelt word finds its
nearest words there (pg_trgm's way for spelling suggestions).

Both are kept right by the database: statement triggers on products,
attribute values, stock records and sellers call
``public.shop_refresh_product_documents(ids)`` for the products whose text
changed (or whose public state, parent or priority changed: the
document carries them to rank from its own table), whatever wrote them (dashboard, book import, bulk_create, loaders).
Functions are named with their schema (see 0002). The product's document goes
with it (ON DELETE CASCADE, also in the database). Nothing of this runs on
SQLite, where both tables stay empty.
"""

from django.db import migrations

FRENCH = "'pg_catalog.french'::regconfig"

FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION public.shop_search_words(text) RETURNS SETOF text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT DISTINCT word
                FROM regexp_split_to_table(public.shop_unaccent(coalesce($1, '')), '[^[:alnum:]]+') AS word
               WHERE length(word) BETWEEN 3 AND 60 AND word !~ '^[0-9]+$' $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION public.shop_refresh_product_documents(ids integer[]) RETURNS void
        LANGUAGE plpgsql
        AS $$
    BEGIN
        IF coalesce(cardinality(ids), 0) = 0 THEN
            RETURN;
        END IF;
        WITH texts AS (
            SELECT product.id,
                   product.is_public AND product.parent_id IS NULL AS browsable,
                   product.priority,
                   product.title AS product_title,
                   coalesce(product.title, '') AS title,
                   coalesce(product.upc, '') AS upc,
                   coalesce(product.description, '') AS description,
                   coalesce((SELECT string_agg(value.value_text, ' ')
                               FROM catalogue_productattributevalue value
                               JOIN catalogue_productattribute attribute ON attribute.id = value.attribute_id
                              WHERE value.product_id = product.id AND attribute.code = 'author'), '') AS author,
                   coalesce((SELECT string_agg(value.value_text, ' ')
                               FROM catalogue_productattributevalue value
                               JOIN catalogue_productattribute attribute ON attribute.id = value.attribute_id
                              WHERE value.product_id = product.id AND attribute.code <> 'author'), '') AS other,
                   coalesce((SELECT string_agg(partner.name, ' ')
                               FROM partner_stockrecord stock
                               JOIN partner_partner partner ON partner.id = stock.partner_id
                              WHERE stock.product_id = product.id), '') AS sellers
              FROM catalogue_product product
             WHERE product.id = ANY(ids)
        ), documents AS (
            INSERT INTO search_productdocument (product_id, browsable, priority, title, document)
            SELECT id, browsable, priority, coalesce(product_title, ''),
                   setweight(to_tsvector({FRENCH}, public.shop_unaccent(title || ' ' || upc)), 'A')
                   || setweight(to_tsvector({FRENCH}, public.shop_unaccent(author)), 'B')
                   || setweight(to_tsvector({FRENCH}, public.shop_unaccent(other || ' ' || sellers)), 'C')
                   || setweight(to_tsvector({FRENCH}, public.shop_unaccent(description)), 'D')
              FROM texts
            ON CONFLICT (product_id) DO UPDATE
               SET document = EXCLUDED.document, browsable = EXCLUDED.browsable,
                   priority = EXCLUDED.priority, title = EXCLUDED.title
        )
        INSERT INTO search_searchword (word)
        SELECT DISTINCT word
          FROM texts, public.shop_search_words(title || ' ' || author || ' ' || other || ' ' || sellers) AS word
        ON CONFLICT DO NOTHING;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION public.shop_search_product_changed() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM public.shop_refresh_product_documents(ARRAY(SELECT id FROM new_rows));
        ELSE
            PERFORM public.shop_refresh_product_documents(ARRAY(
                SELECT after_row.id FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id
                 WHERE after_row.title IS DISTINCT FROM before_row.title
                    OR after_row.upc IS DISTINCT FROM before_row.upc
                    OR after_row.is_public IS DISTINCT FROM before_row.is_public
                    OR after_row.parent_id IS DISTINCT FROM before_row.parent_id
                    OR after_row.priority IS DISTINCT FROM before_row.priority
                    OR after_row.description IS DISTINCT FROM before_row.description));
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION public.shop_search_value_changed() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM public.shop_refresh_product_documents(ARRAY(SELECT DISTINCT product_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM public.shop_refresh_product_documents(ARRAY(SELECT DISTINCT product_id FROM old_rows));
        ELSE
            PERFORM public.shop_refresh_product_documents(ARRAY(
                SELECT DISTINCT ids.id FROM (
                    SELECT after_row.product_id, before_row.product_id AS old_product_id FROM new_rows after_row
                      JOIN old_rows before_row ON before_row.id = after_row.id
                     WHERE after_row.value_text IS DISTINCT FROM before_row.value_text
                        OR after_row.attribute_id IS DISTINCT FROM before_row.attribute_id
                        OR after_row.product_id IS DISTINCT FROM before_row.product_id) changed,
                 LATERAL (VALUES (changed.product_id), (changed.old_product_id)) AS ids(id)));
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION public.shop_search_stock_changed() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM public.shop_refresh_product_documents(ARRAY(SELECT DISTINCT product_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM public.shop_refresh_product_documents(ARRAY(SELECT DISTINCT product_id FROM old_rows));
        ELSE
            PERFORM public.shop_refresh_product_documents(ARRAY(
                SELECT DISTINCT ids.id FROM (
                    SELECT after_row.product_id, before_row.product_id AS old_product_id FROM new_rows after_row
                      JOIN old_rows before_row ON before_row.id = after_row.id
                     WHERE after_row.partner_id IS DISTINCT FROM before_row.partner_id
                        OR after_row.product_id IS DISTINCT FROM before_row.product_id) changed,
                 LATERAL (VALUES (changed.product_id), (changed.old_product_id)) AS ids(id)));
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION public.shop_search_seller_changed() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
    BEGIN
        PERFORM public.shop_refresh_product_documents(ARRAY(
            SELECT DISTINCT stock.product_id FROM partner_stockrecord stock
             WHERE stock.partner_id IN (
                SELECT after_row.id FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id
                 WHERE after_row.name IS DISTINCT FROM before_row.name)));
        RETURN NULL;
    END $$
    """,
]

TRIGGERS = [
    ("search_product_inserted", "INSERT", "catalogue_product", "shop_search_product_changed"),
    ("search_product_updated", "UPDATE", "catalogue_product", "shop_search_product_changed"),
    ("search_value_inserted", "INSERT", "catalogue_productattributevalue", "shop_search_value_changed"),
    ("search_value_updated", "UPDATE", "catalogue_productattributevalue", "shop_search_value_changed"),
    ("search_value_deleted", "DELETE", "catalogue_productattributevalue", "shop_search_value_changed"),
    ("search_stock_inserted", "INSERT", "partner_stockrecord", "shop_search_stock_changed"),
    ("search_stock_updated", "UPDATE", "partner_stockrecord", "shop_search_stock_changed"),
    ("search_stock_deleted", "DELETE", "partner_stockrecord", "shop_search_stock_changed"),
    ("search_seller_updated", "UPDATE", "partner_partner", "shop_search_seller_changed"),
]
TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}

FORWARD = [
    *FUNCTIONS,
    "CREATE INDEX IF NOT EXISTS search_document_gin ON search_productdocument USING gin (document)",
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_searchword USING gin (word gin_trgm_ops)",
    *(f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {TRANSITIONS[event]} "
      f"FOR EACH STATEMENT EXECUTE FUNCTION public.{function}()"
      for name, event, table, function in TRIGGERS),
    "SELECT public.shop_refresh_product_documents(ARRAY(SELECT id FROM catalogue_product))",
    "ANALYZE search_productdocument",
    "ANALYZE search_searchword",
]

BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, _event, table, _function in TRIGGERS),
    "DROP FUNCTION IF EXISTS public.shop_search_seller_changed()",
    "DROP FUNCTION IF EXISTS public.shop_search_stock_changed()",
    "DROP FUNCTION IF EXISTS public.shop_search_value_changed()",
    "DROP FUNCTION IF EXISTS public.shop_search_product_changed()",
    "DROP FUNCTION IF EXISTS public.shop_refresh_product_documents(integer[])",
    "DROP FUNCTION IF EXISTS public.shop_search_words(text)",
]


def cascade_in_the_database(schema_editor):
    """The document's foreign key deletes it with its product in the database too,
    so a trigger that ran while the product was being deleted leaves nothing behind."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'search_productdocument'::regclass "
                       "AND contype = 'f'")
        for (name,) in cursor.fetchall():
            schema_editor.execute(f'ALTER TABLE search_productdocument DROP CONSTRAINT "{name}"')
    schema_editor.execute(
        "ALTER TABLE search_productdocument ADD CONSTRAINT search_productdocument_product_cascade "
        "FOREIGN KEY (product_id) REFERENCES catalogue_product (id) ON DELETE CASCADE "
        "DEFERRABLE INITIALLY DEFERRED")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    cascade_in_the_database(schema_editor)
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_product_documents")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
