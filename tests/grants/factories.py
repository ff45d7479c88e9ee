"""The grant app's factories (beside tests/factories.py, which the other apps share)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from grants.conditions import fill_conditions
from grants.models import ActivityCategory, CentreGrantStatus, GrantYear

from ..factories import MunicipalityFactory


class GrantYearFactory(DjangoModelFactory):
    class Meta:
        model = GrantYear
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2026
    rate = 480046
    local_share_percent = 40
    deadline = datetime.date(2027, 6, 1)
    internal_deadline = datetime.date(2027, 4, 15)

    @factory.post_generation
    def conditions(self, create, extracted, **kwargs):
        if create and extracted is not False:
            fill_conditions(self)


class ActivityCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ActivityCategory

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Kategori {n}")


class StatusFactory(DjangoModelFactory):
    class Meta:
        model = CentreGrantStatus

    grant_year = factory.SubFactory(GrantYearFactory)
    centre = factory.SubFactory("tests.factories.CentreFactory")
    owner_name = "Skien kommune"
    advisory_members = "Kari Nordmann (Skien Røde Kors)\nOla Nordmann (Idrettslaget)"
    premises = "Bydelshuset"
    fte = 1
    income_municipality = 300000
    income_other_public = 10000
    income_private = 10000
    income_own = 20000
