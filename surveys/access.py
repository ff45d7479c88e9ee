"""Who sees surveys, answers and results.

Coordinators build and send surveys; leaders answer for their own centre once a survey
is sent; readers see a survey only when its results are published. Results are the
coordinator's until published, then everyone's in the municipality.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from centres.access import get_centre_for_user, is_own_centre, visible_centres
from frivillig.lib.access import (
    first_or_404,
    in_own_municipality,
    in_portal,
    is_coordinator_of,
    works_in,
)

from .models import Slide, Survey, SurveyResponse


def visible_surveys(user, queryset=None):
    surveys = in_own_municipality(user, queryset if queryset is not None else Survey.objects.all())
    if in_portal(user) and user.is_leader:
        return surveys.sent()
    if in_portal(user) and user.is_reader:
        return surveys.filter(status=Survey.Status.PUBLISHED)
    return surveys


def can_see_results(user, survey) -> bool:
    """Published results are read by everyone in the survey's own municipality, never by
    another's: a survey reached through a link (the round it was copied from) is checked
    here, not only through visible_surveys()."""
    if is_coordinator_of(user, survey.municipality_id):
        return True
    return survey.status == Survey.Status.PUBLISHED and works_in(user, survey.municipality_id)


def get_survey_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Survey:
    survey = first_or_404(visible_surveys(user, queryset).filter(pk=pk))
    if write and not is_coordinator_of(user, survey.municipality_id):
        raise PermissionDenied
    return survey


def get_survey_results_for_user(user, pk: int, *, queryset=None) -> Survey:
    """Results before publishing are the coordinator's: others who see the survey get 403."""
    survey = get_survey_for_user(user, pk, queryset=queryset)
    if not can_see_results(user, survey):
        # The 403 page says why: the leader is not wrong to look, it is too early.
        raise PermissionDenied(
            _("Resultatene er ikke publisert ennå. Koordinatoren publiserer dem når de er klare.")
        )
    return survey


def can_answer_for_centre(user, centre) -> bool:
    """The centre's own leaders answer; the municipality's coordinator may answer on the
    centre's behalf (a centre without a login, an answer given on the phone), and the
    answer then shows as registered by the coordinator for the centre."""
    return is_own_centre(user, centre) or is_coordinator_of(user, centre.municipality_id)


def answers_on_behalf(user, centre) -> bool:
    """Whether `user` answers for a centre that is not the user's own."""
    return can_answer_for_centre(user, centre) and not is_own_centre(user, centre)


def require_answer_for_centre(user, centre) -> None:
    """Saving or submitting a centre's answers: its own leaders and the coordinator
    (others 403)."""
    if not can_answer_for_centre(user, centre):
        raise PermissionDenied


def get_response_centre_for_user(user, survey, slug: str, *, write: bool = False):
    """The centre whose response to `survey` the user opens. A leader opens only the own
    centre's; the coordinator any centre's in the municipality (and may answer for it)."""
    centre = visible_centres(user).filter(slug=slug, municipality_id=survey.municipality_id).first()
    if centre is None or (user.is_leader and centre.pk != user.centre_id):
        raise Http404
    if user.is_reader and not can_see_results(user, survey):
        raise Http404
    if write and not can_answer_for_centre(user, centre):
        raise PermissionDenied
    return centre


# A response that is not submitted (not started, a draft, or one the coordinator reopened)
# is the centre's work in progress: its own leaders and the municipality's coordinator see
# it as it stands; everyone else is shown submitted answers only, wherever they appear.
# The results, exports, the deck and the dossier read submitted answers only, for
# everyone (SurveyResults, Answer.objects.submitted()).


def visible_responses(user, queryset=None):
    """The responses whose answers `user` may see as they stand. Whether the user may open
    the survey or its results at all is decided above (visible_surveys, can_see_results,
    get_response_centre_for_user)."""
    responses = in_own_municipality(
        user,
        queryset if queryset is not None else SurveyResponse.objects.all(),
        "survey__municipality_id",
    )
    if not in_portal(user) or user.is_superuser or user.is_coordinator:
        return responses
    shown = Q(status=SurveyResponse.Status.SUBMITTED)
    if user.is_leader:
        shown |= Q(centre_id=user.centre_id)
    return responses.filter(shown)


def get_response_for_user(user, survey, slug: str, *, write: bool = False, queryset=None):
    """The response to `survey` of the centre `slug`, for its answer page. Someone who may
    read the centre's answers only once submitted (a reader) gets 404 for a draft, as
    for a centre that was never sent the survey."""
    centre = get_response_centre_for_user(user, survey, slug, write=write)
    return first_or_404(visible_responses(user, queryset).filter(survey=survey, centre=centre))


def get_response_to_reopen_for_user(user, survey, slug: str):
    """Reopening a submitted response is the coordinator's: a leader who sees it gets 403."""
    centre = get_response_centre_for_user(user, survey, slug)
    if not is_coordinator_of(user, survey.municipality_id):
        raise PermissionDenied
    return get_object_or_404(
        SurveyResponse.objects.select_related("centre"), survey=survey, centre=centre
    )


def get_previous_round_for_user(user, survey) -> Survey:
    """The round `survey` was copied from, for the comparison: 404 when there is none
    or its results are not open to the user (as for a survey that does not exist)."""
    previous = survey.previous_round()
    if previous is None or not can_see_results(user, previous):
        raise Http404
    return previous


# --- the visit dossier ------------------------------------------------------------------
# The dossier for the yearly visit gathers a centre's profile, its latest answers and its
# open follow-ups: it is the coordinator's, and the centre's own leaders may read it.


def can_see_dossier(user, centre) -> bool:
    return is_coordinator_of(user, centre.municipality_id) or is_own_centre(user, centre)


def get_dossier_centre_for_user(user, slug: str, *, queryset=None):
    """Leaders of other centres and readers see the centre but not its dossier (403)."""
    centre = get_centre_for_user(user, slug, queryset=queryset)
    if not can_see_dossier(user, centre):
        raise PermissionDenied
    return centre


# --- the dialogue-meeting deck ----------------------------------------------------------
# Whoever may see a survey's results sees its deck (presented, downloaded); only the
# municipality's coordinator edits it. A slide or an image is found only in its own
# survey's deck (404 otherwise, as for one that does not exist).


def can_edit_deck(user, survey) -> bool:
    return is_coordinator_of(user, survey.municipality_id)


def get_deck_survey_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Survey:
    survey = get_survey_results_for_user(user, pk, queryset=queryset)
    if write and not can_edit_deck(user, survey):
        raise PermissionDenied
    return survey


def get_deck_slide_for_user(user, survey, slide_pk: int, *, write: bool = False):
    """A slide of `survey`'s saved deck (the survey already checked for `user`)."""
    if write and not can_edit_deck(user, survey):
        raise PermissionDenied
    return get_object_or_404(
        Slide.objects.select_related("deck"), pk=slide_pk, deck__survey_id=survey.pk
    )


def previous_round_for_deck(user, survey) -> Survey | None:
    """The round the deck compares with, when there is one the user may see."""
    previous = survey.previous_round()
    return previous if previous is not None and can_see_results(user, previous) else None


# --- the personal answer link ------------------------------------------------------------
# The coordinator makes (and revokes) a link that opens one centre's response without a
# login, until the survey's deadline: for a centre with no leader in the portal.


def can_manage_answer_links(user, survey) -> bool:
    return is_coordinator_of(user, survey.municipality_id)


def get_response_for_link_for_user(user, survey, slug: str):
    """The response whose answer link the coordinator makes or revokes (leaders 403)."""
    centre = get_response_centre_for_user(user, survey, slug)
    if not can_manage_answer_links(user, survey):
        raise PermissionDenied
    return get_object_or_404(
        SurveyResponse.objects.select_related("centre", "survey"), survey=survey, centre=centre
    )
