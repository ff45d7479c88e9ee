"""What agreements hold about a person, for the export in accounts.services."""

from django.db.models import Q

from accounts.personal_data import register, register_named_in, rows

from .models import Agreement, AgreementEvent, AgreementVersion, Comment, FrameworkVersion


def created_or_saved(user) -> list[dict]:
    return rows(
        Agreement.objects.filter(Q(created_by=user) | Q(updated_by=user)).order_by("pk"),
        "id",
        "title",
        "centre__name",
        "status",
        "created_at",
        "updated_at",
    )


def events(user) -> list[dict]:
    return rows(
        AgreementEvent.objects.filter(by=user).order_by("at", "pk"),
        "id",
        "agreement__title",
        "action",
        "from_status",
        "to_status",
        "at",
        "comment",
    )


def comments(user) -> list[dict]:
    return rows(
        Comment.objects.filter(author=user).order_by("created_at", "pk"),
        "id",
        "agreement__title",
        "clause_title",
        "text",
        "created_at",
    )


def comments_resolved(user) -> list[dict]:
    return rows(
        Comment.objects.filter(resolved_by=user).order_by("resolved_at", "pk"),
        "id",
        "agreement__title",
        "resolved_at",
    )


def versions_saved(user) -> list[dict]:
    return rows(
        AgreementVersion.objects.filter(created_by=user).order_by("created_at", "pk"),
        "id",
        "agreement__title",
        "number",
        "note",
        "created_at",
    )


def framework_versions_saved(user) -> list[dict]:
    return rows(
        FrameworkVersion.objects.filter(created_by=user).order_by("created_at", "pk"),
        "id",
        "framework__municipality__name",
        "number",
        "note",
        "created_at",
    )


def named_as_signatory_or_contact(name: str) -> list[dict]:
    return rows(
        Agreement.objects.filter(
            Q(municipality_signatory__iexact=name)
            | Q(centre_signatory__iexact=name)
            | Q(contact_person__iexact=name)
        ).order_by("pk"),
        "id",
        "title",
        "centre__name",
        "status",
        "municipality_signatory",
        "centre_signatory",
        "contact_person",
    )


def register_parts() -> None:
    register("agreements_created_or_saved", created_or_saved, position=40)
    register("agreement_events", events, position=50)
    register("agreement_comments", comments, position=60)
    register("agreement_comments_resolved", comments_resolved, position=70)
    register("agreement_versions_saved", versions_saved, position=80)
    register("framework_versions_saved", framework_versions_saved, position=90)
    register_named_in("agreements", named_as_signatory_or_contact, position=10)
