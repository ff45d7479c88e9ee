"""Bokmål dates and times as the portal writes them (FORMAT_MODULE_PATH; what is not
here comes from Django's nb formats). «kl.» before a time of day, as Norwegian writes
it; the names below the line are the portal's own, read by frivillig.lib.dates."""

DATE_FORMAT = "j. F Y"  # 23. oktober 2025
DATETIME_FORMAT = r"j. F Y \k\l. H:i"  # 23. oktober 2025 kl. 12:00
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j. F"  # 23. oktober

# The portal's own (not Django's): frivillig.lib.dates.
WEEKDAY_DATE_FORMAT = "l j. F Y"  # torsdag 23. oktober 2025
MONTH_DAY_TIME_FORMAT = r"j. F \k\l. H:i"  # 23. oktober kl. 12:00
CLOCK_FORMAT = r"\k\l. H:i"  # kl. 12:00, a time of day after a date
