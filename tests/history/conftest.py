"""Fixtures for the history tests: the survey fixtures and the agreement fixtures of
their own apps, and a helper that reads the history rows a request wrote."""

import re

import pytest

from ..agreements.conftest import agreement, framework  # noqa: F401
from ..plans.conftest import goal, strategy_plan  # noqa: F401
from ..surveys.conftest import questions, response_a, survey  # noqa: F401


def latest(model, **filters):
    """The newest history row of `model` matching `filters`."""
    return model.history.filter(**filters).order_by("-history_date", "-history_id").first()


@pytest.fixture
def page_of(client_for):
    """(status, page) with <ins> tags written plainly, so tests read old → new."""

    def get(user, url):
        response = client_for(user).get(url)
        return response.status_code, re.sub(r"<ins [^>]*>", "<ins>", response.content.decode())

    return get
