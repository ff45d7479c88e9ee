from django.apps import apps
from django.core.management import call_command
from simple_history.models import HistoricalChanges

from accounts.models import User
from centres.models import Centre
from meetings.models import Meeting
from meetings.schedule import formal_schedule


def _row_counts() -> dict[str, int]:
    """Rows per model; history only grows (a second load records its saves), so not it."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not issubclass(model, HistoricalChanges)
    }


def test_demo_loads_twice_without_duplicates(demo):
    first = _row_counts()
    call_command("seed_demo")
    assert _row_counts() == first
    assert first["centres.Centre"] == 6
    assert first["accounts.Municipality"] == 2


def test_demo_has_skiens_centres_as_in_the_seed(demo):
    names = set(Centre.objects.filter(municipality__slug="skien").values_list("name", flat=True))
    assert {"Klyve nærmiljøsenter", "Frogner nærmiljøsenter", "Bakken nærmiljøsenter"} <= names
    assert {"SMK frivilligsentral", "Gulset nærmiljøsenter"} <= names

    klyve = Centre.objects.get(slug="klyve")
    assert list(klyve.target_groups.values_list("name", flat=True)) == [
        "Barn og ungdom",
        "Flerkulturelle",
        "Seniorer",
    ]
    assert klyve.goal_periods.get().motto == "Den inkluderende bydelen"
    gulset_goal = Centre.objects.get(slug="gulset").goal_periods.get().goals.last()
    assert gulset_goal.details == "Samarbeid med Team Fritid\nMerbruk av Overground"
    smk_partner = Centre.objects.get(slug="smk").partners.get(
        name="Klosterhagen og Solum legesenter"
    )
    assert "Frivilligsentralen på gul resept" in smk_partner.cooperation
    moving = Centre.objects.get(slug="kommunal-frivilligsentral")
    assert "Menstad til Lie" in moving.status_note


def test_demo_has_the_logins_and_the_dialogue_meeting(demo):
    leaders = User.objects.filter(role="leader").values_list("username", "centre__slug")
    assert set(leaders) == {
        ("leder-klyve", "klyve"),
        ("leder-frogner", "frogner"),
        ("leder-bakken", "bakken"),
        ("leder-smk", "smk"),
        ("leder-gulset", "gulset"),
    }
    for username in ("admin", "koordinator-skien", "koordinator-drammen", "leder-smk"):
        assert User.objects.get(username=username).check_password("demo")
    dialogue = Meeting.objects.get(kind="dialogue")
    presenters = list(dialogue.agenda_items.values_list("presenter", flat=True))
    assert presenters[0] == "utvalgsleder Hans Edvard Askjer"
    assert dialogue.agenda_items.filter(is_break=True, title="Kaffe og mingling").exists()


def test_demo_schedule_shows_held_planned_and_overdue_visits(demo):
    import datetime

    skien = Centre.objects.get(slug="klyve").municipality
    schedule = formal_schedule(skien, 2026, datetime.date(2026, 11, 23))
    assert (schedule.held_count, schedule.planned_count, schedule.overdue_count) == (3, 1, 2)


def test_demo_has_drammens_strategy_and_hearing_as_in_seed_004(demo):
    from plans.models import Hearing, Plan

    strategy = Plan.objects.get(municipality__slug="drammen", title="Strategi for frivillighet")
    assert strategy.kind == "strategy" and strategy.parent.kind == "master"
    assert "frem mot 2030" in strategy.purpose
    goals = list(strategy.goals.all())
    assert [goal.number for goal in goals] == [1, 2, 3]
    assert "lett å starte og drive frivillig aktivitet" in goals[0].title
    assert [goal.strategies.count() for goal in goals] == [3, 3, 2]
    assert goals[1].strategies.get(number=3).text.startswith("Legge til rette for enkel")
    assert not strategy.measures.exists()

    hearing = Hearing.objects.with_counts().get(plan=strategy)
    assert (hearing.start_date.isoformat(), hearing.end_date.isoformat()) == (
        "2023-06-15",
        "2023-09-17",
    )
    assert hearing.input_count == 10
    assert hearing.inputs.get(number=1).changed_goals.get() == goals[0]
    assert hearing.inputs.filter(changed_strategies__goal=goals[1]).count() >= 2


def test_demo_has_skiens_plans_and_centres_working_for_the_sub_plan_goal(demo):
    import datetime

    from plans.models import Goal, Measure, Plan

    sub_plan = Plan.objects.get(municipality__slug="skien", kind="sub_plan")
    assert (sub_plan.start_year, sub_plan.end_year) == (2020, 2029)
    goal = Goal.objects.get(plan=sub_plan, number=1)
    assert goal.title == "Frivilligheten i Skien har gode vekstvilkår"
    assert goal.strategies.count() == 3
    strategic = Plan.objects.get(
        title="Strategisk plan for frivillighet", municipality__slug="skien"
    )
    assert (strategic.start_year, strategic.end_year, strategic.parent) == (2022, 2026, sub_plan)
    assert strategic.measures.filter(goal=goal).count() == 5
    assert Measure.objects.overdue(datetime.date(2026, 11, 23)).count() == 2
    working = Goal.objects.with_progress().get(pk=goal.pk)
    assert working.has_measure and working.has_centre
    centres = set(goal.centre_goals.values_list("period__centre__slug", flat=True)) | set(
        goal.strategies.values_list("centre_goals__period__centre__slug", flat=True)
    )
    assert {"klyve", "frogner", "bakken", "smk", "gulset"} <= centres
