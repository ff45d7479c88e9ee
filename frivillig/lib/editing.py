"""Who saved what, and when, in the words every edit page uses: captions of versions,
the edit-conflict page ("Kari Nordmann lagret 12. november 2026 kl. 14.05")."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def author_name(user) -> str:
    """Who saved a version; the account may have been deleted since."""
    return (user.get_full_name() or user.username) if user else _("ukjent")


def saved_by_line(user, when) -> str:
    """ "Kari Nordmann 12. november 2026 kl. 14.05", for conflicts and captions."""
    who = author_name(user) if user else _("en annen")
    local = timezone.localtime(when)
    return _("%(who)s %(date)s kl. %(time)s") % {
        "who": who,
        "date": date_format(local, "DATE_FORMAT"),
        "time": date_format(local, "H.i"),
    }
