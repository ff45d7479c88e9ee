"""What centres hold about a person, for the export in accounts.services."""

from accounts.personal_data import register, rows

from .models import ContactPerson


def contact_entries(user) -> list[dict]:
    """The centres' contact lists name people by their e-mail address."""
    return rows(
        ContactPerson.objects.filter(email__iexact=user.email).order_by("pk")
        if user.email
        else ContactPerson.objects.none(),
        "id",
        "centre__name",
        "name",
        "title",
        "email",
        "phone",
    )


def register_parts() -> None:
    register("centre_contact_entries", contact_entries, position=100)
