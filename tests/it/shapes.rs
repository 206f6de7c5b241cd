//! The shapes others build on, as insta snapshots in `tests/it/snapshots/`: the JSON of every
//! resource the API serves (each GET under `/api/v1` in the OpenAPI document) and every
//! e-mail the portal sends (subject, text and HTML).
//!
//! One story writes the same data on SQLite and on PostgreSQL, on a fixed clock moved one
//! minute per write, so both backends give the same snapshot: one snapshot per resource, not
//! per backend. Ids, times, the id tail of slugs, sign-in tokens and the test server's address
//! are redacted; search hits and suggestions are sorted by title and their scores left out
//! (ranking has tests of its own). A changed shape fails the test and leaves a `.snap.new` beside the
//! snapshot: review it (`cargo insta review`, or read the diff), and commit the accepted
//! `.snap` with the change that caused it. A new GET in the OpenAPI document fails the test
//! until it has a snapshot here.

use std::collections::BTreeSet;

use chrono::{Duration, TimeZone, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, on_both_backends};
use crate::sign_in::{ask_for_link, register_domain};

on_both_backends!(the_api_and_the_mail_keep_their_shapes);

/// Replaces what differs between runs and backends by a placeholder, wherever it appears.
struct Redactor {
    base: String,
}

fn is_hex(c: u8) -> bool {
    c.is_ascii_digit() || (b'a'..=b'f').contains(&c) || (b'A'..=b'F').contains(&c)
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// The length of a UUID (`8-4-4-4-12` hex digits) at the start of `s`, if one is there.
fn uuid_at(s: &[u8]) -> Option<usize> {
    let groups = [8, 4, 4, 4, 12];
    let mut i = 0;
    for (n, len) in groups.iter().enumerate() {
        if n > 0 {
            if s.get(i) != Some(&b'-') {
                return None;
            }
            i += 1;
        }
        for _ in 0..*len {
            if !s.get(i).copied().is_some_and(is_hex) {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

/// The length of an RFC 3339 time (`2026-03-02T09:00:00[.fff](Z|+01:00)`) at the start of `s`.
fn time_at(s: &[u8]) -> Option<usize> {
    let digit = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    let is = |i: usize, c: u8| s.get(i) == Some(&c);
    let shape = "dddd-dd-ddTdd:dd:dd";
    for (i, c) in shape.bytes().enumerate() {
        let ok = if c == b'd' {
            digit(i)
        } else {
            is(i, c) || (c == b'T' && is(i, b' '))
        };
        if !ok {
            return None;
        }
    }
    let mut i = shape.len();
    if is(i, b'.') {
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    if is(i, b'Z') {
        i += 1;
    } else if (is(i, b'+') || is(i, b'-')) && digit(i + 1) && digit(i + 2) && is(i + 3, b':') {
        i += 6;
    }
    Some(i)
}

impl Redactor {
    fn text(&self, text: &str) -> String {
        let text = text.replace(&self.base, "[portal]");
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let after_word = i > 0 && is_word(bytes[i - 1]);
            if !after_word {
                if let Some(len) =
                    uuid_at(rest).filter(|&l| !rest.get(l).is_some_and(|&c| is_word(c)))
                {
                    out.push_str("[id]");
                    i += len;
                    continue;
                }
                if let Some(len) = time_at(rest) {
                    out.push_str("[time]");
                    i += len;
                    continue;
                }
            }
            if let Some(link) = [
                "/logga-in/lank/",
                "/upphandlingar/inbjudan/",
                "/avregistrera/",
                "/aktuell/",
            ]
            .into_iter()
            .find(|link| rest.starts_with(link.as_bytes()))
            {
                let token = rest[link.len()..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b'_')
                    .count();
                out.push_str(link);
                out.push_str("[token]");
                i += link.len() + token;
                continue;
            }
            // A slug's tail: the last six hex digits of the item's id (`…-3f9a0c`).
            let tail = rest.len() >= 7
                && rest[0] == b'-'
                && after_word
                && rest[1..7]
                    .iter()
                    .all(|&c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
                && !rest.get(7).is_some_and(|&c| is_word(c));
            if tail {
                out.push_str("-[id]");
                i += 7;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8();
        }
        out
    }

    fn json(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.text(s)),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.json(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (self.text(k), self.json(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// The API resources snapshotted so far, by their path in the OpenAPI document.
struct Shots {
    redactor: Redactor,
    covered: BTreeSet<String>,
}

impl Shots {
    /// Snapshots `value`, the answer to `GET path` (`template` as the OpenAPI document names
    /// the path), as `name`.
    fn api(&mut self, template: &str, name: &str, path: &str, value: &Value) {
        self.covered.insert(template.to_owned());
        let value = self.redactor.json(value);
        let description = format!("GET {}", self.redactor.text(path));
        insta::with_settings!({ description => description, omit_expression => true }, {
            insta::assert_json_snapshot!(name, value, { ".hits[].score" => "[score]" });
        });
    }

    /// Snapshots one e-mail from the outbox as `name`.
    fn mail(&self, name: &str, mail: &noden_portal::mail::entity::Model) {
        let r = &self.redactor;
        let shown = format!(
            "To: {}\nSubject: {}\n\n--- text ---\n{}\n--- html ---\n{}",
            mail.recipient,
            r.text(&mail.subject),
            r.text(&mail.body_text),
            r.text(&mail.body_html),
        );
        let description = "An e-mail as the outbox table holds it: subject, text and HTML";
        insta::with_settings!({ description => description, omit_expression => true }, {
            insta::assert_snapshot!(name, shown);
        });
    }
}

/// A search answer or a list of suggestions with its hits in a fixed order, by title then
/// kind: the ranker's order is not part of the shape.
fn hits_sorted(mut result: Value) -> Value {
    let hits = match result.get_mut("hits") {
        Some(hits) => hits.as_array_mut(),
        None => result.as_array_mut(),
    };
    if let Some(hits) = hits {
        hits.sort_by_key(|h| (h["title"].to_string(), h["kind"].to_string()));
    }
    result
}

fn ok(what: &str, answer: (u16, Value), status: u16) -> Value {
    assert_eq!(answer.0, status, "{what}: {}", answer.1);
    answer.1
}

async fn the_api_and_the_mail_keep_their_shapes(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    // The story sends the follow-up reminders itself, so no job runner races it to them;
    // mail is read from the outbox table, delivered or not.
    let app = TestApp::builder(backend)
        .clock(clock.clone())
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    let step = || clock.advance(Duration::minutes(1));
    // Made-up addresses under example.org: no real person in a committed snapshot.
    let flen = app.with_user(Role::Member, "0482").await;
    let katrineholm = app.with_user(Role::Member, "0483").await;

    // The catalogue: an entry, and Flen's use of it.
    step();
    let technology = ok(
        "technology",
        app.send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": "Digital nattillsyn", "proximity": "brukarnara",
                    "category": "digital-tillsyn", "supplier": "Leverantören AB",
                    "standards": ["SCAIP"], "description": "Kamera i stället för besök."}),
            true,
        )
        .await,
        201,
    );
    let technology = technology["slug"].as_str().unwrap().to_owned();
    step();
    ok(
        "use",
        flen.send_json(
            "PUT",
            &format!("/api/v1/technologies/{technology}/uses"),
            &json!({"status": "infort", "since": "2024-03-01", "product": "Tillsynskamera X",
                    "contact": "Enheten för välfärdsteknik"}),
        )
        .await,
        200,
    );
    // Node staff correct the entry, so its history has a change to show.
    step();
    ok(
        "technology update",
        app.send_json(
            "PUT",
            &format!("/api/v1/technologies/{technology}"),
            &json!({"name": "Digital nattillsyn", "proximity": "brukarnara",
                    "category": "digital-tillsyn", "supplier": "Leverantören AB",
                    "standards": ["SCAIP"],
                    "description": "Kamera i stället för besök på natten."}),
            true,
        )
        .await,
        200,
    );

    // A need Flen raises and Katrineholm shares.
    step();
    let need = ok(
        "need",
        flen.send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Nattpersonal hinner inte med tillsynsbesöken",
                    "description": "Nattpatrullen har **40 tillsynsbesök** per natt.",
                    "target_group": "ordinart-boende", "category": "digital-tillsyn",
                    "organisation": "0482", "visibility": "network"}),
        )
        .await,
        201,
    );
    let need = need["slug"].as_str().unwrap().to_owned();
    step();
    ok(
        "endorsement",
        katrineholm
            .send_json(
                "POST",
                &format!("/api/v1/needs/{need}/endorsements"),
                &json!({"note": "Vi har två nattpatruller för hela kommunen."}),
            )
            .await,
        200,
    );

    // A joint trial answering it: a journal entry, an indicator, then it ends.
    step();
    let trial = ok(
        "trial",
        app.send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Digital nattillsyn med kamera",
                    "description": "Kamera i stället för fysiska besök nattetid.",
                    "lead": "0482", "participants": ["0483"], "technology": "Nattkamera",
                    "product": "Tillsynskamera X", "supplier": "Leverantören AB",
                    "target_group": "ordinart-boende", "category": "digital-tillsyn",
                    "starts_on": "2025-01-12", "phase": "pagar", "visibility": "network",
                    "needs": [need], "technology_entry": technology}),
            true,
        )
        .await,
        201,
    );
    let trial = trial["slug"].as_str().unwrap().to_owned();
    step();
    let entry = ok(
        "journal entry",
        katrineholm
            .send_json(
                "POST",
                &format!("/api/v1/trials/{trial}/journal"),
                &json!({"entry_type": "hinder", "happened_on": "2025-02-03",
                        "text": "Wifi saknas i tre lägenheter: kameran tappar bilden."}),
            )
            .await,
        201,
    );
    step();
    let indicator = ok(
        "indicator",
        flen.send_json(
            "POST",
            &format!("/api/v1/trials/{trial}/indicators"),
            &json!({"name": "Nattliga besök per brukare och vecka", "unit": "besök",
                    "direction": "lagre", "baseline": 14}),
        )
        .await,
        201,
    );
    let indicator = indicator["id"].as_str().unwrap().to_owned();
    step();
    ok(
        "phase",
        flen.send_json(
            "PUT",
            &format!("/api/v1/trials/{trial}/phase"),
            &json!({"phase": "avslutad"}),
        )
        .await,
        200,
    );

    // Its final report: sent back with a comment, sent again, published, then edited.
    let mut report = json!({
        "title": "Slutrapport: Digital nattillsyn med kamera",
        "summary": "Kamera i stället för besök gav lugnare nätter.",
        "kind": "testrapport", "organisation": "0482", "visibility": "public",
        "outcome": "inford", "categories": ["digital-tillsyn"], "tags": ["kamera", "natt"],
        "published_on": "2026-03-02", "trial": trial,
        "sections": {"behov": "Nattpatrullen hann inte med.",
                     "effekter": "Färre väckningar, bättre sömn.",
                     "slutsats": "Införs i båda kommunerna."},
    });
    step();
    let created = ok(
        "report",
        flen.send_json("POST", "/api/v1/reports", &report).await,
        201,
    );
    let report_id = created["id"].as_str().unwrap().to_owned();
    let submit = format!("/api/v1/reports/{report_id}/submit");
    let review = format!("/api/v1/reports/{report_id}/review");
    step();
    ok(
        "submit",
        flen.send_json("POST", &submit, &json!({})).await,
        200,
    );
    step();
    ok(
        "return",
        app.send_json(
            "POST",
            &review,
            &json!({"decision": "return", "comment": "Beskriv ekonomin också."}),
            true,
        )
        .await,
        200,
    );
    report["sections"]["ekonomi"] = json!("Kostnaden tjänas in på ett år.");
    step();
    ok(
        "edit",
        flen.send_json("PUT", &format!("/api/v1/reports/{report_id}"), &report)
            .await,
        200,
    );
    step();
    ok(
        "resubmit",
        flen.send_json("POST", &submit, &json!({})).await,
        200,
    );
    step();
    ok(
        "publish",
        app.send_json("POST", &review, &json!({"decision": "publish"}), true)
            .await,
        200,
    );
    report["sections"]["slutsats"] = json!("Införs i båda kommunerna.\nRekommenderas till länet.");
    step();
    ok(
        "edit after publishing",
        flen.send_json("PUT", &format!("/api/v1/reports/{report_id}"), &report)
            .await,
        200,
    );
    // A member's edit of a published report waits for review; node staff approve it.
    step();
    ok(
        "approve the edit",
        app.send_json("POST", &review, &json!({"decision": "publish"}), true)
            .await,
        200,
    );

    // Someone asks for a sign-in link.
    register_domain(&app, "0480", "nykoping.example").await;
    step();
    let asked = ask_for_link(&app, &Browser::new(), "medarbetare@nykoping.example").await;
    assert_eq!(asked.status, 200, "{}", asked.body);

    // A joint procurement Flen's coordinator leads: Flen's member is invited and joins, and
    // a milestone is planned that is overdue a year on.
    register_domain(&app, "0482", "example.org").await;
    let coordinator = app.with_user(Role::Coordinator, "0482").await;
    step();
    let procurement = ok(
        "procurement",
        coordinator
            .send_json(
                "POST",
                "/api/v1/procurements",
                &json!({"title": "Digitala lås i hemtjänsten",
                        "description": "Fyra kommuner upphandlar **digitala lås** tillsammans.",
                        "category": "digital-tillsyn", "technology": technology,
                        "officer": "Olle Upphandlare", "phase": "marknadsdialog"}),
            )
            .await,
        201,
    );
    let procurement_id = procurement["id"].as_str().unwrap().to_owned();
    let procurement_url = procurement["url"].as_str().unwrap().to_owned();
    step();
    let invited = coordinator
        .submit(
            &format!("{procurement_url}/inbjudningar"),
            &[("email", flen.email.as_str()), ("standing", "member")],
        )
        .await;
    assert_eq!(invited.status, 303, "{}", invited.body);
    let invitation = noden_portal::mail::entity::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.recipient == flen.email && m.subject.starts_with("Inbjudan"))
        .expect("the invitation");
    let start = invitation
        .body_text
        .find("/upphandlingar/inbjudan/")
        .unwrap();
    let end = invitation.body_text[start..]
        .find(char::is_whitespace)
        .map_or(invitation.body_text.len(), |e| start + e);
    step();
    let joined = flen.submit(&invitation.body_text[start..end], &[]).await;
    assert_eq!(joined.status, 303, "{}", joined.body);
    step();
    let planned = coordinator
        .submit(
            &format!("{procurement_url}/tidslinje"),
            &[("planned_forfragningsunderlag", "2026-06-01")],
        )
        .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    // The procurement's talk: the coordinator asks and Flen's member replies; a decision and
    // its correction; the reference group and one of its meetings.
    let talk = |tail: &str| format!("/api/v1/procurements/{procurement_id}/{tail}");
    step();
    let question = ok(
        "question",
        coordinator
            .send_json(
                "POST",
                &talk("questions"),
                &json!({"title": "Hur länge sparas loggarna?",
                        "text": "Vi behöver veta **lagringstiden** för låsens loggar."}),
            )
            .await,
        201,
    );
    let question_id = question["id"].as_str().unwrap().to_owned();
    step();
    ok(
        "reply",
        flen.send_json(
            "POST",
            &talk(&format!("questions/{question_id}/replies")),
            &json!({"text": "Leverantören sparar dem i *trettio* dygn."}),
        )
        .await,
        201,
    );
    step();
    let decision = ok(
        "decision",
        coordinator
            .send_json(
                "POST",
                &talk("decisions"),
                &json!({"decided_on": "2026-03-01", "decision": "Vi upphandlar **tio** lås.",
                        "rationale": "Behovet i fyra kommuner.", "decided_by": "Styrgruppen"}),
            )
            .await,
        201,
    );
    let decision_id = decision["id"].as_str().unwrap().to_owned();
    step();
    ok(
        "correction",
        coordinator
            .send_json(
                "POST",
                &talk("decisions"),
                &json!({"decided_on": "2026-03-02", "decision": "Vi upphandlar **tolv** lås.",
                        "rationale": "Köping räknade fel på antalet boenden.",
                        "decided_by": "Styrgruppen", "corrects": 1}),
            )
            .await,
        201,
    );
    step();
    ok(
        "reference group",
        coordinator
            .send_json(
                "POST",
                &talk("reference-group"),
                &json!({"representation": "medarbetare",
                        "description": "Två undersköterskor från hemtjänsten i Flen"}),
            )
            .await,
        201,
    );
    step();
    ok(
        "reference meeting",
        coordinator
            .send_json(
                "POST",
                &talk("reference-meetings"),
                &json!({"held_on": "2026-03-02", "notes": "Gruppen vill ha **tysta** lås."}),
            )
            .await,
        201,
    );
    // A requirement traced to Flen's need.
    step();
    let requirement = ok(
        "requirement",
        coordinator
            .send_json(
                "POST",
                &format!("/api/v1/procurements/{procurement_id}/requirements"),
                &json!({"title": "Kameran väcker inte brukaren",
                        "text": "Inget ljud och **inget synligt ljus**.",
                        "kind": "bor", "weight": 60, "needs": [need]}),
            )
            .await,
        201,
    );
    let requirement_id = requirement["id"].as_str().unwrap().to_owned();
    // Flen's member writes the procurement's kravspecifikation and attaches a PDF to it.
    step();
    let document = ok(
        "procurement document",
        flen.send_json(
            "POST",
            &format!("/api/v1/procurements/{procurement_id}/documents"),
            &json!({"title": "Kravspecifikation för digitala lås",
                    "document_type": "kravspecifikation",
                    "body": "## Krav\n\nLåsen ska gå att öppna med **mobilen**."}),
        )
        .await,
        201,
    );
    let document_id = document["id"].as_str().unwrap().to_owned();
    step();
    let (status, added) = crate::attachments::upload(
        &app,
        &flen,
        &format!("/api/v1/procurement-documents/{document_id}"),
        &[],
        "Krav.pdf",
        &crate::attachments::pdf("Krav"),
    )
    .await;
    assert_eq!(status, 201, "{added}");

    // A year and a day later the follow-up falls due, a month on it is late; then Flen
    // records it.
    clock.advance(Duration::days(366));
    assert_eq!(
        noden_portal::followups::remind_due(&app.state)
            .await
            .unwrap(),
        1
    );
    clock.advance(Duration::days(31));
    assert_eq!(
        noden_portal::followups::remind_due(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        noden_portal::procurement::remind_overdue(&app.state)
            .await
            .unwrap(),
        1
    );
    step();
    ok(
        "follow-up",
        flen.send_json(
            "PUT",
            &format!("/api/v1/trials/{trial}/follow-ups/12"),
            &json!({"values": {indicator: 6.5},
                    "effects": "Färre väckningar; personalen hinner med larmen.",
                    "still_in_use": true}),
        )
        .await,
        200,
    );
    // Files: the report's plan, a measurement on the journal entry, a table on the need.
    let entry = entry["id"].as_str().unwrap().to_owned();
    let plan = crate::attachments::pdf("Plan");
    // The report is published: node staff change its files without review.
    let staff = app.with_user(Role::NodeAdmin, "0482").await;
    for (uploader, api, fields, name, bytes) in [
        (
            &staff,
            format!("/api/v1/reports/{report_id}"),
            vec![],
            "Mätplan.pdf",
            plan.as_slice(),
        ),
        (
            &flen,
            format!("/api/v1/trials/{trial}"),
            vec![("journal_entry", entry.as_str())],
            "signal.csv",
            "lägenhet;signal\n1;svag\n".as_bytes(),
        ),
        (
            &flen,
            format!("/api/v1/needs/{need}"),
            vec![],
            "besök.csv",
            "natt;besök\n1;40\n".as_bytes(),
        ),
    ] {
        step();
        let (status, added) =
            crate::attachments::upload(&app, uploader, &api, &fields, name, bytes).await;
        assert_eq!(status, 201, "{api}: {added}");
    }
    // The procurement's contract parties: Flen from the start, Katrineholm later. It is
    // awarded, and Flen's call-off passes 80 % of its maximum, which the lead is told.
    let coordinator = app.with_user(Role::Coordinator, "0482").await;
    let contract_api = format!("/api/v1/procurements/{procurement_id}");
    for (code, role, from) in [
        ("0482", "ordinary", None),
        ("0483", "later", Some("2028-01-01")),
    ] {
        step();
        ok(
            "party",
            coordinator
                .send_json(
                    "POST",
                    &format!("{contract_api}/parties"),
                    &json!({"organisation": code, "role": role, "from_on": from,
                            "estimated_sek": 800000, "maximum_sek": 1000000,
                            "quantity": "100 lås"}),
                )
                .await,
            201,
        );
    }
    step();
    ok(
        "awarded",
        coordinator
            .send_json(
                "PUT",
                &contract_api,
                &json!({"title": "Digitala lås i hemtjänsten",
                        "description": "Fyra kommuner upphandlar **digitala lås** tillsammans.",
                        "category": "digital-tillsyn", "technology": technology,
                        "officer": "Olle Upphandlare", "phase": "tilldelning"}),
            )
            .await,
        200,
    );
    step();
    ok(
        "award",
        coordinator
            .send_json(
                "PUT",
                &format!("{contract_api}/award"),
                &json!({"supplier": "Låsbolaget AB", "awarded_on": "2027-03-01",
                        "signed_on": "2027-03-15"}),
            )
            .await,
        200,
    );
    step();
    ok(
        "call-off",
        flen.send_json(
            "POST",
            &format!("{contract_api}/calloffs"),
            &json!({"organisation": "0482", "called_on": "2027-04-01", "value_sek": 850000,
                    "note": "Lås till hemtjänstens nattpatrull"}),
        )
        .await,
        201,
    );
    // A coach's field report from Flen with a photo.
    step();
    let coach = app.with_user(Role::Coach, "0482").await;
    let png = crate::fieldreports::png();
    let posted = crate::fieldreports::post_api(
        &app,
        &coach,
        &[
            (
                "text",
                "Nattpersonalen kom igång med **kameratillsynen** på en vecka.",
            ),
            ("technology", &technology),
            ("visibility", "network"),
            ("key", "0193a0a0-0000-7000-8000-0000000000f1"),
            ("alt_1", "Kameran sitter i taket ovanför dörren."),
        ],
        &[("kamera.png", &png)],
    )
    .await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    let field_report = posted.json()["id"].as_str().unwrap().to_owned();
    // The coach is appointed, and someone comments on the report.
    step();
    app.with_user_at("coach.0482@example.org", Role::Coach, "0482")
        .await;
    let (status, appointed) = app
        .send_json(
            "POST",
            "/api/v1/coaches",
            &json!({"user_email": "coach.0482@example.org", "workplace": "Hemtjänsten Malmköping",
                    "hours_per_year": 300, "contact": "Gruppledaren i Malmköping",
                    "introduction": "Jag hjälper kollegor med **nattkameran**.",
                    "categories": ["digital-tillsyn"], "technologies": [technology]}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{appointed}");
    let coach_id = appointed["id"].as_str().unwrap().to_owned();
    let (status, commented) = coach
        .send_json(
            "POST",
            "/api/v1/comments",
            &json!({"item_kind": "field_report", "item_id": field_report,
                    "text": "Vi provar samma *montering* i Malmköping."}),
        )
        .await;
    assert_eq!(status, 201, "{commented}");
    let comment_id = commented["id"].as_str().unwrap().to_owned();
    app.indexed().await;

    // Every resource, read as a member of Flen (signed in anew: a year ends any session).
    let reader = app.with_user(Role::Member, "0482").await;
    let mut shots = Shots {
        redactor: Redactor {
            base: app.base.clone(),
        },
        covered: BTreeSet::new(),
    };
    let get = |path: String| {
        let reader = &reader;
        async move {
            let (status, value) = reader.get_json(&path).await;
            assert_eq!(status, 200, "{path}: {value}");
            value
        }
    };
    let revisions = get(format!("/api/v1/reports/{report_id}/revisions")).await;
    let numbers: Vec<String> = revisions
        .as_array()
        .or_else(|| revisions["revisions"].as_array())
        .expect("a list of revisions")
        .iter()
        .map(|r| r["number"].to_string())
        .collect();
    assert!(numbers.len() >= 2, "{revisions}");
    let compare = format!(
        "/api/v1/reports/{report_id}/revisions/{}/{}",
        numbers[numbers.len() - 1],
        numbers[0]
    );
    for (template, name, path) in [
        (
            "/api/v1/reports/{id}",
            "report",
            format!("/api/v1/reports/{report_id}"),
        ),
        (
            "/api/v1/reports/{id}/revisions",
            "report_revisions",
            format!("/api/v1/reports/{report_id}/revisions"),
        ),
        (
            "/api/v1/reports/{id}/revisions/{from}/{to}",
            "report_revisions_compared",
            compare,
        ),
        ("/api/v1/needs", "needs", "/api/v1/needs".to_owned()),
        (
            "/api/v1/needs/{id}",
            "need",
            format!("/api/v1/needs/{need}"),
        ),
        (
            "/api/v1/needs/{id}/revisions",
            "need_revisions",
            format!("/api/v1/needs/{need}/revisions"),
        ),
        ("/api/v1/trials", "trials", "/api/v1/trials".to_owned()),
        (
            "/api/v1/trials/{id}/revisions",
            "trial_revisions",
            format!("/api/v1/trials/{trial}/revisions"),
        ),
        (
            "/api/v1/trials/{id}",
            "trial",
            format!("/api/v1/trials/{trial}"),
        ),
        (
            "/api/v1/trials/{id}/journal",
            "trial_journal",
            format!("/api/v1/trials/{trial}/journal"),
        ),
        (
            "/api/v1/trials/{id}/follow-ups",
            "trial_follow_ups",
            format!("/api/v1/trials/{trial}/follow-ups"),
        ),
        (
            "/api/v1/technologies",
            "technologies",
            "/api/v1/technologies".to_owned(),
        ),
        (
            "/api/v1/technologies/{id}",
            "technology",
            format!("/api/v1/technologies/{technology}"),
        ),
        (
            "/api/v1/technologies/{id}/revisions",
            "technology_revisions",
            format!("/api/v1/technologies/{technology}/revisions"),
        ),
        (
            "/api/v1/overview",
            "overview",
            "/api/v1/overview".to_owned(),
        ),
        (
            "/api/v1/organisations",
            "organisations",
            "/api/v1/organisations".to_owned(),
        ),
        (
            "/api/v1/categories",
            "categories",
            "/api/v1/categories".to_owned(),
        ),
        (
            "/api/v1/suggest",
            "suggest",
            "/api/v1/suggest?q=nattil".to_owned(),
        ),
        (
            "/api/v1/search",
            "search",
            "/api/v1/search?q=nattillsyn".to_owned(),
        ),
        (
            "/api/v1/procurements",
            "procurements",
            "/api/v1/procurements".to_owned(),
        ),
        (
            "/api/v1/procurements/{id}",
            "procurement",
            format!("/api/v1/procurements/{procurement_id}"),
        ),
        (
            "/api/v1/procurements/{id}/requirements",
            "requirements",
            format!("/api/v1/procurements/{procurement_id}/requirements"),
        ),
        (
            "/api/v1/procurements/{id}/requirements/{requirement_id}",
            "requirement",
            format!("/api/v1/procurements/{procurement_id}/requirements/{requirement_id}"),
        ),
        (
            "/api/v1/procurements/{id}/documents",
            "procurement_documents",
            format!("/api/v1/procurements/{procurement_id}/documents"),
        ),
        (
            "/api/v1/procurements/{id}/documents/{document_id}",
            "procurement_document",
            format!("/api/v1/procurements/{procurement_id}/documents/{document_id}"),
        ),
        (
            "/api/v1/procurement-documents/{id}/attachments",
            "procurement_document_attachments",
            format!("/api/v1/procurement-documents/{document_id}/attachments"),
        ),
        (
            "/api/v1/procurements/{id}/parties",
            "procurement_parties",
            format!("/api/v1/procurements/{procurement_id}/parties"),
        ),
        (
            "/api/v1/procurements/{id}/award",
            "procurement_award",
            format!("/api/v1/procurements/{procurement_id}/award"),
        ),
        (
            "/api/v1/procurements/{id}/calloffs",
            "procurement_calloffs",
            format!("/api/v1/procurements/{procurement_id}/calloffs"),
        ),
        (
            "/api/v1/procurements/{id}/ocds",
            "procurement_ocds",
            format!("/api/v1/procurements/{procurement_id}/ocds"),
        ),
        (
            "/api/v1/procurements/{id}/questions",
            "procurement_questions",
            talk("questions"),
        ),
        (
            "/api/v1/procurements/{id}/questions/{question_id}",
            "procurement_question",
            talk(&format!("questions/{question_id}")),
        ),
        (
            "/api/v1/procurements/{id}/decisions",
            "procurement_decisions",
            talk("decisions"),
        ),
        (
            "/api/v1/procurements/{id}/decisions/{decision_id}",
            "procurement_decision",
            talk(&format!("decisions/{decision_id}")),
        ),
        (
            "/api/v1/procurements/{id}/reference-group",
            "procurement_reference_group",
            talk("reference-group"),
        ),
        (
            "/api/v1/procurements/{id}/reference-meetings",
            "procurement_reference_meetings",
            talk("reference-meetings"),
        ),
        ("/api/v1/follows", "follows", "/api/v1/follows".to_owned()),
        (
            "/api/v1/notifications",
            "notifications",
            "/api/v1/notifications".to_owned(),
        ),
        (
            "/api/v1/notification-settings",
            "notification_settings",
            "/api/v1/notification-settings".to_owned(),
        ),
        (
            "/api/v1/reports/{id}/attachments",
            "report_attachments",
            format!("/api/v1/reports/{report_id}/attachments"),
        ),
        (
            "/api/v1/trials/{id}/attachments",
            "trial_attachments",
            format!("/api/v1/trials/{trial}/attachments"),
        ),
        (
            "/api/v1/needs/{id}/attachments",
            "need_attachments",
            format!("/api/v1/needs/{need}/attachments"),
        ),
        (
            "/api/v1/field-reports",
            "field_reports",
            "/api/v1/field-reports".to_owned(),
        ),
        (
            "/api/v1/field-reports/{id}",
            "field_report",
            format!("/api/v1/field-reports/{field_report}"),
        ),
        ("/api/v1/coaches", "coaches", "/api/v1/coaches".to_owned()),
        (
            "/api/v1/coaches/{id}",
            "coach",
            format!("/api/v1/coaches/{coach_id}"),
        ),
        (
            "/api/v1/comments",
            "comments",
            format!("/api/v1/comments?item_kind=field_report&item_id={field_report}"),
        ),
        (
            "/api/v1/comments/{id}",
            "comment",
            format!("/api/v1/comments/{comment_id}"),
        ),
    ] {
        let mut value = get(path.clone()).await;
        if ["/api/v1/search", "/api/v1/suggest"].contains(&template) {
            value = hits_sorted(value);
        }
        shots.api(template, name, &path, &value);
    }

    // A file's download is its bytes, not JSON: each kind answers with what was attached.
    for (template, list) in [
        (
            "/api/v1/reports/{id}/attachments/{attachment_id}",
            format!("/api/v1/reports/{report_id}/attachments"),
        ),
        (
            "/api/v1/trials/{id}/attachments/{attachment_id}",
            format!("/api/v1/trials/{trial}/attachments"),
        ),
        (
            "/api/v1/needs/{id}/attachments/{attachment_id}",
            format!("/api/v1/needs/{need}/attachments"),
        ),
        (
            "/api/v1/procurement-documents/{id}/attachments/{attachment_id}",
            format!("/api/v1/procurement-documents/{document_id}/attachments"),
        ),
    ] {
        let listed = get(list).await;
        let href = listed[0]["href"].as_str().unwrap();
        let file = reader.get(href).await;
        assert_eq!(file.status, 200, "{href}");
        assert_eq!(
            file.body.len(),
            listed[0]["size"].as_u64().unwrap() as usize,
            "{href}"
        );
        shots.covered.insert(template.to_owned());
    }

    // A field report's photo and thumbnail are pictures, not JSON.
    for (template, path) in [
        (
            "/api/v1/field-reports/{id}/photos/{n}",
            format!("/api/v1/field-reports/{field_report}/photos/1"),
        ),
        (
            "/api/v1/field-reports/{id}/photos/{n}/thumbnail",
            format!("/api/v1/field-reports/{field_report}/photos/1/thumbnail"),
        ),
    ] {
        let picture = reader.get(&path).await;
        assert_eq!(picture.status, 200, "{path}");
        shots.covered.insert(template.to_owned());
    }

    // The node document peers fetch before trusting this node; its key differs per run.
    let (status, document) = app.get_json("/.well-known/noden").await;
    assert_eq!(status, 200, "{document}");
    let document = shots.redactor.json(&document);
    insta::with_settings!({ description => "GET /.well-known/noden", omit_expression => true }, {
        insta::assert_json_snapshot!("node_document", document, {
            ".key_id" => "[key id]",
            ".public_key" => "[public key]",
            ".fingerprint" => "[fingerprint]",
            ".software" => "[software]",
        });
    });

    // Every GET the API documents has its snapshot.
    let (status, document) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    let documented: BTreeSet<String> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(path, item)| path.starts_with("/api/v1/") && item.get("get").is_some())
        .map(|(path, _)| path.clone())
        .collect();
    assert_eq!(
        documented, shots.covered,
        "each GET in the OpenAPI document needs a snapshot here"
    );

    // Nineteen months on, everything the story wrote is stale and its owners are reminded.
    clock.advance(Duration::days(19 * 31));
    assert!(
        noden_portal::freshness::reminders::remind_owners(&app.state)
            .await
            .unwrap()
            > 0
    );

    // Every kind of e-mail the story sent, as the outbox table holds it.
    let outbox = noden_portal::mail::entity::Entity::find()
        .order_by_asc(noden_portal::mail::entity::Column::CreatedAt)
        .all(&app.state.db)
        .await
        .unwrap();
    let subjects: Vec<(String, String)> = outbox
        .iter()
        .map(|m| (m.recipient.clone(), m.subject.clone()))
        .collect();
    for (name, to, subject) in [
        (
            "mail_sign_in_link",
            "medarbetare@nykoping.example",
            "Din inloggningslänk",
        ),
        (
            "mail_journal_entry",
            flen.email.as_str(),
            "Hinder: ny anteckning",
        ),
        (
            "mail_phase",
            katrineholm.email.as_str(),
            "Avslutad: Digital nattillsyn",
        ),
        (
            "mail_report_returned",
            flen.email.as_str(),
            "Återsänd med kommentarer",
        ),
        ("mail_report_published", flen.email.as_str(), "Publicerad"),
        (
            "mail_report_edit_published",
            flen.email.as_str(),
            "Ändringen är publicerad",
        ),
        (
            "mail_need_shared",
            flen.email.as_str(),
            "Katrineholms kommun delar ert behov",
        ),
        (
            "mail_follow_up_due",
            flen.email.as_str(),
            "Dags att följa upp",
        ),
        (
            "mail_follow_up_overdue",
            flen.email.as_str(),
            "Uppföljningen är försenad",
        ),
        (
            "mail_procurement_invitation",
            flen.email.as_str(),
            "Inbjudan till upphandlingen",
        ),
        (
            "mail_procurement_overdue",
            coordinator.email.as_str(),
            "Försenad milstolpe",
        ),
        (
            "mail_procurement_maximum",
            coordinator.email.as_str(),
            "Ramavtalet närmar sig takbeloppet",
        ),
        (
            "mail_procurement_question",
            flen.email.as_str(),
            "Ny fråga i upphandlingen",
        ),
        (
            "mail_procurement_reply",
            coordinator.email.as_str(),
            "Nytt svar i upphandlingen",
        ),
        (
            "mail_stale_reminder",
            flen.email.as_str(),
            "Stämmer det fortfarande?",
        ),
    ] {
        let found: Vec<_> = outbox
            .iter()
            .filter(|m| m.recipient == to && m.subject.starts_with(subject))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "one mail to {to} starting {subject:?}; the outbox holds {subjects:#?}"
        );
        shots.mail(name, found[0]);
    }
}

#[test]
fn the_redactor_hides_ids_times_tails_and_tokens_only() {
    let r = Redactor {
        base: "http://127.0.0.1:4711".to_owned(),
    };
    assert_eq!(
        r.text("http://127.0.0.1:4711/tester/nattkamera-i-flen-3f9a0c#anteckning-0190b1c2-7d4e-7a1b-9c3d-5e6f7a8b9c0d"),
        "[portal]/tester/nattkamera-i-flen-[id]#anteckning-[id]"
    );
    assert_eq!(
        r.text("2026-03-02T09:01:00Z, 2026-03-02 09:01:00.123456+00:00"),
        "[time], [time]"
    );
    assert_eq!(
        r.text("/logga-in/lank/AbC-123_xyz\n"),
        "/logga-in/lank/[token]\n"
    );
    // Dates, plain slugs and words stay.
    for kept in [
        "2026-03-02",
        "/kategorier/digital-tillsyn",
        "token för",
        "Väckningar-123",
    ] {
        assert_eq!(r.text(kept), kept);
    }
}
