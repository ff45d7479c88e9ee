"""Skien's framework and Klyve's agreement, made through agreements.services so they
have the versions a real one has. The cast comes from tests/conftest.py."""

import pytest

from agreements.models import Agreement

from ..factories import drafted_agreement, framework_with_clauses


@pytest.fixture
def framework(municipality, coordinator):
    return framework_with_clauses(municipality, by=coordinator)


@pytest.fixture
def agreement(framework, centre_a, coordinator, leader_a):
    """Klyve's draft: three common clauses from the framework, no local ones yet."""
    return drafted_agreement(centre_a, by=coordinator)


@pytest.fixture
def signed_agreement(framework, centre_a, coordinator, leader_a):
    return drafted_agreement(centre_a, by=coordinator, status=Agreement.Status.SIGNED)


def fresh(agreement) -> Agreement:
    return Agreement.objects.get(pk=agreement.pk)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Runs what waits for the commit (the e-mail task), as after a real request."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def _value(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def edit_post(agreement, *, clauses=None, extra=(), revision=None, based_on=None, **fields):
    """The edit form as the browser posts it, untouched unless told: `fields` override
    the agreement's fields, `clauses` maps a local clause's index to overrides (such as
    {"DELETE": "on"}), `extra` adds new local clauses."""
    from agreements.versions import FIELD_NAMES

    agreement = Agreement.objects.get(pk=agreement.pk)
    data = {f"avtale-{name}": _value(getattr(agreement, name)) for name in FIELD_NAMES}
    data.update({f"avtale-{name}": _value(value) for name, value in fields.items()})
    local = list(agreement.clauses.filter(kind="local").order_by("order", "pk"))
    rows = [
        {
            "id": c.pk,
            "order": c.order,
            "title": c.title,
            "text": c.text,
            **(clauses or {}).get(i, {}),
        }
        for i, c in enumerate(local)
    ]
    rows += [dict(row) for row in extra]
    data.update(
        {
            "punkt-TOTAL_FORMS": str(len(rows)),
            "punkt-INITIAL_FORMS": str(len(local)),
            "punkt-MIN_NUM_FORMS": "0",
            "punkt-MAX_NUM_FORMS": "1000",
        }
    )
    for index, row in enumerate(rows):
        for name, value in row.items():
            if isinstance(value, list | tuple):
                data[f"punkt-{index}-{name}"] = [str(v) for v in value]
            else:
                data[f"punkt-{index}-{name}"] = _value(value)
    latest = agreement.versions.order_by("-number").first()
    data["revision"] = str(agreement.revision if revision is None else revision)
    data["based_on"] = str((latest.number if latest else 0) if based_on is None else based_on)
    data.setdefault("note", "")
    return data


def framework_post(framework, *, clauses=None, extra=(), revision=None, based_on=None, **fields):
    """The framework form as the browser posts it, untouched unless told: `clauses` maps
    a clause's index to overrides, `extra` adds new clauses."""
    from agreements.models import Framework

    framework = Framework.objects.get(pk=framework.pk)
    data = {
        "framework-title": framework.title,
        "framework-introduction": framework.introduction,
        "framework-note": "",
    }
    data.update({f"framework-{name}": value for name, value in fields.items()})
    rows = [
        {
            "id": c.pk,
            "order": c.order,
            "title": c.title,
            "text": c.text,
            "reference": c.reference,
            "reference_url": c.reference_url,
            "goal": c.goal_id,
            "strategy": c.strategy_id,
            **(clauses or {}).get(i, {}),
        }
        for i, c in enumerate(framework.clauses.order_by("order", "pk"))
    ]
    initial = len(rows)
    rows += [dict(row) for row in extra]
    data.update(
        {
            "clauses-TOTAL_FORMS": str(len(rows)),
            "clauses-INITIAL_FORMS": str(initial),
            "clauses-MIN_NUM_FORMS": "0",
            "clauses-MAX_NUM_FORMS": "1000",
        }
    )
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"clauses-{index}-{name}"] = _value(value)
    current = framework.current_version
    data["revision"] = str(framework.revision if revision is None else revision)
    data["based_on"] = str((current.number if current else 0) if based_on is None else based_on)
    return data
