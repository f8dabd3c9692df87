"""Drop and create the benchmark's own PostgreSQL databases, anew for each run.

Only names starting with ``comptoir_bench`` are touched. Prints the server's version.

    python -m bench.pg postgres://postgres@127.0.0.1:5432 comptoir_bench comptoir_bench_stock
"""

import sys

import psycopg2
from psycopg2 import sql

PREFIX = "comptoir_bench"


def recreate(server_url, names, template=None):
    """Each of ``names`` dropped and created anew (a copy of ``template`` when given)."""
    for name in names:
        if not name.startswith(PREFIX):
            raise SystemExit(f"refusing to touch database {name!r}: not a {PREFIX}* database")
    connection = psycopg2.connect(server_url.rstrip("/") + "/postgres", connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        for name in names:
            try:
                cursor.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
            except psycopg2.errors.SyntaxError:  # PostgreSQL before 13
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            cursor.execute(create)
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    connection.close()
    return f"PostgreSQL {version}"


if __name__ == "__main__":
    print(recreate(sys.argv[1], sys.argv[2:]))
