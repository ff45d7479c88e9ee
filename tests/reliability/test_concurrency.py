"""Two people act on the same object at the same moment, through the real HTTP stack and
real parallel PostgreSQL transactions (not the test's own transaction): exactly one
wins, the other is told clearly, and nothing is lost or done twice.

Each case runs ROUNDS times; every round releases two requests together from a barrier,
each on its own thread, client and database connection. The rows are committed
(transactional tests), so every connection sees them.
"""

import datetime
import re
from collections import Counter
from functools import partial

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from agreements.models import Agreement, AgreementEvent
from surveys.answering import reopen_response
from surveys.models import Answer, Survey, SurveyResponse

from ..agreements.conftest import edit_post
from ..factories import (
    SurveyFactory,
    SurveyResponseFactory,
    drafted_agreement,
    framework_with_clauses,
)
from ..surveys.conftest import answer_url, full_answers, in_days, seed_questions
from .conftest import overlapped, postgres_only, race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]

ROUNDS = 10


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, url, data=None):
    """A POST as the browser sends it, without messages left over from earlier rounds
    (the tests do not follow the redirect that would show them)."""
    client.cookies.pop("messages", None)
    return client.post(url, data or {})


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def plain(page: str) -> str:
    """The page's text as read, without the words only screen readers get."""
    return strip_tags(re.sub(r'<span class="visually-hidden">[^<]*</span>', "", page))


def report(case: str, tally: Counter, rounds: int) -> None:
    """One line for the closing note (shown with -s or -rP)."""
    print(f"\n[concurrency] {case}: {2 * rounds} saves tried in {rounds} rounds; {dict(tally)}")


# --- surveys ---------------------------------------------------------------------------


@pytest.fixture
def answering(centre_people):
    """An open survey with the centre's response, and one client per leader of the centre."""
    survey = SurveyFactory(
        municipality=centre_people.municipality,
        round=2026,
        deadline=in_days(14),
        status=Survey.Status.OPEN,
    )
    questions = seed_questions(survey)
    response = SurveyResponseFactory(
        survey=survey, centre=centre_people.centre, status=SurveyResponse.Status.NOT_STARTED
    )
    return survey, questions, response, [logged_in(u) for u in centre_people.leaders]


def goals_text(response) -> str:
    return Answer.objects.get(response=response, question__order=2).text


def save_draft(client, survey, centre, questions, *, revision, goals, autosave=False):
    data = full_answers(questions, **{f"q{questions['goals'].pk}": goals})
    data.update(revision=str(revision), action="save")
    name = "surveys:answer_save" if autosave else "surveys:answer"
    return post(client, reverse(name, args=[survey.pk, centre.slug]), data)


def saved(http) -> bool:
    if http["Content-Type"].startswith("application/json"):
        return http.status_code == 200 and http.json()["ok"]
    return http.status_code == 302


def test_two_leaders_saving_one_draft_at_once_one_wins_the_other_sees_the_newer_answers(
    answering,
):
    survey, questions, response, clients = answering
    centre = response.centre
    tally = Counter()
    for n in range(ROUNDS):
        revision = SurveyResponse.objects.get(pk=response.pk).revision
        typed = [f"Runde {n}: mål skrevet av leder {who}" for who in "AB"]
        # Every other round the second leader's browser autosaves instead of posting the form.
        autosave = [False, n % 2 == 1]
        outcomes = race(
            *(
                partial(
                    save_draft,
                    client,
                    survey,
                    centre,
                    questions,
                    revision=revision,
                    goals=text,
                    autosave=auto,
                )
                for client, text, auto in zip(clients, typed, autosave, strict=True)
            )
        )
        https = [o.value for o in outcomes]
        winners = [i for i, http in enumerate(https) if saved(http)]
        assert len(winners) == 1, [h.status_code for h in https]
        winner, loser = winners[0], 1 - winners[0]
        assert https[loser].status_code == 409
        if autosave[loser]:
            assert "noen andre har lagret svaret" in https[loser].json()["message"]
        else:
            page = https[loser].content.decode()
            assert "Noen andre har lagret svaret i mellomtiden" in page
            assert typed[winner] in page  # the newer answers are shown
            assert typed[loser] in page  # and what this leader typed is kept in the form
        current = SurveyResponse.objects.get(pk=response.pk)
        assert current.revision == revision + 1
        assert goals_text(response) == typed[winner]
        tally["won by form" if not autosave[winner] else "won by autosave"] += 1
        tally["conflict pages (409)" if not autosave[loser] else "autosave refused (409)"] += 1
        tally["overlapped"] += overlapped(outcomes)
    report("survey draft saves", tally, ROUNDS)
    assert tally["overlapped"] >= ROUNDS // 2


def confirm(client, survey, centre, *, revision):
    return post(client, answer_url(survey, centre), {"action": "confirm", "revision": revision})


def test_two_submits_of_one_response_at_once_submit_it_once(answering, centre_people):
    """Both leaders press «Send inn» at once; every other round one submits while the other
    saves a draft. One submit per round, and a save is never reported as saved and then
    dropped."""
    survey, questions, response, clients = answering
    centre, coordinator = response.centre, centre_people.coordinators[0]
    save_draft(clients[0], survey, centre, questions, revision=0, goals="Første utkast")
    tally = Counter()
    for n in range(ROUNDS):
        current = SurveyResponse.objects.get(pk=response.pk)
        revision, before = current.revision, goals_text(response)
        typed = f"Runde {n}: nytt utkast"
        second = (
            partial(save_draft, clients[1], survey, centre, questions, goals=typed)
            if n % 2
            else partial(confirm, clients[1], survey, centre)
        )
        outcomes = race(
            partial(confirm, clients[0], survey, centre, revision=revision),
            partial(second, revision=revision),
        )
        https = [o.value for o in outcomes]
        assert [h.status_code for h in https] == [302, 302]
        said = [texts(h) for h in https]
        current = SurveyResponse.objects.get(pk=response.pk)
        assert current.revision == revision + 1  # claimed once
        if current.status == SurveyResponse.Status.SUBMITTED:
            thanked = [i for i, lines in enumerate(said) if any("Takk!" in t for t in lines)]
            assert len(thanked) == 1, said
            assert said[1 - thanked[0]] == ["Svaret er allerede sendt inn."]
            assert current.submitted_by == https[thanked[0]].wsgi_request.user
            assert current.submitted_at is not None
            assert current.answers.count() == 5
            assert goals_text(response) == before
            tally["submitted once"] += 1
            tally["told it was already submitted"] += 1
            reopen_response(response=current, by=coordinator)
        else:  # the draft save came first; the submit is refused, not sent half-seen
            assert n % 2
            assert any("Utkastet er lagret" in t for t in said[1])
            assert any("ikke sendt inn" in t for t in said[0])
            assert goals_text(response) == typed
            tally["draft saved, submit refused"] += 1
        tally["overlapped"] += overlapped(outcomes)
    report("survey submits (every other round against a draft save)", tally, ROUNDS)
    assert tally["overlapped"] >= ROUNDS // 2


# --- agreements ------------------------------------------------------------------------


@pytest.fixture
def agreement(centre_people):
    """The centre's draft agreement on the municipality's framework, with version 1."""
    coordinator = centre_people.coordinators[0]
    framework_with_clauses(centre_people.municipality, by=coordinator)
    return drafted_agreement(centre_people.centre, by=coordinator)


def test_two_coordinators_saving_one_agreement_at_once_one_wins_the_other_sees_what_changed(
    agreement, centre_people
):
    clients = [logged_in(u) for u in centre_people.coordinators]
    url = reverse("agreements:edit", args=[agreement.pk])
    tally = Counter()
    for n in range(ROUNDS):
        current = Agreement.objects.get(pk=agreement.pk)
        versions = current.versions.count()
        typed = [f"Runde {n}: møtes {who} ganger i året" for who in ("to", "fire")]
        posts = [edit_post(current, meeting_frequency=text) for text in typed]
        outcomes = race(
            *(partial(post, c, url, data) for c, data in zip(clients, posts, strict=True))
        )
        https = [o.value for o in outcomes]
        winners = [i for i, http in enumerate(https) if http.status_code == 302]
        assert len(winners) == 1, [h.status_code for h in https]
        winner, loser = winners[0], 1 - winners[0]
        assert https[loser].status_code == 409
        page = https[loser].content.decode()
        assert "Noen andre har lagret avtalen mens du skrev" in page
        assert typed[winner] in plain(page)  # what changed, in the comparison
        assert typed[loser] in page  # what this coordinator typed, still in the form
        saved = Agreement.objects.get(pk=agreement.pk)
        assert saved.revision == current.revision + 1
        assert saved.meeting_frequency == typed[winner]
        assert saved.versions.count() == versions + 1
        tally["saved"] += 1
        tally["conflict pages (409)"] += 1
        tally["overlapped"] += overlapped(outcomes)
    report("agreement saves", tally, ROUNDS)
    assert tally["overlapped"] >= ROUNDS // 2


def test_two_approvals_of_one_agreement_at_once_are_taken_once(agreement, centre_people):
    """Two leaders of the centre approve at once; every other round one approves while the
    other asks for changes. One transition, one event and one set of e-mails per round."""
    leaders = [logged_in(u) for u in centre_people.leaders]
    tally = Counter()
    for n in range(ROUNDS):
        Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.SENT)
        events, mails = AgreementEvent.objects.filter(agreement=agreement).count(), len(mail.outbox)
        pair = [(leaders[0], "approve_centre")]
        pair.append((leaders[1], "request_changes" if n % 2 else "approve_centre"))
        outcomes = race(
            *(
                partial(
                    post,
                    client,
                    reverse("agreements:transition", args=[agreement.pk, action]),
                    {"comment": "Vi vil møtes oftere"},
                )
                for client, action in pair
            )
        )
        https = [o.value for o in outcomes]
        assert [h.status_code for h in https] == [302, 302]
        said = [texts(h) for h in https]
        done = [
            i for i, lines in enumerate(said) if not any("kan ikke gjøres nå" in t for t in lines)
        ]
        assert len(done) == 1, said
        action = pair[done[0]][1]
        new_events = AgreementEvent.objects.filter(agreement=agreement).order_by("pk")[events:]
        assert [e.action for e in new_events] == [action]
        expected_status = {
            "approve_centre": Agreement.Status.APPROVED_BY_CENTRE,
            "request_changes": Agreement.Status.CHANGES_REQUESTED,
        }[action]
        assert Agreement.objects.get(pk=agreement.pk).status == expected_status
        # The municipality's two coordinators are told once.
        assert len(mail.outbox) - mails == 2
        tally[f"{action} taken"] += 1
        tally["refused with a message"] += 1
        tally["overlapped"] += overlapped(outcomes)
    report("agreement transitions", tally, ROUNDS)
    assert tally["overlapped"] >= ROUNDS // 2


def test_two_coordinators_renewing_one_agreement_at_once_make_one_renewal(centre_people):
    """«Forny» pressed by both coordinators at once: one new draft, which both are sent to."""
    coordinator = centre_people.coordinators[0]
    framework_with_clauses(centre_people.municipality, by=coordinator)
    today = timezone.localdate()
    in_force = drafted_agreement(
        centre_people.centre,
        by=coordinator,
        status=Agreement.Status.ACTIVE,
        valid_from=today - datetime.timedelta(days=365),
        valid_to=today + datetime.timedelta(days=60),
    )
    clients = [logged_in(u) for u in centre_people.coordinators]
    url = reverse("agreements:renew", args=[in_force.pk])
    tally = Counter()
    for _n in range(ROUNDS):
        outcomes = race(*(partial(post, client, url) for client in clients))
        https = [o.value for o in outcomes]
        renewals = list(in_force.renewals.exclude(status=Agreement.Status.EXPIRED))
        assert len(renewals) == 1, f"{len(renewals)} renewals of one agreement"
        assert [h.url for h in https] == [renewals[0].get_absolute_url()] * 2
        assert renewals[0].versions.count() == 1
        tally["one renewal"] += 1
        tally["overlapped"] += overlapped(outcomes)
        # An expired renewal does not count, so the next round can renew again.
        Agreement.objects.filter(pk=renewals[0].pk).update(status=Agreement.Status.EXPIRED)
    report("agreement renewals", tally, ROUNDS)
    assert tally["overlapped"] >= ROUNDS // 2


def test_two_reminders_at_once_remind_each_centre_once(answering, centre_people):
    """«Send påminnelse» pressed by both coordinators at once: one e-mail per leader."""
    survey = answering[0]
    leaders = sorted(u.email for u in centre_people.leaders)
    clients = [logged_in(u) for u in centre_people.coordinators]
    url = reverse("surveys:remind", args=[survey.pk])
    tally = Counter()
    for _n in range(ROUNDS):
        mail.outbox.clear()
        outcomes = race(*(partial(post, client, url) for client in clients))
        assert sorted(a for m in mail.outbox for a in m.to) == leaders, "each leader once"
        tally["reminded once"] += 1
        tally["overlapped"] += overlapped(outcomes)
        # The next round starts after the pause.
        SurveyResponse.objects.filter(survey=survey).update(reminded_at=None)
    assert SurveyResponse.objects.get(survey=survey).reminder_count == ROUNDS
    report("survey reminders", tally, ROUNDS)
    assert tally["overlapped"] >= ROUNDS // 2
