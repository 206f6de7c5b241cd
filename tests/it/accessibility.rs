//! The browser check: every page type, signed out, as a member and as a node administrator, at
//! phone and desktop width, in Debian's Chromium with axe-core (WCAG 2.1 A and AA), and the
//! malicious-Markdown corpus (tests/fixtures/hostile-markdown.md) in the Markdown fields of
//! reports, needs, trials, journal entries, comments, technologies, coaches, field reports and
//! procurements (description, requirements, documents, questions, replies, decisions, meeting
//! notes), each page opened by a visitor who may see it, with no script run and no navigation;
//! and a hostile line (tests/fixtures/hostile-line.txt) in their plain-text fields (titles,
//! names and the like), opened where those show: the items, hits, lists, histories, forms.
//! `tests/browser/check.mjs` drives the browser; this test builds the portal and the plan.
//!
//! Chromium comes from Debian's package (scripts/test installs it); the npm packages from
//! `tests/browser`. Without them the test says SKIPPED, unless NODEN_TEST_REQUIRE_BROWSER=1
//! (as in CI), where that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(every_page_passes_axe_and_hostile_markdown_runs_nothing);

/// The browser and the driver, or why the check cannot run here.
pub fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var("NODEN_TEST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return Err(format!("no Chromium at {}", chromium.display()));
    }
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !driver.join("node_modules/playwright-core").is_dir() {
        return Err("tests/browser/node_modules is missing (npm ci --prefix tests/browser)".into());
    }
    Ok((chromium, driver))
}

async fn created(app: &TestApp, path: &str, body: Value) -> String {
    let (status, made) = app.send_json("POST", path, &body, true).await;
    assert_eq!(status, 201, "{path}: {made}");
    made["slug"]
        .as_str()
        .unwrap_or_else(|| panic!("{path}: no slug in {made}"))
        .to_owned()
}

async fn every_page_passes_axe_and_hostile_markdown_runs_nothing(backend: Backend) {
    let (chromium, driver) = match browser() {
        Ok(found) => found,
        Err(why) if std::env::var("NODEN_TEST_REQUIRE_BROWSER").as_deref() == Ok("1") => {
            panic!("NODEN_TEST_REQUIRE_BROWSER=1 but the browser check cannot run: {why}")
        }
        Err(why) => {
            eprintln!("SKIPPED the browser check: {why}");
            return;
        }
    };
    let app = TestApp::builder(backend.clone())
        .memory_mail()
        .settings(|s| s.federation_allow_http_loopback = true)
        .start()
        .await;
    let hostile = std::fs::read_to_string(crate::harness::fixtures().join("hostile-markdown.md"))
        .expect("the corpus");
    // And a line that tries to leave an attribute, a title or a text area, for the plain-text
    // fields (titles, names and the like), each of which carries it after its ordinary text.
    let line = std::fs::read_to_string(crate::harness::fixtures().join("hostile-line.txt"))
        .expect("the hostile line");
    let odd = |text: &str| format!("{text} {}", line.trim());

    // One of each page type, each Markdown field holding the corpus.
    let report = created(
        &app,
        "/api/v1/reports",
        json!({"title": odd("Skadlig Markdown"), "body": hostile, "kind": "testrapport",
               "organisation": "0480", "visibility": "public"}),
    )
    .await;
    let need = created(
        &app,
        "/api/v1/needs",
        json!({"title": odd("Behov med skadlig text"), "description": hostile,
               "target_group": "ordinart-boende", "organisation": "0480",
               "visibility": "public"}),
    )
    .await;
    let trial = created(
        &app,
        "/api/v1/trials",
        json!({"title": odd("Test med skadlig text"), "description": hostile,
               "technology": odd("Nattkamera"), "target_group": "ordinart-boende",
               "lead": "0480", "participants": ["0482"], "visibility": "public"}),
    )
    .await;
    let technology = created(
        &app,
        "/api/v1/technologies",
        json!({"name": odd("Teknik med skadlig text"), "description": hostile,
               "proximity": "brukarnara"}),
    )
    .await;
    // The member's organisation uses the entry (so its page offers to withdraw the use), the
    // trial has an indicator to edit, one entry is withdrawn and one is a proposal.
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{technology}/uses"),
            &json!({"status": "infort", "organisation": "0480"}),
            true,
        )
        .await;
    assert_eq!(status, 200);
    let (status, indicator) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{trial}/indicators"),
            &json!({"name": odd("Larm per natt"), "direction": "lagre", "baseline": 4}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{indicator}");
    let indicator_id = indicator["id"].as_str().unwrap().to_owned();
    // Node staff see a withdrawn indicator and a withdrawn use, with the buttons to restore.
    let (status, gone) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{trial}/indicators"),
            &json!({"name": "Tillbakadragen indikator", "direction": "hogre", "baseline": 1}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{gone}");
    let gone = gone["id"].as_str().unwrap().to_owned();
    for (method, path, body) in [
        (
            "DELETE",
            format!("/api/v1/trials/{trial}/indicators/{gone}"),
            Value::Null,
        ),
        (
            "PUT",
            format!("/api/v1/technologies/{technology}/uses"),
            json!({"status": "test", "organisation": "0482"}),
        ),
        (
            "DELETE",
            format!("/api/v1/technologies/{technology}/uses/0482"),
            Value::Null,
        ),
    ] {
        let (status, answer) = app.send_json(method, &path, &body, true).await;
        assert!((200..300).contains(&status), "{path}: {answer}");
    }
    let withdrawn_entry = created(
        &app,
        "/api/v1/technologies",
        json!({"name": "Tillbakadragen teknik", "proximity": "processnara"}),
    )
    .await;
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/technologies/{withdrawn_entry}"),
            &Value::Null,
            true,
        )
        .await;
    assert_eq!(status, 204);
    let proposal = noden_portal::technologies::propose(
        &app.state,
        &noden_portal::audit::By::command("test"),
        noden_portal::technologies::TechnologyInput {
            name: "Föreslagen teknik".to_owned(),
            proximity: "brukarnara".to_owned(),
            description: hostile.clone(),
            ..Default::default()
        },
    )
    .await
    .expect("a proposal")
    .slug;
    // A second version of the need, so its history shows a comparison; a journal entry to
    // edit; and a withdrawn need, which node staff open marked, with Återställ.
    let (status, edited) = app
        .send_json(
            "PUT",
            &format!("/api/v1/needs/{need}"),
            &json!({"title": odd("Behov med skadlig text, ändrat"), "description": hostile,
                   "target_group": "lss", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    // Its address follows the new title (the old one redirects there).
    let need = edited["slug"].as_str().unwrap().to_owned();
    let (status, entry) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{trial}/journal"),
            &json!({"entry_type": "hinder", "text": hostile}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let entry = entry["id"].as_str().unwrap().to_owned();
    let withdrawn = created(
        &app,
        "/api/v1/needs",
        json!({"title": "Tillbakadraget behov", "description": "Fel behov.",
               "target_group": "lss", "organisation": "0480", "visibility": "public"}),
    )
    .await;
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/needs/{withdrawn}"),
            &Value::Null,
            true,
        )
        .await;
    assert_eq!(status, 204);
    // A trial of the catalogue entry followed up after 12 months, so the overview shows
    // benefit realisation; and journal entries, so a search folds them into their trial.
    let followed = created(
        &app,
        "/api/v1/trials",
        json!({"title": "Uppföljt test av larm", "technology": "Larm",
               "target_group": "ordinart-boende", "lead": "0480", "visibility": "public",
               "technology_entry": technology, "starts_on": "2020-01-01",
               "ends_on": "2020-06-01", "phase": "avslutad"}),
    )
    .await;
    let (status, indicator) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{followed}/indicators"),
            &json!({"name": "Larm per natt", "unit": "larm", "direction": "lagre",
                    "baseline": 4}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{indicator}");
    let (status, recorded) = app
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{followed}/follow-ups/12"),
            &json!({"values": {indicator["id"].as_str().unwrap(): 3}, "effects": hostile,
                    "still_in_use": true}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{recorded}");
    for text in [
        "Larmet gick två gånger i natt.",
        "Larmet tystnade efter byte.",
    ] {
        let (status, entry) = app
            .send_json(
                "POST",
                &format!("/api/v1/trials/{followed}/journal"),
                &json!({"entry_type": "steg", "text": text}),
                true,
            )
            .await;
        assert_eq!(status, 201, "{entry}");
    }
    // A workspace, so its page shows the table and the form for adding a person.
    noden_portal::workspaces::save(
        &app.state,
        &noden_portal::audit::By::command("test"),
        &odd("Arbetsrum"),
        &["0480".to_owned(), "0482".to_owned()],
    )
    .await
    .expect("a workspace");
    // Files on each, and a journal entry with one, so the "Bilagor" lists and forms show.
    let (status, filed) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{trial}/journal"),
            &json!({"entry_type": "steg", "text": "Kameran sattes upp."}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{filed}");
    let plan_pdf = crate::attachments::pdf("Plan");
    for api in [
        format!("/api/v1/reports/{report}"),
        format!("/api/v1/needs/{need}"),
        format!("/api/v1/trials/{trial}"),
    ] {
        crate::attachments::attach_as_node(
            &app,
            &api,
            "Mätplan med ett mycket långt filnamn som inte får göra sidan bredare än telefonen.pdf",
            &plan_pdf,
        )
        .await;
    }
    crate::attachments::attach_as_node_to_entry(
        &app,
        &trial,
        filed["id"].as_str().unwrap_or_default(),
        &plan_pdf,
    )
    .await;
    app.indexed().await;

    let medlem = app
        .with_user_at("medlem@nykoping.se", Role::Member, "0480")
        .await;
    let member = medlem.session_cookie().to_owned();
    // The member follows the trial and has an unread notice of it, so /notiser, the header's
    // count and /konto/bevakningar show something.
    let (_, shown) = app.get_json(&format!("/api/v1/trials/{trial}")).await;
    let followed = medlem
        .submit(
            "/bevakningar",
            &[
                ("topic_kind", "trial"),
                ("topic_id", shown["id"].as_str().unwrap_or_default()),
            ],
        )
        .await;
    assert_eq!(followed.status, 303, "{}", followed.body);
    // The member comments on the trial: its page shows the comment, the member edits it and
    // node staff are asked before removing it.
    let (status, commented) = medlem
        .send_json(
            "POST",
            "/api/v1/comments",
            &json!({"item_kind": "trial", "item_id": shown["id"], "text": hostile}),
        )
        .await;
    assert_eq!(status, 201, "{commented}");
    let comment = commented["id"].as_str().unwrap_or_default().to_owned();
    let (status, told) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{trial}/journal"),
            &json!({"entry_type": "mojlighet", "text": "Personalen vill behålla kameran."}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{told}");
    // A member's edit of the published report waits for review (its page shows what changes),
    // and another organisation shares the need (a trial from it proposes them).
    let report_id = noden_portal::reports::by_slug(&app.state.db, &report)
        .await
        .unwrap()
        .expect("the report")
        .id;
    let (status, edited) = medlem
        .send_json(
            "PUT",
            &format!("/api/v1/reports/{report_id}"),
            &json!({"title": odd("Skadlig Markdown"), "body": format!("{hostile}\n\nEn ändring."),
                    "kind": "testrapport", "organisation": "0480", "visibility": "public"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    noden_portal::needs::endorse_for(
        &app.state,
        &noden_portal::audit::By::command("test"),
        &need,
        app.organisation("0482").id,
        noden_portal::needs::EndorsementInput {
            note: "Samma hos oss.".to_owned(),
        },
    )
    .await
    .expect("an endorsement");
    let staff = app
        .with_user_at("admin@nykoping.se", Role::NodeAdmin, "0480")
        .await;
    let admin = staff.session_cookie().to_owned();
    // A concept of the thesaurus, one of its words the hostile line, so searches for it say
    // which words they searched too.
    let concept = noden_portal::thesaurus::save(
        &app.state,
        &noden_portal::audit::By::command("test"),
        None,
        &noden_portal::thesaurus::Changes {
            label: "nödlarm".to_owned(),
            labels: format!("larm\n{}", odd("larmknapp")),
            broader: String::new(),
            note: odd("Larm för nödlägen."),
        },
    )
    .await
    .expect("a concept");
    // A concept of the content folder's vocabulary standing for the first category, with a
    // narrower one, so the category page lists its other words.
    let vocabulary = tempfile::tempdir().unwrap();
    let first_category = app.state.catalog.get().categories[0].slug.clone();
    std::fs::write(
        vocabulary.path().join("vocabulary.yaml"),
        format!(
            "concepts:\n  - id: kategoribegrepp\n    label: \"kategoribegrepp\"\n    \
             alt: [\"samma sak\", {}]\n    category: {first_category}\n    \
             note: \"Ett begrepp för kategorin.\"\n  - id: smalare\n    \
             label: \"smalare begrepp\"\n    broader: kategoribegrepp\n",
            // A JSON string is a YAML string, whatever the hostile line holds.
            serde_json::to_string(&odd("annat ord")).unwrap()
        ),
    )
    .unwrap();
    let mut synced = noden_portal::import::Summary::default();
    noden_portal::import::sync_reference_data(&app.state, vocabulary.path(), &mut synced).await;
    assert!(synced.failed.is_empty(), "{:?}", synced.failed);
    assert_eq!(synced.concepts, 2);
    let (_, _, category_page) = app.get(&format!("/kategorier/{first_category}")).await;
    assert!(
        category_page.contains("samma sak") && category_page.contains("smalare begrepp"),
        "the category page lists no other words: {category_page}"
    );
    // A technology coach whose introduction holds the corpus.
    app.with_user_at("coach@nykoping.se", Role::Member, "0480")
        .await;
    let (status, coach) = app
        .send_json(
            "POST",
            "/api/v1/coaches",
            &json!({"user_email": "coach@nykoping.se", "workplace": odd("Hemtjänsten Norr"),
                    "hours_per_year": 400, "contact": odd("Ring växeln"),
                    "introduction": hostile, "technologies": [technology]}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{coach}");
    let coach_url = coach["url"].as_str().unwrap().to_owned();
    // A joint procurement node staff lead, with the member invited into it, an overdue
    // milestone and an open invitation.
    noden_portal::auth::domains::add_domain(
        &app.state,
        &noden_portal::audit::By::command("test"),
        app.organisation("0480").id,
        "nykoping.se",
    )
    .await
    .unwrap();
    let started = staff
        .submit(
            "/upphandlingar/ny",
            &[
                ("title", odd("Gemensam upphandling av nattillsyn").as_str()),
                ("description", hostile.as_str()),
                ("lead_organisation", "0480"),
                ("officer", odd("Olle Upphandlare").as_str()),
                ("phase", "marknadsdialog"),
            ],
        )
        .await;
    assert_eq!(started.status, 303, "{}", started.body);
    let procurement = started
        .location
        .clone()
        .and_then(|l| l.split("/upphandlingar/").nth(1).map(str::to_owned))
        .expect("the procurement's address");
    let procurement_url = format!("/upphandlingar/{procurement}");
    let planned = staff
        .submit(
            &format!("{procurement_url}/tidslinje"),
            &[("planned_forfragningsunderlag", "2020-01-15")],
        )
        .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let mut invitation = String::new();
    for email in ["medlem@nykoping.se", "inbjuden@nykoping.se"] {
        let sent = staff
            .submit(
                &format!("{procurement_url}/inbjudningar"),
                &[("email", email), ("standing", "member")],
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        let mail = app.mail_to(email).await;
        let text = mail.last().expect("an invitation").text.clone();
        let start = text
            .find("/upphandlingar/inbjudan/")
            .expect("an invitation link");
        let end = text[start..]
            .find(char::is_whitespace)
            .map_or(text.len(), |e| start + e);
        invitation = text[start..end].to_owned();
        if email.starts_with("medlem") {
            let accepted = medlem.submit(&invitation, &[]).await;
            assert_eq!(accepted.status, 303, "{}", accepted.body);
        }
    }
    // Requirements: a ska-krav traced to the need, and a bör-krav whose weight leaves points
    // missing.
    for fields in [
        [
            ("title", odd("Kameran väcker inte brukaren").as_str()),
            ("kind", "ska"),
            ("weight", ""),
            ("needs", need.as_str()),
            ("text", hostile.as_str()),
        ],
        [
            ("title", "Låg ljudnivå"),
            ("kind", "bor"),
            ("weight", "60"),
            ("needs", ""),
            ("text", ""),
        ],
    ] {
        let added = staff
            .submit(&format!("{procurement_url}/krav"), &fields)
            .await;
        assert_eq!(added.status, 303, "{}", added.body);
    }
    // A procurement document, changed once (so its history shows a difference), with a PDF.
    let written = staff
        .submit(
            &format!("{procurement_url}/dokument/ny"),
            &[
                ("title", odd("Kravspecifikation").as_str()),
                ("document_type", "kravspecifikation"),
                ("body", hostile.as_str()),
                ("public", "true"),
            ],
        )
        .await;
    assert_eq!(written.status, 303, "{}", written.body);
    let document_url = written
        .location
        .clone()
        .and_then(|l| l.find("/upphandlingar/").map(|i| l[i..].to_owned()))
        .expect("the document's address");
    let changed_body = format!("{hostile}\n\nKameran ska larma vid fall och uppstigning.");
    let changed = staff
        .submit(
            &format!("{document_url}/andra"),
            &[
                ("title", odd("Kravspecifikation").as_str()),
                ("document_type", "kravspecifikation"),
                ("body", changed_body.as_str()),
                ("public", "true"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let document_id = document_url.rsplit('/').next().unwrap_or_default();
    let (status, attached) = crate::attachments::upload(
        &app,
        &staff,
        &format!("/api/v1/procurement-documents/{document_id}"),
        &[],
        "Kravbilaga.pdf",
        &crate::attachments::pdf("Krav"),
    )
    .await;
    assert_eq!(status, 201, "{attached}");
    // An awarded framework agreement node staff lead: parties (one calling off later), the
    // award and call-offs past 80 % of a maximum, so the register warns; anonymous visitors
    // see its public facts.
    let started = staff
        .submit(
            "/upphandlingar/ny",
            &[
                ("title", "Ramavtal för trygghetslarm"),
                ("description", hostile.as_str()),
                ("lead_organisation", "0480"),
                ("officer", "Olle Upphandlare"),
                ("phase", "forfragningsunderlag"),
            ],
        )
        .await;
    assert_eq!(started.status, 303, "{}", started.body);
    let contract_url = started
        .location
        .clone()
        .and_then(|l| {
            l.split("/upphandlingar/")
                .nth(1)
                .map(|s| format!("/upphandlingar/{s}"))
        })
        .expect("the procurement's address");
    for (code, role, from) in [
        ("0480", "ordinary", ""),
        ("0482", "ordinary", ""),
        ("0483", "later", "2029-01-01"),
    ] {
        let saved = staff
            .submit(
                &format!("{contract_url}/avtalsparter"),
                &[
                    ("organisation", code),
                    ("role", role),
                    ("from_on", from),
                    ("estimated_sek", "400000"),
                    ("maximum_sek", "500000"),
                    ("quantity", "50 larm"),
                ],
            )
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
    }
    let moved = staff
        .submit(
            &format!("{contract_url}/andra"),
            &[
                ("title", "Ramavtal för trygghetslarm"),
                ("description", hostile.as_str()),
                ("officer", "Olle Upphandlare"),
                ("phase", "avtal"),
            ],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    let awarded = staff
        .submit(
            &format!("{contract_url}/avtalsparter/tilldelning"),
            &[
                ("supplier", odd("Larmbolaget AB").as_str()),
                ("awarded_on", "2026-01-10"),
                ("signed_on", ""),
            ],
        )
        .await;
    assert_eq!(awarded.status, 303, "{}", awarded.body);
    for value in ["250000", "170000"] {
        let called = staff
            .submit(
                &format!("{contract_url}/avtalsparter/avrop"),
                &[
                    ("party", "0482"),
                    ("called_on", "2026-02-01"),
                    ("value_sek", value),
                    ("note", odd("Larm till hemtjänsten").as_str()),
                ],
            )
            .await;
        assert_eq!(called.status, 303, "{}", called.body);
    }
    // Its summary, published as a public report (node staff publish at once), the lessons
    // learnt the corpus.
    let published = staff
        .submit(
            &format!("{contract_url}/sammanfattning"),
            &[("lessons", hostile.as_str())],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    let summary_report = published
        .location
        .as_deref()
        .and_then(|l| l.find("/rapporter/").map(|at| l[at..].to_owned()))
        .expect("the summary's report");
    // Its talk: a question with a reply, a decision and its correction, the reference group
    // with a meeting.
    let asked = staff
        .submit(
            &format!("{procurement_url}/fragor"),
            &[
                ("title", odd("Hur länge sparas bilderna?").as_str()),
                ("text", hostile.as_str()),
            ],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    let question_url = asked
        .location
        .clone()
        .and_then(|l| l.find("/upphandlingar/").map(|i| l[i..].to_owned()))
        .expect("the question's address");
    let replied = medlem
        .submit(
            &format!("{question_url}/svar"),
            &[("text", hostile.as_str())],
        )
        .await;
    assert_eq!(replied.status, 303, "{}", replied.body);
    for (decision, corrects) in [(odd("Tio kameror."), ""), ("Tolv kameror.".to_owned(), "1")] {
        let recorded = staff
            .submit(
                &format!("{procurement_url}/beslut"),
                &[
                    ("decision", decision.as_str()),
                    ("rationale", hostile.as_str()),
                    ("decided_by", odd("Styrgruppen").as_str()),
                    ("corrects", corrects),
                ],
            )
            .await;
        assert_eq!(recorded.status, 303, "{}", recorded.body);
    }
    let added = staff
        .submit(
            &format!("{procurement_url}/referensgrupp"),
            &[
                ("representation", "medarbetare"),
                (
                    "description",
                    odd("Två undersköterskor från nattpatrullen").as_str(),
                ),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let met = staff
        .submit(
            &format!("{procurement_url}/referensgrupp/moten"),
            &[("held_on", "2020-02-25"), ("notes", hostile.as_str())],
        )
        .await;
    assert_eq!(met.status, 303, "{}", met.body);
    // A failed job, so the jobs page shows its error and retry button.
    app.state.jobs.register("prov.misslyckas", |_, _| async {
        Err(noden_portal::jobs::JobError::new("Mottagaren svarar inte"))
    });
    let now = app.state.clock.now();
    noden_portal::jobs::enqueue_at(&app.state.db, now, now, "prov.misslyckas", &json!({}), 1)
        .await
        .unwrap();
    noden_portal::jobs::run_due(&app.state).await.unwrap();
    // A field report with a photo, public, on the trial.
    let png = crate::fieldreports::png();
    let posted = crate::fieldreports::post_api(
        &app,
        &staff,
        &[
            ("text", hostile.as_str()),
            ("trial", &trial),
            ("visibility", "public"),
            (
                "alt_1",
                "<img src=x onerror=alert(1)> [js](javascript:alert(2))",
            ),
        ],
        &[("kamera.png", &png)],
    )
    .await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    let field_report = format!("/faltrapporter/{}", posted.json()["id"].as_str().unwrap());
    // Federation: one peer trusted (a row in the list, its removal page), another to confirm.
    let mut peers = Vec::new();
    for (name, county) in [("Noden Västra Götaland", "14"), ("Noden Uppsala", "03")] {
        peers.push(
            TestApp::builder(backend.clone())
                .settings(move |s| {
                    s.node_name = name.to_owned();
                    s.node_county = county.to_owned();
                    s.federation_allow_http_loopback = true;
                })
                .start()
                .await,
        );
    }
    // The first peer trusts this node first, so this node's pulls of it are answered.
    {
        use noden_portal::federation::peers as federation_peers;
        let document = federation_peers::preview(&peers[0].state, &app.base)
            .await
            .unwrap();
        let by = noden_portal::audit::By::command("test");
        federation_peers::add(
            &peers[0].state,
            &by,
            &app.base,
            federation_peers::Share::Public,
            &document.fingerprint,
        )
        .await
        .unwrap();
    }
    let trusted = {
        use noden_portal::federation::peers;
        let document = peers::preview(&app.state, &peers[0].base).await.unwrap();
        let by = noden_portal::audit::By::command("test");
        peers::add(
            &app.state,
            &by,
            &peers[0].base,
            peers::Share::Public,
            &document.fingerprint,
        )
        .await
        .unwrap()
        .id
    };
    // One pull brings the peer's public items here.
    let remote_item = {
        use noden_portal::federation::{pull, remote};
        use sea_orm::EntityTrait;
        pull::pull_now(&app.state, trusted).await.unwrap();
        let item = remote::entity::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .expect("an item from the peer");
        format!("/fran/{}", item.id)
    };
    // A peer that sends the corpus as an item's Markdown (a node's own feed escapes every
    // mark, so only a hostile peer sends markup): the item's page here renders it.
    let (hostile_remote, _hostile_peer) = {
        use noden_portal::federation::{pull, remote};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let (fake, id) = crate::federation::trusted_fake_peer(&app, &hostile).await;
        pull::pull_now(&app.state, id).await.unwrap();
        let item = remote::entity::Entity::find()
            .filter(remote::entity::Column::Title.starts_with("Zebralarm"))
            .one(&app.state.db)
            .await
            .unwrap()
            .expect("the hostile peer's item, its text the corpus");
        assert!(
            item.body_md.contains("<script"),
            "stored as sent: {}",
            item.body_md
        );
        (format!("/fran/{}", item.id), fake)
    };
    let to_confirm = format!(
        "/admin/federation/ny?{}",
        serde_html_form::to_string([("url", peers[1].base.as_str()), ("share", "network")])
            .unwrap()
    );
    let category = app.state.catalog.get().categories[0].slug.clone();
    let everyone = ["anonym", "medlem", "admin"];
    let signed_in = ["medlem", "admin"];
    // A requirement's edit form and its removal confirmation, from the list's edit link.
    let requirements = staff.get(&format!("{procurement_url}/krav")).await;
    let marker = format!("{procurement_url}/krav/");
    let requirement = requirements
        .body
        .match_indices(&marker)
        .map(|(i, _)| &requirements.body[i + marker.len()..])
        .find(|rest| rest.get(36..42) == Some("/andra"))
        .map(|rest| rest[..36].to_owned())
        .expect("an edit link");
    // The one-click unsubscribe page a notice's link opens (no session needed).
    let signer = noden_portal::notifications::unsubscribe::Signer::load(
        &app.state.db,
        app.state.clock.now(),
    )
    .await
    .unwrap();
    let unsubscribe = format!(
        "/avregistrera/{}",
        signer.token(
            medlem.user_id,
            noden_portal::notifications::unsubscribe::Subject::Kind(
                noden_portal::notifications::EventKind::FieldReport
            )
        )
    );
    // Keeping items current: a report archived from its page, another nobody has confirmed
    // for two years (its page and hits say so), and the "stämmer fortfarande" page a
    // reminder's link opens, and the answer a spent link gets (410).
    let archived_report = created(
        &app,
        "/api/v1/reports",
        json!({"title": odd("Arkiverad rapport om larm"), "body": "Larmen byttes ut.",
               "kind": "erfarenhet", "organisation": "0480", "visibility": "public"}),
    )
    .await;
    let archived = staff
        .submit(&format!("/rapporter/{archived_report}/arkivera"), &[])
        .await;
    assert_eq!(archived.status, 303, "{}", archived.body);
    let stale_report = created(
        &app,
        "/api/v1/reports",
        json!({"title": odd("Gammal rapport om larm"), "body": "Larmen testades länge sedan.",
               "kind": "erfarenhet", "organisation": "0480", "visibility": "public"}),
    )
    .await;
    let still_correct = {
        use noden_portal::freshness::{self, ItemKind, confirm::Signer};
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let two_years_ago = app.state.clock.now() - chrono::Duration::days(730);
        let entity = noden_portal::reports::entity::Entity::find()
            .filter(noden_portal::reports::entity::Column::Slug.eq(stale_report.as_str()))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        noden_portal::reports::entity::Entity::update_many()
            .col_expr(
                noden_portal::reports::entity::Column::UpdatedAt,
                Expr::value(two_years_ago),
            )
            .filter(noden_portal::reports::entity::Column::Id.eq(entity.id))
            .exec(&app.state.db)
            .await
            .unwrap();
        let item = freshness::item(&app.state.db, ItemKind::Report, entity.id)
            .await
            .unwrap()
            .unwrap();
        let signer = Signer::load(&app.state.db, app.state.clock.now())
            .await
            .unwrap();
        let spent = freshness::Item {
            updated_at: two_years_ago - chrono::Duration::days(1),
            ..item.clone()
        };
        (
            format!("/aktuell/{}", signer.token(&item, staff.user_id)),
            format!("/aktuell/{}", signer.token(&spent, staff.user_id)),
        )
    };
    app.indexed().await;
    let mut pages: Vec<(String, &[&str])> = vec![
        (format!("/rapporter/{archived_report}"), &everyone),
        (format!("/rapporter/{stale_report}"), &everyone),
        ("/sok?q=rapport+om+larm".into(), &everyone),
        (still_correct.0.clone(), &everyone),
        (still_correct.1.clone(), &everyone),
        ("/".into(), &everyone),
        ("/sok?q=larm".into(), &everyone),
        ("/sok?q=zzzqqq".into(), &everyone),
        ("/behov".into(), &everyone),
        (format!("/behov/{need}"), &everyone),
        ("/tester".into(), &everyone),
        (format!("/tester/{trial}"), &everyone),
        ("/teknik".into(), &everyone),
        (format!("/teknik/{technology}"), &everyone),
        ("/oversikt".into(), &everyone),
        ("/kontakt".into(), &everyone),
        ("/tillganglighet".into(), &everyone),
        ("/sok?q=larmet".into(), &everyone),
        ("/organisationer".into(), &everyone),
        ("/organisationer/nykopings-kommun".into(), &everyone),
        (format!("/kategorier/{category}"), &everyone),
        (format!("/rapporter/{report}"), &everyone),
        (format!("/rapporter/{report}/historik"), &everyone),
        (format!("/rapporter/{report}/bilagor"), &everyone),
        (format!("/behov/{need}/bilagor"), &signed_in),
        (format!("/tester/{trial}/bilagor"), &signed_in),
        ("/logga-in".into(), &everyone),
        ("/konto".into(), &signed_in),
        ("/notiser".into(), &signed_in),
        ("/konto/bevakningar".into(), &signed_in),
        ("/konto/notiser".into(), &signed_in),
        ("/rapporter/ny".into(), &signed_in),
        ("/behov/ny".into(), &signed_in),
        ("/tester/ny".into(), &signed_in),
        (format!("/behov/{need}/andra"), &signed_in),
        (format!("/behov/{need}/dra-tillbaka"), &signed_in),
        (format!("/behov/{need}/historik"), &everyone),
        (format!("/behov/{withdrawn}"), &["admin"]),
        (format!("/tester/{trial}/andra"), &signed_in),
        (format!("/tester/{trial}/dra-tillbaka"), &signed_in),
        (
            format!("/tester/{trial}/lamna-over"),
            &["admin", "admin-en"],
        ),
        (format!("/tester/{trial}/historik"), &everyone),
        (format!("/tester/{trial}/journal/{entry}/andra"), &signed_in),
        (format!("/tester/ny?behov={need}"), &signed_in),
        (format!("/rapporter/ny?test={trial}"), &signed_in),
        ("/admin".into(), &["admin"]),
        ("/admin/anvandare".into(), &["admin"]),
        ("/admin/arbetsrum".into(), &["admin"]),
        ("/admin/logg".into(), &["admin"]),
        ("/admin/jobb".into(), &["admin"]),
        ("/admin/vokabular".into(), &["admin"]),
        ("/admin/vokabular?q=larm".into(), &["admin"]),
        ("/admin/vokabular/nytt".into(), &["admin"]),
        (format!("/admin/vokabular/{concept}"), &["admin"]),
        ("/sok?q=n%C3%B6dlarm".into(), &everyone),
        ("/sok?q=n%C3%B6dlarm&expand=false".into(), &everyone),
        ("/granskning".into(), &["admin"]),
        ("/teknik/ny".into(), &["admin"]),
        ("/teknik/foresla".into(), &signed_in),
        (format!("/teknik/{technology}/historik"), &everyone),
        (format!("/teknik/{technology}/andra"), &["admin"]),
        (format!("/teknik/{technology}/dra-tillbaka"), &["admin"]),
        (format!("/teknik/{withdrawn_entry}"), &["admin"]),
        (format!("/teknik/{proposal}"), &["admin"]),
        (
            format!("/tester/{trial}/indikatorer/{indicator_id}/andra"),
            &signed_in,
        ),
        ("/upphandlingar".into(), &everyone),
        ("/upphandlingar/ny".into(), &["admin"]),
        (procurement_url.clone(), &signed_in),
        (format!("{procurement_url}/andra"), &["admin"]),
        (format!("{procurement_url}/medlemmar"), &signed_in),
        (format!("{procurement_url}/tidslinje"), &signed_in),
        (format!("{procurement_url}/krav"), &signed_in),
        (format!("{procurement_url}/krav/nytt"), &signed_in),
        (format!("{procurement_url}/krav/utskrift"), &signed_in),
        (
            format!("{procurement_url}/krav/{requirement}/andra"),
            &signed_in,
        ),
        (
            format!("{procurement_url}/krav/{requirement}/ta-bort"),
            &signed_in,
        ),
        (format!("{procurement_url}/dokument"), &signed_in),
        (format!("{procurement_url}/dokument/ny"), &signed_in),
        (document_url.clone(), &signed_in),
        (format!("{document_url}/andra"), &signed_in),
        (format!("{document_url}/historik"), &signed_in),
        (format!("{document_url}/bilagor"), &signed_in),
        (format!("{contract_url}/avtalsparter"), &["admin"]),
        (format!("{contract_url}/sammanfattning"), &["admin"]),
        (contract_url.clone(), &everyone),
        (format!("{procurement_url}/fragor"), &signed_in),
        (question_url.clone(), &signed_in),
        (format!("{procurement_url}/beslut"), &signed_in),
        (format!("{procurement_url}/referensgrupp"), &signed_in),
        (invitation.clone(), &everyone),
        (unsubscribe.clone(), &everyone),
        ("/teknikcoacher".into(), &everyone),
        (coach_url.clone(), &everyone),
        ("/teknikcoacher/utse".into(), &["admin"]),
        // In English: the pages whose text is in the catalogues, and the frame around others.
        ("/".into(), &["anonym-en"]),
        ("/kontakt".into(), &["anonym-en"]),
        ("/tillganglighet".into(), &["anonym-en", "medlem-en"]),
        ("/sok?q=larmet".into(), &["anonym-en"]),
        ("/logga-in".into(), &["anonym-en"]),
        ("/rapporter/ny".into(), &["medlem-en"]),
        (format!("/rapporter/{report}"), &["anonym-en", "medlem-en"]),
        (format!("/rapporter/{stale_report}"), &["medlem-en"]),
        ("/konto".into(), &["medlem-en"]),
        ("/behov".into(), &["anonym-en"]),
        (format!("/behov/{need}"), &["medlem-en"]),
        ("/behov/ny".into(), &["medlem-en"]),
        ("/tester".into(), &["anonym-en"]),
        (format!("/tester/{trial}"), &["medlem-en"]),
        ("/teknik".into(), &["anonym-en"]),
        (format!("/teknik/{technology}"), &["anonym-en"]),
        ("/oversikt".into(), &["anonym-en"]),
        ("/organisationer".into(), &["anonym-en"]),
        ("/upphandlingar".into(), &["anonym-en"]),
        (procurement_url.clone(), &["medlem-en"]),
        ("/teknikcoacher".into(), &["anonym-en"]),
        ("/faltrapporter".into(), &["anonym-en"]),
        ("/notiser".into(), &["medlem-en"]),
        (still_correct.0.clone(), &["anonym-en"]),
        (still_correct.1.clone(), &["anonym-en"]),
        ("/admin/logg".into(), &["admin-en"]),
        ("/admin/vokabular".into(), &["admin-en"]),
        ("/sok?q=n%C3%B6dlarm".into(), &["anonym-en"]),
        (format!("/teknik/{technology}/andra"), &["admin-en"]),
        (format!("{coach_url}/redigera"), &["admin"]),
        (format!("/kommentarer/{comment}/redigera"), &["medlem"]),
        (format!("/kommentarer/{comment}/ta-bort"), &["admin"]),
        ("/faltrapporter".into(), &everyone),
        (field_report.clone(), &everyone),
        ("/faltrapporter/ny".into(), &["admin"]),
        (format!("{field_report}/for-vidare"), &["admin"]),
        ("/admin/federation".into(), &["admin"]),
        (remote_item, &everyone),
        (to_confirm, &["admin"]),
        (format!("/admin/federation/{trusted}/ta-bort"), &["admin"]),
    ];
    pages.dedup();
    let plan = json!({
        "base": app.base.trim_end_matches('/'),
        "chromium": chromium,
        "visitors": [
            {"name": "anonym", "cookie": null},
            {"name": "medlem", "cookie": member},
            {"name": "admin", "cookie": admin},
            {"name": "anonym-en", "cookie": null, "lang": "en"},
            {"name": "medlem-en", "cookie": member, "lang": "en"},
            {"name": "admin-en", "cookie": admin, "lang": "en"},
        ],
        // A spent "stämmer fortfarande" link answers 410 Gone, as it should.
        "pages": pages.iter().map(|(path, who)| json!({
            "path": path,
            "visitors": who,
            "status": (*path == still_correct.1).then_some(410),
        })).collect::<Vec<_>>(),
        // The pages whose text fields hold the corpus (the trial's page also its journal
        // entry and a comment), as the visitor who may open them.
        "hostile": [
            json!(format!("/rapporter/{report}")),
            json!(format!("/behov/{need}")),
            json!(format!("/tester/{trial}")),
            json!(format!("/teknik/{technology}")),
            json!(coach_url.clone()),
            json!(field_report.clone()),
            json!(contract_url.clone()),
            json!(hostile_remote),
            json!(summary_report),
            json!({"path": procurement_url.clone(), "visitor": "medlem"}),
            json!({"path": format!("{procurement_url}/krav"), "visitor": "medlem"}),
            json!({"path": format!("{procurement_url}/krav/utskrift"), "visitor": "medlem"}),
            json!({"path": document_url.clone(), "visitor": "medlem"}),
            json!({"path": format!("{document_url}/historik"), "visitor": "medlem"}),
            json!({"path": question_url.clone(), "visitor": "medlem"}),
            json!({"path": format!("{procurement_url}/beslut"), "visitor": "medlem"}),
            json!({"path": format!("{procurement_url}/referensgrupp"), "visitor": "medlem"}),
            // Where the plain-text fields show: hits, lists, histories, forms, notices.
            json!("/sok?q=skadlig"),
            json!(still_correct.0.clone()),
            json!(format!("/rapporter/{archived_report}")),
            json!("/sok?q=nattkamera"),
            json!("/"),
            json!("/behov"),
            json!("/tester"),
            json!("/teknik"),
            json!("/upphandlingar"),
            json!("/teknikcoacher"),
            json!(format!("/rapporter/{report}/historik")),
            json!(format!("/behov/{need}/historik")),
            json!({"path": "/notiser", "visitor": "medlem"}),
            json!({"path": "/granskning", "visitor": "admin"}),
            json!({"path": "/admin/logg", "visitor": "admin"}),
            json!({"path": "/admin/arbetsrum", "visitor": "admin"}),
            json!({"path": format!("/behov/{need}/andra"), "visitor": "medlem"}),
            json!({"path": format!("/tester/{trial}/andra"), "visitor": "medlem"}),
            json!({"path": format!("/tester/{trial}/indikatorer/{indicator_id}/andra"), "visitor": "medlem"}),
            json!({"path": format!("/teknik/{technology}/andra"), "visitor": "admin"}),
            json!({"path": format!("{coach_url}/redigera"), "visitor": "admin"}),
            json!({"path": format!("{procurement_url}/andra"), "visitor": "admin"}),
            json!({"path": format!("{procurement_url}/tidslinje"), "visitor": "medlem"}),
            json!({"path": format!("{document_url}/andra"), "visitor": "medlem"}),
            json!({"path": format!("{contract_url}/avtalsparter"), "visitor": "admin"}),
        ],
    });
    // The plain-text fields show their hostile line as text, escaped, not dropped.
    for page in [format!("/behov/{need}"), format!("/tester/{trial}")] {
        let shown = staff.get(&page).await;
        assert_eq!(shown.status, 200, "{page}");
        assert!(
            shown
                .body
                .contains("&#60;script&#62;alert(101)&#60;/script&#62;"),
            "{page} shows its title's hostile line as text: {}",
            shown.body
        );
        assert!(!shown.body.contains("<script>alert(101)"), "{page}");
    }
    let plan_file = app.data_dir.path().join("browser-plan.json");
    std::fs::write(&plan_file, plan.to_string()).unwrap();

    // The driver runs in its own process; the portal keeps serving on this test's runtime.
    let output = actix_web::rt::task::spawn_blocking(move || {
        Command::new("node")
            .arg(driver.join("check.mjs"))
            .arg(&plan_file)
            .output()
            .expect("run node tests/browser/check.mjs")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser check found problems:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("0 findings"), "{stdout}\n{stderr}");
    eprintln!("{}", stdout.lines().last().unwrap_or_default());
}
