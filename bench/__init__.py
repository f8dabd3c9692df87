"""`make bench`: our shop, stock django-oscar and a 2 KB Django page, side by side.

See bench/run.sh for the order of the run and README.md for what is measured.
"""
