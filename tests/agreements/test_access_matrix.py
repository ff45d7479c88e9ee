"""Who gets what: every agreements URL for the whole cast, cell by cell.

Klyve (centre A, leader_a) has a draft, a signed and an active agreement with Skien;
leader_b leads Gulset in the same municipality; other_coordinator works for Drammen.
"login" is the redirect to the login page; 404: the agreement does not exist for the
user; 403: the user may read it but not do this. A POST that is allowed must also have
done its work, and one that is refused must have changed nothing.
"""

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementClause, Comment, FrameworkClause

from ..factories import (
    AgreementClauseFactory,
    AgreementCommentFactory,
    AgreementFactory,
    drafted_agreement,
)
from .conftest import edit_post, framework_post, fresh

ROLES = ["anonymous", "coordinator", "other_coordinator", "leader_a", "leader_b", "reader", "admin"]
LOGIN = "login"


def expected(row: str):
    codes = [code if code == LOGIN else int(code) for code in row.split()]
    return dict(zip(ROLES, codes, strict=True))


S = Agreement.Status

#                                          anon coord other leadA leadB reader admin
MATRIX = {
    "list": expected("login 200 200 200 200 200 200"),
    "create": expected("login 200 200 403 403 403 200"),
    "create_post": expected("login 302 200 403 403 403 302"),
    "detail": expected("login 200 404 200 404 404 200"),
    "detail_signed": expected("login 200 404 200 404 200 200"),
    "edit": expected("login 200 404 403 404 404 200"),
    "edit_signed": expected("login 302 404 403 404 403 302"),
    "edit_post": expected("login 302 404 403 404 404 302"),
    "transition_send": expected("login 302 404 302 404 404 302"),
    "transition_approve_centre": expected("login 302 404 302 404 404 302"),
    "transition_signed": expected("login 302 404 302 404 403 302"),
    "renew": expected("login 302 404 403 404 403 302"),
    "adopt_framework": expected("login 302 404 403 404 404 302"),
    "adopt_framework_signed": expected("login 302 404 403 404 403 302"),
    "pdf": expected("login 200 404 200 404 404 200"),
    "pdf_signed": expected("login 200 404 200 404 200 200"),
    "versions": expected("login 200 404 200 404 404 200"),
    "versions_signed": expected("login 200 404 200 404 200 200"),
    "version": expected("login 200 404 200 404 404 200"),
    "version_signed": expected("login 200 404 200 404 200 200"),
    "version_restore": expected("login 200 404 403 404 404 200"),
    "version_restore_signed": expected("login 302 404 403 404 403 302"),
    "version_restore_post": expected("login 302 404 403 404 404 302"),
    "compare": expected("login 200 404 200 404 404 200"),
    "compare_signed": expected("login 200 404 200 404 200 200"),
    "comment_add": expected("login 302 404 302 404 404 302"),
    "comment_add_signed": expected("login 302 404 302 404 403 302"),
    "comment_resolve": expected("login 302 404 302 404 404 302"),
    "comment_resolve_signed": expected("login 302 404 302 404 403 302"),
    "framework": expected("login 200 404 200 200 200 200"),
    "framework_edit": expected("login 200 404 403 403 403 200"),
    "framework_edit_post": expected("login 302 404 403 403 403 302"),
    "framework_compare": expected("login 200 404 200 200 200 200"),
}

# Who the POSTs really work for (the rest must change nothing).
ACTS = {
    "create_post": {"coordinator", "admin"},
    "edit_post": {"coordinator", "admin"},
    "transition_send": {"coordinator", "admin"},
    "transition_approve_centre": {"leader_a"},
    "transition_signed": set(),  # nobody takes "send" on a signed agreement
    "renew": {"coordinator", "admin"},
    "adopt_framework": {"coordinator", "admin"},
    "adopt_framework_signed": set(),  # a signed agreement's text never changes
    "version_restore_post": {"coordinator", "admin"},
    "comment_add": {"coordinator", "leader_a", "admin"},
    "comment_add_signed": {"coordinator", "leader_a", "admin"},
    "comment_resolve": {"coordinator", "leader_a", "admin"},
    "comment_resolve_signed": {"coordinator", "leader_a", "admin"},
    "framework_edit_post": {"coordinator", "admin"},
}


def light_agreement(centre, status, by):
    """An agreement with one clause and one version, cheaper than the services' way."""
    agreement = AgreementFactory(centre=centre, status=status, created_by=by, updated_by=by)
    AgreementClauseFactory(agreement=agreement, title="Formål")
    services.record_version(agreement, by=by)
    return agreement


class World:
    """The objects every cell runs against, made fresh for each test."""

    def __init__(self, municipality, framework, centre_a, coordinator, leader_a):
        self.municipality, self.framework, self.centre = municipality, framework, centre_a
        self.draft = drafted_agreement(centre_a, by=coordinator)

        def add_clause():
            AgreementClause.objects.create(
                agreement=self.draft, order=4, title="Nærmiljøforum", text="Kommunen møter."
            )

        services.save_agreement(
            agreement=self.draft, by=coordinator, revision=0, apply_changes=add_clause
        )
        self.signed = light_agreement(centre_a, S.SIGNED, coordinator)
        self.active = light_agreement(centre_a, S.ACTIVE, coordinator)
        self.sent = light_agreement(centre_a, S.SENT, coordinator)
        self.draft_thread = AgreementCommentFactory(agreement=self.draft, author=leader_a)
        self.signed_thread = AgreementCommentFactory(agreement=self.signed, author=leader_a)

        def reword():
            FrameworkClause.objects.filter(framework=framework, title="Møter").update(
                text="Partene møtes to ganger i året."
            )

        services.save_framework(
            framework=framework, by=coordinator, revision=framework.revision, apply_changes=reword
        )
        self.framework.refresh_from_db()


@pytest.fixture
def world(municipality, framework, centre_a, coordinator, leader_a):
    return World(municipality, framework, centre_a, coordinator, leader_a)


def request_for(name, world, centre_b_pk):
    """(method, url, data, did_it) for one row of the matrix."""
    draft, signed, slug = world.draft, world.signed, world.municipality.slug
    url = lambda view, *args: reverse(f"agreements:{view}", args=args)  # noqa: E731
    comments = lambda a: Comment.objects.filter(agreement=a).count()  # noqa: E731
    before = {"draft_comments": comments(draft), "signed_comments": comments(signed)}
    get = lambda u: lambda: ("get", u, {}, None)  # noqa: E731
    rows = {
        "list": get(url("list")),
        "create": get(url("create")),
        "create_post": lambda: (
            "post",
            url("create"),
            {"centre": centre_b_pk, "valid_from": "2027-01-01", "valid_to": "2028-12-31"},
            lambda: Agreement.objects.filter(centre_id=centre_b_pk).exists(),
        ),
        "detail": get(url("detail", draft.pk)),
        "detail_signed": get(url("detail", signed.pk)),
        "edit": get(url("edit", draft.pk)),
        "edit_signed": get(url("edit", signed.pk)),
        "edit_post": lambda: (
            "post",
            url("edit", draft.pk),
            edit_post(draft, premises="Klyve skole"),
            lambda: fresh(draft).premises == "Klyve skole",
        ),
        "transition_send": lambda: (
            "post",
            url("transition", draft.pk, "send"),
            {},
            lambda: fresh(draft).status == S.SENT,
        ),
        "transition_approve_centre": lambda: (
            "post",
            url("transition", world.sent.pk, "approve_centre"),
            {},
            lambda: fresh(world.sent).status == S.APPROVED_BY_CENTRE,
        ),
        "transition_signed": lambda: (
            "post",
            url("transition", signed.pk, "send"),
            {},
            lambda: fresh(signed).status != S.SIGNED,
        ),
        "renew": lambda: (
            "post",
            url("renew", world.active.pk),
            {},
            lambda: world.active.renewals.exists(),
        ),
        "adopt_framework": lambda: (
            "post",
            url("adopt_framework", draft.pk),
            {"revision": fresh(draft).revision},
            lambda: fresh(draft).framework_version_id == world.framework.current_version_id,
        ),
        "adopt_framework_signed": lambda: (
            "post",
            url("adopt_framework", signed.pk),
            {"revision": fresh(signed).revision},
            lambda: fresh(signed).framework_version_id == world.framework.current_version_id,
        ),
        "pdf": get(url("pdf", draft.pk)),
        "pdf_signed": get(url("pdf", signed.pk)),
        "versions": get(url("versions", draft.pk)),
        "versions_signed": get(url("versions", signed.pk)),
        "version": get(url("version", draft.pk, 1)),
        "version_signed": get(url("version", signed.pk, 1)),
        "version_restore": get(url("version_restore", draft.pk, 1)),
        "version_restore_signed": get(url("version_restore", signed.pk, 1)),
        "version_restore_post": lambda: (
            "post",
            url("version_restore", draft.pk, 1),
            {"revision": fresh(draft).revision},
            lambda: draft.versions.count() == 3,
        ),
        "compare": get(url("compare", draft.pk) + "?fra=1&til=2"),
        "compare_signed": get(url("compare", signed.pk)),
        "comment_add": lambda: (
            "post",
            url("comment_add", draft.pk),
            {"text": "Ser bra ut."},
            lambda: comments(draft) == before["draft_comments"] + 1,
        ),
        "comment_add_signed": lambda: (
            "post",
            url("comment_add", signed.pk),
            {"text": "Takk."},
            lambda: comments(signed) == before["signed_comments"] + 1,
        ),
        "comment_resolve": lambda: (
            "post",
            url("comment_resolve", draft.pk, world.draft_thread.pk),
            {},
            lambda: Comment.objects.get(pk=world.draft_thread.pk).is_resolved,
        ),
        "comment_resolve_signed": lambda: (
            "post",
            url("comment_resolve", signed.pk, world.signed_thread.pk),
            {},
            lambda: Comment.objects.get(pk=world.signed_thread.pk).is_resolved,
        ),
        "framework": get(url("framework", slug)),
        "framework_edit": get(url("framework_edit", slug)),
        "framework_edit_post": lambda: (
            "post",
            url("framework_edit", slug),
            framework_post(world.framework, introduction="Ny innledning."),
            lambda: (
                type(world.framework).objects.get(pk=world.framework.pk).introduction
                == "Ny innledning."
            ),
        ),
        "framework_compare": get(url("framework_compare", slug)),
    }
    return rows[name]()


def check(name, role, client, world, centre_b) -> str:
    """What is wrong with one cell, or "" when it is right."""
    method, url, data, did_it = request_for(name, world, centre_b.pk)
    response = getattr(client, method)(url, data)
    want = MATRIX[name][role]
    if want == LOGIN:
        if not (response.status_code == 302 and "/konto/logg-inn/" in response.url):
            return f"{name}: {response.status_code}, not the login redirect"
    elif response.status_code != want:
        return f"{name}: {response.status_code}, not {want}"
    if did_it is not None and did_it() != (role in ACTS[name]):
        return f"{name}: {'done' if did_it() else 'not done'}"
    return ""


@pytest.mark.parametrize("role", ROLES)
def test_pages(role, cast, client_for, world, centre_b):
    """The pages change nothing, so one world serves every page of a role."""
    client = client_for(cast[role])
    failures = [check(name, role, client, world, centre_b) for name in MATRIX if name not in ACTS]
    assert not [f for f in failures if f], f"{role}: {[f for f in failures if f]}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ACTS))
def test_actions(name, role, cast, client_for, world, centre_b):
    assert not check(name, role, client_for(cast[role]), world, centre_b)


def test_the_list_shows_only_what_the_user_may_see(
    client_for, cast, world, centre_b, coordinator, other_centre
):
    gulset = drafted_agreement(centre_b, by=coordinator)
    page = lambda who: client_for(cast[who]).get(reverse("agreements:list")).content.decode()  # noqa: E731
    assert gulset.title in page("coordinator") and world.draft.title in page("coordinator")
    assert gulset.title not in page("leader_a") and world.centre.name in page("leader_a")
    assert world.draft.title in page("leader_a")
    assert world.centre.name not in page("leader_b") and gulset.title in page("leader_b")
    assert world.centre.name not in page("other_coordinator")
    reader = page("reader")
    assert reader.count(f'href="{world.signed.get_absolute_url()}"') >= 1
    assert f'href="{world.draft.get_absolute_url()}"' not in reader
    assert f'href="{gulset.get_absolute_url()}"' not in reader


def test_a_reader_sees_a_signed_agreement_read_only(client_for, reader, world):
    page = client_for(reader).get(reverse("agreements:detail", args=[world.signed.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and world.signed.title in html
    for action in ("comment_add", "edit", "renew"):
        assert reverse(f"agreements:{action}", args=[world.signed.pk]) not in html
    assert "/handling/" not in html
