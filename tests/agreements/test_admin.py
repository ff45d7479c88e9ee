"""The agreements in the admin: every page renders for an admin, and coordinators and
leaders are kept out."""

import pytest

from agreements import comments as agreement_comments
from agreements import transitions

MODELS = [
    "framework",
    "frameworkversion",
    "agreement",
    "agreementversion",
]


@pytest.fixture
def objects(agreement, framework, leader_a):
    agreement_comments.add_comment(agreement=agreement, by=leader_a, text="Hei")
    transitions.apply_transition(agreement, "send", by=framework.current_version.created_by)
    return {
        "framework": framework,
        "frameworkversion": framework.current_version,
        "agreement": agreement,
        "agreementversion": agreement.versions.get(),
    }


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_and_change_pages_render(model, client_for, admin_user, objects):
    client = client_for(admin_user)
    for url in (
        f"/admin/agreements/{model}/",
        f"/admin/agreements/{model}/{objects[model].pk}/change/",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["coordinator", "leader_a"])
def test_the_admin_is_closed_to_portal_users(who, cast, client_for, objects):
    response = client_for(cast[who]).get("/admin/agreements/agreement/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def admin_post(agreement, **changes):
    """The admin's agreement form as posted, with `changes` to the agreement's fields."""
    agreement = type(agreement).objects.get(pk=agreement.pk)
    fields = [
        "municipality", "centre", "title", "valid_from", "valid_to", "municipality_signatory",
        "municipality_signatory_title", "centre_signatory", "centre_signatory_title",
        "grant_amount", "premises", "contact_person", "meeting_frequency", "created_by",
        "created_at", "updated_at", "updated_by",
    ]  # fmt: skip
    data = {}
    for name in fields:
        value = (
            getattr(agreement, f"{name}_id", None)
            if name in ("municipality", "centre", "created_by", "updated_by")
            else getattr(agreement, name)
        )
        if name in ("created_at", "updated_at"):
            data[f"{name}_0"], data[f"{name}_1"] = value.strftime("%Y-%m-%d"), "12:00:00"
            continue
        data[name] = (
            "" if value is None else value.isoformat() if hasattr(value, "isoformat") else value
        )
    clauses = list(agreement.clauses.order_by("order"))
    data |= _management("clauses", len(clauses), len(clauses))
    for i, clause in enumerate(clauses):
        data |= {
            f"clauses-{i}-id": clause.pk,
            f"clauses-{i}-agreement": agreement.pk,
            f"clauses-{i}-order": clause.order,
            f"clauses-{i}-kind": clause.kind,
            f"clauses-{i}-title": clause.title,
            f"clauses-{i}-text": clause.text,
        }
    data |= _management("events", agreement.events.count(), agreement.events.count())
    for i, event in enumerate(agreement.events.all()):
        data |= {f"events-{i}-id": event.pk, f"events-{i}-agreement": agreement.pk}
    return data | changes


def test_an_admin_edit_of_the_framework_is_a_version(client_for, admin_user, framework):
    clauses = list(framework.clauses.order_by("order"))
    data = {"municipality": framework.municipality_id, "title": framework.title}
    data |= {"introduction": "Endret i administrasjonen."}
    data |= _management("clauses", len(clauses), len(clauses))
    for i, clause in enumerate(clauses):
        data |= {
            f"clauses-{i}-id": clause.pk,
            f"clauses-{i}-framework": framework.pk,
            f"clauses-{i}-order": clause.order,
            f"clauses-{i}-title": clause.title,
            f"clauses-{i}-text": clause.text,
        }
    response = client_for(admin_user).post(
        f"/admin/agreements/framework/{framework.pk}/change/", data
    )
    assert response.status_code == 302, response.context["errors"]
    framework.refresh_from_db()
    assert framework.current_version.number == 2
    assert framework.current_version.created_by == admin_user
    assert framework.current_version.snapshot["introduction"] == "Endret i administrasjonen."


def test_an_admin_edit_of_an_agreement_is_a_version(client_for, admin_user, agreement):
    response = client_for(admin_user).post(
        f"/admin/agreements/agreement/{agreement.pk}/change/",
        admin_post(agreement, premises="Klyve skole", **{"clauses-0-text": "Ny felles tekst."}),
    )
    assert response.status_code == 302, response.context["errors"]
    agreement.refresh_from_db()
    assert agreement.premises == "Klyve skole"
    latest = agreement.versions.order_by("-number").first()
    assert latest.number == 2 and latest.created_by == admin_user
    assert latest.snapshot["fields"]["premises"] == "Klyve skole"
