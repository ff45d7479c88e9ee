"""Who may see and change what. Every view and list queryset asks this module.

A stranger gets 404 (the object does not exist for them); a user who may see an object
but not change it gets 403. Nothing else in the code decides access.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from centres.models import Centre
from meetings.models import Meeting
from plans.models import Goal, Hearing, Measure, Plan


def _in_portal(user) -> bool:
    return user.is_authenticated and user.is_active


# --- centres ---------------------------------------------------------------------------


def visible_centres(user, queryset=None):
    """Leaders and readers see the profiles of every centre in their municipality."""
    centres = queryset if queryset is not None else Centre.objects.all()
    if not _in_portal(user):
        return centres.none()
    if user.is_superuser:
        return centres
    if user.municipality_id is None or not user.role:
        return centres.none()
    return centres.filter(municipality_id=user.municipality_id)


def can_edit_centre(user, centre: Centre) -> bool:
    if not _in_portal(user):
        return False
    if user.is_superuser:
        return True
    if user.is_coordinator:
        return centre.municipality_id == user.municipality_id
    if user.is_leader:
        return centre.pk == user.centre_id
    return False


def can_edit_centre_registry_fields(user, centre: Centre) -> bool:
    """Name, district, organisation model and status belong to the coordinator."""
    return can_edit_centre(user, centre) and not user.is_leader


def get_centre_for_user(user, slug: str, *, write: bool = False, queryset=None) -> Centre:
    centre = visible_centres(user, queryset).filter(slug=slug).first()
    if centre is None:
        raise Http404
    if write and not can_edit_centre(user, centre):
        raise PermissionDenied
    return centre


# --- meetings --------------------------------------------------------------------------

# Meetings every centre is invited to; the others are seen by the centres taking part.
ALL_CENTRE_KINDS = (Meeting.Kind.COMMON, Meeting.Kind.DIALOGUE)


def visible_meetings(user, queryset=None):
    meetings = queryset if queryset is not None else Meeting.objects.all()
    if not _in_portal(user):
        return meetings.none()
    if user.is_superuser:
        return meetings
    if user.municipality_id is None or not user.role:
        return meetings.none()
    meetings = meetings.filter(municipality_id=user.municipality_id)
    if user.is_leader:
        own = Meeting.objects.filter(centres__id=user.centre_id).values("pk")
        meetings = meetings.filter(Q(kind__in=ALL_CENTRE_KINDS) | Q(pk__in=own))
    return meetings


def can_manage_meetings(user, municipality_id=None) -> bool:
    if not _in_portal(user):
        return False
    if user.is_superuser:
        return True
    if not user.is_coordinator:
        return False
    return municipality_id is None or municipality_id == user.municipality_id


def can_see_visits_of(user, centre) -> bool:
    """A visit to a centre is the municipality's and that centre's business: a leader of
    another centre cannot open it (visible_meetings), so is not shown its date either."""
    if not _in_portal(user):
        return False
    if user.is_leader:
        return centre.pk == user.centre_id
    return user.is_superuser or centre.municipality_id == user.municipality_id


def get_meeting_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Meeting:
    meeting = visible_meetings(user, queryset).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if write and not can_manage_meetings(user, meeting.municipality_id):
        raise PermissionDenied
    return meeting


# --- municipality-wide pages -----------------------------------------------------------


def require_coordinator(user) -> None:
    if not can_manage_meetings(user):
        raise PermissionDenied


def can_see_history(user, municipality_id) -> bool:
    """The change log (who changed what, with old values) is for the municipality's
    coordinators and the administrators: it holds texts a centre has not been sent
    (agreement drafts) and other centres' earlier answers, so leaders and readers do not
    see it, not even for their own centre."""
    return can_manage_meetings(user, municipality_id)


# --- plans -----------------------------------------------------------------------------

# Everyone in the municipality reads its plans; they are edited in the admin only.


def _in_own_municipality(user, queryset, path: str):
    if not _in_portal(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.municipality_id is None or not user.role:
        return queryset.none()
    return queryset.filter(**{path: user.municipality_id})


def visible_plans(user, queryset=None):
    plans = queryset if queryset is not None else Plan.objects.all()
    return _in_own_municipality(user, plans, "municipality_id")


def visible_goals(user, queryset=None):
    goals = queryset if queryset is not None else Goal.objects.all()
    return _in_own_municipality(user, goals, "plan__municipality_id")


def visible_measures(user, queryset=None):
    measures = queryset if queryset is not None else Measure.objects.all()
    return _in_own_municipality(user, measures, "plan__municipality_id")


def visible_hearings(user, queryset=None):
    hearings = queryset if queryset is not None else Hearing.objects.all()
    return _in_own_municipality(user, hearings, "plan__municipality_id")


def can_edit_plans(user) -> bool:
    """Plans are edited in the admin, which is the superuser's tool."""
    return _in_portal(user) and user.is_superuser


def _get_for_user(visible, user, pk: int, *, write: bool, queryset):
    obj = visible(user, queryset).filter(pk=pk).first()
    if obj is None:
        raise Http404
    if write and not can_edit_plans(user):
        raise PermissionDenied
    return obj


def get_plan_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Plan:
    return _get_for_user(visible_plans, user, pk, write=write, queryset=queryset)


def get_goal_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Goal:
    return _get_for_user(visible_goals, user, pk, write=write, queryset=queryset)


def get_hearing_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Hearing:
    return _get_for_user(visible_hearings, user, pk, write=write, queryset=queryset)


# --- surveys ---------------------------------------------------------------------------
# Coordinators build and send surveys; leaders answer for their own centre once a survey
# is sent; readers see a survey only when its results are published. Results are the
# coordinator's until published, then everyone's in the municipality.


def visible_surveys(user, queryset=None):
    from surveys.models import Survey

    surveys = queryset if queryset is not None else Survey.objects.all()
    if not _in_portal(user):
        return surveys.none()
    if user.is_superuser:
        return surveys
    if user.municipality_id is None or not user.role:
        return surveys.none()
    surveys = surveys.filter(municipality_id=user.municipality_id)
    if user.is_leader:
        return surveys.exclude(status=Survey.Status.DRAFT)
    if user.is_reader:
        return surveys.filter(status=Survey.Status.PUBLISHED)
    return surveys


def can_manage_survey(user, survey) -> bool:
    return can_manage_meetings(user, survey.municipality_id)


def _of_municipality(user, municipality_id) -> bool:
    """Whether `user` works in the municipality (or is the administrator)."""
    if not _in_portal(user):
        return False
    return user.is_superuser or (bool(user.role) and user.municipality_id == municipality_id)


def can_see_results(user, survey) -> bool:
    """Published results are read by everyone in the survey's own municipality, never by
    another's: a survey reached through a link (the round it was copied from) is checked
    here, not only through visible_surveys()."""
    from surveys.models import Survey

    if can_manage_survey(user, survey):
        return True
    return survey.status == Survey.Status.PUBLISHED and _of_municipality(
        user, survey.municipality_id
    )


def get_survey_for_user(user, pk: int, *, write: bool = False, queryset=None):
    survey = visible_surveys(user, queryset).filter(pk=pk).first()
    if survey is None:
        raise Http404
    if write and not can_manage_survey(user, survey):
        raise PermissionDenied
    return survey


def get_survey_results_for_user(user, pk: int, *, queryset=None):
    """Results before publishing are the coordinator's: others who see the survey get 403."""
    survey = get_survey_for_user(user, pk, queryset=queryset)
    if not can_see_results(user, survey):
        raise PermissionDenied
    return survey


def can_answer_for_centre(user, centre) -> bool:
    """Only the centre's own leaders answer; the coordinator reads and may reopen."""
    return _in_portal(user) and user.is_leader and user.centre_id == centre.pk


def get_response_centre_for_user(user, survey, slug: str, *, write: bool = False):
    """The centre whose response to `survey` the user opens. A leader opens only the own
    centre's; the coordinator any centre's in the municipality (read only; reopening is
    a coordinator action checked with can_manage_survey)."""
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
    from surveys.models import SurveyResponse

    responses = queryset if queryset is not None else SurveyResponse.objects.all()
    if not _in_portal(user):
        return responses.none()
    if user.is_superuser:
        return responses
    if user.municipality_id is None or not user.role:
        return responses.none()
    responses = responses.filter(survey__municipality_id=user.municipality_id)
    if user.is_coordinator:
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
    response = visible_responses(user, queryset).filter(survey=survey, centre=centre).first()
    if response is None:
        raise Http404
    return response


# --- survey results: the visit dossier -------------------------------------------------
# The dossier for the yearly visit gathers a centre's profile, its latest answers and its
# open follow-ups: it is the coordinator's, and the centre's own leaders may read it.


def can_see_dossier(user, centre) -> bool:
    if not _in_portal(user):
        return False
    if user.is_superuser:
        return True
    if user.is_coordinator:
        return centre.municipality_id == user.municipality_id
    return user.is_leader and user.centre_id == centre.pk


def get_dossier_centre_for_user(user, slug: str, *, queryset=None):
    """Leaders of other centres and readers see the centre but not its dossier (403)."""
    centre = get_centre_for_user(user, slug, queryset=queryset)
    if not can_see_dossier(user, centre):
        raise PermissionDenied
    return centre


# --- agreements ------------------------------------------------------------------------
# An agreement is between the municipality and one centre: the coordinator (and the
# admin) act for the municipality, the centre's own leaders for the centre. Leaders of
# other centres see nothing of it; readers see agreements once they are signed. The
# framework is read by everyone in the municipality and edited by the coordinator.


def visible_agreements(user, queryset=None):
    from agreements.models import Agreement

    agreements = queryset if queryset is not None else Agreement.objects.all()
    if not _in_portal(user):
        return agreements.none()
    if user.is_superuser:
        return agreements
    if user.municipality_id is None or not user.role:
        return agreements.none()
    agreements = agreements.filter(municipality_id=user.municipality_id)
    if user.is_leader:
        return agreements.filter(centre_id=user.centre_id)
    if user.is_reader:
        return agreements.filter(status__in=Agreement.CONCLUDED)
    return agreements


def can_manage_agreements(user, municipality_id=None) -> bool:
    return can_manage_meetings(user, municipality_id)


def agreement_side(user, agreement) -> str | None:
    """The party `user` acts for on `agreement`: "municipality", "centre" or None."""
    from agreements.models import Side

    if can_manage_agreements(user, agreement.municipality_id):
        return Side.MUNICIPALITY
    if _in_portal(user) and user.is_leader and user.centre_id == agreement.centre_id:
        return Side.CENTRE
    return None


def can_comment_on_agreement(user, agreement) -> bool:
    return agreement_side(user, agreement) is not None


def get_agreement_for_user(user, pk: int, *, write: bool = False, queryset=None):
    """`write` is the municipality's side: editing, sending, approving for it."""
    agreement = visible_agreements(user, queryset).filter(pk=pk).first()
    if agreement is None:
        raise Http404
    if write and not can_manage_agreements(user, agreement.municipality_id):
        raise PermissionDenied
    return agreement


def get_framework_municipality_for_user(user, slug: str, *, write: bool = False):
    """The municipality whose framework the user opens (by its slug)."""
    from accounts.models import Municipality

    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None or not _in_portal(user):
        raise Http404
    if not user.is_superuser and (not user.role or user.municipality_id != municipality.pk):
        raise Http404
    if write and not can_manage_agreements(user, municipality.pk):
        raise PermissionDenied
    return municipality
