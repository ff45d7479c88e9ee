"""The grant app's part of the URL access matrix (tests/security/test_url_access.py):
the objects behind its URLs, and the arguments and posts each pattern is requested
with. Everything belongs to Skien and, where a URL names a centre, to Klyve (centre A):
a grant year, Klyve's status with every condition assessed, its annual report as a
draft with the accounts uploaded, and a difference from the register waiting."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from grants.models import AnnualReport, RegisterDifference

from .conftest import MINIMAL_PDF, meet_all
from .factories import ActivityCategoryFactory, GrantYearFactory, StatusFactory


@pytest.fixture
def grants_world(settings, tmp_path, municipality, centre_a, coordinator):
    settings.MEDIA_ROOT = tmp_path / "media"
    grant_year = GrantYearFactory(municipality=municipality)
    status = StatusFactory(grant_year=grant_year, centre=centre_a)
    meet_all(status, coordinator)
    report = AnnualReport(status=status, summary="Et godt år.")
    report.accounts.save("regnskap.pdf", ContentFile(MINIMAL_PDF), save=False)
    report.save()
    difference = RegisterDifference.objects.create(
        centre=centre_a,
        field=RegisterDifference.Field.ADDRESS,
        portal_value="",
        register_value="Klyvevegen 1, 3721 Skien",
        values={"street_address": "Klyvevegen 1", "postal_code": "3721", "postal_place": "Skien"},
        found_at=timezone.now(),
    )
    category = ActivityCategoryFactory(municipality=municipality, name="Møteplasser")
    return SimpleNamespace(
        year=grant_year, status=status, report=report, difference=difference, category=category
    )


def grant_args(w) -> dict:
    g, slug = w.grants, w.centre_a.slug
    centre_urls = ["status", "evidence", "assess", "decision", "report", "report_reopen"]
    return {
        "grants:difference_decide": [g.difference.pk],
        "grants:year": [g.year.pk],
        "grants:basis_xlsx": [g.year.pk],
        "grants:basis_pdf": [g.year.pk],
        "grants:accounts": [g.year.pk, slug],
        **{f"grants:{name}": [g.year.pk, slug] for name in centre_urls},
    }


def grant_data(w) -> dict:
    g = w.grants
    return {
        "grants:difference_decide": lambda: {"action": "accept"},
        "grants:evidence": lambda: {
            "owner_name": "Klyve nærmiljøsenter SA",
            "owner_org_number": "",
            "owner_in_register": "true",
            "host_org_number": "",
            "advisory_members": "Kari (Røde Kors)",
            "premises": "Klyve skole",
            "fte": "1,5",
            "income_municipality": "400000",
            "income_other_public": "",
            "income_private": "",
            "income_own": "",
        },
        "grants:assess": lambda: {f"result_{c.pk}": "not_met" for c in g.year.conditions.all()},
        "grants:decision": lambda: {
            "exclude": "yes",
            "reasons": "Under kravet til lokal finansiering.",
            "decided_on": datetime.date.today().isoformat(),
        },
        "grants:report": lambda: {
            **report_post(summary="Et enda bedre år."),
            "action": "save",
        },
    }


def report_post(prefix="activities", rows=(), **fields) -> dict:
    """A complete post of the annual report form with `rows` of activities
    (category pk, name, participants)."""
    data = {
        "summary": "",
        "target_groups": "",
        "goals_and_results": "",
        "partners": "",
        "municipality_meetings": "",
        "survey_answers": "",
        "volunteers": "",
        "volunteer_hours": "",
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "100",
    }
    for n, (category, name, participants) in enumerate(rows):
        data[f"{prefix}-{n}-category"] = str(category)
        data[f"{prefix}-{n}-name"] = name
        data[f"{prefix}-{n}-participants"] = str(participants)
        data[f"{prefix}-{n}-ORDER"] = str(n + 1)
    data.update(fields)
    return data
