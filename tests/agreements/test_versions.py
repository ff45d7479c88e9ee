"""Versions and their comparison: the word diff, clauses added, removed, changed and
moved, the agreement's own fields, and restoring an old version as a new one."""

import datetime
import random

import pytest

from agreements import services, transitions, versions
from agreements.models import AgreementClause
from agreements.versions import Segment, compare, word_diff
from agreements.workflow import AgreementLocked

from ..factories import GoalFactory, PlanFactory
from .conftest import fresh


def ops(segments):
    return [(s.op, s.text) for s in segments]


# --- the word diff ---------------------------------------------------------------------


def test_word_diff_marks_an_inserted_word():
    assert ops(word_diff("Partene møtes årlig.", "Partene møtes to ganger årlig.")) == [
        ("equal", "Partene møtes "),
        ("insert", "to ganger "),
        ("equal", "årlig."),
    ]


def test_word_diff_marks_a_deleted_word():
    assert ops(word_diff("Kommunen stiller lokaler gratis.", "Kommunen stiller lokaler.")) == [
        ("equal", "Kommunen stiller lokaler"),
        ("delete", " gratis"),
        ("equal", "."),
    ]


def test_word_diff_marks_replaced_words_as_deleted_then_inserted():
    assert ops(word_diff("ett møte i året", "to møter i året")) == [
        ("delete", "ett møte"),
        ("insert", "to møter"),
        ("equal", " i året"),
    ]


def test_word_diff_marks_a_changed_line_break_and_keeps_the_words_equal():
    assert ops(
        word_diff("Sentralen rapporterer\nhvert år.", "Sentralen rapporterer hvert år.")
    ) == [
        ("equal", "Sentralen rapporterer"),
        ("delete", "\n"),
        ("insert", " "),
        ("equal", "hvert år."),
    ]


def test_word_diff_of_equal_texts_is_one_equal_run_and_of_nothing_is_empty():
    assert ops(word_diff("Likt.", "Likt.")) == [("equal", "Likt.")]
    assert word_diff("", "") == []
    assert ops(word_diff(None, "Ny")) == [("insert", "Ny")]


def test_word_diff_keeps_every_character_on_each_side():
    rng = random.Random(4)
    words = ["kommunen", "sentralen", "møter", "frivillige", ",", ".", "året", "og", "i"]
    spaces = [" ", " ", " ", "\n", "  ", ""]

    def text(n):
        return "".join(rng.choice(words) + rng.choice(spaces) for _ in range(n))

    for _ in range(200):
        old = text(rng.randint(0, 30))
        new = old if rng.random() < 0.1 else text(rng.randint(0, 30))
        segments = word_diff(old, new)
        assert "".join(s.text for s in segments if s.op != "insert") == old
        assert "".join(s.text for s in segments if s.op != "delete") == new
        assert all(s.text for s in segments)
        if old == new and old:
            assert ops(segments) == [("equal", old)]


def test_word_diff_of_a_long_clause_matches_words_only(monkeypatch):
    """With the spaces as tokens of their own the matcher went cubic (a long clause edited
    in many places took over 40 s); it must see the words alone. Speed itself is measured
    by the benchmark (version comparison), not here."""
    rng = random.Random(1)
    words = [f"ord{n}" for n in range(200)]
    old = " ".join(rng.choice(words) for _ in range(3000)).split()
    new = list(old)
    for index in range(0, len(new), 7):
        new[index] = rng.choice(words)
    matchers, real_matcher = [], versions.SequenceMatcher

    def spy(*args, **kwargs):
        matchers.append(real_matcher(*args, **kwargs))
        return matchers[-1]

    monkeypatch.setattr(versions, "SequenceMatcher", spy)
    segments = word_diff(" ".join(old), " ".join(new))
    assert [(len(m.a), len(m.b)) for m in matchers] == [(len(old), len(new))]
    equal_words = sum(len(s.text.split()) for s in segments if s.op == "equal")
    assert equal_words > 0.8 * len(old)


# --- comparing snapshots ---------------------------------------------------------------


def clause(key, title, text, kind="local"):
    return {"key": key, "kind": kind, "title": title, "text": text}


OLD = {
    "fields": {"title": "Avtale", "grant_amount": 100000, "premises": "Klyve skole"},
    "clauses": [
        clause("a", "Formål", "Samarbeid om frivillighet.", "common"),
        clause("b", "Møter", "Ett møte i året."),
        clause("c", "Lokaler", "Kommunen stiller lokaler."),
        clause("d", "Rapport", "Årlig rapport."),
    ],
}


def by_key(comparison):
    return {c.key: c for c in comparison.clauses}


def test_comparing_a_version_with_itself_shows_no_changes():
    comparison = compare(OLD, OLD)
    assert not comparison.has_changes
    assert {c.change for c in comparison.clauses} == {"unchanged"}
    assert set(comparison.counts.values()) == {0}


def test_an_added_clause_is_all_insertion():
    new = {**OLD, "clauses": [*OLD["clauses"], clause("e", "Kontakt", "Kari er kontakt.")]}
    added = by_key(compare(OLD, new))["e"]
    assert (added.change, added.old_position, added.new_position) == ("added", None, 5)
    assert ops(added.title) == [("insert", "Kontakt")]
    assert ops(added.text) == [("insert", "Kari er kontakt.")]
    assert compare(OLD, new).counts["added"] == 1


def test_a_removed_clause_is_all_deletion_and_shown_where_it_stood():
    new = {**OLD, "clauses": [c for c in OLD["clauses"] if c["key"] != "b"]}
    comparison = compare(OLD, new)
    assert [c.key for c in comparison.clauses] == ["a", "b", "c", "d"]
    removed = by_key(comparison)["b"]
    assert (removed.change, removed.old_position, removed.new_position) == ("removed", 2, None)
    assert ops(removed.text) == [("delete", "Ett møte i året.")]
    assert removed.new_text == [] and ops(removed.old_text) == [("delete", "Ett møte i året.")]
    # The clauses after it moved up a place, but kept their order: not reordered.
    assert not any(c.reordered for c in comparison.clauses)
    assert comparison.counts["removed"] == 1 and comparison.counts["reordered"] == 0


def test_a_changed_clause_has_its_words_marked_on_each_side():
    changed_clauses = [dict(c) for c in OLD["clauses"]]
    changed_clauses[1] = clause("b", "Møter mellom partene", "Ett møte i kvartalet.")
    changed = by_key(compare(OLD, {**OLD, "clauses": changed_clauses}))["b"]
    assert changed.change == "changed" and not changed.moved
    assert ops(changed.title) == [("equal", "Møter"), ("insert", " mellom partene")]
    assert ops(changed.old_text) == [("equal", "Ett møte i "), ("delete", "året"), ("equal", ".")]
    assert ops(changed.new_text) == [
        ("equal", "Ett møte i "),
        ("insert", "kvartalet"),
        ("equal", "."),
    ]


def test_reordered_clauses_are_moves_not_deletions_and_insertions():
    a, b, c, d = OLD["clauses"]
    comparison = compare(OLD, {**OLD, "clauses": [a, d, b, c]})
    clauses = by_key(comparison)
    assert {x.change for x in comparison.clauses} == {"unchanged"}
    assert (clauses["d"].old_position, clauses["d"].new_position) == (4, 2)
    assert clauses["d"].moved and clauses["b"].moved and not clauses["a"].moved
    assert comparison.has_changes
    assert comparison.counts["moved"] == 3
    # Only d left the order the others keep.
    assert [x.key for x in comparison.clauses if x.reordered] == ["d"]
    assert comparison.counts["reordered"] == 1
    assert comparison.counts["added"] == comparison.counts["removed"] == 0


def test_a_moved_and_changed_clause_is_both():
    a, b, c, d = OLD["clauses"]
    comparison = compare(
        OLD, {**OLD, "clauses": [clause("d", "Rapport", "Rapport hvert år."), a, b, c]}
    )
    moved = by_key(comparison)["d"]
    assert moved.change == "changed" and moved.moved


def test_changed_fields_are_listed_with_their_labels_and_words():
    new = {
        **OLD,
        "fields": {**OLD["fields"], "grant_amount": 150000, "premises": "Klyve skole, rom 2"},
    }
    comparison = compare(OLD, new)
    fields = {f.label: f for f in comparison.fields}
    assert set(fields) == {"Årlig tilskudd fra kommunen (kr)", "Lokaler"}
    assert (
        fields["Årlig tilskudd fra kommunen (kr)"].old,
        fields["Årlig tilskudd fra kommunen (kr)"].new,
    ) == ("100\u00a0000", "150\u00a0000")
    assert ops(fields["Lokaler"].new_segments) == [("equal", "Klyve skole"), ("insert", ", rom 2")]
    assert comparison.has_changes and comparison.counts["fields"] == 2


def test_a_field_set_from_nothing_is_a_change():
    comparison = compare({"fields": {"grant_amount": None}}, {"fields": {"grant_amount": 5}})
    assert [(f.old, f.new) for f in comparison.fields] == [("", "5")]


def test_segments_are_plain_data():
    assert Segment("insert", "x") == Segment("insert", "x")


# --- versions of a real agreement ------------------------------------------------------


def add_local_clause(agreement, title, text):
    def write():
        AgreementClause.objects.create(
            agreement=agreement, order=agreement.clauses.count() + 1, title=title, text=text
        )

    return write


def test_creating_an_agreement_is_version_one(agreement, coordinator):
    version = agreement.versions.get()
    assert version.number == 1 and version.created_by == coordinator
    assert "felles ramme versjon 1" in version.note
    assert [c["title"] for c in version.snapshot["clauses"]] == ["Formål", "Forankring", "Møter"]


def test_every_save_is_a_version_with_its_author_and_note(agreement, coordinator, admin_user):
    services.save_agreement(
        agreement=agreement,
        by=coordinator,
        revision=0,
        apply_changes=add_local_clause(agreement, "Lokaler", "Kommunen stiller lokaler."),
        note="La til lokaler",
    )
    agreement.grant_amount = 250000

    services.save_agreement(
        agreement=agreement,
        by=admin_user,
        revision=1,
        apply_changes=lambda: agreement.save(update_fields=["grant_amount"]),
    )
    versions = list(agreement.versions.order_by("number"))
    assert [(v.number, v.created_by, v.note) for v in versions] == [
        (1, coordinator, versions[0].note),
        (2, coordinator, "La til lokaler"),
        (3, admin_user, "Endret"),
    ]
    assert versions[2].snapshot["fields"]["grant_amount"] == 250000
    assert versions[1].snapshot["fields"]["grant_amount"] is None
    assert fresh(agreement).revision == 2 and fresh(agreement).updated_by == admin_user
    comparison = compare(versions[0].snapshot, versions[2].snapshot)
    assert [c.change for c in comparison.clauses].count("added") == 1
    assert [f.label for f in comparison.fields] == ["Årlig tilskudd fra kommunen (kr)"]


def test_restore_makes_a_new_version_equal_to_the_old_text(agreement, coordinator, leader_a):
    goal = GoalFactory(plan=PlanFactory(municipality=agreement.municipality))
    first = agreement.versions.get()

    def rewrite():
        clauses = list(agreement.clauses.order_by("order"))
        clauses[0].text = "Helt ny tekst."
        clauses[0].save()
        clauses[2].delete()
        clauses[1].goals.add(goal)
        agreement.title, agreement.premises = "Ny tittel", "Rådhuset"
        agreement.valid_to = datetime.date(2031, 12, 31)
        agreement.save()

    services.save_agreement(agreement=agreement, by=coordinator, revision=0, apply_changes=rewrite)
    assert agreement.versions.count() == 2

    restored = services.restore_version(
        agreement=fresh(agreement), version=first, by=coordinator, revision=1
    )
    assert restored.number == 3
    assert restored.note == "Gjenopprettet fra versjon 1"
    assert restored.snapshot == first.snapshot
    agreement = fresh(agreement)
    assert agreement.title == first.snapshot["fields"]["title"]
    assert agreement.valid_to.isoformat() == first.snapshot["fields"]["valid_to"]
    assert [str(c.key) for c in agreement.clauses.order_by("order")] == [
        c["key"] for c in first.snapshot["clauses"]
    ]
    # The history keeps the version that was undone.
    assert agreement.versions.get(number=2).snapshot["fields"]["title"] == "Ny tittel"


def test_restoring_an_old_version_keeps_its_goals(agreement, coordinator):
    goal = GoalFactory(plan=PlanFactory(municipality=agreement.municipality))
    agreement.clauses.order_by("order").first().goals.add(goal)
    services.save_agreement(
        agreement=agreement, by=coordinator, revision=0, apply_changes=lambda: None
    )
    with_goal = agreement.versions.get(number=2)
    agreement.clauses.order_by("order").first().goals.clear()
    services.save_agreement(
        agreement=agreement, by=coordinator, revision=1, apply_changes=lambda: None
    )

    services.restore_version(agreement=agreement, version=with_goal, by=coordinator, revision=2)
    assert list(agreement.clauses.order_by("order").first().goals.all()) == [goal]


def test_a_sent_agreement_cannot_be_restored(agreement, coordinator):
    transitions.apply_transition(agreement, "send", by=coordinator)
    with pytest.raises(AgreementLocked):
        services.restore_version(
            agreement=agreement, version=agreement.versions.get(), by=coordinator, revision=0
        )
    assert agreement.versions.count() == 1


def test_restoring_a_version_whose_goal_was_deleted_since_skips_that_goal(agreement, coordinator):
    plan = PlanFactory(municipality=agreement.municipality)
    kept, deleted = GoalFactory(plan=plan), GoalFactory(plan=plan)
    agreement.clauses.order_by("order").first().goals.add(kept, deleted)
    services.save_agreement(
        agreement=agreement, by=coordinator, revision=0, apply_changes=lambda: None
    )
    with_goals = agreement.versions.get(number=2)
    deleted.delete()

    restored = services.restore_version(
        agreement=agreement, version=with_goals, by=coordinator, revision=1
    )
    assert list(agreement.clauses.order_by("order").first().goals.all()) == [kept]
    assert restored.snapshot["clauses"][0]["goal_ids"] == [kept.pk]
