"""Canadian English: "December 3, 2026", "11:30 p.m.", short dates "2026-12-03"."""

DATE_FORMAT = "F j, Y"  # December 3, 2026
TIME_FORMAT = "g:i a"  # 11:30 p.m.
DATETIME_FORMAT = "F j, Y, g:i a"  # December 3, 2026, 11:30 p.m.
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "F j"  # December 3
SHORT_DATE_FORMAT = "Y-m-d"  # 2026-12-03
SHORT_DATETIME_FORMAT = "Y-m-d g:i a"  # 2026-12-03 11:30 p.m.
FIRST_DAY_OF_WEEK = 0  # Sunday
