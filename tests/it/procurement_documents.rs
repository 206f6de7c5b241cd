//! Procurement documents, issue 14 point 5: a member writes a kravspecifikation, changes it and
//! sees the difference in its history; attaches a PDF (one that is really a web page, a photo,
//! and a file over the 25 MB cap are refused with the reason); members download it, and an
//! outsider and an anonymous visitor get 404 on the document, its history and its file, and do
//! not find it by search. Observers read but do not write; only leads mark a document public,
//! which opens nothing to outsiders.

use awc::Client;
use chrono::{TimeZone, Utc};
use noden_portal::audit::By;
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    a_member_writes_a_document_with_history_and_files_that_outsiders_never_see,
    observers_read_documents_and_only_leads_mark_one_public,
);

const LEAD: &str = "lena@kungsor.se";
const MEMBER: &str = "anders@arboga.se";
const OBSERVER: &str = "olle@arboga.se";

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

/// Invites `email` with `standing` and accepts as them; returns them signed in.
async fn join(
    app: &TestApp,
    lead: &SignedIn,
    url: &str,
    email: &str,
    standing: &str,
    organisation: &str,
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
    let start = text
        .find("/upphandlingar/inbjudan/")
        .expect("an invitation link");
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |e| start + e);
    let user = app.with_user_at(email, Role::Member, organisation).await;
    let accepted = user.submit(&text[start..end], &[]).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    user
}

/// A procurement led from Kungsör's domain with Arboga taking part: the lead, a member, an
/// observer, an outsider from Eskilstuna; its page and id.
struct Story {
    app: TestApp,
    lead: SignedIn,
    member: SignedIn,
    observer: SignedIn,
    outsider: SignedIn,
    url: String,
    id: String,
}

async fn story(backend: Backend) -> Story {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock)
        .start()
        .await;
    register_domain(&app, "0480", "kungsor.se").await;
    register_domain(&app, "0482", "arboga.se").await;
    register_domain(&app, "0484", "eskilstuna.se").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;
    let started = lead
        .submit(
            "/upphandlingar/ny",
            &[
                ("title", "Nattlig tillsyn med kamera"),
                (
                    "description",
                    "Fyra kommuner upphandlar digital nattillsyn.",
                ),
                ("lead_organisation", "0480"),
                ("officer", "Olle Upphandlare"),
                ("phase", "behovsanalys"),
            ],
        )
        .await;
    assert_eq!(started.status, 303, "{}", started.body);
    let url = location(&started);
    let added = lead
        .submit(
            &format!("{url}/organisationer"),
            &[("organisation", "0482"), ("role", "participant")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let member = join(&app, &lead, &url, MEMBER, "member", "0482").await;
    let observer = join(&app, &lead, &url, OBSERVER, "observer", "0482").await;
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, "0484")
        .await;
    let (status, shown) = lead
        .get_json(&format!(
            "/api/v1{}",
            url.replace("/upphandlingar", "/procurements")
        ))
        .await;
    assert_eq!(status, 200, "{shown}");
    let id = shown["id"].as_str().expect("an id").to_owned();
    Story {
        app,
        lead,
        member,
        observer,
        outsider,
        url,
        id,
    }
}

// ---- Files over HTTP -------------------------------------------------------------------------

const BOUNDARY: &str = "noden-test-boundary-procurement-documents";

fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// What came back: status, Location, Content-Type and the body.
struct Answer {
    status: u16,
    location: String,
    content_type: String,
    bytes: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

async fn send(req: awc::ClientRequest, body: Option<Vec<u8>>) -> Answer {
    let sent = match body {
        Some(body) => {
            req.insert_header((
                "Content-Type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ))
            .send_body(body)
            .await
        }
        None => req.send().await,
    };
    let mut res = sent.expect("request");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let location = header("location");
    let content_type = header("content-type");
    let bytes = res
        .body()
        .limit(32 * 1024 * 1024)
        .await
        .expect("body")
        .to_vec();
    Answer {
        status: res.status().as_u16(),
        location,
        content_type,
        bytes,
    }
}

fn client() -> Client {
    Client::builder().disable_redirects().finish()
}

/// Uploads through the document page's form as `user`.
async fn upload_form(
    app: &TestApp,
    user: &SignedIn,
    document: &str,
    file_name: &str,
    bytes: &[u8],
) -> Answer {
    let req = client()
        .post(app.url(&format!("{document}/bilagor")))
        .insert_header(("Cookie", format!("noden_session={}", user.session_cookie())));
    send(
        req,
        Some(multipart(&[("csrf", user.csrf())], file_name, bytes)),
    )
    .await
}

/// Uploads through the API with `user`'s access token.
async fn upload_api(
    app: &TestApp,
    user: &SignedIn,
    document_id: &str,
    file_name: &str,
    bytes: &[u8],
) -> Answer {
    let req = client()
        .post(app.url(&format!(
            "/api/v1/procurement-documents/{document_id}/attachments"
        )))
        .bearer_auth(user.token().await);
    send(req, Some(multipart(&[], file_name, bytes))).await
}

/// GET `path` with `user`'s session (or as nobody).
async fn fetch(app: &TestApp, user: Option<&SignedIn>, path: &str) -> Answer {
    let mut req = client().get(app.url(path));
    if let Some(user) = user {
        req = req.insert_header(("Cookie", format!("noden_session={}", user.session_cookie())));
    }
    send(req, None).await
}

/// GET `path` with `user`'s access token.
async fn fetch_api(app: &TestApp, user: &SignedIn, path: &str) -> Answer {
    let req = client().get(app.url(path)).bearer_auth(user.token().await);
    send(req, None).await
}

/// The link on `html` that downloads `file_name`.
fn download_link(html: &str, file_name: &str) -> String {
    let end = html
        .find(&format!("/{file_name}\""))
        .unwrap_or_else(|| panic!("no link to {file_name} in {html}"));
    let start = html[..end].rfind("href=\"").expect("href") + "href=\"".len();
    format!("{}/{file_name}", &html[start..end])
}

/// Searches as `who` (or anonymously) and returns the procurement hits' titles.
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

// ---- The scenarios -------------------------------------------------------------------------

async fn a_member_writes_a_document_with_history_and_files_that_outsiders_never_see(
    backend: Backend,
) {
    let Story {
        app,
        lead,
        member,
        outsider,
        url,
        id,
        ..
    } = story(backend).await;

    // The workspace links to its documents; a member writes a kravspecifikation.
    let overview = member.get(&url).await;
    assert!(
        overview.body.contains(&format!("href=\"{url}/dokument\"")),
        "{}",
        overview.body
    );
    let list = member.get(&format!("{url}/dokument")).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("0 dokument"), "{}", list.body);
    let form = member.get(&format!("{url}/dokument/ny")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("Kravspecifikation"), "{}", form.body);
    // A member is not offered to make it public: leads do that.
    assert!(!form.body.contains("Offentligt dokument"), "{}", form.body);
    // A personal identity number is refused at the field, and what was typed stays.
    let refused = member
        .submit(
            &format!("{url}/dokument/ny"),
            &[
                ("title", "Kravspecifikation"),
                ("document_type", "kravspecifikation"),
                ("body", "Brukaren 811218-9876 vaknar."),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"body-error\""),
        "{}",
        refused.body
    );
    let written = member
        .submit(
            &format!("{url}/dokument/ny"),
            &[
                ("title", "Kravspecifikation för nattlig tillsyn"),
                ("document_type", "kravspecifikation"),
                ("body", "## Krav\n\nKameran ska larma vid fall.\n"),
            ],
        )
        .await;
    assert_eq!(written.status, 303, "{}", written.body);
    let document = location(&written);
    assert!(
        document.starts_with(&format!("{url}/dokument/")),
        "{document}"
    );
    let document_id = document.rsplit('/').next().unwrap().to_owned();
    let page = member.get(&document).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Kravspecifikation för nattlig tillsyn"));
    assert!(
        page.body.contains("Kameran ska larma vid fall."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Nej: bara för upphandlingens medlemmar"));

    // The member changes it; the history shows who and what changed.
    let form = member.get(&format!("{document}/andra")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("Kameran ska larma vid fall."),
        "{}",
        form.body
    );
    let changed = member
        .submit(
            &format!("{document}/andra"),
            &[
                ("title", "Kravspecifikation för nattlig tillsyn"),
                ("document_type", "kravspecifikation"),
                (
                    "body",
                    "## Krav\n\nKameran ska larma vid fall och vid uppstigning.\n",
                ),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let history = member.get(&format!("{document}/historik")).await;
    assert_eq!(history.status, 200, "{}", history.body);
    assert!(
        history.body.contains("Skillnad mellan version 1 och 2"),
        "{}",
        history.body
    );
    assert!(
        history
            .body
            .contains("<del>− Kameran ska larma vid fall.</del>"),
        "{}",
        history.body
    );
    assert!(
        history
            .body
            .contains("<ins>+ Kameran ska larma vid fall och vid uppstigning.</ins>"),
        "{}",
        history.body
    );

    // A PDF is attached from the page; members download it byte for byte.
    let pdf = crate::attachments::pdf("Kravbilaga");
    let added = upload_form(&app, &member, &document, "Kravbilaga.pdf", &pdf).await;
    assert_eq!(added.status, 303, "{}", added.text());
    assert!(
        added.location.ends_with(&format!("{document}#bilagor")),
        "{}",
        added.location
    );
    let page = member.get(&document).await;
    let link = download_link(&page.body, "Kravbilaga.pdf");
    let got = fetch(&app, Some(&member), &link).await;
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(got.bytes, pdf);
    assert_eq!(got.content_type, "application/pdf");
    let got = fetch(&app, Some(&lead), &link).await;
    assert_eq!(got.status, 200);

    // A web page named .pdf is refused next to the field, in Swedish; so is a photo (this
    // item takes office documents only) and a file over 25 MB.
    let fake = upload_form(
        &app,
        &member,
        &document,
        "Krav.pdf",
        b"<!doctype html><script>alert(1)</script>",
    )
    .await;
    assert_eq!(fake.status, 422, "{}", fake.text());
    assert!(
        fake.text()
            .contains("Filens innehåll är inte PDF som namnet säger"),
        "{}",
        fake.text()
    );
    assert!(fake.text().contains("id=\"file-error\""), "{}", fake.text());
    let photo = upload_api(
        &app,
        &member,
        &document_id,
        "bild.jpg",
        &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16],
    )
    .await;
    assert_eq!(photo.status, 422, "{}", photo.text());
    assert!(
        photo.text().contains("PDF, DOCX, XLSX eller ODT"),
        "{}",
        photo.text()
    );
    let mut large = b"%PDF-1.4\n".to_vec();
    large.resize(25 * 1024 * 1024 + 1, b' ');
    let over = upload_api(&app, &member, &document_id, "Stor.pdf", &large).await;
    assert_eq!(over.status, 422, "{}", over.text());
    assert!(
        over.text().contains("Filen är för stor: högst 25 MB"),
        "{}",
        over.text()
    );
    // Above the portal's general 10 MB, within this cap: taken.
    large.truncate(12 * 1024 * 1024);
    let big = upload_api(&app, &member, &document_id, "Bilaga.pdf", &large).await;
    assert_eq!(big.status, 201, "{}", big.text());

    // The API lists it with its files, downloadable with a member's token.
    let (status, listed) = member
        .send_json(
            "GET",
            &format!("/api/v1/procurements/{id}/documents"),
            &json!({}),
        )
        .await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["total"], 1, "{listed}");
    let api_document = format!("/api/v1/procurements/{id}/documents/{document_id}");
    let (status, shown) = member.send_json("GET", &api_document, &json!({})).await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["document_type"], "kravspecifikation");
    assert_eq!(shown["public"], false);
    let files = shown["attachments"].as_array().expect("files");
    assert_eq!(files.len(), 2, "{shown}");
    let api_file = files[0]["href"].as_str().unwrap().to_owned();
    let got = fetch_api(&app, &member, &api_file).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, pdf);

    // Members find it by search; outsiders and anonymous visitors do not.
    app.indexed().await;
    assert!(
        found(&app, Some(&member), "uppstigning")
            .await
            .contains(&"Dokument: Kravspecifikation för nattlig tillsyn".to_owned()),
        "{:?}",
        found(&app, Some(&member), "uppstigning").await
    );
    assert!(found(&app, Some(&outsider), "uppstigning").await.is_empty());
    assert!(found(&app, None, "uppstigning").await.is_empty());

    // Outside the procurement: 404 for the list, the document, its history, its file and the
    // API, whether signed in or not.
    let closed = [
        format!("{url}/dokument"),
        document.clone(),
        format!("{document}/historik"),
        format!("{document}/andra"),
        format!("{document}/bilagor"),
        link.clone(),
        format!("/api/v1/procurements/{id}/documents"),
        api_document.clone(),
        api_file.clone(),
        format!("/api/v1/procurement-documents/{document_id}/attachments"),
    ];
    for path in &closed {
        let got = fetch(&app, Some(&outsider), path).await;
        assert_eq!(got.status, 404, "{path} for an outsider: {}", got.text());
        assert!(!got.text().contains("Kameran ska larma"), "{path}");
        let got = fetch(&app, None, path).await;
        if path.ends_with("/andra") {
            // Anonymous visitors are asked to sign in first.
            assert_ne!(got.status, 200, "{path}");
        } else {
            assert_eq!(got.status, 404, "{path} for a visitor: {}", got.text());
        }
        assert!(!got.text().contains("Kameran ska larma"), "{path}");
    }
    let got = fetch_api(&app, &outsider, &api_file).await;
    assert_eq!(got.status, 404);
    let (status, _) = outsider
        .send_json("PUT", &api_document, &json!({"title": "Kapad"}))
        .await;
    assert_eq!(status, 404);
    let kapad = upload_api(&app, &outsider, &document_id, "Kapad.pdf", &pdf).await;
    assert_eq!(kapad.status, 404, "{}", kapad.text());
}

async fn observers_read_documents_and_only_leads_mark_one_public(backend: Backend) {
    let Story {
        app,
        lead,
        member,
        observer,
        outsider,
        url,
        id,
    } = story(backend).await;
    let (status, created) = member
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/documents"),
            &json!({"title": "Marknadsanalys", "document_type": "marknadsanalys",
                    "body": "Tre leverantörer svarade."}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["public"], false);
    let document_id = created["id"].as_str().unwrap().to_owned();
    let document = created["url"].as_str().unwrap().to_owned();
    let api_document = format!("/api/v1/procurements/{id}/documents/{document_id}");

    // The observer reads it, but writes nothing.
    let page = observer.get(&document).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Tre leverantörer svarade."));
    assert!(
        !page.body.contains(&format!("{document}/andra")),
        "{}",
        page.body
    );
    assert_eq!(
        observer.get(&format!("{url}/dokument/ny")).await.status,
        403
    );
    let refused = observer
        .submit(
            &format!("{document}/andra"),
            &[
                ("title", "Ändrad"),
                ("document_type", "ovrigt"),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let (status, _) = observer
        .send_json("PUT", &api_document, &json!({"title": "Ändrad"}))
        .await;
    assert_eq!(status, 403);
    let pdf = crate::attachments::pdf("Analys");
    let upload = upload_api(&app, &observer, &document_id, "Analys.pdf", &pdf).await;
    assert_eq!(upload.status, 403, "{}", upload.text());

    // A member may not mark it public; a lead may, from the form or the API.
    let (status, problem) = member
        .send_json(
            "PUT",
            &api_document,
            &json!({"title": "Marknadsanalys", "body": "Tre leverantörer svarade.", "public": true}),
        )
        .await;
    assert_eq!(status, 403, "{problem}");
    let form = lead.get(&format!("{document}/andra")).await;
    assert!(form.body.contains("Offentligt dokument"), "{}", form.body);
    let published = lead
        .submit(
            &format!("{document}/andra"),
            &[
                ("title", "Marknadsanalys"),
                ("document_type", "marknadsanalys"),
                ("body", "Tre leverantörer svarade."),
                ("public", "true"),
            ],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    let (status, shown) = member.send_json("GET", &api_document, &json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(shown["public"], true, "{shown}");
    // A member's later change leaves it public.
    let (status, shown) = member
        .send_json(
            "PUT",
            &api_document,
            &json!({"title": "Marknadsanalys", "document_type": "marknadsanalys",
                    "body": "Fyra leverantörer svarade."}),
        )
        .await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["public"], true, "{shown}");
    let history = member
        .get(&format!("{document}/historik?fran=1&till=2"))
        .await;
    assert!(
        history.body.contains("<ins>+ Offentligt: Ja</ins>"),
        "{}",
        history.body
    );

    // Public opens nothing to outsiders: it is for the open-data export only.
    assert_eq!(outsider.get(&document).await.status, 404);
    let (status, _, _) = app.get(&document).await;
    assert_eq!(status, 404);
    let (status, _) = app.get_json(&api_document).await;
    assert_eq!(status, 404);
    app.indexed().await;
    assert!(found(&app, None, "leverant%C3%B6rer").await.is_empty());
    assert!(
        found(&app, Some(&outsider), "leverant%C3%B6rer")
            .await
            .is_empty()
    );
    assert!(
        !found(&app, Some(&observer), "leverant%C3%B6rer")
            .await
            .is_empty()
    );
}
