"""The surveys shown on a meeting's page (meetings.page_parts): the dialogue meeting
links to the survey presented there, its results and its deck, as far as the user may
open them."""

from frivillig.lib.access import is_coordinator_of
from meetings import page_parts

from . import access


def on_detail(user, meeting) -> dict:
    surveys = list(access.visible_surveys(user, meeting.surveys.order_by("-round", "pk")))
    return {
        "meeting_surveys": [
            {
                "survey": survey,
                "can_manage": is_coordinator_of(user, survey.municipality_id),
                "results": access.can_see_results(user, survey),
            }
            for survey in surveys
        ]
    }


def register_parts() -> None:
    page_parts.register(on_detail=on_detail)
