"""What a closed or published round's results pages show, made once and then read from
the cache (frivillig.lib.cache): the results page's counts and questions, side by side,
the CSV and XLSX exports.

Storby's results count 15 000 answers. Once the round is closed nothing comes in, and
what the results show changes only by a response reopened (or submitted), a theme or a
summary: each of those calls Survey.results_changed() in its own transaction, which gives
the round a new `results_version`. The key holds that version, the round's status and
when the municipality's centres last changed (their names and links are in the results),
so every change shows on the next request; an entry nobody asks for any more ages out.
An open round is counted on every request: its answers and drafts change all the time.

What is kept is rendered HTML or an export's content, never the counted SurveyResults:
Django's model instances unpickle slowly (a round's 15 000 answers more slowly than they
are counted). A fragment is the same for everyone who may open the page (the views check
access first); what differs between readers (a coordinator's buttons) is among `vary`,
and whatever is theirs alone (the meeting they may open, the links to pages they may
see, the pagination's links) stays out of the fragment.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Max

from centres.models import Centre
from frivillig.lib.cache import cached

from .models import Survey

T = TypeVar("T")

CACHED_STATUSES = (Survey.Status.CLOSED, Survey.Status.PUBLISHED)


def results_cached(survey: Survey, name: str, *vary, build: Callable[[], T]) -> T:
    """build()'s value (a fragment of a results page, an export) for the survey's results
    as they are now, from the cache once the round is closed; `vary`: whatever else it
    depends on. Read the survey (its version) before calling: the results are counted
    after it, so they are never older than the version they are kept under."""
    if survey.status not in CACHED_STATUSES:
        return build()
    return cached(
        f"survey-results:{name}",
        survey.pk,
        # With the pk, the survey's creation tells a survey from one made with the same
        # id after the database was built again (the benchmark's, a restore).
        survey.created_at.timestamp(),
        survey.status,
        survey.results_version,
        _centres_changed(survey),
        *vary,
        build=build,
    )


def _centres_changed(survey) -> str:
    changed = Centre.objects.filter(municipality_id=survey.municipality_id).aggregate(
        last=Max("updated_at")
    )["last"]
    return changed.isoformat() if changed else "-"
