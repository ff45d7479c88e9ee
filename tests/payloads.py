"""Complete, valid form submissions, so a test changes only what it is about."""


def centre_post(centre, **overrides):
    """A complete, valid edit-page submission for the centre."""
    data = {
        "centre-name": centre.name,
        "centre-district": centre.district,
        "centre-organisation_model": centre.organisation_model,
        "centre-status_note": "",
        "centre-active": "on",
        "centre-org_number": "",
        "centre-street_address": "",
        "centre-postal_code": "",
        "centre-postal_place": "",
        "centre-email": "",
        "centre-phone": "",
        "centre-website": "",
        "centre-cooperation_summary": "",
        "groups-TOTAL_FORMS": "5",
        "groups-INITIAL_FORMS": "0",
        "period-start_year": "2025",
        "period-end_year": "2026",
        "period-motto": "",
    }
    for i in range(5):
        data[f"groups-{i}-name"] = ""
    for prefix in ("goals", "partners", "contacts"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    for key, value in overrides.items():
        data[f"centre-{key}"] = value
    return data


def meeting_post(**overrides):
    data = {
        "meeting-kind": "common",
        "meeting-title": "Fellesmøte",
        "meeting-date": "2026-02-12",
        "meeting-start_time": "13:00",
        "meeting-end_time": "15:00",
        "meeting-location": "Rådhuset",
        "meeting-notes": "",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "followups-TOTAL_FORMS": "0",
        "followups-INITIAL_FORMS": "0",
    }
    for key, value in overrides.items():
        data[f"meeting-{key}"] = value
    return data
