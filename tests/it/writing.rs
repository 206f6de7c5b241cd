//! Writing and editing reports through web forms, the Markdown preview, and the abuse limits
//! on writes (413 for what is too large, 429 for too many).

use serde_json::json;

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, on_both_backends};
use crate::sign_in::{register_domain, sign_in};
use crate::smtp::SmtpServer;

on_both_backends!(
    staff_write_and_edit_reports_in_forms_with_errors_at_their_fields,
    writes_answer_413_when_too_large_and_429_when_too_many,
    a_form_that_cannot_be_read_answers_400_and_only_one_too_large_413,
);

pub fn field<'a>(fields: &mut Vec<(&'a str, String)>, name: &'a str, value: &str) {
    fields.retain(|(k, _)| *k != name);
    fields.push((name, value.to_owned()));
}

pub async fn post(browser: &Browser, url: &str, fields: &[(&str, String)]) -> crate::browser::Page {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post(url, &pairs).await
}

async fn staff_write_and_edit_reports_in_forms_with_errors_at_their_fields(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = TestApp::builder(backend).smtp(smtp.port).start().await;
    register_domain(&app, "0480", "nykoping.se").await;
    register_domain(&app, "0484", "eskilstuna.se").await;
    assert_eq!(
        Browser::new().get(&app.url("/rapporter/ny")).await.status,
        401
    );

    let writer = sign_in(&app, &smtp, "olle@nykoping.se").await;
    let form = writer.get(&app.url("/rapporter/ny")).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body
            .contains("<option value=\"0480\" selected>Nyköpings kommun</option>")
    );
    assert!(
        !form.body.contains("Eskilstuna kommun"),
        "a member writes for their own organisation"
    );
    let url = app.url("/rapporter/ny");
    let mut fields = vec![
        ("csrf", form.csrf()),
        ("kind", "testrapport".to_owned()),
        ("organisation", "0480".to_owned()),
        ("visibility", "network".to_owned()),
        ("categories", "digital-tillsyn".to_owned()),
        ("categories", "trygghetslarm".to_owned()),
        ("tags", "natt, kamera".to_owned()),
    ];

    // Preview without saving: the same sanitised HTML a report page shows.
    field(
        &mut fields,
        "body",
        "## Resultat\n\n**Färre** väckningar. <script>alert(1)</script>",
    );
    field(&mut fields, "action", "preview");
    let preview = post(&writer, &url, &fields).await;
    assert_eq!(preview.status, 200);
    assert!(
        preview.body.contains("<strong>Färre</strong>"),
        "{}",
        preview.body
    );
    assert!(
        !preview.body.contains("<script>alert"),
        "preview is sanitised"
    );
    // The live preview, as the editor's script asks for it: with the session's cookie.
    let live = app
        .client
        .post(app.url("/api/v1/markdown/preview"))
        .insert_header((
            "Cookie",
            format!(
                "noden_session={}",
                writer.cookie(&app.base, "noden_session").unwrap()
            ),
        ))
        .send_json(&json!({"markdown": "*kursiv* <img src=x onerror=alert(1)>"}))
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert!(live["html"].as_str().unwrap().contains("<em>kursiv</em>"));
    assert!(!live["html"].as_str().unwrap().contains("onerror"));

    // Errors come back next to their fields, with what was typed kept.
    field(&mut fields, "action", "save");
    field(&mut fields, "title", "");
    field(&mut fields, "body", "Brukaren 811218-9876 larmade.");
    let refused = post(&writer, &url, &fields).await;
    assert_eq!(refused.status, 422);
    for id in ["title-error", "body-error"] {
        assert!(
            refused.body.contains(&format!("id=\"{id}\"")),
            "{id} missing: {}",
            refused.body
        );
    }
    assert!(
        refused.body.contains("rad 1, tecken 10: 811218-****"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"natt, kamera\""),
        "what was typed is kept"
    );

    field(&mut fields, "title", "Nattkamera i Nyköping, uppföljning");
    field(
        &mut fields,
        "body",
        "## Resultat\n\nFärre väckningar med **nattkamera**.",
    );
    let saved = post(&writer, &url, &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    // Without the fragment that focuses the saved report.
    let location = saved.location.clone().unwrap().replace("#rapport", "");
    let page = writer.get(&location).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<strong>nattkamera</strong>"));
    assert!(page.body.contains("Ändra rapporten"));
    // A member's report is a draft until node staff have reviewed it: not shared, not found.
    assert!(page.body.contains("Utkast."), "{}", page.body);
    app.indexed().await;
    let search = "/api/v1/search?q=uppf%C3%B6ljning";
    assert!(
        !writer
            .get(&app.url(search))
            .await
            .body
            .contains("Nattkamera i Nyköping")
    );
    let sent = writer
        .post(&format!("{location}/skicka"), &[("csrf", &page.csrf())])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let id = noden_portal::reports::by_slug(&app.state.db, location.rsplit('/').next().unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let (status, published) = app
        .send_json(
            "POST",
            &format!("/api/v1/reports/{id}/review"),
            &json!({"decision": "publish"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{published}");
    app.indexed().await;
    let found = writer.get(&app.url(search)).await;
    assert!(
        found.body.contains("Nattkamera i Nyköping"),
        "{}",
        found.body
    );

    // Edit: the form comes back filled in; the change shows.
    let edit_url = format!("{location}/redigera");
    let edit = writer.get(&edit_url).await;
    assert_eq!(edit.status, 200, "{edit_url}: {}", edit.body);
    assert!(edit.body.contains("value=\"natt, kamera\""));
    assert!(edit.body.contains("value=\"trygghetslarm\" checked"));
    field(&mut fields, "csrf", &edit.csrf());
    field(&mut fields, "title", "Nattkamera i Nyköping, andra året");
    let changed = post(&writer, &edit_url, &fields).await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    // A new title gives a new address.
    let location = changed.location.unwrap().replace("#rapport", "");
    let edit_url = format!("{location}/redigera");
    let page = writer.get(&location).await;
    assert!(page.body.contains("Nattkamera i Nyköping, andra året"));

    // Someone from another organisation may read it (network) but not change it.
    let other = sign_in(&app, &smtp, "pia@eskilstuna.se").await;
    let their_view = other.get(&location).await;
    assert_eq!(their_view.status, 200);
    assert!(!their_view.body.contains("Ändra rapporten"));
    let edit_page = other.get(&edit_url).await;
    assert_eq!(edit_page.status, 403);
    let mut theirs = fields.clone();
    let their_form = other.get(&app.url("/rapporter/ny")).await;
    field(&mut theirs, "csrf", &their_form.csrf());
    field(&mut theirs, "title", "Kapad");
    assert_eq!(post(&other, &edit_url, &theirs).await.status, 403);
    // ... nor write in Nyköping's name.
    let forged = post(&other, &app.url("/rapporter/ny"), &theirs).await;
    assert_eq!(forged.status, 403, "{}", forged.body);
    // And without the form's token, nothing is saved.
    field(&mut fields, "csrf", "");
    assert_eq!(post(&writer, &url, &fields).await.status, 403);
}

async fn writes_answer_413_when_too_large_and_429_when_too_many(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| s.writes_per_client_per_minute = 3)
        .start()
        .await;
    let huge = "x".repeat(300 * 1024);
    let (status, problem) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Stor", "body": huge}),
            true,
        )
        .await;
    assert_eq!(status, 413, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("för stort"),
        "{problem}"
    );
    let (status, _) = app
        .send_json("POST", "/api/v1/reports", &json!({"title": "Ett"}), true)
        .await;
    assert_eq!(status, 201);
    let (status, _) = app
        .send_json("POST", "/api/v1/reports", &json!({"title": "Två"}), true)
        .await;
    assert_eq!(status, 201);
    let mut res = app
        .client
        .post(app.url("/api/v1/reports"))
        .bearer_auth(crate::harness::TOKEN)
        .send_json(&json!({"title": "Tre"}))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 429);
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    let problem: serde_json::Value = res.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("för många"),
        "{problem}"
    );
    // Reading is not limited.
    assert_eq!(app.get("/api/v1/search?q=kamera").await.0, 200);
    let page = Browser::new()
        .post(&app.url("/logga-in/epost"), &[("email", "x@y.se")])
        .await;
    assert_eq!(page.status, 429, "forms count as writes too");
    assert!(page.body.contains("För många försök"), "{}", page.body);
}

async fn a_form_that_cannot_be_read_answers_400_and_only_one_too_large_413(backend: Backend) {
    let app = TestApp::new(backend).await;
    let url = app.url("/logga-in/epost");
    let mut res = app
        .client
        .post(&url)
        .insert_header(("content-type", "application/json"))
        .send_body(r#"{"email": "x@y.se"}"#)
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400, "not a form");
    let page = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    assert!(page.contains("Formuläret kunde inte läsas"), "{page}");
    let mut res = app
        .client
        .post(&url)
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .send_body(format!("email={}", "x".repeat(70 * 1024)))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 413, "over the 64 KiB limit");
    let _ = res.body().await;
}
