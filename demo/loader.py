"""Loads the demo data file into the database. Idempotent: every object is found by a
natural key (slug, username, title and date, rank, order) and brought to the state the
file describes, so a second run changes nothing and creates no duplicates."""

import datetime
import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Municipality, User
from centres.models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal
from centres.services import replace_target_groups
from meetings.models import AgendaItem, FollowUp, Meeting

DATA_DIR = Path(__file__).parent / "data"
DATA_FILE = DATA_DIR / "demo.json"
DEMO_PASSWORD = "demo"

# Each app that has demo data ships `demo/data/<app>.json` and a module `demo/<app>.py`
# with `load(data: dict, context: DemoContext)`; they run in this order after the core.
APP_LOADERS = ["plans", "surveys", "profile_questions", "deck", "agreements", "grants", "people"]


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)

    def count(self, name: str, created: bool) -> None:
        if created:
            self.created[name] = self.created.get(name, 0) + 1


def _lines(value) -> str:
    return "\n".join(value) if isinstance(value, list) else (value or "")


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


@dataclass
class DemoContext:
    """What app loaders need from the core data: objects by their natural keys."""

    report: LoadReport
    municipalities: dict[str, Municipality]
    centres: dict[str, Centre]
    users: dict[str, User]


@transaction.atomic
def load_demo(path: Path = DATA_FILE) -> LoadReport:
    data = json.loads(path.read_text(encoding="utf-8"))
    report = LoadReport()
    municipalities = {}
    for item in data["municipalities"]:
        municipality, created = Municipality.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "common_meeting_quarter": item["common_meeting_quarter"],
                "visit_quarter": item["visit_quarter"],
                "facts": _lines(item.get("facts")),
            },
        )
        municipalities[item["slug"]] = municipality
        report.count("kommuner", created)

    centres = {}
    for item in data["centres"]:
        centres[item["slug"]] = _load_centre(item, municipalities, report)

    users = {}
    # Every demo login has the password "demo": hashed once, not once per user (the
    # hasher's deliberate slowness made the users most of the demo's time).
    password = make_password(DEMO_PASSWORD)
    for item in data["users"]:
        users[item["username"]] = _load_user(item, municipalities, centres, password, report)

    for item in data["meetings"]:
        _load_meeting(item, municipalities, centres, report)

    context = DemoContext(report, municipalities, centres, users)
    for app in APP_LOADERS:
        app_data = json.loads((path.parent / f"{app}.json").read_text(encoding="utf-8"))
        importlib.import_module(f"demo.{app}").load(app_data, context)
    return report


def _load_centre(item, municipalities, report) -> Centre:
    centre, created = Centre.objects.update_or_create(
        slug=item["slug"],
        defaults={
            "municipality": municipalities[item["municipality"]],
            "name": item["name"],
            "district": item["district"],
            "organisation_model": item["organisation_model"],
            "status_note": item.get("status_note", ""),
            "cooperation_summary": _lines(item.get("cooperation_summary")),
        },
    )
    report.count("frivilligsentraler", created)
    names = item.get("target_groups", [])
    if list(centre.target_groups.values_list("name", flat=True)) != names:
        replace_target_groups(centre, names)

    if period_data := item.get("goal_period"):
        period, _ = GoalPeriod.objects.update_or_create(
            centre=centre,
            start_year=period_data["start_year"],
            end_year=period_data["end_year"],
            defaults={"motto": period_data.get("motto", "")},
        )
        for order, goal in enumerate(period_data["goals"], 1):
            PeriodGoal.objects.update_or_create(
                period=period,
                order=order,
                defaults={"text": goal["text"], "details": _lines(goal.get("details"))},
            )
        period.goals.filter(order__gt=len(period_data["goals"])).delete()

    partners = item.get("partners", [])
    for order, partner in enumerate(partners, 1):
        Partner.objects.update_or_create(
            centre=centre,
            order=order,
            defaults={"name": partner["name"], "cooperation": _lines(partner.get("cooperation"))},
        )
    centre.partners.filter(order__gt=len(partners)).delete()
    return centre


def _load_user(item, municipalities, centres, password: str, report) -> User:
    user = User.objects.filter(username=item["username"]).first()
    created = user is None
    if created:
        user = User(username=item["username"], password=password)
    user.first_name = item["first_name"]
    user.last_name = item["last_name"]
    user.email = item["email"]
    user.is_superuser = user.is_staff = bool(item.get("superuser"))
    user.role = item.get("role", "")
    user.municipality = municipalities.get(item.get("municipality"))
    user.centre = centres.get(item.get("centre"))
    user.save()
    report.count("brukere", created)
    report.logins.append((user.username, user.get_role_display() or "Administrator"))
    if user.centre:
        ContactPerson.objects.update_or_create(
            centre=user.centre,
            email=user.email,
            defaults={"name": user.get_full_name(), "title": "Daglig leder", "order": 1},
        )
    return user


def _load_meeting(item, municipalities, centres, report) -> None:
    meeting, created = Meeting.objects.update_or_create(
        municipality=municipalities[item["municipality"]],
        title=item["title"],
        date=datetime.date.fromisoformat(item["date"]),
        defaults={
            "kind": item["kind"],
            "start_time": _time(item.get("start_time")),
            "end_time": _time(item.get("end_time")),
            "location": item.get("location", ""),
            "notes": item.get("notes", ""),
        },
    )
    report.count("møter", created)
    meeting.centres.set([centres[slug] for slug in item.get("centres", [])])
    agenda = item.get("agenda", [])
    for order, entry in enumerate(agenda, 1):
        AgendaItem.objects.update_or_create(
            meeting=meeting,
            order=order,
            defaults={
                "title": entry["title"],
                "presenter": entry.get("presenter", ""),
                "is_break": entry.get("is_break", False),
            },
        )
    meeting.agenda_items.filter(order__gt=len(agenda)).delete()
    for entry in item.get("follow_ups", []):
        FollowUp.objects.update_or_create(
            meeting=meeting,
            text=entry["text"],
            defaults={
                "responsible": entry.get("responsible", ""),
                "due_date": datetime.date.fromisoformat(entry["due_date"]),
                "done": entry.get("done", False),
            },
        )
