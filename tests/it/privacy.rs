//! Rule 7: no personal identity numbers in Noden. Every string field of every write in the API
//! document refuses one with a 422 naming the field; the writes are read from
//! `/api/v1/openapi.json` itself, so a new operation or field without an example here fails.
//! And a number in full-width digits, sent by anyone to any trial, gets an answer, not a
//! closed connection.

use std::collections::{BTreeMap, BTreeSet};

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};
use crate::sign_in::api;

on_both_backends!(
    every_string_field_of_every_write_refuses_a_personnummer,
    a_full_width_personnummer_is_answered_after_who_and_what_are_known,
);

/// Skatteverket's test number with the en dash a word processor puts in.
const NUMBER: &str = "811218\u{2013}9876";

/// One step down a request body: a named property, any element of an array, or any value of
/// a map.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Item,
    Value,
}

type FieldPath = Vec<Step>;

fn show(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!(".{k}"),
            Step::Item => "[]".to_owned(),
            Step::Value => "{}".to_owned(),
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_owned()
}

/// The schema `schema` stands for, following `$ref`s into the document's components.
fn resolved<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    let mut schema = schema;
    for _ in 0..16 {
        let Some(reference) = schema["$ref"].as_str() else {
            return schema;
        };
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local $refs are expected, got {reference}"));
        schema = doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{reference} is not in the document"));
    }
    panic!("$ref chain too long at {schema}")
}

/// Whether a schema is free text: a string that is not one of fixed values nor a date or id.
fn is_text(schema: &Value) -> bool {
    let string = match &schema["type"] {
        Value::String(t) => t == "string",
        Value::Array(types) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    let fixed = schema.get("enum").is_some() || schema.get("const").is_some();
    let formatted = matches!(
        schema["format"].as_str(),
        Some("date" | "date-time" | "time" | "uuid" | "duration")
    );
    string && !fixed && !formatted
}

/// Every free-text field under `schema`, inside nested objects, arrays and maps.
fn text_fields(doc: &Value, schema: &Value, at: FieldPath, depth: usize, out: &mut Vec<FieldPath>) {
    assert!(depth < 12, "schema nests too deep at {}", show(&at));
    let schema = resolved(doc, schema);
    if is_text(schema) {
        out.push(at.clone());
    }
    for combined in ["allOf", "anyOf", "oneOf"] {
        for part in schema[combined].as_array().into_iter().flatten() {
            text_fields(doc, part, at.clone(), depth + 1, out);
        }
    }
    if let Some(properties) = schema["properties"].as_object() {
        for (name, property) in properties {
            let mut below = at.clone();
            below.push(Step::Key(name.clone()));
            text_fields(doc, property, below, depth + 1, out);
        }
    }
    if let Some(items) = schema.get("items") {
        let mut below = at.clone();
        below.push(Step::Item);
        text_fields(doc, items, below, depth + 1, out);
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        let mut below = at;
        below.push(Step::Value);
        text_fields(doc, values, below, depth + 1, out);
    }
}

/// The writes in the API document with a JSON body: "METHOD /path" → the body's text fields.
fn writes(doc: &Value) -> BTreeMap<String, Vec<FieldPath>> {
    let mut writes = BTreeMap::new();
    for (path, operations) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in operations.as_object().expect("operations") {
            if !matches!(method.as_str(), "post" | "put" | "patch" | "delete") {
                continue;
            }
            let Some(body) = operation.get("requestBody") else {
                continue;
            };
            let body = resolved(doc, body);
            // File uploads (multipart): the file's name is their one text, refused with a
            // personnummer in tests/it/attachments.rs.
            if body["content"].get("multipart/form-data").is_some()
                && body["content"].get("application/json").is_none()
            {
                continue;
            }
            let schema = body["content"]["application/json"]["schema"].clone();
            assert!(
                !schema.is_null(),
                "{method} {path} takes a body that is not JSON; this test cannot cover it"
            );
            let mut fields = Vec::new();
            text_fields(doc, &schema, Vec::new(), 0, &mut fields);
            fields.sort();
            fields.dedup();
            writes.insert(format!("{} {path}", method.to_uppercase()), fields);
        }
    }
    writes
}

/// The strings in `body` that `path` reaches: where each is (object keys and array indices) and
/// the name a refusal gives its field (`title`, `tags`, `sections.behov`).
fn places(body: &Value, path: &[Step]) -> Vec<(Vec<Value>, String)> {
    fn walk(
        body: &Value,
        path: &[Step],
        pointer: Vec<Value>,
        name: String,
        out: &mut Vec<(Vec<Value>, String)>,
    ) {
        let Some((step, rest)) = path.split_first() else {
            if body.is_string() {
                out.push((pointer, name));
            }
            return;
        };
        match step {
            Step::Key(k) => {
                if let Some(inner) = body.get(k) {
                    let mut p = pointer;
                    p.push(json!(k));
                    let name = if name.is_empty() {
                        k.clone()
                    } else {
                        format!("{name}.{k}")
                    };
                    walk(inner, rest, p, name, out);
                }
            }
            Step::Item => {
                for (i, inner) in body.as_array().into_iter().flatten().enumerate() {
                    let mut p = pointer.clone();
                    p.push(json!(i));
                    walk(inner, rest, p, name.clone(), out);
                }
            }
            Step::Value => {
                for (k, inner) in body.as_object().into_iter().flatten() {
                    let mut p = pointer.clone();
                    p.push(json!(k));
                    walk(inner, rest, p, format!("{name}.{k}"), out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(body, path, Vec::new(), String::new(), &mut out);
    out
}

/// `body` with the string at `pointer` replaced by `text`.
fn with_text(body: &Value, pointer: &[Value], text: &str) -> Value {
    let mut body = body.clone();
    let mut at = &mut body;
    for step in pointer {
        at = match step {
            Value::String(k) => &mut at[k.as_str()],
            Value::Number(i) => &mut at[i.as_u64().unwrap() as usize],
            _ => unreachable!(),
        };
    }
    *at = json!(text);
    body
}

fn method_of(operation: &str) -> &'static str {
    match operation.split_once(' ').map(|(m, _)| m) {
        Some("POST") => "POST",
        Some("PUT") => "PUT",
        Some("PATCH") => "PATCH",
        Some("DELETE") => "DELETE",
        _ => panic!("no method in {operation}"),
    }
}

/// Who sends a write.
#[derive(Clone, Copy)]
enum Who {
    /// The node's admin token.
    Admin,
    /// A member of Flens kommun, through a personal access token.
    Member,
}

async fn send(
    app: &TestApp,
    member: &str,
    who: Who,
    method: &str,
    path: String,
    body: Value,
) -> (u16, Value) {
    match who {
        Who::Admin => app.send_json(method, &path, &body, true).await,
        Who::Member => api(app, method, &path, member, &body).await,
    }
}

/// A valid request for one write.
struct Example {
    path: String,
    who: Who,
    body: Value,
}

/// A final report's every section, with a line of text each.
fn all_sections() -> Value {
    json!({
        "behov": "Nattlig oro.",
        "sakerhet": "Larmet gick fram.",
        "effekter": "Färre besök.",
        "brukarperspektiv": "Lugnare nätter.",
        "ekonomi": "Lägre kostnad.",
        "organisation": "Nattpatrullen planerar om.",
        "etik": "Samtycke inhämtat.",
        "informationssakerhet": "Krypterad överföring.",
        "slutsats": "Införs.",
    })
}

async fn every_string_field_of_every_write_refuses_a_personnummer(backend: Backend) {
    // Every text field of every write is tried, far more writes in a minute than the limit
    // allows one client (the limit has tests of its own).
    let app = TestApp::builder(backend)
        .settings(|s| s.writes_per_client_per_minute = 100_000)
        .start()
        .await;
    let member = app.with_user(Role::Member, "0482").await.token().await;
    let send = |who: Who, method: &'static str, path: String, body: Value| {
        send(&app, &member, who, method, path, body)
    };

    // What the examples refer to, made through the API as users make it.
    let workspace = noden_portal::workspaces::save(
        &app.state,
        &noden_portal::audit::By::command("test"),
        "Gemensam upphandling",
        &["0480".to_owned(), "0482".to_owned()],
    )
    .await
    .unwrap();
    let (status, need) = send(
        Who::Admin,
        "POST",
        "/api/v1/needs".into(),
        json!({"title": "Nattlig tillsyn utan att väcka", "target_group": "ordinart-boende",
               "organisation": "0480", "visibility": "network"}),
    )
    .await;
    assert_eq!(status, 201, "{need}");
    let need = need["slug"].as_str().unwrap().to_owned();
    let (status, technology) = send(
        Who::Admin,
        "POST",
        "/api/v1/technologies".into(),
        json!({"name": "Nattkamera", "proximity": "brukarnara"}),
    )
    .await;
    assert_eq!(status, 201, "{technology}");
    let technology = technology["slug"].as_str().unwrap().to_owned();
    let (status, procurement) = send(
        Who::Admin,
        "POST",
        "/api/v1/procurements".into(),
        json!({"title": "Digitala lås", "lead_organisation": "0480"}),
    )
    .await;
    assert_eq!(status, 201, "{procurement}");
    let procurement = procurement["id"].as_str().unwrap().to_owned();
    // Flen takes part, so an address in its domain may be invited.
    noden_portal::auth::domains::add_domain(
        &app.state,
        &noden_portal::audit::By::command("test"),
        app.organisation("0482").id,
        "privacy-flen.example",
    )
    .await
    .expect("a domain");
    let (status, joined) = send(
        Who::Admin,
        "POST",
        format!("/api/v1/procurements/{procurement}/organisations"),
        json!({"organisation": "0482", "role": "participant"}),
    )
    .await;
    assert_eq!(status, 200, "{joined}");
    let document_body = json!({"title": "Kravspecifikation för digitala lås",
        "document_type": "kravspecifikation", "body": "Låsen ska gå att öppna utan nät.",
        "public": false});
    let (status, document) = send(
        Who::Admin,
        "POST",
        format!("/api/v1/procurements/{procurement}/documents"),
        document_body.clone(),
    )
    .await;
    assert_eq!(status, 201, "{document}");
    let document = document["id"].as_str().unwrap().to_owned();
    let (status, question) = send(
        Who::Admin,
        "POST",
        format!("/api/v1/procurements/{procurement}/questions"),
        json!({"title": "Hur länge sparas loggarna?", "text": "Vi behöver veta lagringstiden."}),
    )
    .await;
    assert_eq!(status, 201, "{question}");
    let question = question["id"].as_str().unwrap().to_owned();
    let procurement_body = json!({"title": "Digitala lås i hemtjänsten",
        "description": "Nyckelfri hemtjänst i fyra kommuner.", "category": "trygghetslarm",
        "technology": technology, "lead_organisation": "0480", "officer": "Olle Upphandlare",
        "phase": "marknadsdialog"});
    // A procurement with an award, so call-offs may be recorded (its register frozen).
    let (status, contract) = send(
        Who::Admin,
        "POST",
        "/api/v1/procurements".into(),
        json!({"title": "Trygghetslarm", "lead_organisation": "0480",
               "phase": "forfragningsunderlag"}),
    )
    .await;
    assert_eq!(status, 201, "{contract}");
    let contract = contract["id"].as_str().unwrap().to_owned();
    let (status, body) = send(
        Who::Admin,
        "POST",
        format!("/api/v1/procurements/{contract}/parties"),
        json!({"organisation": "0482", "role": "ordinary", "estimated_sek": 100,
               "maximum_sek": 1000}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = send(
        Who::Admin,
        "PUT",
        format!("/api/v1/procurements/{contract}"),
        json!({"title": "Trygghetslarm", "lead_organisation": "0480", "phase": "avtal"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = send(
        Who::Admin,
        "PUT",
        format!("/api/v1/procurements/{contract}/award"),
        json!({"supplier": "Larmbolaget AB", "awarded_on": "2027-01-10"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, trial) = send(
        Who::Admin,
        "POST",
        "/api/v1/trials".into(),
        json!({"title": "Nattkamera i Flen", "technology": "Nattkamera",
               "target_group": "ordinart-boende", "lead": "0482", "starts_on": "2019-01-10",
               "ends_on": "2020-01-15", "phase": "avslutad"}),
    )
    .await;
    assert_eq!(status, 201, "{trial}");
    let trial = trial["slug"].as_str().unwrap().to_owned();
    let requirement_body = json!({"title": "Kameran väcker inte brukaren",
        "text": "Inget ljud på natten.", "kind": "bor", "weight": 40, "number": 1,
        "needs": [need], "evidence": [format!("/tester/{trial}")]});
    let (status, requirement) = send(
        Who::Admin,
        "POST",
        format!("/api/v1/procurements/{procurement}/requirements"),
        requirement_body.clone(),
    )
    .await;
    assert_eq!(status, 201, "{requirement}");
    let requirement = requirement["id"].as_str().unwrap().to_owned();
    let (status, indicator) = send(
        Who::Admin,
        "POST",
        format!("/api/v1/trials/{trial}/indicators"),
        json!({"name": "Larm per natt", "direction": "lagre", "baseline": 3}),
    )
    .await;
    assert_eq!(status, 201, "{indicator}");
    let indicator = indicator["id"].as_str().unwrap().to_owned();
    let (status, entry) = send(
        Who::Admin,
        "POST",
        format!("/api/v1/trials/{trial}/journal"),
        json!({"entry_type": "steg", "happened_on": "2019-02-01", "text": "Kamerorna är beställda."}),
    )
    .await;
    assert_eq!(status, 201, "{entry}");
    let entry = entry["id"].as_str().unwrap().to_owned();
    // A second trial, whose final report the examples' edited report becomes (a trial has one).
    let (status, other_trial) = send(
        Who::Admin,
        "POST",
        "/api/v1/trials".into(),
        json!({"title": "Nattkamera i Vingåker", "technology": "Nattkamera",
               "target_group": "ordinart-boende", "lead": "0428"}),
    )
    .await;
    assert_eq!(status, 201, "{other_trial}");
    let other_trial = other_trial["slug"].as_str().unwrap().to_owned();
    let (status, report) = send(
        Who::Admin,
        "POST",
        "/api/v1/reports".into(),
        json!({"title": "Nattkamera i hemtjänsten", "organisation": "0480"}),
    )
    .await;
    assert_eq!(status, 201, "{report}");
    let report = report["id"].as_str().unwrap().to_owned();
    let (status, draft) = send(
        Who::Member,
        "POST",
        "/api/v1/reports".into(),
        json!({"title": "Utkast från Flen", "organisation": "0482"}),
    )
    .await;
    assert_eq!(status, 201, "{draft}");
    let draft = draft["id"].as_str().unwrap().to_owned();
    let (status, submitted) = send(
        Who::Member,
        "POST",
        format!("/api/v1/reports/{draft}/submit"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{submitted}");

    let report_fields = json!({
        "title": "Nattkamera i hemtjänsten",
        "summary": "Färre nattliga besök.",
        "kind": "testrapport",
        "organisation": "0480",
        "categories": ["digital-tillsyn"],
        "tags": ["nattkamera"],
        "outcome": "inford",
        "phase": "uppfoljning",
        "target_groups": ["ordinart-boende"],
        "visibility": "public",
        "workspace": workspace.slug,
        "trial": trial,
    });
    let report_with = |extra: Value| {
        let mut body = report_fields.clone();
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let (_, catalogued) = app
        .get_json(&format!("/api/v1/technologies/{technology}"))
        .await;
    let technology_id = catalogued["id"].as_str().unwrap_or_default().to_owned();
    // A coach to edit, a user to appoint, and a comment of the member's to edit.
    app.with_user_at("blivande.coach@flen.se", Role::Member, "0482")
        .await;
    app.with_user_at("coach.flen@flen.se", Role::Member, "0482")
        .await;
    let (status, coach) = send(
        Who::Admin,
        "POST",
        "/api/v1/coaches".into(),
        json!({"user_email": "coach.flen@flen.se", "hours_per_year": 100}),
    )
    .await;
    assert_eq!(status, 201, "{coach}");
    let coach = coach["id"].as_str().unwrap().to_owned();
    let (_, need_shown) = app
        .send_json("GET", &format!("/api/v1/needs/{need}"), &Value::Null, true)
        .await;
    let need_id = need_shown["id"].as_str().unwrap_or_default().to_owned();
    let (status, comment) = send(
        Who::Member,
        "POST",
        "/api/v1/comments".into(),
        json!({"item_kind": "need", "item_id": need_id, "text": "Vi har samma behov."}),
    )
    .await;
    assert_eq!(status, 201, "{comment}");
    let comment = comment["id"].as_str().unwrap().to_owned();
    // Someone every item may be handed over to (node staff keep everything current).
    app.with_user_at("aktualitet@nykoping.se", Role::NodeAdmin, "0480")
        .await;
    let hand_over = json!({"step": "hand_over", "email": "aktualitet@nykoping.se"});
    // Every write in the API, with valid bodies that between them hold every text field.
    let examples: BTreeMap<&str, Vec<Example>> = BTreeMap::from([
        (
            "POST /api/v1/reports/{id}/freshness",
            vec![Example {
                path: format!("/api/v1/reports/{report}/freshness"),
                who: Who::Admin,
                body: hand_over.clone(),
            }],
        ),
        (
            "POST /api/v1/trials/{id}/freshness",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/freshness"),
                who: Who::Admin,
                body: hand_over.clone(),
            }],
        ),
        (
            "POST /api/v1/technologies/{id}/freshness",
            vec![Example {
                path: format!("/api/v1/technologies/{technology}/freshness"),
                who: Who::Admin,
                body: hand_over.clone(),
            }],
        ),
        (
            "POST /api/v1/needs",
            vec![Example {
                path: "/api/v1/needs".into(),
                who: Who::Admin,
                body: json!({"title": "Larm som hörs i hela huset", "description": "Brukare hör inte larmet.",
                             "target_group": "ordinart-boende", "category": "trygghetslarm",
                             "organisation": "0480", "visibility": "network"}),
            }],
        ),
        (
            "PUT /api/v1/needs/{id}",
            vec![Example {
                path: format!("/api/v1/needs/{need}"),
                who: Who::Admin,
                body: json!({"title": "Nattlig tillsyn som inte väcker", "description": "Brukare vaknar.",
                             "target_group": "ordinart-boende", "category": "trygghetslarm",
                             "organisation": "0480", "visibility": "network"}),
            }],
        ),
        (
            "POST /api/v1/procurements",
            vec![Example {
                path: "/api/v1/procurements".into(),
                who: Who::Admin,
                body: procurement_body.clone(),
            }],
        ),
        (
            "PUT /api/v1/procurements/{id}",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}"),
                who: Who::Admin,
                body: procurement_body.clone(),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/organisations",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/organisations"),
                who: Who::Admin,
                body: json!({"organisation": "0482", "role": "participant"}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/invitations",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/invitations"),
                who: Who::Admin,
                body: json!({"email": "anna@privacy-flen.example", "role": "member"}),
            }],
        ),
        (
            "PUT /api/v1/procurements/{id}/milestones",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/milestones"),
                who: Who::Admin,
                body: json!([{"phase": "annonsering", "planned_on": "2027-05-04"}]),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/summary",
            vec![Example {
                path: format!("/api/v1/procurements/{contract}/summary"),
                who: Who::Admin,
                body: json!({"lessons": "Dialogen med marknaden gav bättre krav."}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/requirements",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/requirements"),
                who: Who::Admin,
                body: requirement_body.clone(),
            }],
        ),
        (
            "PUT /api/v1/procurements/{id}/requirements/{requirement_id}",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/requirements/{requirement}"),
                who: Who::Admin,
                body: requirement_body.clone(),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/documents",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/documents"),
                who: Who::Admin,
                body: document_body.clone(),
            }],
        ),
        (
            "PUT /api/v1/procurements/{id}/documents/{document_id}",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/documents/{document}"),
                who: Who::Admin,
                body: document_body.clone(),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/parties",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/parties"),
                who: Who::Admin,
                body: json!({"organisation": "0482", "role": "ordinary", "estimated_sek": 100,
                             "maximum_sek": 1000, "quantity": "Tio lås"}),
            }],
        ),
        (
            "PUT /api/v1/procurements/{id}/parties/{organisation}",
            vec![Example {
                path: format!("/api/v1/procurements/{contract}/parties/0482"),
                who: Who::Admin,
                body: json!({"role": "ordinary", "estimated_sek": 100, "maximum_sek": 1000,
                             "quantity": "Tio larm"}),
            }],
        ),
        (
            "PUT /api/v1/procurements/{id}/award",
            vec![Example {
                path: format!("/api/v1/procurements/{contract}/award"),
                who: Who::Admin,
                body: json!({"supplier": "Larmbolaget AB", "awarded_on": "2027-01-10"}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/calloffs",
            vec![Example {
                path: format!("/api/v1/procurements/{contract}/calloffs"),
                who: Who::Admin,
                body: json!({"organisation": "0482", "called_on": "2027-02-01",
                             "value_sek": 10, "note": "Tio larm"}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/questions",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/questions"),
                who: Who::Admin,
                body: json!({"title": "Vem monterar låsen?", "text": "Leverantören eller vi?"}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/questions/{question_id}/replies",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/questions/{question}/replies"),
                who: Who::Admin,
                body: json!({"text": "Loggarna sparas i trettio dygn."}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/decisions",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/decisions"),
                who: Who::Admin,
                body: json!({"decision": "Vi upphandlar tio lås.", "rationale": "Behovet i fyra kommuner.",
                             "decided_by": "Styrgruppen", "decided_on": "2027-02-20"}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/reference-group",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/reference-group"),
                who: Who::Admin,
                body: json!({"representation": "medarbetare",
                             "description": "Två undersköterskor från nattpatrullen"}),
            }],
        ),
        (
            "POST /api/v1/procurements/{id}/reference-meetings",
            vec![Example {
                path: format!("/api/v1/procurements/{procurement}/reference-meetings"),
                who: Who::Admin,
                body: json!({"held_on": "2027-02-25", "notes": "Gruppen vill ha tysta lås."}),
            }],
        ),
        (
            "PATCH /api/v1/needs/{id}",
            vec![Example {
                path: format!("/api/v1/needs/{need}"),
                who: Who::Admin,
                body: json!({"title": "Nattlig tillsyn utan väckning", "description": "Brukare sover.",
                             "category": "trygghetslarm", "organisation": "0480"}),
            }],
        ),
        (
            "POST /api/v1/needs/{id}/endorsements",
            vec![Example {
                path: format!("/api/v1/needs/{need}/endorsements"),
                who: Who::Member,
                body: json!({"note": "Samma sak hos oss."}),
            }],
        ),
        (
            "POST /api/v1/reports",
            vec![
                Example {
                    path: "/api/v1/reports".into(),
                    who: Who::Admin,
                    body: report_with(json!({"body": "## Resultat\n\nFärre besök."})),
                },
                // Sections replace the body, so they come in a body of their own (and a
                // trial has one final report: the first example is it).
                Example {
                    path: "/api/v1/reports".into(),
                    who: Who::Admin,
                    body: report_with(json!({"sections": all_sections(), "trial": null})),
                },
            ],
        ),
        (
            "PUT /api/v1/reports/{id}",
            vec![
                Example {
                    path: format!("/api/v1/reports/{report}"),
                    who: Who::Admin,
                    body: report_with(json!({"body": "Ny text.", "trial": other_trial})),
                },
                // Sections replace the body, so they come in a body of their own.
                Example {
                    path: format!("/api/v1/reports/{report}"),
                    who: Who::Admin,
                    body: report_with(json!({"sections": all_sections(), "trial": null})),
                },
            ],
        ),
        (
            "PATCH /api/v1/reports/{id}",
            vec![
                Example {
                    path: format!("/api/v1/reports/{report}"),
                    who: Who::Admin,
                    body: report_with(json!({"body": "Ändrad text.", "trial": other_trial})),
                },
                // Sections replace the body, so they come in a patch of their own.
                Example {
                    path: format!("/api/v1/reports/{report}"),
                    who: Who::Admin,
                    body: json!({"sections": all_sections()}),
                },
            ],
        ),
        (
            "POST /api/v1/reports/{id}/review",
            vec![Example {
                path: format!("/api/v1/reports/{draft}/review"),
                who: Who::Admin,
                body: json!({"decision": "return", "comment": "Beskriv urvalet."}),
            }],
        ),
        (
            "POST /api/v1/technologies",
            vec![Example {
                path: "/api/v1/technologies".into(),
                who: Who::Admin,
                body: json!({"name": "Trygghetslarm med GPS", "description": "Larm utomhus.",
                             "category": "trygghetslarm", "supplier": "Leverantören AB",
                             "proximity": "brukarnara", "standards": ["SCAIP", "BSIP"]}),
            }],
        ),
        (
            "PUT /api/v1/technologies/{id}",
            vec![Example {
                path: format!("/api/v1/technologies/{technology}"),
                who: Who::Admin,
                body: json!({"name": "Nattkamera med larm", "description": "Kamera och larm.",
                             "category": "digital-tillsyn", "supplier": "Leverantören AB",
                             "proximity": "brukarnara", "standards": ["SCAIP"]}),
            }],
        ),
        (
            "PATCH /api/v1/technologies/{id}",
            vec![Example {
                path: format!("/api/v1/technologies/{technology}"),
                who: Who::Admin,
                body: json!({"name": "Nattkamera med sensor", "description": "Kamera och sensor.",
                             "category": "digital-tillsyn", "supplier": "Leverantören AB",
                             "standards": ["SCAIP"]}),
            }],
        ),
        (
            "PUT /api/v1/technologies/{id}/uses",
            vec![Example {
                path: format!("/api/v1/technologies/{technology}/uses"),
                who: Who::Admin,
                body: json!({"status": "infort", "since": "2024-01-01", "product": "Kamera X",
                             "contact": "Enhetschef hemtjänst", "organisation": "0480"}),
            }],
        ),
        (
            "POST /api/v1/trials",
            vec![Example {
                path: "/api/v1/trials".into(),
                who: Who::Admin,
                body: json!({"title": "Sensorer i Katrineholm", "description": "Sensorer i badrum.",
                             "lead": "0483", "participants": ["0480"], "technology": "Sensor",
                             "product": "Sensor Y", "supplier": "Leverantören AB",
                             "target_group": "sarskilt-boende", "category": "digital-tillsyn",
                             "starts_on": "2024-11-01", "phase": "pagar", "visibility": "public",
                             "needs": [need], "technology_entry": technology}),
            }],
        ),
        (
            "POST /api/v1/trials/{id}/journal",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/journal"),
                who: Who::Admin,
                body: json!({"entry_type": "steg", "happened_on": "2019-02-01", "text": "Kamerorna är uppsatta."}),
            }],
        ),
        (
            "PUT /api/v1/trials/{id}",
            vec![Example {
                path: format!("/api/v1/trials/{trial}"),
                who: Who::Admin,
                body: json!({"title": "Nattkamera i Flen och Nyköping", "description": "Kameror nattetid.",
                             "lead": "0482", "participants": ["0480"], "technology": "Nattkamera",
                             "product": "Kamera X", "supplier": "Leverantören AB",
                             "target_group": "ordinart-boende", "category": "digital-tillsyn",
                             "starts_on": "2019-01-10", "ends_on": "2020-03-31", "phase": "avslutad",
                             "visibility": "public", "needs": [need], "technology_entry": technology}),
            }],
        ),
        (
            "PATCH /api/v1/trials/{id}",
            vec![Example {
                path: format!("/api/v1/trials/{trial}"),
                who: Who::Admin,
                body: json!({"title": "Nattkamera i Flen och Vingåker", "description": "Kameror.",
                             "lead": "0482", "participants": ["0480"], "technology": "Nattkamera",
                             "product": "Kamera Y", "supplier": "Leverantören AB",
                             "category": "digital-tillsyn", "needs": [need],
                             "technology_entry": technology}),
            }],
        ),
        (
            "PUT /api/v1/trials/{id}/journal/{entry_id}",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/journal/{entry}"),
                who: Who::Admin,
                body: json!({"entry_type": "steg", "happened_on": "2019-02-01", "text": "Kamerorna är uppsatta."}),
            }],
        ),
        (
            "PATCH /api/v1/trials/{id}/journal/{entry_id}",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/journal/{entry}"),
                who: Who::Admin,
                body: json!({"text": "Kamerorna är uppsatta och prövade."}),
            }],
        ),
        (
            "PUT /api/v1/trials/{id}/phase",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/phase"),
                who: Who::Admin,
                body: json!({"phase": "avslutad"}),
            }],
        ),
        (
            "POST /api/v1/trials/{id}/indicators",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/indicators"),
                who: Who::Admin,
                body: json!({"name": "Nattliga besök per vecka", "unit": "besök",
                             "direction": "lagre", "baseline": 14}),
            }],
        ),
        (
            "PUT /api/v1/trials/{id}/indicators/{indicator_id}",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/indicators/{indicator}"),
                who: Who::Admin,
                body: json!({"name": "Larm per natt och brukare", "unit": "larm",
                             "direction": "lagre", "baseline": 3}),
            }],
        ),
        (
            "PATCH /api/v1/trials/{id}/indicators/{indicator_id}",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/indicators/{indicator}"),
                who: Who::Admin,
                body: json!({"name": "Larm per natt", "unit": "larm"}),
            }],
        ),
        (
            "POST /api/v1/markdown/preview",
            vec![Example {
                path: "/api/v1/markdown/preview".to_owned(),
                who: Who::Admin,
                body: json!({"markdown": "Nattillsynen *fungerade*."}),
            }],
        ),
        (
            "POST /api/v1/coaches",
            vec![Example {
                path: "/api/v1/coaches".to_owned(),
                who: Who::Admin,
                body: json!({"user_email": "blivande.coach@flen.se", "workplace": "Hemtjänsten",
                             "hours_per_year": 200, "contact": "Ring växeln.",
                             "introduction": "Jag hjälper till med *larm*.",
                             "categories": ["trygghetslarm"], "technologies": [technology]}),
            }],
        ),
        (
            "PUT /api/v1/coaches/{id}",
            vec![Example {
                path: format!("/api/v1/coaches/{coach}"),
                who: Who::Admin,
                body: json!({"workplace": "Hemtjänsten Malmköping", "hours_per_year": 300,
                             "contact": "Gruppledaren.", "introduction": "Frågor om kameror.",
                             "categories": ["digital-tillsyn"], "technologies": [technology]}),
            }],
        ),
        (
            "POST /api/v1/comments",
            vec![Example {
                path: "/api/v1/comments".to_owned(),
                who: Who::Member,
                body: json!({"item_kind": "need", "item_id": need_id,
                             "text": "Samma här: larmet *hörs inte*."}),
            }],
        ),
        (
            "PATCH /api/v1/comments/{id}",
            vec![Example {
                path: format!("/api/v1/comments/{comment}"),
                who: Who::Member,
                body: json!({"text": "Vi har samma behov, i två hemtjänstgrupper."}),
            }],
        ),
        (
            "POST /api/v1/follows",
            vec![Example {
                path: "/api/v1/follows".to_owned(),
                who: Who::Member,
                body: json!({"topic_kind": "technology", "topic_id": technology_id}),
            }],
        ),
        (
            "POST /api/v1/notifications/read",
            vec![Example {
                path: "/api/v1/notifications/read".to_owned(),
                who: Who::Member,
                body: json!({}),
            }],
        ),
        (
            "PUT /api/v1/notification-settings",
            vec![Example {
                path: "/api/v1/notification-settings".to_owned(),
                who: Who::Member,
                body: json!({"trial": "immediate", "need": "weekly"}),
            }],
        ),
        (
            "PUT /api/v1/trials/{id}/follow-ups/{months}",
            vec![Example {
                path: format!("/api/v1/trials/{trial}/follow-ups/12"),
                who: Who::Admin,
                body: json!({"effects": "Färre besök, lugnare nätter.", "still_in_use": true}),
            }],
        ),
    ]);

    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    let writes = writes(&doc);
    let mut gaps = Vec::new();
    for operation in writes.keys() {
        if !examples.contains_key(operation.as_str()) {
            gaps.push(format!(
                "{operation} has no example body in tests/it/privacy.rs: add one so its text fields are checked"
            ));
        }
    }
    for operation in examples.keys() {
        if !writes.contains_key(*operation) {
            gaps.push(format!(
                "{operation} has an example but is not a write with a JSON body in the API document"
            ));
        }
    }
    for (operation, fields) in &writes {
        let Some(examples) = examples.get(operation.as_str()) else {
            continue;
        };
        for field in fields {
            let covered = examples.iter().any(|e| !places(&e.body, field).is_empty());
            if !covered {
                gaps.push(format!(
                    "{operation}: the text field `{}` has no value in any example body, so nothing checks it",
                    show(field)
                ));
            }
        }
        // A field the examples send that the document does not describe is a gap in the
        // document: say so rather than check a field no client can know of.
        let (method, path) = operation.split_once(' ').unwrap();
        let schema = &doc["paths"][path][method.to_lowercase()]["requestBody"]["content"]["application/json"]
            ["schema"];
        let schema = resolved(&doc, schema);
        // The top-level properties, including those of each alternative of a oneOf/anyOf/allOf.
        let described: BTreeSet<&String> = std::iter::once(schema)
            .chain(
                ["allOf", "anyOf", "oneOf"]
                    .iter()
                    .flat_map(|c| schema[*c].as_array().into_iter().flatten())
                    .map(|part| resolved(&doc, part)),
            )
            .flat_map(|s| {
                s["properties"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k)
            })
            .collect();
        let given: BTreeSet<&String> = examples
            .iter()
            .flat_map(|e| e.body.as_object().into_iter().flatten().map(|(k, _)| k))
            .collect();
        for k in given {
            if !described.contains(k) {
                gaps.push(format!(
                    "{operation}: the example sends `{k}`, which the API document does not describe"
                ));
            }
        }
    }
    assert!(
        gaps.is_empty(),
        "the privacy check does not cover every write:\n{}",
        gaps.join("\n")
    );

    let mut checked = 0;
    for (operation, fields) in &writes {
        let method = method_of(operation);
        let examples = &examples[operation.as_str()];
        for field in fields {
            for example in examples {
                for (pointer, name) in places(&example.body, field) {
                    let body = with_text(&example.body, &pointer, NUMBER);
                    let (status, problem) =
                        send(example.who, method, example.path.clone(), body.clone()).await;
                    assert_eq!(
                        status,
                        422,
                        "{operation} with `{}` = {NUMBER:?} was not refused: {problem}\nbody: {body}",
                        show(field)
                    );
                    let errors = problem["errors"].as_array().cloned().unwrap_or_default();
                    let issue = errors.iter().find(|e| e["field"] == name.as_str());
                    let Some(issue) = issue else {
                        panic!("{operation}: the refusal does not name `{name}`: {problem}");
                    };
                    let message = issue["message"].as_str().unwrap_or("");
                    if message.contains("personnummer") {
                        assert!(!message.contains("9876"), "{operation} `{name}`: {message}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 60, "only {checked} fields were checked");

    // The examples are valid: each write succeeds as it stands.
    for (operation, examples) in &examples {
        let method = method_of(operation);
        for example in examples {
            let (status, answer) = send(
                example.who,
                method,
                example.path.clone(),
                example.body.clone(),
            )
            .await;
            assert!(
                (200..300).contains(&status),
                "the example for {operation} is not valid ({status}): {answer}"
            );
        }
    }
}

async fn a_full_width_personnummer_is_answered_after_who_and_what_are_known(backend: Backend) {
    let app = TestApp::new(backend).await;
    let full_width =
        "\u{ff18}\u{ff11}\u{ff11}\u{ff12}\u{ff11}\u{ff18}-\u{ff19}\u{ff18}\u{ff17}\u{ff16}";
    let one_digit = "\u{ff18}11218-9876";
    let effects = json!({"effects": full_width, "still_in_use": true});
    let indicator = json!({"name": one_digit, "unit": "st", "direction": "lagre", "baseline": 1});

    // Anyone without a key is turned away before the text is read.
    for (path, body) in [
        ("/api/v1/trials/x/follow-ups/12", &effects),
        ("/api/v1/trials/x/indicators", &indicator),
    ] {
        let method = if path.ends_with("12") { "PUT" } else { "POST" };
        let (status, problem) = app.send_json(method, path, body, false).await;
        assert_eq!(status, 401, "{path}: {problem}");
        assert_eq!(problem["status"], 401, "{path}: {problem}");
    }
    // A trial that does not exist is not found, whatever the text.
    let (status, problem) = app
        .send_json("PUT", "/api/v1/trials/x/follow-ups/12", &effects, true)
        .await;
    assert_eq!(status, 404, "{problem}");
    let (status, problem) = app
        .send_json("POST", "/api/v1/trials/x/indicators", &indicator, true)
        .await;
    assert_eq!(status, 404, "{problem}");

    // On a real trial the number is refused, pointed at and masked.
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i Flen", "technology": "Nattkamera",
                    "target_group": "ordinart-boende", "lead": "0482",
                    "ends_on": "2020-01-15", "phase": "avslutad"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let slug = trial["slug"].as_str().unwrap();
    let (status, problem) = app
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{slug}/follow-ups/12"),
            &effects,
            true,
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "effects", "{problem}");
    let message = problem["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("rad 1, tecken 1: 811218-****"),
        "{message}"
    );
    assert!(!message.contains("9876"), "{message}");
    // A follow-up that is not scheduled is not found either.
    let (status, problem) = app
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{slug}/follow-ups/7"),
            &effects,
            true,
        )
        .await;
    assert_eq!(status, 404, "{problem}");
    let (status, problem) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{slug}/indicators"),
            &indicator,
            true,
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "name", "{problem}");
    // The server is still there.
    let (status, _) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    assert_eq!(status, 200);
}
