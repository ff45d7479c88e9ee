"""The visits and meetings shown on the centres' pages (centres.page_parts)."""

from centres import page_parts

from . import access
from .schedule import formal_schedule


def on_detail(user, centre, today) -> dict:
    schedule = formal_schedule(centre.municipality, today.year, today, centres=[centre])
    return {
        "schedule": schedule,
        "visit": schedule.visits[0] if access.can_see_visits_of(user, centre) else None,
        "meetings": access.visible_meetings(user, centre.meetings.order_by("-date"))[:10],
    }


def on_list(user, centres, today) -> dict[str, dict]:
    """This year's visit of each active centre whose visits the user may see."""
    if not user.municipality_id:
        return {"visits": {}}
    active = [
        centre for centre in centres if centre.active and access.can_see_visits_of(user, centre)
    ]
    schedule = formal_schedule(user.municipality, today.year, today, centres=active)
    return {"visits": {item.centre.pk: item for item in schedule.visits}}


def register_parts() -> None:
    page_parts.register(on_detail=on_detail, on_list=on_list)
