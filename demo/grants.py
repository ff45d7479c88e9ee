"""Skien's 2026 grant year with the 2024 figures (480 046 kr per centre, 40 % local
funding): four centres complete and qualifying, Gulset's annual report still a draft
with no accounts uploaded, and the municipal centre (moving from Menstad to Lie) below
the 40 % floor, assessed «ikke oppfylt» with a note.

Idempotent: the year is found by (municipality, year), a centre's status by (year,
centre), the report by its status, activities by their order; an accounts file that is
there is not written again. Written with the coordinator as the assessor on the data
file's date; nobody is e-mailed.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.models import User
from grants import services
from grants.conditions import fill_conditions
from grants.models import (
    ActivityCategory,
    AnnualReport,
    CentreGrantStatus,
    Condition,
    GrantYear,
    ReportActivity,
    Result,
)

from .loader import DemoContext


def _when(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def _accounts_pdf(centre, year: int) -> bytes:
    """A one-page PDF standing in for the approved accounts."""
    text = f"Regnskap {year} {centre.name}".encode("latin-1", "replace")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def load(data: dict, context: DemoContext) -> None:
    municipality = context.municipalities[data["municipality"]]
    coordinator = context.users[data["coordinator"]]
    when = _when(data["assessed_at"])
    y = data["year"]
    grant_year, created = GrantYear.objects.update_or_create(
        municipality=municipality,
        year=y["year"],
        defaults={
            "rate": y["rate"],
            "local_share_percent": y["local_share_percent"],
            "deadline": datetime.date.fromisoformat(y["deadline"]),
            "internal_deadline": datetime.date.fromisoformat(y["internal_deadline"]),
        },
    )
    context.report.count("tilskuddsår", created)
    fill_conditions(grant_year)
    categories = {}
    for order, name in enumerate(data["categories"], 1):
        categories[name], _ = ActivityCategory.objects.update_or_create(
            municipality=municipality, name=name, defaults={"order": order}
        )
    for item in data["centres"]:
        _load_centre(
            grant_year, context.centres[item["slug"]], item, data, categories, coordinator, when
        )


def _load_centre(grant_year, centre, item, data, categories, coordinator, when) -> None:
    members = [f"Representant for {p.name}" for p in centre.partners.order_by("order")[:3]]
    income = item["income"]
    status, _ = CentreGrantStatus.objects.update_or_create(
        grant_year=grant_year,
        centre=centre,
        defaults={
            "owner_name": item["owner"],
            "owner_in_register": item.get("owner_in_register", True),
            "advisory_members": "\n".join(["Daglig leder", *members]),
            "premises": item["premises"],
            "fte": Decimal(item["fte"]),
            "income_municipality": income[0],
            "income_other_public": income[1],
            "income_private": income[2],
            "income_own": income[3],
        },
    )
    # The coordinator's assessment: the accounts wait for the report (the evidence
    # decides them); the local funding is met unless the data file says why not.
    results = {}
    for condition in grant_year.conditions.all():
        if condition.kind == Condition.Kind.ACCOUNTS:
            continue
        note = ""
        result = Result.MET
        if condition.kind == Condition.Kind.LOCAL_FUNDING and item.get("local_funding_note"):
            result, note = Result.NOT_MET, item["local_funding_note"]
        elif condition.kind == Condition.Kind.NAME and not status.name_check():
            note = data["name_note"]
        results[condition.pk] = (result, note)
    services.assess(grant_year=grant_year, centre=centre, results=results, by=coordinator, now=when)
    if "report" in item:
        _load_report(status, centre, item["report"], categories, coordinator)


def _load_report(status, centre, data, categories, by) -> None:
    leader = centre_leader(centre)
    report, _ = AnnualReport.objects.get_or_create(status=status)
    report.summary = f"{centre.name} hadde et år med mange aktiviteter og nye frivillige."
    report.target_groups = "\n".join(
        f"– {name}" for name in centre.target_groups.order_by("rank").values_list("name", flat=True)
    )
    report.partners = "\n".join(
        f"– {name}" for name in centre.partners.order_by("order").values_list("name", flat=True)
    )
    report.volunteers, report.volunteer_hours = data["volunteers"], data["hours"]
    submitted = data["state"] == AnnualReport.State.SUBMITTED
    if submitted and not report.accounts:
        # A fixed name, written once: running the demo again finds the file there.
        year = status.grant_year.year
        name = f"grants/accounts/{year}/demo-{centre.slug}.pdf"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(_accounts_pdf(centre, year)))
        report.accounts.name = name
        report.accounts_name = f"Regnskap {year} {centre.name}.pdf"
        report.accounts_uploaded_at = _when(data["submitted_at"])
    report.state = data["state"]
    if submitted:
        report.submitted_at = _when(data["submitted_at"])
        report.submitted_by = leader or by
    report.save()
    for order, (category, name, participants) in enumerate(data["activities"], 1):
        ReportActivity.objects.update_or_create(
            report=report,
            order=order,
            defaults={"category": categories[category], "name": name, "participants": participants},
        )
    report.activities.filter(order__gt=len(data["activities"])).delete()


def centre_leader(centre):
    return User.objects.filter(centre=centre, role=User.Role.LEADER).order_by("pk").first()
