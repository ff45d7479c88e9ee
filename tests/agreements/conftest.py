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
