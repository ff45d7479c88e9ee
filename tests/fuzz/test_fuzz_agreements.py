"""Fuzzed input into the agreement forms: creating one (AgreementCreateForm), editing it
(AgreementEditForms: AgreementForm, the local clauses of LocalClauseFormSet, the note),
transitions with their comment (TransitionForm), comments and replies (CommentForm),
and the common framework (FrameworkEditForms: FrameworkForm, FrameworkClauseFormSet,
NoteForm)."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from agreements.forms import AgreementCreateForm, AgreementEditForms
from agreements.framework_forms import FrameworkEditForms
from agreements.models import Agreement, AgreementClause, Framework
from centres.models import Centre
from frivillig.lib.posted import whole_number

from ..agreements.conftest import edit_post, framework_post
from ..factories import AgreementClauseFactory, drafted_agreement, framework_with_clauses
from .helpers import (
    TRIED,
    assert_field_error,
    assert_no_raw_payloads,
    assert_shown_escaped,
    form_data,
    fuzz_form,
    judge,
    plain_lines,
    post,
    rolled_back,
    text_fields,
)
from .strategies import bad_choices, bad_dates, bad_numbers, fuzz_settings, fuzz_text

# Row counts as a tampered form might post them. Large ones are left out: Django builds up
# to absolute_max (2000) rows for them, which takes a minute to render (see the report).
bad_row_counts = st.one_of(
    st.none(),
    st.sampled_from(["abc", "-1", "", "1e3", "\u0663", " 2", "0x1", "\x00"]),
    st.integers(min_value=0, max_value=6).map(str),
)


@pytest.fixture
def skien_framework(municipality, coordinator):
    return framework_with_clauses(municipality, by=coordinator)


@pytest.fixture
def draft(skien_framework, centre_a, coordinator, leader_a):
    agreement = drafted_agreement(centre_a, by=coordinator)
    AgreementClauseFactory(agreement=agreement, kind="local", order=9, title="Lokalt", text="Tekst")
    return agreement


AGREEMENT_FIELDS = [
    "title",
    "municipality_signatory",
    "municipality_signatory_title",
    "centre_signatory",
    "centre_signatory_title",
    "premises",
    "contact_person",
    "meeting_frequency",
]
EDIT_KEYS = [f"avtale-{name}" for name in AGREEMENT_FIELDS] + ["punkt-0-title", "punkt-0-text"]


def _stored_agreement(pk) -> dict:
    agreement = Agreement.objects.get(pk=pk)
    local = agreement.clauses.get(kind="local")
    stored = {f"avtale-{name}": getattr(agreement, name) for name in AGREEMENT_FIELDS}
    return stored | {"punkt-0-title": local.title, "punkt-0-text": local.text}


@fuzz_settings
@given(values=st.fixed_dictionaries({key: fuzz_text for key in EDIT_KEYS}), note=fuzz_text)
@example(values={key: "<script>alert(1)</script>" for key in EDIT_KEYS}, note="Ny\x00")
@example(values={key: "ok" for key in EDIT_KEYS}, note="x" * 301)
def test_coordinator_fuzzes_every_text_field_of_the_agreement_edit_page(
    client_for, coordinator, draft, values, note
):
    client = client_for(coordinator)
    with rolled_back():
        forms = AgreementEditForms(Agreement.objects.get(pk=draft.pk))
        url = reverse("agreements:edit", args=[draft.pk])
        note_ok = judge(note, text_fields(forms.note)["note"])
        posted = edit_post(draft) | {"note": note}
        if not note_ok.valid:
            # Everything else valid: the note alone is refused, next to it, nothing saved.
            data = posted | {key: "Gyldig" for key in EDIT_KEYS}
            answer = post(client, url, data, counter="agreement edit (note)")
            assert answer.response.status_code == 200
            assert_field_error(answer.html, "id_note")
            assert Agreement.objects.get(pk=draft.pk).revision == draft.revision
            return
        fuzz_form(
            client,
            url=url,
            forms=[forms.agreement, forms.clauses],
            data=posted,
            values=values,
            read=lambda: _stored_agreement(draft.pk),
            page=lambda: reverse("agreements:detail", args=[draft.pk]),
            normalise={"avtale-premises": plain_lines, "punkt-0-text": plain_lines},
            counter="agreement edit",
        )
        latest = Agreement.objects.get(pk=draft.pk).versions.order_by("-number").first()
        if latest.number > 1:
            assert latest.note == (note_ok.stored or latest.note)
            page = client.get(reverse("agreements:versions", args=[draft.pk])).content.decode()
            assert_shown_escaped(page, [latest.note])
            page = client.get(reverse("agreements:version", args=[draft.pk, latest.number]))
            assert_shown_escaped(page.content.decode(), _stored_agreement(draft.pk).values())


@fuzz_settings
@given(
    grant=bad_numbers,
    valid_from=bad_dates,
    valid_to=bad_dates,
    order=bad_numbers,
    goal=bad_choices,
    total=bad_row_counts,
    revision=st.one_of(st.none(), bad_numbers),
    based_on=st.one_of(st.none(), bad_numbers),
)
@example(
    grant="1",
    valid_from="",
    valid_to="",
    order="",
    goal="",
    total="abc",
    revision=None,
    based_on=None,
)
@example(
    grant="1",
    valid_from="",
    valid_to="",
    order="",
    goal="",
    total="\u0663",
    revision=None,
    based_on=None,
)
def test_malformed_numbers_dates_choices_and_management_data_never_crash_the_agreement_edit(
    client_for,
    coordinator,
    draft,
    grant,
    valid_from,
    valid_to,
    order,
    goal,
    total,
    revision,
    based_on,
):
    client = client_for(coordinator)
    with rolled_back():
        data = edit_post(draft) | {
            "avtale-grant_amount": grant,
            "avtale-valid_from": valid_from,
            "avtale-valid_to": valid_to,
            "punkt-0-order": order,
            "punkt-0-goals": [goal],
        }
        for key, value in (
            ("punkt-TOTAL_FORMS", total),
            ("revision", revision),
            ("based_on", based_on),
        ):
            if value is not None:
                data[key] = value
        answer = post(
            client,
            reverse("agreements:edit", args=[draft.pk]),
            data,
            counter="agreement edit (formatted fields)",
        )
        if answer.saved:
            for name in ("agreements:detail", "agreements:versions", "agreements:list"):
                args = [] if name == "agreements:list" else [draft.pk]
                assert client.get(reverse(name, args=args)).status_code == 200
            assert client.get(reverse("dashboard")).status_code == 200
        elif answer.response.status_code == 400:
            # A revision or base version that is not a whole number: not the page's.
            assert None in (whole_number(data["revision"]), whole_number(data["based_on"]))
        else:
            assert answer.response.status_code in (200, 409)


@fuzz_settings
@given(title=fuzz_text, valid_from=bad_dates, valid_to=bad_dates, centre=bad_choices)
def test_coordinator_fuzzes_a_new_agreement(
    client_for, coordinator, skien_framework, centre_a, title, valid_from, valid_to, centre
):
    client = client_for(coordinator)
    with rolled_back():
        centres = Centre.objects.filter(pk=centre_a.pk)
        form = AgreementCreateForm(centres=centres)
        data = form_data(form) | {
            "centre": str(centre_a.pk),
            "valid_from": "2027-01-01",
            "valid_to": "2028-12-31",
        }
        before = set(Agreement.objects.values_list("pk", flat=True))
        answer = fuzz_form(
            client,
            url=reverse("agreements:create"),
            forms=[form],
            data=data,
            values={"title": title},
            # A blank title becomes "Samarbeidsavtale mellom … og …" (the help text says so).
            read=lambda: {
                "title": Agreement.objects.exclude(pk__in=before).get().title
                if title.strip()
                else ""
            },
            counter="agreement create",
        )
        if answer.saved and title.strip():
            new = Agreement.objects.exclude(pk__in=before).get()
            assert_shown_escaped(client.get(new.get_absolute_url()).content.decode(), [new.title])
        malformed = data | {"valid_from": valid_from, "valid_to": valid_to, "centre": centre}
        answer = post(
            client,
            reverse("agreements:create"),
            malformed,
            counter="agreement create (formatted fields)",
        )
        if not answer.saved:
            assert answer.response.status_code == 200
            assert "is-invalid" in answer.html


# --- transitions and comments -----------------------------------------------------------


@fuzz_settings
@given(comment=fuzz_text)
@example(comment="Endre punkt 3\x00")
@example(comment="x" * 4001)
def test_leader_asks_for_changes_with_a_fuzzed_comment(client_for, leader_a, draft, comment):
    Agreement.objects.filter(pk=draft.pk).update(status=Agreement.Status.SENT)
    client = client_for(leader_a)
    with rolled_back():
        url = reverse("agreements:transition", args=[draft.pk, "request_changes"])
        answer = post(client, url, {"comment": comment}, counter="transition (request changes)")
        agreement = Agreement.objects.get(pk=draft.pk)
        from agreements.forms import TransitionForm

        verdict = judge(comment, TransitionForm().fields["comment"])
        if verdict.valid and verdict.stored:
            assert answer.saved
            assert agreement.status == Agreement.Status.CHANGES_REQUESTED
            event = agreement.events.get(action="request_changes")
            assert event.comment == verdict.stored
            assert_shown_escaped(
                client.get(agreement.get_absolute_url()).content.decode(), [event.comment]
            )
        else:
            assert answer.response.status_code == 400
            assert agreement.status == Agreement.Status.SENT
            assert_field_error(answer.html, "kommentar-request_changes")
            assert_no_raw_payloads(answer.html)


@fuzz_settings
@given(comment=fuzz_text, signed_on=bad_dates)
@example(comment="Sendt\x00", signed_on="")
@example(comment="x" * 4001, signed_on="")
def test_coordinator_sends_with_a_fuzzed_optional_comment_and_marks_signed_on_any_date(
    client_for, coordinator, draft, comment, signed_on
):
    client = client_for(coordinator)
    with rolled_back():
        from agreements.forms import TransitionForm

        verdict = judge(comment, TransitionForm().fields["comment"])
        url = reverse("agreements:transition", args=[draft.pk, "send"])
        answer = post(
            client, url, {"comment": comment}, counter="transition (send, optional comment)"
        )
        agreement = Agreement.objects.get(pk=draft.pk)
        if verdict.valid:
            assert answer.saved
            assert agreement.status == Agreement.Status.SENT
            assert agreement.events.get(action="send").comment == verdict.stored
        else:
            # Refused with the reason at the comment: an optional comment is not dropped.
            assert answer.response.status_code == 400
            assert agreement.status == Agreement.Status.DRAFT
            assert_field_error(answer.html, "kommentar-send")
        Agreement.objects.filter(pk=draft.pk).update(
            status=Agreement.Status.APPROVED_BY_MUNICIPALITY
        )
        url = reverse("agreements:transition", args=[draft.pk, "mark_signed"])
        answer = post(client, url, {"signed_on": signed_on}, counter="transition (signed date)")
        assert answer.saved or answer.response.status_code == 400
        assert client.get(reverse("agreements:detail", args=[draft.pk])).status_code == 200
        assert client.get(reverse("dashboard")).status_code == 200


@fuzz_settings
@given(
    text=fuzz_text,
    clause=st.one_of(st.none(), bad_choices),
    parent=st.one_of(st.none(), bad_numbers),
)
@example(text="Hei\x00", clause=None, parent=None)
@example(text="<script>alert(1)</script>", clause="<script>alert(1)</script>", parent=None)
@example(text="ok", clause=None, parent='"><img src=x onerror=alert(1)>')
def test_both_sides_comment_with_fuzzed_text_on_any_clause_or_thread(
    client_for, coordinator, leader_a, draft, text, clause, parent
):
    with rolled_back():
        for user in (coordinator, leader_a):
            client = client_for(user)
            data = {"text": text}
            if clause is not None:
                data["clause"] = clause
            if parent is not None:
                data["parent"] = parent
            answer = post(
                client, reverse("agreements:comment_add", args=[draft.pk]), data, counter="comment"
            )
            from agreements.forms import CommentForm

            verdict = judge(text, CommentForm(agreement=draft).fields["text"])
            if answer.saved:
                assert verdict.valid
                comment = Agreement.objects.get(pk=draft.pk).comments.latest("pk")
                assert comment.text == verdict.stored
                page = client.get(reverse("agreements:detail", args=[draft.pk])).content.decode()
                assert_shown_escaped(page, [comment.text])
            else:
                assert answer.response.status_code == 400
                assert "is-invalid" in answer.html
                assert_no_raw_payloads(answer.html)


# --- the common framework ------------------------------------------------------------------

FRAMEWORK_KEYS = [
    "framework-title",
    "framework-introduction",
    "clauses-0-title",
    "clauses-0-text",
    "clauses-0-reference",
    "framework-note",
]


def _stored_framework(municipality) -> dict:
    framework = Framework.objects.get(municipality=municipality)
    clause = framework.clauses.order_by("order", "pk").first()
    version = framework.versions.order_by("-number").first()
    return {
        "framework-title": framework.title,
        "framework-introduction": framework.introduction,
        "clauses-0-title": clause.title,
        "clauses-0-text": clause.text,
        "clauses-0-reference": clause.reference,
        "framework-note": version.note,
    }


@fuzz_settings
@given(values=st.fixed_dictionaries({key: fuzz_text for key in FRAMEWORK_KEYS}))
@example(values={key: "<script>alert(1)</script>" for key in FRAMEWORK_KEYS})
@example(values={key: "ok\x00" for key in FRAMEWORK_KEYS})
def test_coordinator_fuzzes_every_text_field_of_the_framework(
    client_for, coordinator, municipality, skien_framework, values
):
    client = client_for(coordinator)
    with rolled_back():
        framework = Framework.objects.get(pk=skien_framework.pk)
        forms = FrameworkEditForms(framework)
        # The note is kept as typed, or "Endret" when left blank.
        note = values["framework-note"].strip()
        answer = fuzz_form(
            client,
            url=reverse("agreements:framework_edit", args=[municipality.slug]),
            forms=forms.all,
            data=framework_post(framework),
            values=values,
            read=lambda: _stored_framework(municipality) | ({} if note else {"framework-note": ""}),
            page=lambda: reverse("agreements:framework", args=[municipality.slug]),
            counter="framework edit",
        )
        if answer.saved:
            page = client.get(reverse("agreements:framework_compare", args=[municipality.slug]))
            assert_no_raw_payloads(page.content.decode())


@fuzz_settings
@given(
    url=fuzz_text,
    order=bad_numbers,
    goal=bad_choices,
    strategy=bad_choices,
    total=bad_row_counts,
    revision=st.one_of(st.none(), bad_numbers),
)
@example(url="javascript:alert(1)", order="", goal="", strategy="", total="abc", revision=None)
def test_malformed_links_numbers_and_anchors_never_crash_the_framework_edit(
    client_for,
    coordinator,
    municipality,
    skien_framework,
    url,
    order,
    goal,
    strategy,
    total,
    revision,
):
    client = client_for(coordinator)
    with rolled_back():
        data = framework_post(skien_framework) | {
            "clauses-0-reference_url": url,
            "clauses-0-order": order,
            "clauses-0-goal": goal,
            "clauses-0-strategy": strategy,
        }
        if total is not None:
            data["clauses-TOTAL_FORMS"] = total
        if revision is not None:
            data["revision"] = revision
        edit = reverse("agreements:framework_edit", args=[municipality.slug])
        answer = post(client, edit, data, counter="framework edit (formatted fields)")
        if answer.saved:
            page = client.get(reverse("agreements:framework", args=[municipality.slug]))
            assert 'href="javascript:' not in page.content.decode()
        elif answer.response.status_code == 400:
            assert None in (whole_number(data["revision"]), whole_number(data["based_on"]))
        else:
            assert answer.response.status_code in (200, 409)
        post(client, edit, data | {"add_clause": "1"}, counter="framework edit (add a row)")


@fuzz_settings
@given(older=bad_choices, newer=bad_choices)
@example(older="1", newer="1")
@example(older="<script>alert(1)</script>", newer="\x00")
def test_version_pickers_take_any_query(client_for, coordinator, municipality, draft, older, newer):
    """VersionPickForm (GET ?fra=&til=) on the agreement's and the framework's compare page."""
    client = client_for(coordinator)
    with rolled_back():
        for url in (
            reverse("agreements:compare", args=[draft.pk]),
            reverse("agreements:framework_compare", args=[municipality.slug]),
        ):
            TRIED["version picker (GET)"] += 1
            response = client.get(url, {"fra": older, "til": newer})
            assert response.status_code == 200
            assert_no_raw_payloads(response.content.decode())


NASTY = (
    "Tekst \x08\x0b\x0c\x1b[31m\x7f\u202eRTL\u200b 👩🏽‍🚒 e\u0301 <script>alert(1)</script> {{ x }}"
)


def test_the_agreement_pdf_takes_control_characters_and_payloads(client_for, coordinator, draft):
    AgreementClause.objects.filter(agreement=draft, kind="local").update(title=NASTY, text=NASTY)
    Agreement.objects.filter(pk=draft.pk).update(premises=NASTY, title=NASTY)
    TRIED["agreement PDF"] += 1
    response = client_for(coordinator).get(reverse("agreements:pdf", args=[draft.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
