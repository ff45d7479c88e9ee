"""A new agreement starts from the municipality's current framework and the centre's
profile: its goals and priorities, target groups and partners."""

import datetime

from agreements import services
from agreements.models import Agreement, AgreementClause

from ..factories import (
    GoalFactory,
    LeaderFactory,
    PartnerFactory,
    PlanFactory,
    StrategyFactory,
    TargetGroupFactory,
    full_centre,
)

FROM, TO = datetime.date(2026, 1, 1), datetime.date(2029, 12, 31)


def create(centre, by, **kwargs):
    return services.create_agreement(centre=centre, by=by, valid_from=FROM, valid_to=TO, **kwargs)


def test_common_clauses_come_from_the_current_framework_version(framework, centre_a, coordinator):
    agreement = create(centre_a, coordinator)
    assert agreement.framework_version == framework.current_version
    common = list(agreement.clauses.filter(kind=AgreementClause.Kind.COMMON).order_by("order"))
    assert [(str(c.key), c.title, c.text) for c in common] == [
        (c["key"], c["title"], c["text"]) for c in framework.current_version.clauses
    ]


def test_local_clauses_come_from_the_centre_profile(framework, municipality, coordinator):
    centre = full_centre(municipality=municipality, name="Frogner frivilligsentral")
    plan = PlanFactory(municipality=municipality)
    goal = GoalFactory(plan=plan, title="Flere deltar i frivillig arbeid")
    strategy = StrategyFactory(goal=goal)
    period_goal = centre.goal_periods.get().goals.first()
    period_goal.details = "Leksehjelp\nTurgruppe"
    period_goal.save()
    period_goal.municipal_goals.add(goal)
    period_goal.municipal_strategies.add(strategy)

    agreement = create(centre, coordinator)

    local = list(agreement.clauses.filter(kind=AgreementClause.Kind.LOCAL).order_by("order"))
    assert [c.title for c in local] == [
        "Sentralens aktiviteter og prioriteringer",
        "Målgrupper",
        "Samarbeidsaktører og samhandling",
    ]
    activities, groups, partners = local
    assert "Motto: Den inkluderende bydelen" in activities.text
    assert "Sentralens mål for 2025–2026:" in activities.text
    assert f"- {period_goal.text}" in activities.text and "  - Turgruppe" in activities.text
    assert list(activities.goals.all()) == [goal]
    assert list(activities.strategies.all()) == [strategy]
    assert groups.text.splitlines()[1:] == ["1. Barn og ungdom", "2. Seniorer", "3. Familier"]
    for partner in centre.partners.all():
        assert f"- {partner.name}" in partners.text
    assert "  - Faste møter" in partners.text
    # Local clauses follow the common ones.
    assert [c.kind for c in agreement.clauses.order_by("order")] == ["common"] * 3 + ["local"] * 3


def test_target_groups_are_listed_in_the_centres_order(framework, centre_a, coordinator):
    TargetGroupFactory(centre=centre_a, rank=2, name="Seniorer")
    TargetGroupFactory(centre=centre_a, rank=1, name="Flerkulturelle")
    PartnerFactory(centre=centre_a, name="Klyve IL", cooperation="")
    agreement = create(centre_a, coordinator)
    titles = [c.title for c in agreement.clauses.filter(kind="local").order_by("order")]
    assert titles == ["Målgrupper", "Samarbeidsaktører og samhandling"]
    groups = agreement.clauses.get(title="Målgrupper")
    assert groups.text.splitlines()[1:] == ["1. Flerkulturelle", "2. Seniorer"]


def test_the_parties_and_meetings_are_filled_in(framework, centre_a, coordinator):
    coordinator.first_name, coordinator.last_name = "Kari", "Nordmann"
    coordinator.save()
    LeaderFactory(centre=centre_a, first_name="Ola", last_name="Leder")
    agreement = create(centre_a, coordinator)
    assert agreement.title == "Samarbeidsavtale mellom Skien kommune og Klyve nærmiljøsenter"
    assert agreement.centre_signatory == "Ola Leder"
    assert agreement.centre_signatory_title == "Daglig leder"
    assert agreement.contact_person == "Kari Nordmann"
    assert "kvartal" in agreement.meeting_frequency
    assert (agreement.valid_from, agreement.valid_to) == (FROM, TO)
    assert agreement.status == Agreement.Status.DRAFT and agreement.revision == 0
    assert (agreement.created_by, agreement.updated_by) == (coordinator, coordinator)


def test_a_given_title_is_kept(framework, centre_a, coordinator):
    assert create(centre_a, coordinator, title="Avtale 2026–2029").title == "Avtale 2026–2029"


def test_without_a_framework_the_agreement_has_only_local_clauses(centre_a, coordinator):
    TargetGroupFactory(centre=centre_a, rank=1, name="Seniorer")
    agreement = create(centre_a, coordinator)
    assert agreement.framework_version is None
    assert [c.kind for c in agreement.clauses.all()] == ["local"]
    assert agreement.versions.get().note == "Opprettet fra sentralens profil"


def test_the_first_version_holds_the_created_text(framework, centre_a, coordinator):
    TargetGroupFactory(centre=centre_a, rank=1, name="Seniorer")
    agreement = create(centre_a, coordinator)
    version = agreement.versions.get()
    assert version.note == "Opprettet fra felles ramme versjon 1 og sentralens profil"
    assert [c["title"] for c in version.snapshot["clauses"]] == [
        "Formål",
        "Forankring",
        "Møter",
        "Målgrupper",
    ]
    assert version.snapshot["framework_version_id"] == framework.current_version_id


def test_the_municipality_signatory_comes_from_its_latest_agreement(
    framework, centre_a, centre_b, coordinator, leader_a
):
    first = create(centre_b, coordinator, municipality_signatory=("Guro Honningdal", "Kultursjef"))
    assert (first.municipality_signatory, first.municipality_signatory_title) == (
        "Guro Honningdal",
        "Kultursjef",
    )
    agreement = create(centre_a, coordinator)
    assert (agreement.municipality_signatory, agreement.municipality_signatory_title) == (
        "Guro Honningdal",
        "Kultursjef",
    )
    assert agreement.centre_signatory == leader_a.get_full_name() != ""


def test_the_first_agreement_of_a_municipality_names_no_municipality_signatory(
    framework, centre_a, coordinator
):
    assert create(centre_a, coordinator).municipality_signatory == ""
