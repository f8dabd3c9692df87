"""Québec French: "3 décembre 2026", "23 h 30", short dates "2026-12-03".

The spaces around "h" are non-breaking (\xa0) so that a time never wraps;
the "h" itself is escaped (a bare h is the 12-hour hour).
"""

DATE_FORMAT = "j F Y"  # 3 décembre 2026
TIME_FORMAT = "H\xa0\\h\xa0i"  # 23 h 30
DATETIME_FORMAT = "j F Y, H\xa0\\h\xa0i"  # 3 décembre 2026, 23 h 30
YEAR_MONTH_FORMAT = "F Y"  # décembre 2026
MONTH_DAY_FORMAT = "j F"  # 3 décembre
SHORT_DATE_FORMAT = "Y-m-d"  # 2026-12-03
SHORT_DATETIME_FORMAT = "Y-m-d H\xa0\\h\xa0i"  # 2026-12-03 23 h 30
FIRST_DAY_OF_WEEK = 0  # Sunday, as on Québec calendars
