//! Joint procurement, issue 14 points 6 and 8: members ask questions and reply, and the other
//! members (as they are at that moment) are mailed; the decision log is append only, a
//! correction refers to the decision it corrects and that one shows as corrected; the
//! reference group refuses a personnummer next to the field. Only members see or find any of
//! it.

use chrono::{TimeZone, Utc};
use noden_portal::audit::By;
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    questions_and_replies_are_mailed_to_the_other_members_and_a_removed_member_hears_nothing,
    the_decision_log_is_append_only_and_a_correction_marks_the_decision_it_corrects,
    the_reference_group_refuses_a_personnummer_next_to_the_field,
);

const LEAD: &str = "lena@kungsor.se";
const ASKER: &str = "anders@arboga.se";
const ANSWERER: &str = "britt@arboga.se";
const WATCHER: &str = "olle@arboga.se";

/// The path of a 303's Location.
fn location(page: &crate::browser::Page) -> String {
    let url = page.location.clone().expect("a redirect");
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path = url[after_scheme..]
        .find('/')
        .map_or(0, |i| i + after_scheme);
    url[path..].to_owned()
}

/// A procurement led from Kungsör with Arboga taking part, and Arboga's `people` (address,
/// standing) invited and accepted. Returns the lead, the procurement's id and address, and
/// the members in the order given.
async fn procurement_with(
    app: &TestApp,
    people: &[(&str, &str)],
) -> (SignedIn, String, String, Vec<SignedIn>) {
    for (code, domain) in [
        ("0480", "kungsor.se"),
        ("0482", "arboga.se"),
        ("0484", "eskilstuna.se"),
    ] {
        noden_portal::auth::domains::add_domain(
            &app.state,
            &By::command("test"),
            app.organisation(code).id,
            domain,
        )
        .await
        .expect("a domain");
    }
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;
    let (status, made) = lead
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Nattlig tillsyn med kamera", "officer": "Olle", "phase": "marknadsdialog"}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    let url = made["url"].as_str().unwrap().to_owned();
    let added = lead
        .submit(
            &format!("{url}/organisationer"),
            &[("organisation", "0482"), ("role", "participant")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let mut members = Vec::new();
    for (email, standing) in people {
        let sent = lead
            .submit(
                &format!("{url}/inbjudningar"),
                &[("email", email), ("standing", standing)],
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        let mail = app.mail_to(email).await;
        let text = &mail.last().expect("an invitation").text;
        let start = text.find("/upphandlingar/inbjudan/").expect("a link");
        let end = text[start..]
            .find(char::is_whitespace)
            .map_or(text.len(), |e| start + e);
        let member = app.with_user_at(email, Role::Member, "0482").await;
        let accepted = member.submit(&text[start..end], &[]).await;
        assert_eq!(accepted.status, 303, "{}", accepted.body);
        members.push(member);
    }
    (lead, id, url, members)
}

/// The mails to `to` whose subject contains `words`.
async fn mails(app: &TestApp, to: &str, words: &str) -> usize {
    app.mail_to(to)
        .await
        .iter()
        .filter(|m| m.subject.contains(words))
        .count()
}

/// The titles of the procurement hits `who` (or a visitor) finds for `words`.
async fn found(app: &TestApp, who: Option<&SignedIn>, words: &str) -> Vec<String> {
    let path = format!("/api/v1/search?q={words}&kind=upphandling");
    let (status, body): (u16, Value) = match who {
        Some(user) => user.get_json(&path).await,
        None => app.get_json(&path).await,
    };
    assert_eq!(status, 200, "{body}");
    body["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["title"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn start(backend: Backend) -> TestApp {
    // Mail is delivered when the test reads it.
    TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(Clock::fixed(
            Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap(),
        ))
        .start()
        .await
}

async fn questions_and_replies_are_mailed_to_the_other_members_and_a_removed_member_hears_nothing(
    backend: Backend,
) {
    let app = start(backend).await;
    let (lead, id, url, members) = procurement_with(
        &app,
        &[
            (ASKER, "member"),
            (ANSWERER, "member"),
            (WATCHER, "observer"),
        ],
    )
    .await;
    let [asker, answerer, watcher] = &members[..] else {
        panic!("three members")
    };
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, "0484")
        .await;

    // A member asks on the page; the others are mailed once, the asker not at all.
    let page = asker.get(&format!("{url}/fragor")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("0 frågor"), "{}", page.body);
    let asked = asker
        .submit(
            &format!("{url}/fragor"),
            &[
                ("title", "Hur länge sparas bilderna?"),
                (
                    "text",
                    "Vi behöver veta **lagringstiden** för kamerabilderna.",
                ),
            ],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    let question_url = location(&asked);
    assert!(
        question_url.starts_with(&format!("{url}/fragor/")),
        "{question_url}"
    );
    let question_id = question_url.rsplit('/').next().unwrap().to_owned();
    assert_eq!(mails(&app, ANSWERER, "Ny fråga").await, 1);
    assert_eq!(mails(&app, LEAD, "Ny fråga").await, 1);
    assert_eq!(mails(&app, WATCHER, "Ny fråga").await, 1);
    assert_eq!(mails(&app, ASKER, "Ny fråga").await, 0);
    let told = app.mail_to(ANSWERER).await;
    let told = told.last().unwrap();
    assert!(
        told.subject.contains("Hur länge sparas bilderna?"),
        "{}",
        told.subject
    );
    assert!(told.text.contains(&question_url), "{}", told.text);

    // Another member replies through the API; the asker is mailed.
    let (status, replied) = answerer
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/questions/{question_id}/replies"),
            &json!({"text": "Leverantören raderar efter **trettio dygn**, enligt nattkamerans avtal."}),
        )
        .await;
    assert_eq!(status, 201, "{replied}");
    assert_eq!(mails(&app, ASKER, "Nytt svar").await, 1);
    assert_eq!(mails(&app, ANSWERER, "Nytt svar").await, 0);
    let page = asker.get(&question_url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<strong>lagringstiden</strong>"));
    assert!(page.body.contains("<strong>trettio dygn</strong>"));
    assert!(page.body.contains("1 svar"), "{}", page.body);
    let list = lead.get(&format!("{url}/fragor")).await;
    assert!(list.body.contains("Hur länge sparas bilderna?"));
    assert!(list.body.contains("1 fråga"), "{}", list.body);
    let (status, listed) = lead
        .get_json(&format!("/api/v1/procurements/{id}/questions"))
        .await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["questions"][0]["reply_count"], 1);

    // An observer reads but does not write.
    let page = watcher.get(&question_url).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Observatörer läser"), "{}", page.body);
    assert!(!page.body.contains("Skicka svaret"));
    let (status, _) = watcher
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/questions/{question_id}/replies"),
            &json!({"text": "Jag med."}),
        )
        .await;
    assert_eq!(status, 403);

    // Members find the question by its replies' words; no one outside does.
    app.indexed().await;
    let title = "Fråga: Hur länge sparas bilderna?".to_owned();
    assert_eq!(
        found(&app, Some(asker), "trettio").await,
        vec![title.clone()]
    );
    assert_eq!(
        found(&app, Some(watcher), "lagringstiden").await,
        vec![title]
    );
    assert!(found(&app, Some(&outsider), "trettio").await.is_empty());
    assert!(found(&app, None, "trettio").await.is_empty());
    for path in [
        format!("{url}/fragor"),
        question_url.clone(),
        format!("{url}/beslut"),
        format!("{url}/referensgrupp"),
    ] {
        assert_eq!(outsider.get(&path).await.status, 404, "{path}");
        let (status, _, _) = app.get(&path).await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, _) = outsider
        .get_json(&format!(
            "/api/v1/procurements/{id}/questions/{question_id}"
        ))
        .await;
    assert_eq!(status, 404);
    let (status, _) = outsider
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/questions"),
            &json!({"title": "Kapad", "text": "Kapad"}),
        )
        .await;
    assert_eq!(status, 404);

    // The lead removes the answerer: no more mail, 404 and nothing found.
    let removed = lead
        .submit(
            &format!("{url}/medlemmar/{}/ta-bort", answerer.user_id),
            &[],
        )
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    let before = app.mail_to(ANSWERER).await.len();
    let (status, _) = asker
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/questions/{question_id}/replies"),
            &json!({"text": "Tack, då vet vi."}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, _) = asker
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/questions"),
            &json!({"title": "Vem monterar kamerorna?", "text": "Leverantören eller vi?"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(app.mail_to(ANSWERER).await.len(), before);
    assert_eq!(mails(&app, LEAD, "Ny fråga").await, 2);
    assert_eq!(answerer.get(&question_url).await.status, 404);
    let (status, _) = answerer
        .get_json(&format!("/api/v1/procurements/{id}/questions"))
        .await;
    assert_eq!(status, 404);
    app.indexed().await;
    assert!(found(&app, Some(answerer), "trettio").await.is_empty());
}

async fn the_decision_log_is_append_only_and_a_correction_marks_the_decision_it_corrects(
    backend: Backend,
) {
    let app = start(backend).await;
    let (lead, id, url, members) =
        procurement_with(&app, &[(ASKER, "member"), (WATCHER, "observer")]).await;
    let [member, watcher] = &members[..] else {
        panic!("two members")
    };
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, "0484")
        .await;

    // A decision from the page, another from the API.
    let recorded = lead
        .submit(
            &format!("{url}/beslut"),
            &[
                ("decision", "Vi upphandlar **tio** nattkameror."),
                ("rationale", "Behovet i de fyra kommunerna."),
                ("decided_by", "Styrgruppen"),
                ("decided_on", "2027-02-20"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    assert_eq!(location(&recorded), format!("{url}/beslut#beslut-1"));
    let (status, second) = member
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/decisions"),
            &json!({"decision": "Marknadsdialog med tre leverantörer.", "decided_by": "Upphandlingsgruppen"}),
        )
        .await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(second["number"], 2);
    assert_eq!(second["decided_on"], "2027-03-01");
    let first_id = {
        let (_, listed) = member
            .get_json(&format!("/api/v1/procurements/{id}/decisions"))
            .await;
        assert_eq!(listed["total"], 2, "{listed}");
        listed["decisions"][1]["id"].as_str().unwrap().to_owned()
    };

    // A correction naming a decision that is not there is refused at its field.
    let refused = member
        .submit(
            &format!("{url}/beslut"),
            &[
                ("decision", "Tolv kameror."),
                ("decided_by", "Styrgruppen"),
                ("corrects", "9"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"corrects-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Tolv kameror."), "{}", refused.body);

    // The correction: decision 1 stays as written, shown as corrected by 3.
    let form = member.get(&format!("{url}/beslut?rattar=1")).await;
    assert!(form.body.contains("name=\"corrects\""), "{}", form.body);
    assert!(form.body.contains("value=\"1\""), "{}", form.body);
    let corrected = member
        .submit(
            &format!("{url}/beslut"),
            &[
                ("decision", "Vi upphandlar **tolv** nattkameror."),
                ("rationale", "Köping räknade fel på antalet boenden."),
                ("decided_by", "Styrgruppen"),
                ("corrects", "1"),
            ],
        )
        .await;
    assert_eq!(corrected.status, 303, "{}", corrected.body);
    let page = watcher.get(&format!("{url}/beslut")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<strong>tio</strong>"), "{}", page.body);
    assert!(page.body.contains("<strong>tolv</strong>"));
    assert!(
        page.body.contains("Det här beslutet är rättat av"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("<a href=\"{url}/beslut#beslut-3\">beslut 3</a>")),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!(
            "Rättar <a href=\"{url}/beslut#beslut-1\">beslut 1</a>"
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("Observatörer läser beslutsloggen"));
    let (status, one) = watcher
        .get_json(&format!("/api/v1/procurements/{id}/decisions/{first_id}"))
        .await;
    assert_eq!(status, 200, "{one}");
    assert_eq!(
        one["decision_markdown"],
        "Vi upphandlar **tio** nattkameror."
    );
    assert_eq!(one["corrected_by"][0]["number"], 3, "{one}");

    // No route changes or removes a decision, nor lets an observer record one.
    for method in ["PUT", "PATCH", "DELETE"] {
        for path in [
            format!("/api/v1/procurements/{id}/decisions/{first_id}"),
            format!("/api/v1/procurements/{id}/decisions"),
        ] {
            let (status, body) = lead
                .send_json(
                    method,
                    &path,
                    &json!({"decision": "Ändrat", "decided_by": "Jag"}),
                )
                .await;
            assert_eq!(status, 405, "{method} {path}: {body}");
        }
    }
    for path in [
        format!("{url}/beslut/1"),
        format!("{url}/beslut/1/andra"),
        format!("{url}/beslut/1/ta-bort"),
        format!("{url}/beslut/{first_id}/ta-bort"),
    ] {
        let page = lead.submit(&path, &[("decision", "Ändrat")]).await;
        assert!(
            page.status == 404 || page.status == 405,
            "{path}: {}",
            page.status
        );
    }
    let (status, _) = watcher
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/decisions"),
            &json!({"decision": "Observatören bestämmer.", "decided_by": "Jag"}),
        )
        .await;
    assert_eq!(status, 403);
    let (_, one) = lead
        .get_json(&format!("/api/v1/procurements/{id}/decisions/{first_id}"))
        .await;
    assert_eq!(
        one["decision_markdown"],
        "Vi upphandlar **tio** nattkameror."
    );

    // Members find the decisions, the corrected one marked; no one outside does.
    app.indexed().await;
    let hits = found(&app, Some(member), "nattkameror").await;
    assert!(
        hits.contains(&"Beslut: Vi upphandlar tio nattkameror. (rättat)".to_owned()),
        "{hits:?}"
    );
    assert!(
        hits.contains(&"Beslut: Vi upphandlar tolv nattkameror.".to_owned()),
        "{hits:?}"
    );
    assert!(found(&app, Some(&outsider), "nattkameror").await.is_empty());
    assert!(found(&app, None, "nattkameror").await.is_empty());
    let (status, _) = outsider
        .get_json(&format!("/api/v1/procurements/{id}/decisions"))
        .await;
    assert_eq!(status, 404);
}

async fn the_reference_group_refuses_a_personnummer_next_to_the_field(backend: Backend) {
    let app = start(backend).await;
    let (lead, id, url, members) = procurement_with(&app, &[(WATCHER, "observer")]).await;
    let watcher = &members[0];
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, "0484")
        .await;

    let refused = lead
        .submit(
            &format!("{url}/referensgrupp"),
            &[
                ("representation", "brukare"),
                ("description", "Brukaren 19121212-1212 i Arboga"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"description-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("personnummer"), "{}", refused.body);
    let refused = lead
        .submit(
            &format!("{url}/referensgrupp/moten"),
            &[
                ("held_on", "2027-02-25"),
                ("notes", "Närvarande: 19121212-1212."),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"notes-error\""),
        "{}",
        refused.body
    );
    let (status, problem) = lead
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/reference-group"),
            &json!({"representation": "anhoriga", "description": "Anhörig till 121212-1212"}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "description", "{problem}");

    let added = lead
        .submit(
            &format!("{url}/referensgrupp"),
            &[
                ("representation", "medarbetare"),
                (
                    "description",
                    "Två undersköterskor från nattpatrullen, Arboga",
                ),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let (status, _) = lead
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/reference-group"),
            &json!({"representation": "fackliga", "description": "Kommunal, avdelning Arboga"}),
        )
        .await;
    assert_eq!(status, 201);
    let met = lead
        .submit(
            &format!("{url}/referensgrupp/moten"),
            &[
                ("held_on", "2027-02-25"),
                ("notes", "Gruppen vill ha **tysta** kameror."),
            ],
        )
        .await;
    assert_eq!(met.status, 303, "{}", met.body);

    let page = watcher.get(&format!("{url}/referensgrupp")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Två undersköterskor från nattpatrullen, Arboga")
    );
    assert!(page.body.contains("Fackliga representanter"));
    assert!(page.body.contains("<strong>tysta</strong>"));
    assert!(page.body.contains("25 februari 2027"), "{}", page.body);
    assert!(!page.body.contains("Spara mötet"));
    let (status, group) = watcher
        .get_json(&format!("/api/v1/procurements/{id}/reference-group"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(group["entries"].as_array().unwrap().len(), 2, "{group}");
    let (status, meetings) = watcher
        .get_json(&format!("/api/v1/procurements/{id}/reference-meetings"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(meetings["total"], 1, "{meetings}");
    let (status, _) = watcher
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/reference-meetings"),
            &json!({"notes": "Observatören antecknar."}),
        )
        .await;
    assert_eq!(status, 403);
    for path in [
        format!("/api/v1/procurements/{id}/reference-group"),
        format!("/api/v1/procurements/{id}/reference-meetings"),
    ] {
        let (status, _) = outsider.get_json(&path).await;
        assert_eq!(status, 404, "{path}");
        let (status, _) = app.get_json(&path).await;
        assert_eq!(status, 404, "{path}");
    }
}
