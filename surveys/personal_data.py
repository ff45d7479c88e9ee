"""What surveys hold about a person, for the export in accounts.services."""

from accounts.personal_data import register, rows

from .models import Survey, SurveyResponse


def surveys_created(user) -> list[dict]:
    return rows(
        Survey.objects.filter(created_by=user).order_by("pk"),
        "id",
        "title",
        "round",
        "municipality__name",
        "created_at",
    )


def responses_saved(user) -> list[dict]:
    return rows(
        SurveyResponse.objects.filter(updated_by=user).order_by("pk"),
        "id",
        "survey__title",
        "survey__round",
        "centre__name",
        "status",
        "updated_at",
    )


def responses_submitted(user) -> list[dict]:
    return rows(
        SurveyResponse.objects.filter(submitted_by=user).order_by("pk"),
        "id",
        "survey__title",
        "survey__round",
        "centre__name",
        "submitted_at",
    )


def register_parts() -> None:
    register("surveys_created", surveys_created, position=10)
    register("survey_responses_saved", responses_saved, position=20)
    register("survey_responses_submitted", responses_submitted, position=30)
