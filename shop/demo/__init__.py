"""Demo data: three fictional sellers of the cooperative, their catalogues and people.

The content lives in small data modules (``sellers``, ``books``, ``tools``,
``meals``, ``people``); ``loader.demo_load`` writes it, keyed on stable codes so
that loading it again changes nothing. Every name, number and address here is
made up.
"""
