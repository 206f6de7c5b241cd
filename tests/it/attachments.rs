//! Attachments ("Bilagor") on reports, trials (and their journal entries) and needs: a file
//! comes back byte for byte to those who may read its item and to nobody else, its type is
//! checked by its content, its size is capped, and a photo keeps no EXIF position.

use awc::Client;
use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TOKEN, TestApp, on_both_backends};

on_both_backends!(
    a_pdf_attached_to_a_report_downloads_byte_for_byte,
    a_renamed_program_or_page_is_refused_at_the_field_and_nothing_is_stored,
    a_file_over_the_cap_is_refused_with_the_limit,
    a_photo_is_stored_without_its_exif_position,
    an_attachment_on_an_organisation_private_report_is_404_to_another_organisation,
    a_journal_entry_carries_files_that_only_participants_add,
    a_removed_attachment_is_not_found_and_its_bytes_are_gone,
);

// ---- Files made here -------------------------------------------------------------------

/// A small, valid one-page PDF.
pub fn pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A photo as a phone takes it: a JPEG whose EXIF block says where it was taken (GPS
/// latitude 59° N, longitude 16° E) and with which camera.
fn photo_with_gps() -> Vec<u8> {
    let picture =
        image::RgbImage::from_fn(16, 12, |x, y| image::Rgb([x as u8 * 15, y as u8 * 20, 120]));
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut jpeg, 90,
        ))
        .unwrap();
    // TIFF, big-endian. IFD0 at 8: Make (ASCII at 50) and the GPS IFD pointer (at 56).
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x0F, 0, 2, 0, 0, 0, 6, 0, 0, 0, 50]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 56]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(tiff.len(), 38);
    tiff.extend_from_slice(&[0; 12]); // padding up to 50
    tiff.extend_from_slice(b"Kamra\0");
    // GPS IFD at 56: LatitudeRef N, Latitude 59/1 0/1 0/1, LongitudeRef E, Longitude 16/1 …
    let gps_start = tiff.len();
    assert_eq!(gps_start, 56);
    let values_at = (56 + 2 + 4 * 12 + 4) as u32;
    tiff.extend_from_slice(&4u16.to_be_bytes());
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3]);
    tiff.extend_from_slice(&values_at.to_be_bytes());
    tiff.extend_from_slice(&[0, 3, 0, 2, 0, 0, 0, 2, b'E', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 4, 0, 5, 0, 0, 0, 3]);
    tiff.extend_from_slice(&(values_at + 24).to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    for degrees in [59u32, 16] {
        for (n, d) in [(degrees, 1u32), (0, 1), (0, 1)] {
            tiff.extend_from_slice(&n.to_be_bytes());
            tiff.extend_from_slice(&d.to_be_bytes());
        }
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

// ---- Requests ----------------------------------------------------------------------------

const BOUNDARY: &str = "noden-test-boundary-7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body with `fields` and, when given, one file in `file`.
pub(crate) fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// What came back: status, Location, a few headers, the body's bytes.
pub(crate) struct Answer {
    pub status: u16,
    pub location: String,
    pub headers: std::collections::HashMap<String, String>,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

pub(crate) async fn send(req: awc::ClientRequest, body: Option<Vec<u8>>) -> Answer {
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
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let bytes = res
        .body()
        .limit(32 * 1024 * 1024)
        .await
        .expect("body")
        .to_vec();
    Answer {
        status: res.status().as_u16(),
        location: res
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        headers,
        bytes,
    }
}

pub(crate) fn client() -> Client {
    Client::builder().disable_redirects().finish()
}

/// Posts the upload form of `page` (`/rapporter/{slug}`) as `user`, with the form's token.
async fn upload_form(
    app: &TestApp,
    user: &SignedIn,
    page: &str,
    extra: &[(&str, &str)],
    file_name: &str,
    bytes: &[u8],
) -> Answer {
    let mut fields = vec![("csrf", user.csrf())];
    fields.extend_from_slice(extra);
    let req = client()
        .post(app.url(&format!("{page}/bilagor")))
        .insert_header(("Cookie", format!("noden_session={}", user.session_cookie())));
    send(req, Some(multipart(&fields, Some((file_name, bytes))))).await
}

/// Uploads through the API with `user`'s access token.
async fn upload_api(
    app: &TestApp,
    user: &SignedIn,
    api: &str,
    extra: &[(&str, &str)],
    file_name: &str,
    bytes: &[u8],
) -> Answer {
    let req = client()
        .post(app.url(&format!("{api}/attachments")))
        .bearer_auth(user.token().await);
    send(req, Some(multipart(extra, Some((file_name, bytes))))).await
}

/// Uploads through the API with `user`'s access token: the status and the answer's JSON.
pub async fn upload(
    app: &TestApp,
    user: &SignedIn,
    api: &str,
    fields: &[(&str, &str)],
    file_name: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let answer = upload_api(app, user, api, fields, file_name, bytes).await;
    (answer.status, answer.json())
}

/// Uploads through the API with the node's token (for fixtures of other tests).
pub async fn attach_as_node(app: &TestApp, api: &str, file_name: &str, bytes: &[u8]) -> Value {
    attach_with(app, api, &[], file_name, bytes).await
}

/// Attaches a PDF to the journal entry `entry` of the trial `trial` with the node's token.
pub async fn attach_as_node_to_entry(
    app: &TestApp,
    trial: &str,
    entry: &str,
    bytes: &[u8],
) -> Value {
    let api = format!("/api/v1/trials/{trial}");
    attach_with(
        app,
        &api,
        &[("journal_entry", entry)],
        "Anteckning.pdf",
        bytes,
    )
    .await
}

async fn attach_with(
    app: &TestApp,
    api: &str,
    fields: &[(&str, &str)],
    file_name: &str,
    bytes: &[u8],
) -> Value {
    let req = client()
        .post(app.url(&format!("{api}/attachments")))
        .bearer_auth(TOKEN);
    let answer = send(req, Some(multipart(fields, Some((file_name, bytes))))).await;
    assert_eq!(answer.status, 201, "{}", answer.text());
    answer.json()
}

/// GET `path` anonymously, with `user`'s session, or with `user`'s access token.
enum As<'a> {
    Nobody,
    Session(&'a SignedIn),
    Token(&'a SignedIn),
}

async fn fetch(app: &TestApp, who: As<'_>, path: &str) -> Answer {
    let mut req = client().get(app.url(path));
    match who {
        As::Nobody => {}
        As::Session(user) => {
            req = req.insert_header(("Cookie", format!("noden_session={}", user.session_cookie())));
        }
        As::Token(user) => req = req.bearer_auth(user.token().await),
    }
    send(req, None).await
}

/// The stored blobs under the data directory.
fn stored_blobs(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir.path().join("blobs/attachments"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// The first link on `html` that downloads a file, as `/…/bilagor/{id}/{name}`.
pub(crate) fn download_link(html: &str, file_name_encoded: &str) -> String {
    let end = html
        .find(&format!("/{file_name_encoded}\""))
        .unwrap_or_else(|| panic!("no link to {file_name_encoded} in {html}"));
    let start = html[..end].rfind("href=\"").expect("href") + "href=\"".len();
    format!("{}/{file_name_encoded}", &html[start..end])
}

async fn report(app: &TestApp, title: &str, organisation: &str, visibility: &str) -> Value {
    let (status, report) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({
                "title": title,
                "summary": "Mätningar före och efter.",
                "body": "Nattkameran testades i tre månader.",
                "organisation": organisation,
                "visibility": visibility,
            }),
            true,
        )
        .await;
    assert_eq!(status, 201, "{report}");
    report
}

// ---- Scenarios ---------------------------------------------------------------------------

async fn a_pdf_attached_to_a_report_downloads_byte_for_byte(backend: Backend) {
    let app = TestApp::new(backend).await;
    let report = report(&app, "Nattkamera i Nyköping", "0480", "public").await;
    let page = report["url"].as_str().unwrap();
    let member = app.with_user(Role::Member, "0480").await;
    let staff = app.with_user(Role::NodeAdmin, "0480").await;

    // The report is published: a member's change would wait for review, so the member of its
    // organisation attaches nothing to it; node staff, who publish directly, do.
    let shown = member.get(page).await;
    assert!(
        shown
            .body
            .contains("<h2 id=\"bilagor-rubrik\">Bilagor</h2>"),
        "{}",
        shown.body
    );
    assert!(!shown.body.contains("enctype=\"multipart/form-data\""));
    let plan = pdf("Matplan for nattkamera");
    let refused = upload_form(&app, &member, page, &[], "Mätplan nattkamera.pdf", &plan).await;
    assert_eq!(refused.status, 403, "{}", refused.text());
    let shown = staff.get(page).await;
    assert!(shown.body.contains("enctype=\"multipart/form-data\""));
    let sent = upload_form(&app, &staff, page, &[], "Mätplan nattkamera.pdf", &plan).await;
    assert_eq!(sent.status, 303, "{}", sent.text());
    assert_eq!(sent.location, format!("{page}#bilagor"));

    // The page lists it with its type and size; anyone may download the public report's file.
    let shown = app.get(page).await.2;
    assert!(shown.contains("Mätplan nattkamera.pdf"), "{shown}");
    assert!(shown.contains("PDF,"), "{shown}");
    assert!(
        shown.contains(" byte</span>") || shown.contains(" kB</span>"),
        "{shown}"
    );
    assert!(
        !shown.contains("enctype=\"multipart/form-data\""),
        "no form signed out"
    );
    let link = download_link(&shown, "M%C3%A4tplan%20nattkamera.pdf");
    let got = fetch(&app, As::Nobody, &link).await;
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(got.bytes, plan, "byte for byte");
    assert_eq!(got.header("content-type"), "application/pdf");
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert_eq!(got.header("cache-control"), "private, no-store");
    let disposition = got.header("content-disposition");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(
        disposition.contains("UTF-8''M%C3%A4tplan%20nattkamera.pdf"),
        "{disposition}"
    );

    // The API lists it with its checksum and downloads the same bytes.
    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    let (status, listed) = app.get_json(&format!("{api}/attachments")).await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["media_type"], "application/pdf");
    assert_eq!(listed[0]["size"], plan.len());
    use sha2::Digest;
    assert_eq!(
        listed[0]["sha256"],
        format!("{:x}", sha2::Sha256::digest(&plan))
    );
    let href = listed[0]["href"].as_str().unwrap();
    assert_eq!(fetch(&app, As::Nobody, href).await.bytes, plan);

    // A need takes a CSV through the API in the same way.
    let (status, need) = app
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Larm som når fram", "description": "Larmen tappas nattetid.",
                    "target_group": "ordinart-boende", "organisation": "0480",
                    "visibility": "network"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{need}");
    let table = "kommun;larm per natt\nNyköping;14\n".as_bytes();
    let need_api = format!("/api/v1/needs/{}", need["id"].as_str().unwrap());
    let added = upload_api(&app, &member, &need_api, &[], "larm.csv", table).await;
    assert_eq!(added.status, 201, "{}", added.text());
    let added = added.json();
    assert_eq!(added["media_type"], "text/csv; charset=utf-8");
    let got = fetch(&app, As::Token(&member), added["href"].as_str().unwrap()).await;
    assert_eq!(got.bytes, table);
    // The need is for the network only: anonymous visitors are asked to sign in.
    let got = fetch(&app, As::Nobody, added["href"].as_str().unwrap()).await;
    assert_eq!(got.status, 401);
    let need_page = member.get(need["url"].as_str().unwrap()).await;
    assert!(need_page.body.contains("larm.csv"), "{}", need_page.body);
}

async fn a_renamed_program_or_page_is_refused_at_the_field_and_nothing_is_stored(backend: Backend) {
    let app = TestApp::new(backend).await;
    let report = report(&app, "Tillsyn via kamera", "0480", "public").await;
    let page = report["url"].as_str().unwrap();
    // Node staff: the report is published, so its files change without review.
    let staff = app.with_user(Role::NodeAdmin, "0480").await;

    let program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.";
    let refused = upload_form(&app, &staff, page, &[], "rapport.pdf", program).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    let html = refused.text();
    assert!(html.contains("id=\"file-error\""), "{html}");
    assert!(html.contains("Filens innehåll är inte PDF"), "{html}");
    assert!(html.contains("aria-invalid=\"true\""), "{html}");
    assert!(
        html.contains("href=\"#file\""),
        "the summary links to the field: {html}"
    );

    let page_html = b"<!doctype html><script>fetch('/konto')</script>";
    let refused = upload_form(&app, &staff, page, &[], "bilaga.pdf", page_html).await;
    assert_eq!(refused.status, 422);
    let refused = upload_form(&app, &staff, page, &[], "sida.html", page_html).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.text().contains("Den filtypen går inte att bifoga"),
        "{}",
        refused.text()
    );

    // A file whose name holds a personal identity number is refused too.
    let named = upload_form(
        &app,
        &staff,
        page,
        &[],
        "Journal 19121212-1212.pdf",
        &pdf("x"),
    )
    .await;
    assert_eq!(named.status, 422);
    assert!(
        named.text().contains("id=\"file-error\""),
        "{}",
        named.text()
    );

    // Through the API: problem+json naming the field.
    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    let named = upload_api(
        &app,
        &staff,
        &api,
        &[],
        "Journal 19121212-1212.pdf",
        &pdf("x"),
    )
    .await;
    assert_eq!(named.status, 422, "{}", named.text());
    assert_eq!(named.json()["errors"][0]["field"], "file");
    let refused = upload_api(&app, &staff, &api, &[], "rapport.pdf", program).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.header("content-type"), "application/problem+json");
    assert_eq!(refused.json()["errors"][0]["field"], "file");

    // The API takes uploads with a token only: another site could post a form with a session.
    let req = client()
        .post(app.url(&format!("{api}/attachments")))
        .insert_header((
            "Cookie",
            format!("noden_session={}", staff.session_cookie()),
        ));
    let with_session = send(req, Some(multipart(&[], Some(("ok.pdf", &pdf("ok")))))).await;
    assert_eq!(with_session.status, 401, "{}", with_session.text());
    // Fields it does not know are refused, not ignored.
    let extra = upload_api(&app, &staff, &api, &[("owner", "x")], "ok.pdf", &pdf("ok")).await;
    assert_eq!(extra.status, 400, "{}", extra.text());

    let (_, listed) = app.get_json(&format!("{api}/attachments")).await;
    assert_eq!(listed, json!([]));
    assert_eq!(stored_blobs(&app), 0, "nothing stored");
}

async fn a_file_over_the_cap_is_refused_with_the_limit(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| s.attachment_max_bytes = 64 * 1024)
        .start()
        .await;
    let report = report(&app, "Stora filer", "0480", "public").await;
    let page = report["url"].as_str().unwrap();
    // Node staff: the report is published, so its files change without review.
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let mut big = pdf("stor");
    big.resize(100 * 1024, b' ');

    let refused = upload_form(&app, &staff, page, &[], "stor.pdf", &big).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused
            .text()
            .contains("Filen är för stor: högst 64 kB går att bifoga."),
        "{}",
        refused.text()
    );
    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    let refused = upload_api(&app, &staff, &api, &[], "stor.pdf", &big).await;
    assert_eq!(refused.status, 422);
    assert_eq!(stored_blobs(&app), 0);

    // Just under the cap goes through.
    big.truncate(60 * 1024);
    let fits = upload_api(&app, &staff, &api, &[], "lagom.pdf", &big).await;
    assert_eq!(fits.status, 201, "{}", fits.text());
    assert_eq!(stored_blobs(&app), 1);
}

async fn a_photo_is_stored_without_its_exif_position(backend: Backend) {
    let app = TestApp::new(backend).await;
    let report = report(&app, "Sensorer i badrummet", "0480", "public").await;
    // Node staff: the report is published, so its files change without review.
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let photo = photo_with_gps();
    assert!(
        photo.windows(6).any(|w| w == b"Exif\0\0"),
        "the fixture has EXIF"
    );
    assert!(photo.windows(5).any(|w| w == b"Kamra"));

    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    let added = upload_api(&app, &staff, &api, &[], "badrum.jpg", &photo).await;
    assert_eq!(added.status, 201, "{}", added.text());
    let added = added.json();
    assert_eq!(added["media_type"], "image/jpeg");

    let got = fetch(&app, As::Nobody, added["href"].as_str().unwrap()).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.header("content-type"), "image/jpeg");
    assert!(!got.bytes.windows(4).any(|w| w == b"Exif"), "no EXIF block");
    assert!(
        !got.bytes.windows(5).any(|w| w == b"Kamra"),
        "no camera name"
    );
    assert!(
        !got.bytes.windows(4).any(|w| w == [0x88, 0x25, 0, 4]),
        "no GPS pointer"
    );
    let back = image::load_from_memory(&got.bytes).expect("still a picture");
    assert_eq!((back.width(), back.height()), (16, 12));
}

async fn an_attachment_on_an_organisation_private_report_is_404_to_another_organisation(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let report = report(&app, "Intern utvärdering", "0480", "organisation").await;
    let page = report["url"].as_str().unwrap().to_owned();
    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    // Node staff of the report's organisation: the report is published.
    let own = app.with_user(Role::NodeAdmin, "0480").await;
    let other = app.with_user(Role::Member, "0484").await;

    let sent = upload_form(&app, &own, &page, &[], "Intern.pdf", &pdf("intern")).await;
    assert_eq!(sent.status, 303, "{}", sent.text());
    let shown = own.get(&page).await;
    let link = download_link(&shown.body, "Intern.pdf");
    let (_, listed) = own.get_json(&format!("{api}/attachments")).await;
    let href = listed[0]["href"].as_str().unwrap().to_owned();

    // Its own organisation downloads it, through the page and the API.
    assert_eq!(fetch(&app, As::Session(&own), &link).await.status, 200);
    assert_eq!(fetch(&app, As::Token(&own), &href).await.status, 200);

    // Another organisation's member and an anonymous visitor: not found, everywhere.
    for (who, path) in [
        ("other", link.as_str()),
        ("other", href.as_str()),
        ("other", &format!("{api}/attachments")),
        ("other", &format!("{page}/bilagor")),
        ("nobody", link.as_str()),
        ("nobody", href.as_str()),
        ("nobody", &format!("{api}/attachments")),
    ] {
        let got = match who {
            "other" => fetch(&app, As::Session(&other), path).await,
            _ => fetch(&app, As::Nobody, path).await,
        };
        assert_eq!(got.status, 404, "{who} {path}: {}", got.text());
        // Beyond the address itself (which the header's sign-in link carries back), the
        // answer names nothing of the file.
        let text = got.text();
        let answer = text.split("</header>").last().unwrap_or_default();
        assert!(!answer.contains("Intern.pdf"), "{who} {path}");
    }
    assert_eq!(fetch(&app, As::Token(&other), &href).await.status, 404);
    // Nor can they add or remove files there.
    let refused = upload_api(&app, &other, &api, &[], "in.pdf", &pdf("in")).await;
    assert_eq!(refused.status, 404, "{}", refused.text());
    let (status, _) = other.send_json("DELETE", &href, &json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(
        fetch(&app, As::Token(&own), &href).await.status,
        200,
        "still there"
    );
}

async fn a_journal_entry_carries_files_that_only_participants_add(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Digital nattillsyn", "description": "Gemensamt test.",
                    "technology": "Nattkamera", "target_group": "ordinart-boende",
                    "lead": "0480", "participants": ["0482", "0483"], "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let slug = trial["slug"].as_str().unwrap();
    let page = format!("/tester/{slug}");
    let participant = app.with_user(Role::Member, "0482").await;
    let (status, entry) = participant
        .send_json(
            "POST",
            &format!("/api/v1/trials/{slug}/journal"),
            &json!({"entry_type": "hinder", "text": "Wifi saknas i två lägenheter."}),
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let entry_id = entry["id"].as_str().unwrap();

    // The participant attaches a measurement to its entry from the trial page.
    let shown = participant.get(&page).await;
    assert!(
        shown
            .body
            .contains(&format!("name=\"journal_entry\" value=\"{entry_id}\"")),
        "{}",
        shown.body
    );
    let table = "lägenhet;signal\n1;svag\n2;ingen\n".as_bytes();
    let sent = upload_form(
        &app,
        &participant,
        &page,
        &[("journal_entry", entry_id)],
        "signal.csv",
        table,
    )
    .await;
    assert_eq!(sent.status, 303, "{}", sent.text());

    // It shows under the entry and downloads for anyone who may read the trial.
    let shown = app.get(&page).await.2;
    let section = shown
        .split(&format!("id=\"bilagor-{entry_id}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no files section for the entry: {shown}"));
    assert!(section.contains("signal.csv"), "{shown}");
    let link = download_link(&shown, "signal.csv");
    assert_eq!(fetch(&app, As::Nobody, &link).await.bytes, table);
    let (_, listed) = app
        .get_json(&format!("/api/v1/trials/{slug}/attachments"))
        .await;
    assert_eq!(listed[0]["owner_kind"], "journal_entry", "{listed}");
    assert_eq!(listed[0]["owner_id"], entry_id);

    // An organisation not taking part reads the trial but attaches nothing.
    let outsider = app.with_user(Role::Member, "0484").await;
    let shown = outsider.get(&page).await;
    assert!(
        !shown.body.contains("enctype=\"multipart/form-data\""),
        "no form for outsiders"
    );
    let refused = upload_form(
        &app,
        &outsider,
        &page,
        &[("journal_entry", entry_id)],
        "in.csv",
        table,
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.text());
    // An entry of another trial (or none) is not a place for the file.
    let wrong = upload_form(
        &app,
        &participant,
        &page,
        &[("journal_entry", "0190f0f0-0000-7000-8000-000000000000")],
        "x.csv",
        table,
    )
    .await;
    assert_eq!(wrong.status, 422, "{}", wrong.text());

    // Another organisation taking part changes its own entries' files, not this one's.
    let other = app.with_user(Role::Member, "0483").await;
    let refused = upload_form(
        &app,
        &other,
        &page,
        &[("journal_entry", entry_id)],
        "mitt.csv",
        table,
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.text());
    let file_id = listed[0]["id"].as_str().unwrap();
    let (status, _) = other
        .send_json(
            "DELETE",
            &format!("/api/v1/trials/{slug}/attachments/{file_id}"),
            &json!({}),
        )
        .await;
    assert_eq!(status, 403);

    // Withdrawn, the entry takes its files with it.
    let (status, _) = participant
        .send_json(
            "DELETE",
            &format!("/api/v1/trials/{slug}/journal/{entry_id}"),
            &json!({}),
        )
        .await;
    assert_eq!(status, 204);
    let (_, listed) = app
        .get_json(&format!("/api/v1/trials/{slug}/attachments"))
        .await;
    assert_eq!(listed, json!([]), "{listed}");
    assert_eq!(fetch(&app, As::Nobody, &link).await.status, 404);
}

async fn a_removed_attachment_is_not_found_and_its_bytes_are_gone(backend: Backend) {
    let app = TestApp::new(backend).await;
    let report = report(&app, "Gamla bilagor", "0480", "public").await;
    let page = report["url"].as_str().unwrap().to_owned();
    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    // Node staff: the report is published, so its files change without review.
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let first = upload_form(&app, &staff, &page, &[], "fel.pdf", &pdf("fel")).await;
    assert_eq!(first.status, 303);
    let second = upload_api(&app, &staff, &api, &[], "andra.pdf", &pdf("andra")).await;
    assert_eq!(second.status, 201);
    assert_eq!(stored_blobs(&app), 2);
    let (_, listed) = app.get_json(&format!("{api}/attachments")).await;
    let first_id = listed[0]["id"].as_str().unwrap().to_owned();
    let link = download_link(&app.get(&page).await.2, "fel.pdf");

    // Removed from the page with its button.
    let removed = staff
        .submit(&format!("{page}/bilagor/{first_id}/ta-bort"), &[])
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert_eq!(fetch(&app, As::Session(&staff), &link).await.status, 404);
    assert!(!app.get(&page).await.2.contains("fel.pdf"));

    // Removed through the API.
    let href = second.json()["href"].as_str().unwrap().to_owned();
    let (status, _) = staff.send_json("DELETE", &href, &json!({})).await;
    assert_eq!(status, 204);
    assert_eq!(fetch(&app, As::Nobody, &href).await.status, 404);
    let (_, listed) = app.get_json(&format!("{api}/attachments")).await;
    assert_eq!(listed, json!([]));
    assert_eq!(stored_blobs(&app), 0, "the bytes are deleted");

    // The trail says who added and removed what.
    let filter = noden_portal::audit::Filter {
        action: "attachment.".to_owned(),
        ..Default::default()
    };
    let (trail, _) = noden_portal::audit::page(&app.state.db, &filter)
        .await
        .unwrap();
    let trail = format!("{trail:?}");
    assert!(trail.contains("attachment.add"), "{trail}");
    assert!(trail.contains("attachment.remove"), "{trail}");
}
