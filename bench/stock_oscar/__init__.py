"""Stock django-oscar 4.2, the reference: Oscar's own apps, Whoosh search."""
