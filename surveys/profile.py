"""Questions bound to the centre's profile (Question.profile_field): the answer form
opens with the profile's current values, the confirmation page shows what would change
in the profile, and submitting with the leader's consent updates the profile in the
same transaction (centres.services; history records both). The profile stays the one
place where the centre's current facts live; results and the deck read the answer."""

from dataclasses import dataclass

from django.db import transaction

from centres.services import (
    ProfileChanged,
    contact_names,
    partner_names,
    period_goal_texts,
    target_group_names,
    update_contacts,
    update_partners,
    update_period_goals,
    update_target_groups,
)

from . import answering
from .models import Answer, Question

__all__ = ["ProfileChange", "ProfileChanged", "changes", "prefilled", "submit_response"]


@dataclass
class ProfileChange:
    question: Question
    before: list[str]
    after: list[str]

    @property
    def field(self) -> str:
        return self.question.profile_field

    @property
    def label(self) -> str:
        return self.question.get_profile_field_display()


# Each profile field a question can be bound to: how it is read (a list of names) and
# written (centres.services, refusing a profile changed since it was shown).
READ = {
    Question.ProfileField.TARGET_GROUPS: target_group_names,
    Question.ProfileField.GOALS: period_goal_texts,
    Question.ProfileField.PARTNERS: partner_names,
    Question.ProfileField.CONTACTS: contact_names,
}
WRITE = {
    Question.ProfileField.TARGET_GROUPS: update_target_groups,
    Question.ProfileField.GOALS: update_period_goals,
    Question.ProfileField.PARTNERS: update_partners,
    Question.ProfileField.CONTACTS: update_contacts,
}


def _bound(questions) -> list[Question]:
    return [q for q in questions if q.profile_field in READ]


def _current(centre, fields) -> dict[str, list[str]]:
    """The profile's values of the fields asked for, one query each."""
    return {field: READ[field](centre) for field in dict.fromkeys(fields)}


def prefilled(questions, values: dict, centre) -> dict:
    """`values` with the profile's values in a bound question nobody has answered yet
    (one query per bound field, only when there is such a question)."""
    empty = [q for q in _bound(questions) if q.pk not in values or values[q.pk].is_empty()]
    current = _current(centre, [q.profile_field for q in empty])
    for q in empty:
        if names := current[q.profile_field]:
            values[q.pk] = Answer(question_id=q.pk, items=names[: q.rank_count])
    return values


def changes(questions, values: dict, centre) -> list[ProfileChange]:
    """What submitting `values` would change in the profile (shown questions only)."""
    bound = _bound(questions)
    if not bound:
        return []
    shown = answering.shown_ids(questions, values)
    current = _current(centre, [q.profile_field for q in bound])
    found = []
    for q in bound:
        answer, before = values.get(q.pk), current[q.profile_field]
        after = [str(item).strip() for item in (answer.items if answer else []) if item]
        if q.pk in shown and after and after != before:
            found.append(ProfileChange(q, before, after))
    return found


@transaction.atomic
def submit_response(*, response, by, revision: int, questions, update_profile, seen, now=None):
    """Submits the response and, when the leader agreed (`update_profile`), writes the
    bound answers into the profile, all or nothing. `seen`: the profile's values the
    confirmation page showed (field → list); if the profile has changed since,
    ProfileChanged is raised and nothing is submitted."""
    values = answering.values_from_answers(response.answers.all())
    pending = changes(questions, values, response.centre) if update_profile else []
    answering.submit_response(
        response=response, by=by, revision=revision, questions=questions, saved=values, now=now
    )
    for change in pending:
        WRITE[change.field](
            centre=response.centre,
            names=change.after,
            expected=seen.get(change.field, []),
            by=by,
            now=now,
        )
