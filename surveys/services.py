"""Workflows of the surveys app: answering (drafts, submit, reopen), sending, reminding,
closing, publishing and copying a survey to a new round.

Answers travel as unsaved `Answer` objects keyed by question id, so the same values are
validated, shown (conditions, progress) and stored with one bulk upsert.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from centres.models import Centre
from frivillig.lib import history
from frivillig.lib.mail import notify
from frivillig.lib.posted import whole_number
from frivillig.lib.urls import absolute_url

from .models import (
    Answer,
    IncompleteResponse,
    Question,
    ResponseLocked,
    StaleResponse,
    Survey,
    SurveyResponse,
    ThemeMember,
)

# --- questions in the order a centre sees them ------------------------------------------


def display_order(questions) -> list[Question]:
    """Main questions by order, each followed by its follow-ups; each question gets a
    `number` ("4", "4a") for labels, messages and conditions written out."""
    mains = sorted((q for q in questions if not q.parent_id), key=lambda q: (q.order, q.pk))
    children = defaultdict(list)
    for q in questions:
        if q.parent_id:
            children[q.parent_id].append(q)
    ordered = []
    for index, main in enumerate(mains, start=1):
        main.number = str(index)
        ordered.append(main)
        for sub_index, child in enumerate(sorted(children[main.pk], key=lambda q: (q.order, q.pk))):
            child.number = f"{index}{'abcdefghijklmnopqrstuvwxyz'[sub_index % 26]}"
            child.parent = main
            child.show_when_label = condition_label(main, child.show_when)
            ordered.append(child)
    return ordered


def condition_label(question: Question, value: str) -> str:
    """A parent's value as a person reads it: "Ja", "Nei", "3" or the choice itself."""
    if question.kind == Question.Kind.YES_NO:
        return _("Ja") if value == Question.YES else _("Nei")
    return value


# --- reading, validating and progress --------------------------------------------------


def values_from_post(questions, data) -> dict[int, Answer]:
    """The answers a form posts: `q<pk>` (and `q<pk>_<n>` for ranked lists)."""
    values = {}
    for q in questions:
        name = f"q{q.pk}"
        answer = Answer(question_id=q.pk)
        if q.kind == Question.Kind.RANKED:
            items = [data.get(f"{name}_{n}", "").strip() for n in range(1, q.rank_count + 1)]
            while items and not items[-1]:
                items.pop()
            answer.items = items
        elif q.kind == Question.Kind.MULTIPLE:
            answer.items = [v for v in data.getlist(name) if v]
        elif q.kind == Question.Kind.SCALE:
            raw = data.get(name, "").strip()
            if (number := whole_number(raw)) in Question.SCALE_RANGE:
                answer.number = number
            else:
                answer.text = raw  # kept only to report it; never stored
        else:
            answer.text = data.get(name, "").strip()
        values[q.pk] = answer
    return values


def values_from_answers(answers) -> dict[int, Answer]:
    return {a.question_id: a for a in answers}


def shown_ids(questions, values) -> set[int]:
    return {q.pk for q in questions if q.is_shown_for(values.get(q.parent_id))}


def progress(questions, values) -> tuple[int, int]:
    """(answered, asked), counting only the questions currently shown."""
    shown = shown_ids(questions, values)
    answered = sum(1 for pk in shown if pk in values and not values[pk].is_empty())
    return answered, len(shown)


def _choice_error(q: Question, answer: Answer):
    if q.kind == Question.Kind.YES_NO and answer.text not in ("", Question.YES, Question.NO):
        return _("Velg Ja eller Nei.")
    if q.kind == Question.Kind.SINGLE and answer.text and answer.text not in q.choices:
        return _("Velg et av alternativene.")
    if q.kind == Question.Kind.MULTIPLE and any(i not in q.choices for i in answer.items):
        return _("Velg blant alternativene.")
    if q.kind == Question.Kind.SCALE and answer.number is None and answer.text:
        return _("Velg et tall fra 1 til 5.")
    return None


def _character_error(q: Question, answer: Answer):
    """PostgreSQL cannot store NUL in text (nor in JSON), and no one means to type it."""
    typed = q.kind in Question.TEXT_KINDS or q.kind == Question.Kind.RANKED
    if typed and ("\x00" in answer.text or any("\x00" in str(item) for item in answer.items)):
        return _(
            "Svaret inneholder et usynlig kontrolltegn (NUL) som ikke kan lagres. "
            "Fjern det og prøv igjen."
        )
    return None


def character_errors(questions, values) -> dict[int, str]:
    """Errors per question id for characters that cannot be stored, in any answer (a
    draft keeps the answers of follow-ups that are hidden too)."""
    errors = {}
    for q in questions:
        answer = values.get(q.pk)
        if answer is not None and (message := _character_error(q, answer)):
            errors[q.pk] = message
    return errors


def validate(questions, values, *, complete: bool = True) -> dict[int, str]:
    """Errors per question id. `complete` adds the rules for submitting: required answers
    (of shown questions only) and a ranked list without repeats."""
    errors = {}
    shown = shown_ids(questions, values)
    for q in questions:
        if q.pk not in shown:
            continue
        answer = values.get(q.pk) or Answer(question_id=q.pk)
        if message := _character_error(q, answer) or _choice_error(q, answer):
            errors[q.pk] = message
            continue
        limit = q.limit
        if q.kind in Question.TEXT_KINDS and limit and len(answer.text) > limit:
            errors[q.pk] = _(
                "Svaret er for langt: %(length)s tegn. Det kan være høyst %(limit)s tegn."
            ) % {"length": len(answer.text), "limit": limit}
            continue
        if q.kind == Question.Kind.RANKED:
            too_long = [i for i in answer.items if limit and len(i) > limit]
            if too_long:
                errors[q.pk] = _("Hvert punkt kan være høyst %(limit)s tegn.") % {"limit": limit}
                continue
            seen = set()
            for item in answer.items:
                key = ThemeMember.normalise(item)
                if key and key in seen:
                    errors[q.pk] = _(
                        "Du har skrevet «%(item)s» to ganger. Skriv ulike punkter."
                    ) % {"item": item}
                    break
                seen.add(key)
            if q.pk in errors:
                continue
        if complete and q.required and answer.is_empty():
            errors[q.pk] = (
                _("Skriv minst ett punkt.")
                if q.kind == Question.Kind.RANKED
                else _("Dette spørsmålet må besvares.")
            )
    return errors


def _for_draft(questions, values) -> dict[int, Answer]:
    """A draft keeps everything typed, except values no question offers."""
    by_pk = {q.pk: q for q in questions}
    for pk, answer in values.items():
        q = by_pk[pk]
        if _choice_error(q, answer):
            answer.text, answer.items = "", []
    return values


# --- saving, submitting and reopening --------------------------------------------------


def _claim(response, *, revision: int, by, status: str, now) -> None:
    """Moves the response to its next revision only if nobody else did since `revision`
    and it is not submitted: one conditional UPDATE, so two tabs cannot both win."""
    if not response.survey.accepts_answers(timezone.localdate()):
        raise ResponseLocked(_("Undersøkelsen er lukket for svar."))
    changes = {
        "revision": F("revision") + 1,
        "status": status,
        "updated_at": now,
        "updated_by": by,
    }
    if status == SurveyResponse.Status.SUBMITTED:
        changes.update(submitted_at=now, submitted_by=by)
    claimed = (
        SurveyResponse.objects.filter(pk=response.pk, revision=revision)
        .exclude(status=SurveyResponse.Status.SUBMITTED)
        .update(**changes)
    )
    if not claimed:
        current = SurveyResponse.objects.only("status", "revision").get(pk=response.pk)
        if current.status == SurveyResponse.Status.SUBMITTED:
            raise ResponseLocked(_("Svaret er allerede sendt inn."))
        raise StaleResponse(current.revision)
    response.revision = revision + 1
    response.status = status
    response.updated_at, response.updated_by = now, by
    if status == SurveyResponse.Status.SUBMITTED:
        response.submitted_at, response.submitted_by = now, by
    history.record((history.CHANGED, [response]), by=by, date=now)


def _same(stored: Answer, answer: Answer) -> bool:
    return (stored.text, stored.items, stored.number) == (answer.text, answer.items, answer.number)


def _store(response, values: dict[int, Answer], *, by, now, drop=()) -> None:
    """Writes only what changed: one read of the stored answers, one upsert for new and
    changed answers, one delete for emptied and dropped ones, one insert of history."""
    stored = {a.question_id: a for a in Answer.objects.filter(response=response)}
    created, changed, remove = [], [], set(drop)
    for pk, answer in values.items():
        if pk in remove or answer.is_empty():
            remove.add(pk)
            continue
        old = stored.get(pk)
        if old is not None and _same(old, answer):
            continue
        (changed if old else created).append(
            Answer(
                response=response,
                question_id=pk,
                text=answer.text,
                items=answer.items,
                number=answer.number,
            )
        )
    if created or changed:
        Answer.objects.bulk_create(
            created + changed,
            update_conflicts=True,
            unique_fields=["response", "question"],
            update_fields=["text", "items", "number"],
        )
        for answer in changed:  # for a database that returns no ids from an upsert
            answer.pk = answer.pk or stored[answer.question_id].pk
    gone = [stored[pk] for pk in remove if pk in stored]
    history.record(
        (history.CREATED, created),
        (history.CHANGED, changed),
        (history.DELETED, gone),
        by=by,
        date=now,
    )
    history.delete_recorded(gone)


@transaction.atomic
def save_answers(*, response, values, by, revision: int, questions=None) -> None:
    questions = questions if questions is not None else list(response.survey.questions.all())
    now = timezone.now()
    _claim(response, revision=revision, by=by, status=SurveyResponse.Status.DRAFT, now=now)
    _store(response, _for_draft(questions, values), by=by, now=now)


@transaction.atomic
def submit_response(*, response, by, revision: int, values=None, questions=None) -> None:
    """Validates everything, clears answers to follow-ups that are no longer asked and
    submits, all or nothing."""
    questions = questions if questions is not None else list(response.survey.questions.all())
    stored = values is not None
    if values is None:
        values = values_from_answers(response.answers.all())
    errors = validate(questions, values, complete=True)
    if errors:
        raise IncompleteResponse(errors)
    hidden = {q.pk for q in questions} - shown_ids(questions, values)
    now = timezone.now()
    _claim(response, revision=revision, by=by, status=SurveyResponse.Status.SUBMITTED, now=now)
    if stored:
        _store(response, values, by=by, now=now, drop=hidden)
    elif gone := [values[pk] for pk in hidden if pk in values and values[pk].pk]:
        history.record((history.DELETED, gone), by=by, date=now)
        history.delete_recorded(gone)


@transaction.atomic
def reopen_response(*, response, by) -> None:
    reopened = SurveyResponse.objects.filter(
        pk=response.pk, status=SurveyResponse.Status.SUBMITTED
    ).update(
        status=SurveyResponse.Status.DRAFT,
        revision=F("revision") + 1,
        submitted_at=None,
        submitted_by=None,
        updated_at=timezone.now(),
        updated_by=by,
    )
    if not reopened:
        raise ResponseLocked(_("Svaret er ikke sendt inn, så det er allerede åpent."))
    response.refresh_from_db()
    history.record((history.CHANGED, [response]), by=by)


# --- sending, reminding, closing, publishing, copying ---------------------------------


def recipients_by_centre(centres) -> dict[int, list]:
    """Each centre's active leaders; the centre's own address when it has none."""
    leaders = defaultdict(list)
    for user in User.objects.filter(
        centre__in=[c.pk for c in centres], role=User.Role.LEADER, is_active=True
    ).exclude(email=""):
        leaders[user.centre_id].append(user)
    return {c.pk: leaders[c.pk] or ([c.email] if c.email else []) for c in centres}


def _mail_centres(survey, centres, template: str, *, base_url: str | None = None) -> int:
    recipients = recipients_by_centre(centres)
    sent = 0
    for centre in centres:
        url = absolute_url(reverse("surveys:answer", args=[survey.pk, centre.slug]), base=base_url)
        sent += notify(
            recipients[centre.pk], template, {"survey": survey, "centre": centre, "url": url}
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
def send_survey(*, survey, by) -> int:
    """Opens the survey and invites every active centre that has not been invited yet
    (sending again later invites only centres added since). Returns how many centres."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status not in (Survey.Status.DRAFT, Survey.Status.OPEN):
        raise ValidationError(_("Undersøkelsen er lukket og kan ikke sendes."))
    if not survey.questions.exists():
        raise ValidationError(_("Legg til minst ett spørsmål før du sender undersøkelsen."))
    now = timezone.now()
    centres = centres_to_invite(survey)
    invited = SurveyResponse.objects.bulk_create(
        [SurveyResponse(survey=survey, centre=c, invited_at=now) for c in centres]
    )
    history.record((history.CREATED, invited), by=by, date=now)
    if survey.is_draft:
        survey.status, survey.sent_at = Survey.Status.OPEN, now
        survey.save(update_fields=["status", "sent_at"])
    _mail_centres(survey, centres, "surveys/email/invitation")
    return len(centres)


# A centre reminded by hand is not reminded again within this pause: a double click or
# two coordinators at once send one reminder, not two.
REMINDER_PAUSE = datetime.timedelta(minutes=10)


def remind(*, survey, base_url: str | None = None, not_since=None, dry_run=False) -> int:
    """E-mails the leaders of centres that have not submitted; with `not_since`, skips
    those reminded after that moment. Returns how many centres were (or would be)
    reminded."""
    if survey.status != Survey.Status.OPEN:
        return 0
    with transaction.atomic():
        if not dry_run:
            # Reminders of one survey take turns, so the second finds the first's marks.
            Survey.objects.select_for_update().filter(pk=survey.pk).values_list("pk").get()
        responses = survey.responses.not_submitted().select_related("centre")
        if not_since is not None:
            responses = responses.exclude(reminded_at__gte=not_since)
        responses = list(responses)
        if dry_run or not responses:
            return len(responses)
        now = timezone.now()
        SurveyResponse.objects.filter(pk__in=[r.pk for r in responses]).update(
            reminded_at=now, reminder_count=F("reminder_count") + 1
        )
        for response in responses:
            response.reminded_at, response.reminder_count = now, response.reminder_count + 1
        history.record((history.CHANGED, responses), date=now)
        _mail_centres(
            survey, [r.centre for r in responses], "surveys/email/reminder", base_url=base_url
        )
    return len(responses)


def remind_by_hand(*, survey) -> tuple[int, int]:
    """The coordinator's «Send påminnelse»: reminds the centres not reminded within
    REMINDER_PAUSE. Returns (reminded now, still missing but reminded just before)."""
    reminded = remind(survey=survey, not_since=timezone.now() - REMINDER_PAUSE)
    if reminded:
        return reminded, 0
    return 0, survey.responses.not_submitted().count()


def remind_before_deadlines(
    *, today: datetime.date, days: int, dry_run=False, base_url: str | None = None
) -> tuple[int, int]:
    """Reminders for open surveys whose deadline is within `days` days, to centres not
    reminded in the last day. Returns (surveys, centres)."""
    surveys = Survey.objects.open().filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
    )
    not_since = timezone.now() - datetime.timedelta(days=1)
    counts = [
        remind(survey=s, not_since=not_since, dry_run=dry_run, base_url=base_url) for s in surveys
    ]
    return sum(1 for c in counts if c), sum(counts)


def close_expired(*, today: datetime.date, dry_run=False) -> int:
    expired = Survey.objects.past_deadline(today)
    if dry_run:
        return expired.count()
    with transaction.atomic():
        surveys, now = list(expired.select_for_update()), timezone.now()
        Survey.objects.filter(pk__in=[s.pk for s in surveys]).update(
            status=Survey.Status.CLOSED, closed_at=now
        )
        for survey in surveys:
            survey.status, survey.closed_at = Survey.Status.CLOSED, now
        history.record((history.CHANGED, surveys), date=now)
    return len(surveys)


def close_survey(*, survey) -> None:
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Bare en åpen undersøkelse kan lukkes."))
    survey.status, survey.closed_at = Survey.Status.CLOSED, timezone.now()
    survey.save(update_fields=["status", "closed_at"])


def publish_results(*, survey) -> None:
    if survey.status not in (Survey.Status.OPEN, Survey.Status.CLOSED):
        raise ValidationError(_("Resultatene kan publiseres når undersøkelsen er sendt."))
    now = timezone.now()
    survey.closed_at = survey.closed_at or now
    survey.status, survey.published_at = Survey.Status.PUBLISHED, now
    survey.save(update_fields=["status", "closed_at", "published_at"])


@transaction.atomic
def copy_survey(*, survey, by, round: int | None = None) -> Survey:
    """A draft for the next round with the same questions and follow-ups; each question
    remembers the one it was copied from, so rounds can be compared."""
    new_round = round or survey.round + 1
    copy = Survey.objects.create(
        municipality_id=survey.municipality_id,
        title=survey.title.replace(str(survey.round), str(new_round)),
        introduction=survey.introduction,
        round=new_round,
        deadline=survey.deadline.replace(year=survey.deadline.year + (new_round - survey.round)),
        copied_from=survey,
        created_by=by,
    )
    questions = list(survey.questions.order_by("parent_id", "order", "pk"))
    fields = ["order", "kind", "text", "help_text", "required", "rank_count", "choices"]
    fields += ["max_length", "show_when"]
    mains = [q for q in questions if not q.parent_id]
    new_mains = Question.objects.bulk_create(
        [Question(survey=copy, copied_from=q, **{f: getattr(q, f) for f in fields}) for q in mains]
    )
    new_by_old = {old.pk: new for old, new in zip(mains, new_mains, strict=True)}
    new_follow_ups = Question.objects.bulk_create(
        [
            Question(
                survey=copy,
                copied_from=q,
                parent=new_by_old[q.parent_id],
                **{f: getattr(q, f) for f in fields},
            )
            for q in questions
            if q.parent_id
        ]
    )
    history.record((history.CREATED, new_mains + new_follow_ups), by=by)
    return copy


def message_for_sent(count: int) -> str:
    if not count:
        return _("Alle aktive sentraler har allerede fått undersøkelsen.")
    return ngettext(
        "Undersøkelsen er sendt til %(count)s frivilligsentral.",
        "Undersøkelsen er sendt til %(count)s frivilligsentraler.",
        count,
    ) % {"count": count}


# --- editing questions while the survey is a draft -------------------------------------


def _write_order(questions) -> None:
    """Stores the order of the questions whose order changed, with their history."""
    if questions:
        Question.objects.bulk_update(questions, ["order"])
        history.record((history.CHANGED, questions))


def renumber(survey) -> None:
    questions = display_order(list(survey.questions.all()))
    moved = []
    for position, q in enumerate(questions, start=1):
        if q.order != position:
            q.order = position
            moved.append(q)
    _write_order(moved)


@transaction.atomic
def move_question(*, question, up: bool) -> None:
    """Swaps a question with its neighbour among its siblings (main questions move with
    their follow-ups)."""
    survey = question.survey
    questions = display_order(list(survey.questions.all()))
    siblings = [q for q in questions if q.parent_id == question.parent_id]
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    moved = []
    for position, q in enumerate(siblings, start=1):
        if q.order != position:
            q.order = position
            moved.append(q)
    _write_order(moved)
    renumber(survey)


def add_question(*, question) -> Question:
    last = question.survey.questions.order_by("-order").values_list("order", flat=True).first()
    question.order = (last or 0) + 1
    question.save()
    renumber(question.survey)
    return question
