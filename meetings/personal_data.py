"""Where meetings name a person, for the export in accounts.services."""

from accounts.personal_data import register_named_in, rows

from .models import AgendaItem, FollowUp


def agenda_items(name: str) -> list[dict]:
    return rows(
        AgendaItem.objects.filter(presenter__iexact=name).order_by("pk"),
        "id",
        "meeting__title",
        "meeting__date",
        "title",
        "presenter",
    )


def follow_ups(name: str) -> list[dict]:
    return rows(
        FollowUp.objects.filter(responsible__iexact=name).order_by("pk"),
        "id",
        "meeting__title",
        "meeting__date",
        "text",
        "responsible",
        "due_date",
        "done",
    )


def register_parts() -> None:
    register_named_in("agenda_items", agenda_items, position=20)
    register_named_in("follow_ups", follow_ups, position=30)
