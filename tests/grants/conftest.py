import pytest

from grants.models import Result

from .factories import ActivityCategoryFactory, GrantYearFactory, StatusFactory

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def grant_year(municipality):
    return GrantYearFactory(municipality=municipality)


@pytest.fixture
def category(municipality):
    return ActivityCategoryFactory(municipality=municipality, name="Møteplasser")


def meet_all(status, by=None):
    """Every condition of the year assessed as met by the coordinator."""
    for condition in status.grant_year.conditions.all():
        status.assessments.create(condition=condition, result=Result.MET, assessed_by=by)


@pytest.fixture
def status_a(grant_year, centre_a, coordinator):
    status = StatusFactory(grant_year=grant_year, centre=centre_a)
    meet_all(status, coordinator)
    return status
