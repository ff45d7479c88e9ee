"""Answering a survey for a centre: reading the posted form, validating, progress,
saving a draft, submitting and reopening.

Answers travel as unsaved `Answer` objects keyed by question id, so the same values are
validated, shown (conditions, progress) and stored with one bulk upsert.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frivillig.lib import history
from frivillig.lib.posted import whole_number

from . import kinds
from .deck import files as deck_files
from .models import (
    Answer,
    IncompleteResponse,
    Question,
    ResponseLocked,
    StaleResponse,
    SurveyResponse,
    ThemeMember,
)

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
            if (number := whole_number(raw)) in q.scale_range:
                answer.number = number
            else:
                answer.text = raw  # kept only to report it; never stored
        elif q.kind == Question.Kind.NUMBER:
            raw = data.get(name, "").strip()
            if (number := kinds.integer(raw)) is not None:
                answer.number = number
            else:
                answer.text = raw  # kept only to report it; never stored
        elif q.kind == Question.Kind.DATE:
            raw = data.get(name, "").strip()
            day = kinds.day(raw)
            answer.text = day.isoformat() if day else raw
        else:
            answer.text = data.get(name, "").strip()
        if q.offers_other:
            # Kept as typed for the page; stored only with «Annet» chosen (_store).
            answer.other = data.get(f"{name}_other", "").strip()
        if q.takes_comment:
            answer.comment = data.get(f"{name}_comment", "").strip()
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


def response_progress(response, questions) -> tuple[int, int]:
    """(answered, asked) of the response's stored answers (prefetch them for a list)."""
    return progress(questions, values_from_answers(response.answers.all()))


def _choice_error(q: Question, answer: Answer):
    if q.kind == Question.Kind.YES_NO and answer.text not in ("", Question.YES, Question.NO):
        return _("Velg Ja eller Nei.")
    offered = [*q.choices, Question.OTHER] if q.offers_other else q.choices
    if q.kind == Question.Kind.SINGLE and answer.text and answer.text not in offered:
        return _("Velg et av alternativene.")
    if q.kind == Question.Kind.MULTIPLE and any(i not in offered for i in answer.items):
        return _("Velg blant alternativene.")
    if q.kind == Question.Kind.SCALE and answer.number is None and answer.text:
        return _("Velg et tall fra %(low)s til %(high)s.") % {
            "low": q.scale_min,
            "high": q.scale_max,
        }
    if q.kind == Question.Kind.NUMBER:
        return kinds.number_error(q, answer)
    if q.kind == Question.Kind.DATE and answer.text and kinds.day(answer.text) is None:
        return _("Skriv en dato, for eksempel 31.12.2026.")
    return None


def _character_error(q: Question, answer: Answer):
    """PostgreSQL cannot store NUL in text (nor in JSON), and no one means to type it."""
    typed = q.kind in Question.TEXT_KINDS or q.kind == Question.Kind.RANKED
    written = [answer.text, answer.other, answer.comment, *(str(i) for i in answer.items)]
    if (typed or q.offers_other or q.takes_comment) and any("\x00" in value for value in written):
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
        if answer is None:
            continue
        if message := _character_error(q, answer) or kinds.comment_error(q, answer):
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
        if message := kinds.other_error(q, answer, complete=complete):
            errors[q.pk] = message
            continue
        if message := kinds.comment_error(q, answer):
            errors[q.pk] = message
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
            answer.text, answer.items, answer.number = "", [], None
        if kinds.other_error(q, answer, complete=False):
            answer.other = ""
    return values


# --- saving, submitting and reopening --------------------------------------------------


def closed_reason(response, today=None) -> str:
    """Why the response cannot be changed now, for the page; "" while it can. Whether
    the survey takes answers is the model's rule (Survey.accepts_answers)."""
    survey = response.survey
    today = today or timezone.localdate()
    if response.is_submitted:
        return _("Svaret er sendt inn. Ta kontakt med koordinatoren om noe må endres.")
    if survey.accepts_answers(today):
        return ""
    if survey.status != survey.Status.OPEN:
        return _("Undersøkelsen er lukket, så svaret kan ikke endres.")
    return _("Svarfristen gikk ut %(date)s, så svaret kan ikke endres.") % {
        "date": date_format(survey.deadline, "DATE_FORMAT")
    }


def _claim(response, *, revision: int, by, status: str, now) -> None:
    """Moves the response to its next revision only if nobody else did since `revision`
    and it is not submitted: one conditional UPDATE, so two tabs cannot both win."""
    if not response.survey.accepts_answers(timezone.localdate(now)):
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


def saved_since_by_same_person(response, user) -> bool:
    """After a StaleResponse: whether the newer save was `user`'s own (another tab or
    window), so the page says so instead of «someone else saved». Reads the response
    again."""
    response.refresh_from_db(fields=["revision", "status", "updated_at", "updated_by"])
    return user is not None and response.updated_by_id == user.pk


def _same(stored: Answer, answer: Answer) -> bool:
    return (stored.text, stored.items, stored.number, stored.other, stored.comment) == (
        answer.text,
        answer.items,
        answer.number,
        answer.other,
        answer.comment,
    )


def _store(response, values: dict[int, Answer], *, by, now, drop=()) -> None:
    """Writes only what changed: one read of the stored answers, one upsert for new and
    changed answers, one delete for emptied and dropped ones, one insert of history."""
    stored = {a.question_id: a for a in Answer.objects.filter(response=response)}
    created, changed, remove = [], [], set(drop)
    for pk, answer in values.items():
        if pk in remove or (answer.is_empty() and not answer.comment):
            remove.add(pk)
            continue
        if Question.OTHER not in (answer.text, *answer.items):
            answer.other = ""  # typed beside «Annet», then another option chosen
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
                other=answer.other,
                comment=answer.comment,
            )
        )
    if created or changed:
        Answer.objects.bulk_create(
            created + changed,
            update_conflicts=True,
            unique_fields=["response", "question"],
            update_fields=["text", "items", "number", "other", "comment"],
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
def save_answers(*, response, values, by, revision: int, questions=None, now=None) -> None:
    """Stores a draft: `values` maps question ids to unsaved answers. Raises
    StaleResponse when someone saved since `revision`, ResponseLocked when the response
    is submitted or the survey no longer takes answers."""
    questions = questions if questions is not None else list(response.survey.questions.all())
    now = now or timezone.now()
    _claim(response, revision=revision, by=by, status=SurveyResponse.Status.DRAFT, now=now)
    _store(response, _for_draft(questions, values), by=by, now=now)
    # No new version of the results: a draft is not in them, and a round that takes
    # drafts is open, which is never cached (surveys.results_cache).


@transaction.atomic
def submit_response(
    *, response, by, revision: int, values=None, saved=None, questions=None, now=None
) -> None:
    """Validates everything, clears answers to follow-ups that are no longer asked and
    submits, all or nothing. `values`: answers to store first; else the stored ones
    are submitted (`saved`: those, when the caller has read them already)."""
    questions = questions if questions is not None else list(response.survey.questions.all())
    stored = values is not None
    if values is None:
        values = saved if saved is not None else values_from_answers(response.answers.all())
    errors = validate(questions, values, complete=True)
    if errors:
        raise IncompleteResponse(errors)
    hidden = {q.pk for q in questions} - shown_ids(questions, values)
    now = now or timezone.now()
    _claim(response, revision=revision, by=by, status=SurveyResponse.Status.SUBMITTED, now=now)
    if stored:
        _store(response, values, by=by, now=now, drop=hidden)
    elif gone := [values[pk] for pk in hidden if pk in values and values[pk].pk]:
        history.record((history.DELETED, gone), by=by, date=now)
        history.delete_recorded(gone)
    response.survey.results_changed()
    deck_files.results_changed(response.survey)


@transaction.atomic
def reopen_response(*, response, by, now=None) -> None:
    now = now or timezone.now()
    reopened = SurveyResponse.objects.filter(
        pk=response.pk, status=SurveyResponse.Status.SUBMITTED
    ).update(
        status=SurveyResponse.Status.DRAFT,
        revision=F("revision") + 1,
        submitted_at=None,
        submitted_by=None,
        updated_at=now,
        updated_by=by,
    )
    if not reopened:
        raise ResponseLocked(_("Svaret er ikke sendt inn, så det er allerede åpent."))
    response.refresh_from_db()
    history.record((history.CHANGED, [response]), by=by, date=now)
    response.survey.results_changed()
    deck_files.results_changed(response.survey)
