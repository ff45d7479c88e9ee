"""The common framework: its versions, which agreements use an older one and what
differs, and taking the new common text into a draft in one step."""

import pytest

from agreements import services, transitions
from agreements.models import Agreement, AgreementClause, FrameworkClause
from agreements.versions import compare_frameworks
from agreements.workflow import AgreementLocked, StaleAgreement

from ..factories import TargetGroupFactory, drafted_agreement, framework_with_clauses
from .conftest import fresh


def edit_framework(framework, by, change):
    return services.save_framework(
        framework=framework, by=by, revision=framework.revision, apply_changes=change
    )


def reword_meetings(framework):
    def change():
        FrameworkClause.objects.filter(framework=framework, title="Møter").update(
            text="Partene møtes to ganger i året, og kommunen deltar i nærmiljøforumet."
        )

    return change


def with_state(agreement):
    return Agreement.objects.with_framework_state().get(pk=agreement.pk)


def test_saving_the_framework_is_a_version(framework, coordinator):
    assert framework.current_version.number == 1
    version = edit_framework(framework, coordinator, reword_meetings(framework))
    framework.refresh_from_db()
    assert (version.number, version.created_by) == (2, coordinator)
    assert framework.current_version == version and framework.revision == 2
    assert "nærmiljøforumet" in version.clauses[2]["text"]
    assert "nærmiljøforumet" not in framework.versions.get(number=1).clauses[2]["text"]


def test_a_stale_framework_form_is_refused(framework, coordinator, admin_user):
    stale_revision = framework.revision
    edit_framework(framework, admin_user, reword_meetings(framework))
    with pytest.raises(StaleAgreement) as conflict:
        services.save_framework(
            framework=framework, by=coordinator, revision=stale_revision, apply_changes=lambda: None
        )
    assert conflict.value.current.revision == stale_revision + 1
    assert framework.versions.count() == 2


def test_an_agreement_on_the_current_framework_is_not_outdated(agreement):
    assert with_state(agreement).framework_outdated is False


def test_an_agreement_on_an_older_framework_version_is_outdated(agreement, framework, coordinator):
    edit_framework(framework, coordinator, reword_meetings(framework))
    assert with_state(agreement).framework_outdated is True
    outdated = [a.pk for a in Agreement.objects.for_list() if a.framework_outdated]
    assert outdated == [agreement.pk]


def test_without_the_annotation_nothing_claims_to_be_outdated(agreement, framework, coordinator):
    edit_framework(framework, coordinator, reword_meetings(framework))
    assert fresh(agreement).framework_outdated is False


def test_framework_outdated_costs_no_query_per_agreement(
    framework, centre_a, centre_b, coordinator, query_count
):
    drafted_agreement(centre_a, by=coordinator)
    drafted_agreement(centre_b, by=coordinator)
    with query_count(exactly=1):
        assert [a.framework_outdated for a in Agreement.objects.for_list()] == [False, False]


def test_framework_changes_show_what_differs(agreement, framework, coordinator):
    def change():
        FrameworkClause.objects.filter(framework=framework, title="Forankring").delete()
        FrameworkClause.objects.create(
            framework=framework, order=9, title="Taushetsplikt", text="Partene har taushetsplikt."
        )

    edit_framework(framework, coordinator, reword_meetings(framework))
    current = edit_framework(framework, coordinator, change)
    changes = services.framework_changes(agreement, current)
    by_title = {
        "".join(s.text for s in c.title if s.op != "delete")
        or "".join(s.text for s in c.title): c.change
        for c in changes.clauses
    }
    assert by_title == {
        "Formål": "unchanged",
        "Forankring": "removed",
        "Møter": "changed",
        "Taushetsplikt": "added",
    }
    meetings = next(c for c in changes.clauses if c.change == "changed")
    inserted = "".join(s.text for s in meetings.text if s.op == "insert")
    assert "nærmiljøforumet" in inserted


def test_framework_changes_ignore_local_clauses(agreement, framework):
    AgreementClause.objects.create(agreement=agreement, order=9, title="Lokalt", text="Eget.")
    changes = services.framework_changes(agreement, framework.current_version)
    assert not changes.has_changes


def test_adopting_the_framework_takes_the_new_common_text_and_keeps_local_clauses(
    agreement, framework, coordinator
):
    local = AgreementClause.objects.create(
        agreement=agreement, order=4, title="Nærmiljøforum", text="Kommunen møter i forumet."
    )
    old_common_keys = [str(c.key) for c in agreement.clauses.filter(kind="common")]
    current = edit_framework(framework, coordinator, reword_meetings(framework))

    version = services.adopt_framework(agreement=agreement, by=coordinator, revision=0)

    agreement = with_state(agreement)
    assert agreement.framework_version == current and not agreement.framework_outdated
    clauses = list(agreement.clauses.order_by("order"))
    assert [c.title for c in clauses] == ["Formål", "Forankring", "Møter", "Nærmiljøforum"]
    assert [str(c.key) for c in clauses[:3]] == old_common_keys
    assert clauses[2].text.endswith("kommunen deltar i nærmiljøforumet.")
    assert (clauses[3].key, clauses[3].kind, clauses[3].text) == (
        local.key,
        "local",
        "Kommunen møter i forumet.",
    )
    assert version.number == 2 and version.note == "Tok inn felles ramme versjon 2"
    assert version.created_by == coordinator and agreement.revision == 1
    assert not services.framework_changes(agreement, current).has_changes


def test_a_sent_agreement_cannot_take_in_the_framework(agreement, framework, coordinator):
    transitions.apply_transition(agreement, "send", by=coordinator)
    edit_framework(framework, coordinator, reword_meetings(framework))
    with pytest.raises(AgreementLocked):
        services.adopt_framework(agreement=agreement, by=coordinator, revision=0)
    assert with_state(agreement).framework_outdated


def test_framework_versions_compare_their_introduction_and_clauses(framework, coordinator):
    def change():
        framework.introduction = "Bygger på svarene i undersøkelsen fra 2025."
        framework.save(update_fields=["introduction"])
        FrameworkClause.objects.filter(framework=framework, title="Formål").delete()

    edit_framework(framework, coordinator, change)
    old, new = framework.versions.order_by("number")
    comparison = compare_frameworks(old.snapshot, new.snapshot)
    assert [f.label for f in comparison.fields] == ["Innledning"]
    assert [c.change for c in comparison.clauses] == ["removed", "unchanged", "unchanged"]
    first = compare_frameworks({}, old.snapshot)
    assert [c.change for c in first.clauses] == ["added"] * 3


def test_an_agreement_made_before_any_framework_takes_it_in_before_its_own_clauses(
    municipality, centre_a, coordinator
):
    TargetGroupFactory(centre=centre_a, rank=1, name="Seniorer")
    agreement = drafted_agreement(centre_a, by=coordinator)
    assert with_state(agreement).framework_outdated is False  # nothing to be behind yet
    framework = framework_with_clauses(municipality, by=coordinator)
    assert with_state(agreement).framework_outdated is True
    changes = services.framework_changes(agreement, framework.current_version)
    assert [c.change for c in changes.clauses] == ["added"] * 3

    services.adopt_framework(agreement=agreement, by=coordinator, revision=0)
    kinds = list(agreement.clauses.order_by("order").values_list("kind", "title"))
    assert kinds == [
        ("common", "Formål"),
        ("common", "Forankring"),
        ("common", "Møter"),
        ("local", "Målgrupper"),
    ]
