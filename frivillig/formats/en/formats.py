"""English dates and times as the portal writes them (FORMAT_MODULE_PATH; what is not
here comes from Django's en formats): day before month as in British English, a
24-hour clock, no «kl.». The names below the line are the portal's own, read by
frivillig.lib.dates."""

DATE_FORMAT = "j F Y"  # 23 October 2025
DATETIME_FORMAT = r"j F Y \a\t H:i"  # 23 October 2025 at 12:00
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"  # 23 October
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "j M Y"  # 23 Oct 2025: never read as month/day
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Norway
# Dates typed into a form: ISO first (what a date field shows), then the Norwegian and
# British orders; never the American month/day.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]

# The portal's own (not Django's): frivillig.lib.dates.
WEEKDAY_DATE_FORMAT = "l j F Y"  # Thursday 23 October 2025
MONTH_DAY_TIME_FORMAT = r"j F \a\t H:i"  # 23 October at 12:00
CLOCK_FORMAT = "H:i"  # 12:00, a time of day after a date
