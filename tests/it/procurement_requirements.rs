//! Requirements traced to needs, issue 14 point 4: a member adds a ska-krav and two bör-krav
//! (weights 60 + 30, so the page says 10 points are missing), traces one to a need two
//! organisations have, and sees the need with both organisations; another need of the
//! procurement's category is flagged as uncovered; evidence the writer may not read cannot be
//! linked, and a member who may not read linked evidence sees it counted, not named; the CSV
//! has the rows (a formula-like cell neutralised) and the printable page has no site chrome;
//! an observer reads but cannot add; a non-member gets 404 on every page, the CSV, the print
//! page and the API, and does not find the requirement by search, while a member does.

use noden_portal::audit::By;
use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(requirements_are_traced_to_needs_weighed_exported_and_kept_inside);

/// The path of a 303's Location.
fn location(page: &crate::browser::Page) -> String {
    let url = page.location.clone().expect("a redirect");
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path = url[after_scheme..]
        .find('/')
        .map_or(0, |i| i + after_scheme);
    url[path..].to_owned()
}

async fn register_domain(app: &TestApp, code: &str, domain: &str) {
    noden_portal::auth::domains::add_domain(
        &app.state,
        &By::command("test"),
        app.organisation(code).id,
        domain,
    )
    .await
    .expect("a domain");
}

/// Invites `email` with `standing` and accepts as the person invited.
async fn join(
    app: &TestApp,
    lead: &SignedIn,
    url: &str,
    email: &str,
    standing: &str,
    org: &str,
) -> SignedIn {
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
    let link = text[start..end].to_owned();
    let role = if standing == "observer" {
        Role::Member
    } else {
        Role::Coordinator
    };
    let user = app.with_user_at(email, role, org).await;
    let accepted = user.submit(&link, &[]).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    user
}

/// Searches as `who` and returns the procurement hits' titles.
async fn found(who: &SignedIn, words: &str) -> Vec<String> {
    let (status, body): (u16, Value) = who
        .get_json(&format!("/api/v1/search?q={words}&kind=upphandling"))
        .await;
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

async fn requirements_are_traced_to_needs_weighed_exported_and_kept_inside(backend: Backend) {
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    // Nyköping leads; Flen takes part; Eskilstuna is outside.
    register_domain(&app, "0480", "kungsor.se").await;
    register_domain(&app, "0482", "arboga.se").await;
    register_domain(&app, "0484", "eskilstuna.se").await;
    let lead = app
        .with_user_at("lena@kungsor.se", Role::Coordinator, "0480")
        .await;
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, "0484")
        .await;
    let nykoping = app.organisation("0480").name;
    let flen = app.organisation("0482").name;

    // Two needs in the category of night-time supervision: one Nyköping raised and Flen
    // shares, one Flen raised.
    let flen_staff = app
        .with_user_at("kim@arboga.se", Role::Coordinator, "0482")
        .await;
    let (status, shared) = lead
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Tillsyn som inte väcker", "target_group": "ordinart-boende",
                    "category": "digital-tillsyn", "organisation": "0480", "visibility": "network"}),
        )
        .await;
    assert_eq!(status, 201, "{shared}");
    let shared_slug = shared["slug"].as_str().unwrap().to_owned();
    let (status, endorsed) = flen_staff
        .send_json(
            "POST",
            &format!("/api/v1/needs/{shared_slug}/endorsements"),
            &json!({"note": "Samma hos oss."}),
        )
        .await;
    assert!(status == 200 || status == 201, "{status} {endorsed}");
    let (status, other) = flen_staff
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Larm som når nattpatrullen", "target_group": "ordinart-boende",
                    "category": "digital-tillsyn", "organisation": "0482", "visibility": "network"}),
        )
        .await;
    assert_eq!(status, 201, "{other}");
    // A trial only Nyköping may read.
    let (status, trial) = lead
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i Nyköping", "technology": "Nattkamera",
                    "target_group": "ordinart-boende", "lead": "0480",
                    "visibility": "organisation"}),
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let trial_slug = trial["slug"].as_str().unwrap().to_owned();

    // The procurement, with Flen taking part, a member and an observer from Flen.
    let (status, p) = lead
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Nattlig tillsyn med kamera", "category": "digital-tillsyn",
                    "lead_organisation": "0480"}),
        )
        .await;
    assert_eq!(status, 201, "{p}");
    let id = p["id"].as_str().unwrap().to_owned();
    let url = p["url"].as_str().unwrap().to_owned();
    let added = lead
        .submit(
            &format!("{url}/organisationer"),
            &[("organisation", "0482"), ("role", "participant")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let member = join(&app, &lead, &url, "anders@arboga.se", "member", "0482").await;
    let observer = join(&app, &lead, &url, "olle@arboga.se", "observer", "0482").await;

    // The member adds a ska-krav from the form, traced to the shared need; the form offers
    // the category's needs with the organisations that have them.
    let form = member.get(&format!("{url}/krav/nytt")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("Tillsyn som inte väcker"),
        "{}",
        form.body
    );
    assert!(form.body.contains("Rubrik (obligatoriskt)"));
    let added = member
        .submit(
            &format!("{url}/krav"),
            &[
                ("title", "Kameran väcker inte brukaren"),
                ("kind", "ska"),
                ("text", "- Inget ljud och inget synligt ljus på natten."),
                ("needs", shared_slug.as_str()),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert!(location(&added).starts_with(&format!("{url}/krav#krav-")));
    // A bör-krav without a weight is refused at the field, with what was typed kept.
    let refused = member
        .submit(
            &format!("{url}/krav"),
            &[("title", "Låg ljudnivå"), ("kind", "bor")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"weight-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"Låg ljudnivå\""));
    // Evidence the member may not read cannot be linked.
    let refused = member
        .submit(
            &format!("{url}/krav"),
            &[
                ("title", "Låg ljudnivå"),
                ("kind", "bor"),
                ("weight", "60"),
                ("evidence", &format!("/tester/{trial_slug}")),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"evidence-error\""),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("Nattkamera i Nyköping"));
    let added = member
        .submit(
            &format!("{url}/krav"),
            &[("title", "Låg ljudnivå"), ("kind", "bor"), ("weight", "60")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    // The lead adds the second bör-krav through the API, resting on the trial the lead reads.
    let (status, third) = lead
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/requirements"),
            &json!({"title": "Enkel installation", "kind": "bor", "weight": 30,
                    "text": "Installeras utan verktyg.",
                    "evidence": [format!("/tester/{trial_slug}")]}),
        )
        .await;
    assert_eq!(status, 201, "{third}");
    assert_eq!(third["number"], 3, "{third}");
    assert_eq!(third["evidence"][0]["title"], "Nattkamera i Nyköping");
    let third_id = third["id"].as_str().unwrap().to_owned();

    // The list: the weights miss 10 points; the ska-krav answers the shared need, with both
    // organisations; the other need is flagged; the trial is counted, not named, for Flen.
    let list = member.get(&format!("{url}/krav")).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let body = &list.body;
    assert!(
        body.contains("Vikterna summerar till 90 %, 10 procentenheter saknas"),
        "{body}"
    );
    assert!(body.contains("Kameran väcker inte brukaren"));
    assert!(body.contains("Ska-krav") && body.contains("Bör-krav"));
    assert!(body.contains("Vikt 60 %") && body.contains("Vikt 30 %"));
    assert!(
        body.contains(&format!("Tillsyn som inte väcker</a>: {nykoping}, {flen}")),
        "{body}"
    );
    assert!(body.contains("Larm som når nattpatrullen"));
    assert!(body.contains("Inget krav täcker detta behov"));
    assert_eq!(
        body.matches("Inget krav täcker detta behov").count(),
        1,
        "{body}"
    );
    assert!(!body.contains("Nattkamera i Nyköping"), "{body}");
    assert!(body.contains("1 länk till behov eller underlag som du inte kan öppna"));
    assert!(body.contains(&format!("{url}/krav/nytt")));
    let for_lead = lead.get(&format!("{url}/krav")).await;
    assert!(for_lead.body.contains("Nattkamera i Nyköping"));
    // The workspace's menu leads there.
    assert!(
        member
            .get(&url)
            .await
            .body
            .contains(&format!("{url}/krav\""))
    );

    // Changing the trial's requirement as the member keeps the link the member cannot see.
    let (status, changed) = member
        .send_json(
            "PUT",
            &format!("/api/v1/procurements/{id}/requirements/{third_id}"),
            &json!({"title": "Enkel installation", "kind": "bor", "weight": 30,
                    "text": "Installeras utan verktyg, på en kvart."}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["hidden_links"], 1, "{changed}");
    let (_, seen) = lead
        .get_json(&format!(
            "/api/v1/procurements/{id}/requirements/{third_id}"
        ))
        .await;
    assert_eq!(
        seen["evidence"][0]["title"], "Nattkamera i Nyköping",
        "{seen}"
    );

    // The API list says the same as the page.
    let (status, listed) = member
        .get_json(&format!("/api/v1/procurements/{id}/requirements"))
        .await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["requirements"].as_array().unwrap().len(), 3);
    assert_eq!(listed["weights"]["total"], 90);
    assert_eq!(listed["weights"]["missing"], 10);

    // The CSV has a row per requirement, a cell that would run as a formula neutralised.
    let csv = member.get(&format!("{url}/krav.csv")).await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    for title in [
        "Kameran väcker inte brukaren",
        "Låg ljudnivå",
        "Enkel installation",
    ] {
        assert!(csv.body.contains(title), "{}", csv.body);
    }
    assert!(csv.body.contains("'- Inget ljud"), "{}", csv.body);
    assert!(csv.body.contains("Tillsyn som inte väcker"));
    assert_eq!(csv.body.trim_end().lines().count(), 4, "{}", csv.body);
    // The printable page has the requirements and none of the site's menus.
    let print = member.get(&format!("{url}/krav/utskrift")).await;
    assert_eq!(print.status, 200, "{}", print.body);
    assert!(print.body.contains("Enkel installation"));
    assert!(print.body.contains("10 procentenheter saknas"));
    assert!(!print.body.contains("Huvudmeny"), "{}", print.body);
    assert!(!print.body.contains("procurement-nav"));

    // An observer reads, but cannot add.
    let seen = observer.get(&format!("{url}/krav")).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(seen.body.contains("Kameran väcker inte brukaren"));
    assert!(!seen.body.contains(&format!("{url}/krav/nytt")));
    assert_eq!(observer.get(&format!("{url}/krav/nytt")).await.status, 403);
    let refused = observer
        .submit(
            &format!("{url}/krav"),
            &[("title", "Kapat krav"), ("kind", "ska")],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let (status, _) = observer
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/requirements"),
            &json!({"title": "Kapat krav", "kind": "ska"}),
        )
        .await;
    assert_eq!(status, 403);

    // Members find a requirement by search; outsiders do not.
    app.indexed().await;
    assert!(
        found(&member, "installation")
            .await
            .contains(&"Krav: Enkel installation".to_owned())
    );
    assert!(found(&outsider, "installation").await.is_empty());

    // A non-member gets 404 everywhere, and so does an anonymous visitor.
    for path in [
        format!("{url}/krav"),
        format!("{url}/krav.csv"),
        format!("{url}/krav/utskrift"),
        format!("{url}/krav/nytt"),
        format!("{url}/krav/{third_id}/andra"),
    ] {
        assert_eq!(outsider.get(&path).await.status, 404, "{path}");
        let (status, _, _) = app.get(&path).await;
        assert!(
            status == 404 || status == 303 || status == 401,
            "{path}: {status}"
        );
    }
    for path in [
        format!("/api/v1/procurements/{id}/requirements"),
        format!("/api/v1/procurements/{id}/requirements/{third_id}"),
    ] {
        let (status, _) = outsider.get_json(&path).await;
        assert_eq!(status, 404, "{path}");
        let (status, _) = app.get_json(&path).await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, _) = outsider
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/requirements"),
            &json!({"title": "Kapat krav", "kind": "ska"}),
        )
        .await;
    assert_eq!(status, 404);
    let refused = outsider
        .submit(&format!("{url}/krav/{third_id}/ta-bort"), &[])
        .await;
    assert_eq!(refused.status, 404);

    // Removing goes through a confirmation step; the list then has two.
    let confirm = member.get(&format!("{url}/krav/{third_id}/ta-bort")).await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert!(confirm.body.contains("Ta bort kravet"));
    let removed = member
        .submit(&format!("{url}/krav/{third_id}/ta-bort"), &[])
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    let (_, listed) = member
        .get_json(&format!("/api/v1/procurements/{id}/requirements"))
        .await;
    assert_eq!(listed["requirements"].as_array().unwrap().len(), 2);
    assert_eq!(listed["weights"]["missing"], 40);
    app.indexed().await;
    assert!(found(&member, "installation").await.is_empty());
}
