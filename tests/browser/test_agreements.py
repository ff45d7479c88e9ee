"""The agreement journey in a real browser: the coordinator drafts an agreement and sends
it, the leader comments on a clause and approves, the coordinator approves and marks it
signed, and both compare two versions. axe-core checks every page visited."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements import services
from agreements.models import Agreement, AgreementClause, Comment, Framework

from ..factories import (
    CentreFactory,
    CoordinatorFactory,
    LeaderFactory,
    MunicipalityFactory,
    TargetGroupFactory,
    framework_with_clauses,
)
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def skien(transactional_db):
    municipality = MunicipalityFactory(name="Skien", slug="skien")
    klyve = CentreFactory(municipality=municipality, name="Klyve nærmiljøsenter", slug="klyve")
    TargetGroupFactory(centre=klyve, rank=1, name="Barn og ungdom")
    TargetGroupFactory(centre=klyve, rank=2, name="Seniorer")
    CentreFactory(municipality=municipality, name="Gulset nærmiljøsenter", slug="gulset")
    LeaderFactory(username="leder-klyve", centre=klyve, first_name="Lise", last_name="Leder")
    coordinator = CoordinatorFactory(
        username="koordinator-skien",
        municipality=municipality,
        first_name="Kari",
        last_name="Koordinator",
    )
    framework_with_clauses(municipality, by=coordinator)
    return municipality


@pytest.fixture
def second_page(browser, live_server):
    """Another person's browser, beside `page`."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def take(page, label: str, **fields) -> None:
    """Opens a confirmed transition, fills its fields and confirms."""
    page.locator("summary", has_text=label).click()
    box = page.locator("details.action-confirm[open] form")
    for name, value in fields.items():
        box.locator(f'[name="{name}"]').fill(value)
    with page.expect_navigation():
        box.get_by_role("button", name=f"Bekreft: {label}").click()


def test_an_agreement_from_draft_to_signed_and_compared(page, second_page, skien):
    coordinator, leader = page, second_page
    start = timezone.localdate() + datetime.timedelta(days=60)

    # The coordinator drafts the agreement from the framework and the profile.
    log_in(coordinator, "koordinator-skien")
    coordinator.get_by_role("link", name="Avtaler", exact=True).click()
    expect(coordinator.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Felles ramme").click()
    expect(coordinator.get_by_role("heading", name="Formål")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.go_back()
    coordinator.get_by_role("link", name="Ny avtale").click()
    assert_accessible(coordinator)
    coordinator.get_by_label("Frivilligsentral").select_option(label="Klyve nærmiljøsenter")
    coordinator.get_by_label("Gjelder fra").fill(start.isoformat())
    coordinator.get_by_label("Gjelder til").fill((start + datetime.timedelta(days=730)).isoformat())
    coordinator.get_by_role("button", name="Lag utkast").click()
    expect(coordinator.get_by_role("heading", name="Målgrupper")).to_be_visible()
    assert_accessible(coordinator)
    agreement = Agreement.objects.get()
    # Skien has no earlier agreement to take its signatory from: the page asks for one.
    expect(
        coordinator.get_by_text("Avtalen sier ikke hvem som signerer for kommunen.")
    ).to_be_visible()

    # The signatory, and a local clause of its own.
    coordinator.get_by_role("link", name="Rediger avtalen").click()
    coordinator.wait_for_url("**/rediger/#id_municipality_signatory")
    assert_accessible(coordinator)
    coordinator.get_by_label("Signerer for kommunen").fill("Guro Honningdal")
    coordinator.get_by_label("Stilling (kommunen)").fill("Kultursjef")
    new_row = coordinator.locator("fieldset.clause-row").last
    new_row.get_by_label("Overskrift").fill("Nærmiljøforum")
    new_row.get_by_label("Tekst").fill("Kommunens representanter møter i nærmiljøforumet.")
    coordinator.get_by_role("button", name="Lagre endringene").click()
    expect(coordinator.get_by_text("Endringene er lagret som en ny versjon.")).to_be_visible()
    expect(coordinator.get_by_role("heading", name="Nærmiljøforum")).to_be_visible()

    take(coordinator, "Send til sentralen")
    expect(coordinator.get_by_text("Sendt til sentralen").first).to_be_visible()
    assert_accessible(coordinator)

    # The leader comments on the meetings clause and approves.
    log_in(leader, "leder-klyve")
    leader.goto(agreement.get_absolute_url())
    assert_accessible(leader)
    meetings = leader.locator("li.clause", has=leader.get_by_role("heading", name="Møter"))
    meetings.locator("summary", has_text="Kommenter punktet").click()
    meetings.get_by_role("textbox").fill("Kan vi møtes oftere enn én gang i året?")
    with leader.expect_navigation():
        meetings.get_by_role("button", name="Send kommentar").click()
    expect(leader.get_by_text("Kan vi møtes oftere enn én gang i året?")).to_be_visible()
    assert_accessible(leader)
    comment = Comment.objects.get()
    assert comment.clause_title == "Møter" and comment.author.username == "leder-klyve"
    take(leader, "Godkjenn for sentralen")
    expect(leader.get_by_text("Godkjent av sentralen").first).to_be_visible()

    # The coordinator approves for the municipality and marks it signed.
    coordinator.reload()
    expect(coordinator.get_by_text("Kan vi møtes oftere enn én gang i året?")).to_be_attached()
    take(coordinator, "Godkjenn for kommunen")
    take(coordinator, "Marker som signert")
    expect(coordinator.get_by_text("Signert av begge parter").first).to_be_visible()
    assert_accessible(coordinator)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED
    assert [e.action for e in agreement.events.all()] == [
        "send",
        "approve_centre",
        "approve_municipality",
        "mark_signed",
    ]

    # Both compare the two versions.
    for person in (coordinator, leader):
        person.goto(agreement.get_absolute_url())
        person.get_by_role("link", name="Sammenlign med forrige").click()
        expect(person.get_by_role("heading", name="Versjon 1 og 2 sammenlignet")).to_be_visible()
        expect(person.locator("ins").filter(has_text="Nærmiljøforum").first).to_be_visible()
        assert_accessible(person)


def test_the_framework_changes_and_a_draft_takes_in_the_new_text(page, skien):
    coordinator = Framework.objects.get().versions.get().created_by
    klyve = skien.centres.get(slug="klyve")
    start = timezone.localdate() + datetime.timedelta(days=60)
    agreement = services.create_agreement(
        centre=klyve,
        by=coordinator,
        valid_from=start,
        valid_to=start + datetime.timedelta(days=730),
    )

    log_in(page, "koordinator-skien")
    page.goto("/avtaler/ramme/skien/")
    page.get_by_role("link", name="Rediger felles ramme").click()
    assert_accessible(page)
    meetings = page.get_by_role("group", name="Punkt 3 – Møter")
    meetings.get_by_label("Tekst").fill("Partene møtes to ganger i året og i nærmiljøforumet.")
    page.get_by_label("Hva er endret?").fill("Oftere møter")
    page.get_by_role("button", name="Lagre som ny versjon").click()
    expect(page.get_by_text("Den felles rammen er lagret som versjon 2.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Avtaler som bygger på en eldre versjon")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Rammen versjon 1 mot 2").click()
    expect(page.locator("ins").first).to_be_visible()
    assert_accessible(page)

    page.goto(agreement.get_absolute_url())
    expect(page.get_by_role("heading", name="Felles ramme er endret")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ta inn ny tekst fra felles ramme").click()
    expect(
        page.get_by_text("Den nye teksten fra felles ramme er tatt inn (versjon 2).")
    ).to_be_visible()
    expect(page.get_by_text("Partene møtes to ganger i året og i nærmiljøforumet.")).to_be_visible()

    page.get_by_role("link", name="Versjoner", exact=True).first.click()
    expect(page.get_by_text("Tok inn felles ramme versjon 2")).to_be_visible()
    assert_accessible(page)


def test_the_second_editor_sees_the_conflict_and_saves_again(page, skien):
    klyve = skien.centres.get(slug="klyve")
    coordinator = CoordinatorFactory(
        username="kollega", municipality=skien, first_name="Per", last_name="Kollega"
    )
    start = timezone.localdate() + datetime.timedelta(days=60)
    agreement = services.create_agreement(
        centre=klyve,
        by=coordinator,
        valid_from=start,
        valid_to=start + datetime.timedelta(days=730),
    )

    log_in(page, "koordinator-skien")
    page.goto(agreement.get_absolute_url())
    page.get_by_role("link", name="Rediger", exact=True).click()
    page.get_by_label("Møter mellom partene").fill("Fire møter i året")

    # Meanwhile the colleague saves a new local clause.
    def add():
        AgreementClause.objects.create(
            agreement=agreement, order=9, title="Lokaler", text="Kommunen stiller lokaler."
        )

    services.save_agreement(agreement=agreement, by=coordinator, revision=0, apply_changes=add)

    page.get_by_role("button", name="Lagre endringene").click()
    expect(
        page.get_by_role("heading", name="Noen andre har lagret avtalen mens du skrev")
    ).to_be_visible()
    expect(page.get_by_text("Per Kollega lagret avtalen")).to_be_visible()
    assert page.get_by_label("Møter mellom partene").input_value() == "Fire møter i året"
    assert_accessible(page)
    page.get_by_role("button", name="Lagre mine endringer likevel").click()
    expect(page.get_by_text("Endringene er lagret som en ny versjon.")).to_be_visible()
    agreement.refresh_from_db()
    assert agreement.meeting_frequency == "Fire møter i året"
    assert agreement.clauses.filter(title="Lokaler").exists()
    assert [v.created_by.username for v in agreement.versions.order_by("number")] == [
        "kollega",
        "kollega",
        "koordinator-skien",
    ]
