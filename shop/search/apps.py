import oscar.apps.search.apps as apps
from django.db.backends.signals import connection_created


def add_sqlite_functions(sender, connection, **kwargs):
    """SQLite's ``shop_unaccent``, the twin of PostgreSQL's (search migration 0001)."""
    if connection.vendor == "sqlite":
        from .text import normalise

        connection.connection.create_function("shop_unaccent", 1, normalise, deterministic=True)


class SearchConfig(apps.SearchConfig):
    name = 'shop.search'

    def ready(self):
        super().ready()
        connection_created.connect(add_sqlite_functions, dispatch_uid="shop-search-sqlite-functions")
