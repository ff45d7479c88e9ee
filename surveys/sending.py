"""The life of a sent survey: sending it to the centres, reminding those that have not
submitted, closing it and publishing its results.

Every workflow takes `now` (the moment it happens, default the clock) and those that
e-mail take `quiet` (change the data, send no e-mail), so the demo can build a survey's
history as it happened without patching the clock or the mail.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.mail import notify
from centres.models import Centre, recipients_by_centre
from frivillig.lib import history
from frivillig.lib.urls import absolute_url

from .models import AnswerLink, Survey, SurveyResponse


def _mail_centres(
    survey, centres, template: str, *, base_url: str | None = None, quiet: bool = False
) -> int:
    if quiet or not centres:
        return 0
    recipients = recipients_by_centre(centres)
    sent = 0
    for centre in centres:
        url = absolute_url(reverse("surveys:answer", args=[survey.pk, centre.slug]), base=base_url)
        sent += notify(
            recipients[centre.pk],
            template,
            {"survey": survey, "centre": centre, "url": url},
            municipality_id=survey.municipality_id,
        )
    return sent


def centres_to_invite(survey) -> list[Centre]:
    """The municipality's active centres that have not been invited to the survey."""
    return list(
        Centre.objects.filter(municipality_id=survey.municipality_id, active=True)
        .exclude(survey_responses__survey=survey)
        .order_by("name")
    )


@transaction.atomic
def send_survey(*, survey, by, now=None, quiet: bool = False) -> int:
    """Opens the survey and invites every active centre that has not been invited yet
    (sending again later invites only centres added since). Returns how many centres."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.can_send:
        raise ValidationError(_("Undersøkelsen er lukket og kan ikke sendes."))
    if not survey.questions.exists():
        raise ValidationError(_("Legg til minst ett spørsmål før du sender undersøkelsen."))
    now = now or timezone.now()
    centres = centres_to_invite(survey)
    invited = SurveyResponse.objects.bulk_create(
        [SurveyResponse(survey=survey, centre=c, invited_at=now) for c in centres]
    )
    history.record((history.CREATED, invited), by=by, date=now)
    if survey.is_draft:
        survey.status, survey.sent_at = Survey.Status.OPEN, now
        _save(survey, ["status", "sent_at"], now)
    _mail_centres(survey, centres, "surveys/email/invitation", quiet=quiet)
    return len(centres)


# A centre reminded by hand is not reminded again within this pause: a double click or
# two coordinators at once send one reminder, not two.
REMINDER_PAUSE = datetime.timedelta(minutes=10)


def remind(
    *,
    survey,
    base_url: str | None = None,
    not_since=None,
    dry_run=False,
    now=None,
    quiet: bool = False,
) -> int:
    """E-mails the leaders of centres that have not submitted; with `not_since`, skips
    those reminded after that moment. Returns how many centres were (or would be)
    reminded."""
    if not survey.is_open:
        return 0
    with transaction.atomic():
        if not dry_run:
            # Reminders of one survey take turns, so the second finds the first's marks.
            Survey.objects.select_for_update().filter(pk=survey.pk).values_list("pk").get()
        # An archived centre (one that closed) is not reminded; its response stays.
        responses = (
            survey.responses.not_submitted().filter(centre__active=True).select_related("centre")
        )
        if not_since is not None:
            responses = responses.exclude(reminded_at__gte=not_since)
        # Only a centre the portal can e-mail is reminded (and counted as «Purret»); the
        # others are listed on the survey's page, to be reached another way.
        recipients = recipients_by_centre([r.centre for r in responses])
        responses = [r for r in responses if recipients[r.centre_id]]
        if dry_run or not responses:
            return len(responses)
        now = now or timezone.now()
        SurveyResponse.objects.filter(pk__in=[r.pk for r in responses]).update(
            reminded_at=now, reminder_count=F("reminder_count") + 1
        )
        for response in responses:
            response.reminded_at, response.reminder_count = now, response.reminder_count + 1
        history.record((history.CHANGED, responses), date=now)
        _mail_centres(
            survey,
            [r.centre for r in responses],
            "surveys/email/reminder",
            base_url=base_url,
            quiet=quiet,
        )
    return len(responses)


def remind_by_hand(*, survey, now=None, quiet: bool = False) -> tuple[int, int]:
    """The coordinator's «Send påminnelse»: reminds the centres not reminded within
    REMINDER_PAUSE. Returns (reminded now, still missing but reminded just before; the
    centres the portal cannot e-mail are not counted).
    Raises ValidationError unless the survey is open."""
    if not survey.is_open:
        raise ValidationError(_("Påminnelser sendes bare mens undersøkelsen er åpen."))
    now = now or timezone.now()
    reminded = remind(survey=survey, not_since=now - REMINDER_PAUSE, now=now, quiet=quiet)
    if reminded:
        return reminded, 0
    missing = survey.responses.not_submitted().filter(centre__active=True).count()
    return 0, missing - len(unreachable_centres(survey))


def remind_before_deadlines(
    *,
    today: datetime.date,
    days: int,
    dry_run=False,
    base_url: str | None = None,
    now=None,
    quiet: bool = False,
) -> tuple[int, int]:
    """Reminders for open surveys whose deadline is within `days` days, to centres not
    reminded in the last day. Returns (surveys, centres)."""
    surveys = Survey.objects.open().filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
    )
    now = now or timezone.now()
    not_since = now - datetime.timedelta(days=1)
    counts = [
        remind(
            survey=s, not_since=not_since, dry_run=dry_run, base_url=base_url, now=now, quiet=quiet
        )
        for s in surveys
    ]
    return sum(1 for c in counts if c), sum(counts)


def close_expired(*, today: datetime.date, dry_run=False, now=None) -> int:
    expired = Survey.objects.past_deadline(today)
    if dry_run:
        return expired.count()
    with transaction.atomic():
        surveys, now = list(expired.select_for_update()), now or timezone.now()
        Survey.objects.filter(pk__in=[s.pk for s in surveys]).update(
            status=Survey.Status.CLOSED, closed_at=now
        )
        for survey in surveys:
            survey.status, survey.closed_at = Survey.Status.CLOSED, now
        history.record((history.CHANGED, surveys), date=now)
    return len(surveys)


def close_survey(*, survey, now=None) -> None:
    if not survey.can_close:
        raise ValidationError(_("Bare en åpen undersøkelse kan lukkes."))
    now = now or timezone.now()
    survey.status, survey.closed_at = Survey.Status.CLOSED, now
    _save(survey, ["status", "closed_at"], now)


def publish_results(*, survey, now=None) -> None:
    if not survey.can_publish:
        raise ValidationError(_("Resultatene kan publiseres når undersøkelsen er sendt."))
    now = now or timezone.now()
    survey.closed_at = survey.closed_at or now
    survey.status, survey.published_at = Survey.Status.PUBLISHED, now
    _save(survey, ["status", "closed_at", "published_at"], now)


def message_for_sent(count: int) -> str:
    if not count:
        return _("Alle aktive sentraler har allerede fått undersøkelsen.")
    return ngettext(
        "Undersøkelsen er sendt til %(count)s frivilligsentral.",
        "Undersøkelsen er sendt til %(count)s frivilligsentraler.",
        count,
    ) % {"count": count}


def _save(survey, fields: list[str], now) -> None:
    """Saves the survey's changed fields; its history row is dated `now`, like the rest."""
    survey._history_date = now  # read by django-simple-history when it records the save
    try:
        survey.save(update_fields=fields)
    finally:
        del survey._history_date  # a later save of this object is dated when it happens


def unreachable_centres(survey) -> list[Centre]:
    """The active centres invited to the open survey, not submitted, that the portal has
    no address for: the coordinator gives them the answer link or answers for them."""
    centres = [
        r.centre
        for r in survey.responses.not_submitted()
        .filter(centre__active=True)
        .select_related("centre")
        .order_by("centre__name")
    ]
    recipients = recipients_by_centre(centres)
    return [c for c in centres if not recipients[c.pk]]


# --- the personal answer link ----------------------------------------------------------


@transaction.atomic
def make_answer_link(*, response, by, now=None) -> AnswerLink:
    """A link that opens the centre's response without a login, until the survey's
    deadline. A centre has one working link: a new one revokes the one before."""
    now = now or timezone.now()
    SurveyResponse.objects.select_for_update().filter(pk=response.pk).values_list("pk").get()
    for old in AnswerLink.objects.filter(response=response, revoked_at__isnull=True):
        old.revoked_at = now
        old._history_user, old._history_date = by, now
        old.save(update_fields=["revoked_at"])
    link = AnswerLink(response=response, token=AnswerLink.new_token(), created_by=by)
    link.created_at = now
    link._history_user, link._history_date = by, now
    link.save()
    return link


@transaction.atomic
def revoke_answer_link(*, response, by, now=None) -> int:
    """Ends the centre's working link; returns how many were revoked (0 or 1)."""
    now = now or timezone.now()
    revoked = 0
    for link in AnswerLink.objects.select_for_update().filter(
        response=response, revoked_at__isnull=True
    ):
        link.revoked_at = now
        link._history_user, link._history_date = by, now
        link.save(update_fields=["revoked_at"])
        revoked += 1
    return revoked


def find_answer_link(token: str, *, today=None) -> AnswerLink | None:
    """The working link of `token`: None when revoked, past the deadline, the survey
    closed, or never made."""
    if not token or len(token) > 64:
        return None
    return (
        AnswerLink.objects.working(today)
        .select_related("response__survey__municipality", "response__centre")
        .filter(token=token)
        .first()
    )


def answer_link_url(link: AnswerLink) -> str:
    return absolute_url(reverse("surveys:link_answer", args=[link.token]))
