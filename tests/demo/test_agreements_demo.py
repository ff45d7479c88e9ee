"""The demo's agreements: Skien's framework in two versions and the centres' agreements
from seed 000, in every state, built through the services and loaded twice without
duplicates."""

import io

from django.core.management import call_command

from agreements.models import (
    Agreement,
    AgreementClause,
    AgreementEvent,
    AgreementVersion,
    Comment,
    Framework,
    FrameworkClause,
    FrameworkVersion,
)

MODELS = (
    Framework,
    FrameworkClause,
    FrameworkVersion,
    Agreement,
    AgreementClause,
    AgreementVersion,
    AgreementEvent,
    Comment,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_agreements_load_twice_without_duplicates(demo, capsys):
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert "ingenting nytt" in capsys.readouterr().out
    assert first["Agreement"] == 10


def test_every_state_appears(demo):
    states = set(Agreement.objects.values_list("status", flat=True))
    assert states == set(Agreement.Status.values)


def test_each_answering_centre_has_its_agreement_in_the_planned_state(demo):
    current = {
        agreement.centre.slug: agreement.status
        for agreement in Agreement.objects.filter(
            valid_from__year__gte=2026, title__startswith="Samarbeidsavtale"
        )
    }
    assert current == {
        "klyve": "active",
        "frogner": "sent",
        "bakken": "changes_requested",
        "smk": "approved_by_centre",
        "gulset": "draft",
    }


def test_framework_has_two_versions_and_an_agreement_uses_the_older(demo):
    framework = Framework.objects.get(municipality__slug="skien")
    assert framework.title == (
        "Felles ramme for samarbeidsavtaler mellom Skien kommune og frivilligsentralene"
    )
    assert list(framework.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert framework.current_version.number == 2
    role = framework.clauses.get(title="Kommunens rolle")
    assert role.goal.title == "Frivilligheten i Skien har gode vekstvilkår"
    assert "tilrettelegger, koordinator, samarbeidspartner, rådgiver og økonomisk" in role.text
    klyve = Agreement.objects.with_framework_state().get(
        centre__slug="klyve", status=Agreement.Status.ACTIVE
    )
    assert klyve.framework_version.number == 1
    assert klyve.framework_outdated


def test_frogners_neighbourhood_forum_clause_and_comment_thread(demo):
    frogner = Agreement.objects.get(centre__slug="frogner", status=Agreement.Status.SENT)
    clause = frogner.clauses.get(title="Kommunens deltakelse i nærmiljøforumet")
    assert "nærmiljøforum" in clause.text
    thread = frogner.comments.get(clause_key=clause.key, parent=None)
    assert thread.author.username == "leder-frogner"
    assert "jevnlig" in thread.text
    assert [reply.author.username for reply in thread.replies.all()] == ["koordinator-skien"]


def test_wishes_from_seed_000_are_in_the_agreements(demo):
    bakken = Agreement.objects.get(centre__slug="bakken", status="changes_requested")
    assert "noe hyppigere møter" in bakken.events.get(action="request_changes").comment
    smk = Agreement.objects.get(centre__slug="smk", status="approved_by_centre")
    assert "oftere besøk" in smk.clauses.get(title="Besøk og oppfølging").text
    gulset = Agreement.objects.get(centre__slug="gulset", status="draft")
    assert gulset.versions.count() >= 3


def test_renewal_history_is_real(demo):
    active = Agreement.objects.get(centre__slug="klyve", status="active")
    assert active.renewal_of.status == Agreement.Status.RENEWED
    assert list(active.events.values_list("action", flat=True)) == [
        "send",
        "approve_centre",
        "approve_municipality",
        "mark_signed",
        "activate",
    ]


def test_the_states_do_not_depend_on_the_day_the_demo_is_loaded(db):
    """Each step runs on its own date, so loading years later tells the same story."""
    import datetime
    from unittest import mock

    from django.utils import timezone

    later = timezone.make_aware(datetime.datetime(2031, 6, 1, 12, 0))
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("seed_demo", stdout=io.StringIO())
    assert set(Agreement.objects.values_list("status", flat=True)) == set(Agreement.Status.values)
    signed = Agreement.objects.get(status=Agreement.Status.SIGNED)
    assert signed.signed_on == datetime.date(2026, 11, 18)
