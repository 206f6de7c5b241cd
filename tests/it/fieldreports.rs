//! Field reports (issue 15, points 2, 7, 8): a coach posts a report with photos from a phone;
//! the photos keep no EXIF and stand upright, their type is told by content, each needs an alt
//! text, a resent form makes one report, a private report stays private (page, photo, search),
//! followers are told, and a coordinator promotes a report into a journal entry and a need.

use awc::Client;
use noden_portal::auth::Role;
use noden_portal::notifications::{Topic, TopicKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    a_coach_posts_a_report_whose_photo_loses_its_exif_and_stands_upright,
    photos_are_told_by_their_content_and_each_needs_an_alt_text,
    an_oversized_photo_is_413_and_the_same_key_makes_one_report,
    an_organisation_report_is_hidden_from_outsiders_and_visitors,
    the_form_posts_without_javascript_and_shows_errors_next_to_the_fields,
    a_coordinator_promotes_a_report_into_a_journal_entry_and_a_need,
    an_organisation_report_never_reaches_an_outsiders_digest_notices_or_search,
    the_form_keeps_a_report_on_the_phone_without_a_connection_and_sends_it_once,
);

const BOUNDARY: &str = "----nodenfaltrapport";

/// A JPEG 16 × 12 whose EXIF block holds a GPS position, a camera make and orientation 6
/// (turn right).
pub fn jpeg_with_gps_and_orientation() -> Vec<u8> {
    let picture =
        image::RgbImage::from_fn(16, 12, |x, y| image::Rgb([x as u8 * 15, y as u8 * 20, 120]));
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut jpeg, 90,
        ))
        .unwrap();
    // TIFF, big-endian. IFD0 at 8 with three entries: Make (ASCII at 62), Orientation 6, and
    // the GPS IFD pointer (at 68).
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x0F, 0, 2, 0, 0, 0, 6, 0, 0, 0, 62]);
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 68]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(tiff.len(), 50);
    tiff.extend_from_slice(&[0; 12]);
    tiff.extend_from_slice(b"Kamra\0");
    assert_eq!(tiff.len(), 68);
    // GPS IFD: LatitudeRef N, Latitude 59/1 0/1 0/1 (rationals at 68 + 2 + 24 + 4 = 98).
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 98]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    for (n, d) in [(59u32, 1u32), (0, 1), (0, 1)] {
        tiff.extend_from_slice(&n.to_be_bytes());
        tiff.extend_from_slice(&d.to_be_bytes());
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

pub fn png() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(10, 6, |x, _| image::Rgb([x as u8 * 20, 200, 40]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
        .unwrap();
    out
}

fn has_exif(bytes: &[u8]) -> bool {
    bytes.windows(4).any(|w| w == b"Exif")
}

/// A `multipart/form-data` body: text fields, then photos (file name, bytes) as `photo`.
fn multipart(fields: &[(&str, &str)], photos: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, bytes) in photos {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub struct Answer {
    pub status: u16,
    pub location: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }
    pub fn text(&self) -> String {
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
            .and_then(|l| l.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let location = header("location");
    let content_type = header("content-type");
    let bytes = res
        .body()
        .limit(64 * 1024 * 1024)
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

/// Posts a field report through the API as `user`.
pub async fn post_api(
    app: &TestApp,
    user: &SignedIn,
    fields: &[(&str, &str)],
    photos: &[(&str, &[u8])],
) -> Answer {
    let req = client()
        .post(app.url("/api/v1/field-reports"))
        .bearer_auth(user.token().await);
    send(req, Some(multipart(fields, photos))).await
}

/// GET `path` anonymously (`None`) or with `user`'s token.
async fn fetch(app: &TestApp, user: Option<&SignedIn>, path: &str) -> Answer {
    let mut req = client().get(app.url(path));
    if let Some(user) = user {
        req = req.bearer_auth(user.token().await);
    }
    send(req, None).await
}

fn issue_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| i["field"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn issue_message(problem: &Value, field: &str) -> String {
    problem["errors"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["field"] == field))
        .and_then(|i| i["message"].as_str())
        .unwrap_or("")
        .to_owned()
}

/// "Nattkamera" in the catalogue, made through the API by node staff.
async fn nattkamera(app: &TestApp) -> noden_portal::technologies::entity::Model {
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": "Nattkamera", "description": "Kamera för nattillsyn.",
                    "proximity": "brukarnara"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    noden_portal::technologies::by_name(&app.state, "Nattkamera")
        .await
        .unwrap()
        .expect("Nattkamera in the catalogue")
}

async fn a_coach_posts_a_report_whose_photo_loses_its_exif_and_stands_upright(backend: Backend) {
    let app = TestApp::new(backend).await;
    let coach = app.with_user(Role::Coach, "0483").await;
    let coordinator = app.with_user(Role::Coordinator, "0482").await;
    // The coordinator follows the technology the report is about.
    let technology = nattkamera(&app).await;
    noden_portal::notifications::follow(
        &app.state.db,
        app.state.clock.now(),
        coordinator.user_id,
        Topic::new(TopicKind::Technology, technology.id),
        "Nattkamera",
        "/teknik/nattkamera",
        false,
    )
    .await
    .unwrap();

    let photo = jpeg_with_gps_and_orientation();
    assert!(has_exif(&photo));
    let answer = post_api(
        &app,
        &coach,
        &[
            (
                "text",
                "Nattpersonalen kom igång med **kameratillsynen** på en vecka.",
            ),
            ("visibility", "public"),
            ("technology", &technology.slug),
            ("alt_1", "Kameran sitter i taket ovanför dörren."),
        ],
        &[("IMG_0001.jpg", &photo)],
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.text());
    let report = answer.json();
    assert_eq!(report["technology"]["title"], "Nattkamera");
    assert_eq!(
        report["photos"][0]["alt"],
        "Kameran sitter i taket ovanför dörren."
    );
    assert_eq!(report["photos"][0]["media_type"], "image/jpeg");
    assert!(report["text_html"].as_str().unwrap().contains("<strong>"));
    let id = report["id"].as_str().unwrap().to_owned();

    for path in [
        format!("/faltrapporter/{id}/foton/1"),
        format!("/api/v1/field-reports/{id}/photos/1"),
    ] {
        let stored = fetch(&app, None, &path).await;
        assert_eq!(stored.status, 200, "{path}");
        assert_eq!(stored.content_type, "image/jpeg");
        assert!(!has_exif(&stored.bytes), "{path} carries EXIF");
        assert!(!stored.bytes.windows(5).any(|w| w == b"Kamra"));
        let picture = image::load_from_memory(&stored.bytes).unwrap();
        assert_eq!(
            (picture.width(), picture.height()),
            (12, 16),
            "turned upright as orientation 6 says"
        );
    }
    for path in [
        format!("/faltrapporter/{id}/foton/1/tumnagel"),
        format!("/api/v1/field-reports/{id}/photos/1/thumbnail"),
    ] {
        let thumb = fetch(&app, None, &path).await;
        assert_eq!(thumb.status, 200, "{path}");
        assert!(!has_exif(&thumb.bytes));
        let picture = image::load_from_memory(&thumb.bytes).unwrap();
        assert!(
            picture.height() > picture.width(),
            "the thumbnail is upright too"
        );
    }
    // No blob anywhere keeps the EXIF block.
    for entry in walk(&app.data_dir.path().join("blobs/fieldreports")) {
        assert!(!has_exif(&std::fs::read(&entry).unwrap()), "{entry:?}");
    }

    // The page shows the photo with its alt text, the list shows the report.
    let page = coach.get(&format!("/faltrapporter/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("alt=\"Kameran sitter i taket ovanför dörren.\"")
    );
    assert!(
        page.body
            .contains(&format!("/faltrapporter/{id}/foton/1/tumnagel"))
    );
    let list = coach.get("/faltrapporter").await;
    assert!(list.body.contains(&format!("/faltrapporter/{id}")));
    assert!(list.body.contains("Ny fältrapport"));

    // The coordinator following the technology is told; the coach (who wrote it) is not.
    let notices = notifications_of(&app, coordinator.user_id).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].kind, "field_report");
    assert_eq!(notices[0].concerns, "Nattkamera");
    assert!(notifications_of(&app, coach.user_id).await.is_empty());

    // Found in search as a field report.
    app.indexed().await;
    let found = app.search("q=kameratillsynen&kind=faltrapport").await;
    assert_eq!(found["total"], 1, "{found}");

    // The coordinator comments on the report's page, and the comment is there.
    let posted = coordinator
        .submit(
            "/kommentarer",
            &[
                ("item_kind", "field_report"),
                ("item_id", id.as_str()),
                ("text", "Tack! Vi provar samma **montering**."),
            ],
        )
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let page = coach.get(&format!("/faltrapporter/{id}")).await;
    assert!(
        page.body
            .contains("Vi provar samma <strong>montering</strong>."),
        "{}",
        page.body
    );

    // The overview's coach network counts the report for the coach's organisation.
    let (_, _, overview) = app.get("/oversikt").await;
    let row = overview
        .split("<th scope=\"row\">Katrineholms kommun</th>")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_default();
    assert!(row.ends_with("<td>1</td>"), "{overview}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

async fn notifications_of(
    app: &TestApp,
    user: uuid::Uuid,
) -> Vec<noden_portal::notifications::entity::notification::Model> {
    use noden_portal::notifications::entity::notification;
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn photos_are_told_by_their_content_and_each_needs_an_alt_text(backend: Backend) {
    let app = TestApp::new(backend).await;
    let coach = app.with_user(Role::Coach, "0483").await;
    let base = [
        ("text", "Larmknappen satt för högt."),
        ("category", "trygghetslarm"),
        ("alt_1", "Larmknappen på väggen."),
    ];
    // A PNG named .jpg is kept as the PNG it is.
    let png = png();
    let answer = post_api(&app, &coach, &base, &[("knapp.jpg", &png)]).await;
    assert_eq!(answer.status, 201, "{}", answer.text());
    let report = answer.json();
    assert_eq!(report["photos"][0]["media_type"], "image/png");
    let id = report["id"].as_str().unwrap();
    let stored = fetch(
        &app,
        Some(&coach),
        &format!("/api/v1/field-reports/{id}/photos/1"),
    )
    .await;
    assert_eq!(stored.status, 200);
    assert_eq!(stored.content_type, "image/png");
    assert!(stored.bytes.starts_with(b"\x89PNG"));

    // A text file or a PDF named .jpg is refused by its content, naming the field.
    for bytes in [
        b"Det har ar bara text.".to_vec(),
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".to_vec(),
    ] {
        let answer = post_api(&app, &coach, &base, &[("foto.jpg", &bytes)]).await;
        assert_eq!(answer.status, 422, "{}", answer.text());
        assert_eq!(answer.content_type, "application/problem+json");
        assert_eq!(issue_fields(&answer.json()), vec!["photo_1"]);
    }

    // HEIC is refused with advice.
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 64]);
    let answer = post_api(&app, &coach, &base, &[("IMG_0002.HEIC", &heic)]).await;
    assert_eq!(answer.status, 422);
    assert_eq!(
        issue_message(&answer.json(), "photo_1"),
        "HEIC-bilder kan inte tas emot ännu. Välj 'Mest kompatibel' i kamerans inställningar eller skicka bilden som JPEG."
    );

    // A second photo without its alt text is refused naming alt_2.
    let answer = post_api(&app, &coach, &base, &[("a.png", &png), ("b.png", &png)]).await;
    assert_eq!(answer.status, 422);
    assert_eq!(issue_fields(&answer.json()), vec!["alt_2"]);
    // A report linked to nothing is refused.
    let answer = post_api(&app, &coach, &[("text", "Något hände.")], &[]).await;
    assert_eq!(answer.status, 422);
    assert_eq!(issue_fields(&answer.json()), vec!["links"]);
    // A personal identity number in an alt text is refused there.
    let answer = post_api(
        &app,
        &coach,
        &[
            ("text", "Larmet fungerar."),
            ("category", "trygghetslarm"),
            ("alt_1", "Brukare 19121212-1212 vid dörren"),
        ],
        &[("a.png", &png)],
    )
    .await;
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert_eq!(issue_fields(&answer.json()), vec!["alt_1"]);
    // A member (not a coach) may not post.
    let member = app.with_user(Role::Member, "0483").await;
    let answer = post_api(&app, &member, &base, &[]).await;
    assert_eq!(answer.status, 403);
    // Only the one good report was made.
    let (_, list) = coach.get_json("/api/v1/field-reports").await;
    assert_eq!(list["total"], 1, "{list}");
}

async fn an_oversized_photo_is_413_and_the_same_key_makes_one_report(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| s.photo_max_bytes = 2_000)
        .start()
        .await;
    let coach = app.with_user(Role::Coach, "0483").await;
    let big = vec![0xFFu8; 5_000];
    let answer = post_api(
        &app,
        &coach,
        &[
            ("text", "Stort foto."),
            ("category", "trygghetslarm"),
            ("alt_1", "Ett foto."),
        ],
        &[("stor.jpg", &big)],
    )
    .await;
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert!(
        answer.json()["detail"]
            .as_str()
            .unwrap()
            .contains("photo_1")
    );

    let key = "0193a0a0-0000-7000-8000-000000000015";
    let fields = [
        ("text", "Sänglarmet larmade i onödan."),
        ("category", "trygghetslarm"),
        ("key", key),
    ];
    let first = post_api(&app, &coach, &fields, &[]).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let again = post_api(&app, &coach, &fields, &[]).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(first.json()["id"], again.json()["id"]);
    let (_, list) = coach.get_json("/api/v1/field-reports").await;
    assert_eq!(list["total"], 1);
}

async fn an_organisation_report_is_hidden_from_outsiders_and_visitors(backend: Backend) {
    let app = TestApp::new(backend).await;
    let coach = app.with_user(Role::Coach, "0483").await;
    let colleague = app.with_user(Role::Member, "0483").await;
    let outsider = app.with_user(Role::Coordinator, "0482").await;
    let png = png();
    let answer = post_api(
        &app,
        &coach,
        &[
            ("text", "Hemlig iakttagelse om dörrlarmen."),
            ("category", "trygghetslarm"),
            ("visibility", "organisation"),
            ("alt_1", "Dörrlarmet."),
        ],
        &[("larm.png", &png)],
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.text());
    let id = answer.json()["id"].as_str().unwrap().to_owned();
    app.indexed().await;
    for path in [
        format!("/api/v1/field-reports/{id}"),
        format!("/api/v1/field-reports/{id}/photos/1"),
        format!("/api/v1/field-reports/{id}/photos/1/thumbnail"),
        format!("/faltrapporter/{id}/foton/1"),
        format!("/faltrapporter/{id}/foton/1/tumnagel"),
    ] {
        assert_eq!(fetch(&app, None, &path).await.status, 404, "visitor {path}");
        assert_eq!(
            fetch(&app, Some(&outsider), &path).await.status,
            404,
            "outsider {path}"
        );
        assert_eq!(
            fetch(&app, Some(&colleague), &path).await.status,
            200,
            "colleague {path}"
        );
    }
    assert_eq!(
        outsider.get(&format!("/faltrapporter/{id}")).await.status,
        404
    );
    for who in [None, Some(&outsider)] {
        let list = fetch(&app, who, "/api/v1/field-reports").await.json();
        assert_eq!(list["total"], 0, "{list}");
    }
    let (_, mine) = colleague.get_json("/api/v1/field-reports").await;
    assert_eq!(mine["total"], 1);
    let found = app.search("q=dörrlarmen").await;
    assert_eq!(found["total"], 0, "a visitor finds nothing: {found}");
    let (_, found) = outsider.get_json("/api/v1/search?q=d%C3%B6rrlarmen").await;
    assert_eq!(found["total"], 0, "an outsider finds nothing: {found}");
    let (_, found) = colleague.get_json("/api/v1/search?q=d%C3%B6rrlarmen").await;
    assert_eq!(found["total"], 1, "the colleague finds it: {found}");
}

async fn the_form_posts_without_javascript_and_shows_errors_next_to_the_fields(backend: Backend) {
    let app = TestApp::new(backend).await;
    let coach = app.with_user(Role::Coach, "0483").await;
    let form = coach.get("/faltrapporter/ny").await;
    assert_eq!(form.status, 200);
    for part in [
        "enctype=\"multipart/form-data\"",
        "accept=\"image/*\" capture=\"environment\"",
        "name=\"alt_6\"",
        "name=\"key\"",
        "/static/fieldreport.js",
    ] {
        assert!(form.body.contains(part), "{part}");
    }
    let js = app.get("/static/fieldreport.js").await;
    assert_eq!(js.0, 200);
    assert!(js.2.contains("Sparad på telefonen – skickas när anslutningen är tillbaka"));
    let cookie = format!("noden_session={}", coach.session_cookie());
    let png = png();
    // A photo without its alt text: the form comes back with the text kept and the error.
    let answer = send(
        client()
            .post(app.url("/faltrapporter/ny"))
            .insert_header(("Cookie", cookie.clone())),
        Some(multipart(
            &[
                ("csrf", coach.csrf()),
                ("text", "Mitt utkast om dörrlarmet."),
                ("category", "trygghetslarm"),
                ("key", "0193a0a0-0000-7000-8000-0000000000aa"),
            ],
            &[("a.png", &png)],
        )),
    )
    .await;
    assert_eq!(answer.status, 422);
    let html = answer.text();
    assert!(html.contains("Mitt utkast om dörrlarmet."));
    assert!(html.contains("id=\"alt_1-error\""), "{html}");
    assert!(html.contains("href=\"#alt_1\""));
    // Sent right, it is saved and the writer goes to it.
    let answer = send(
        client()
            .post(app.url("/faltrapporter/ny"))
            .insert_header(("Cookie", cookie.clone())),
        Some(multipart(
            &[
                ("csrf", coach.csrf()),
                ("text", "Mitt utkast om dörrlarmet."),
                ("category", "trygghetslarm"),
                ("key", "0193a0a0-0000-7000-8000-0000000000aa"),
                ("alt_1", "Dörrlarmet vid entrén."),
            ],
            &[("a.png", &png)],
        )),
    )
    .await;
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert!(answer.location.starts_with("/faltrapporter/"));
    // Without the form's token it is refused.
    let answer = send(
        client()
            .post(app.url("/faltrapporter/ny"))
            .insert_header(("Cookie", cookie)),
        Some(multipart(
            &[("text", "Utan token."), ("category", "trygghetslarm")],
            &[],
        )),
    )
    .await;
    assert!(
        answer.status == 403 || answer.status == 400,
        "{}",
        answer.status
    );
}

async fn a_coordinator_promotes_a_report_into_a_journal_entry_and_a_need(backend: Backend) {
    let app = TestApp::new(backend).await;
    // A coach in Flen reports on a trial Katrineholm leads.
    let coach = app.with_user(Role::Coach, "0482").await;
    let coordinator = app.with_user(Role::Coordinator, "0483").await;
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Kameratillsyn i Katrineholm", "technology": "Nattkamera",
                    "target_group": "sarskilt-boende", "lead": "0483", "participants": [],
                    "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let trial_slug = trial["slug"].as_str().unwrap().to_owned();
    let answer = post_api(
        &app,
        &coach,
        &[
            (
                "text",
                "Kameran tappar nätet i hissen. Personalen vill ha larm på mobilen.",
            ),
            ("trial", &trial_slug),
            ("visibility", "public"),
        ],
        &[],
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.text());
    let id = answer.json()["id"].as_str().unwrap().to_owned();

    // The coach may not promote; the coordinator is offered it.
    let page = coach.get(&format!("/faltrapporter/{id}")).await;
    assert!(!page.body.contains("/for-vidare"));
    let page = coordinator.get(&format!("/faltrapporter/{id}")).await;
    assert!(
        page.body
            .contains(&format!("/faltrapporter/{id}/for-vidare"))
    );
    let form = coordinator
        .get(&format!("/faltrapporter/{id}/for-vidare"))
        .await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Kameran tappar nätet i hissen."));
    let refused = coach
        .submit(
            &format!("/faltrapporter/{id}/for-vidare"),
            &[
                ("into", "need"),
                ("title", "X"),
                ("target_group", "lss"),
                ("text", "X"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);

    let done = coordinator
        .submit(
            &format!("/faltrapporter/{id}/for-vidare"),
            &[
                ("into", "journal"),
                ("entry_type", "hinder"),
                ("text", "Kameran tappar nätet i hissen."),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let (_, journal) = app
        .get_json(&format!("/api/v1/trials/{trial_slug}/journal"))
        .await;
    assert!(
        journal
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["entry_type"] == "hinder"
                && e["text_markdown"] == "Kameran tappar nätet i hissen."),
        "{journal}"
    );

    let done = coordinator
        .submit(
            &format!("/faltrapporter/{id}/for-vidare"),
            &[
                ("into", "need"),
                ("title", "Larm på mobilen för nattpersonal"),
                ("target_group", "sarskilt-boende"),
                ("text", "Personalen vill ha larm på mobilen."),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let need_path = done.location.clone().unwrap();
    let need_slug = need_path
        .split("/behov/")
        .nth(1)
        .unwrap_or_else(|| panic!("not a need: {need_path}"));
    let need_id =
        noden_portal::needs::readable(&app.state, &noden_portal::auth::Actor::System, need_slug)
            .await
            .unwrap()
            .id;
    let from = noden_portal::fieldreports::promote::promoted_from(
        &app.state,
        &noden_portal::auth::Actor::Anonymous,
        "need",
        need_id,
    )
    .await
    .unwrap()
    .expect("the need links back to the report");
    assert_eq!(from.url, format!("/faltrapporter/{id}"));
    let need_page = coordinator.get(&format!("/behov/{need_slug}")).await;
    assert!(
        need_page.body.contains("Från fältrapport:")
            && need_page.body.contains(&format!("/faltrapporter/{id}")),
        "{}",
        need_page.body
    );

    // The report lists what it became, and the coach heard of both.
    let (_, report) = app.get_json(&format!("/api/v1/field-reports/{id}")).await;
    assert_eq!(report["became"].as_array().unwrap().len(), 2, "{report}");
    let notices = notifications_of(&app, coach.user_id).await;
    assert_eq!(
        notices.iter().filter(|n| n.kind == "promoted").count(),
        2,
        "{notices:?}"
    );
}

/// Two readers follow a technology in their weekly digest: one works where the coach does, one
/// elsewhere. A report kept to the coach's organisation reaches only the first, in notices,
/// the digest and search, and never a feed; a public one reaches both.
async fn an_organisation_report_never_reaches_an_outsiders_digest_notices_or_search(
    backend: Backend,
) {
    use chrono::{DateTime, Utc};
    let wednesday = DateTime::parse_from_rfc3339("2026-12-02T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let friday = DateTime::parse_from_rfc3339("2026-12-04T07:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let clock = noden_portal::clock::Clock::fixed(wednesday);
    let app = TestApp::builder(backend)
        .clock(clock.clone())
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    let coach = app.with_user(Role::Coach, "0483").await;
    let insider = app
        .with_user_at("inne@katrineholm.se", Role::Member, "0483")
        .await;
    let outsider = app.with_user_at("ute@flen.se", Role::Member, "0482").await;
    let technology = nattkamera(&app).await;
    for reader in [&insider, &outsider] {
        let (status, followed) = reader
            .send_json(
                "POST",
                "/api/v1/follows",
                &json!({"topic_kind": "technology", "topic_id": technology.id}),
            )
            .await;
        assert!(status == 200 || status == 201, "{followed}");
    }
    for (text, visibility) in [
        ("Hemlig montering i korridoren.", "organisation"),
        ("Öppen montering i taket.", "public"),
    ] {
        let answer = post_api(
            &app,
            &coach,
            &[
                ("text", text),
                ("visibility", visibility),
                ("technology", &technology.slug),
            ],
            &[],
        )
        .await;
        assert_eq!(answer.status, 201, "{}", answer.text());
    }

    // Notices: the outsider has the public report only.
    let (_, notices) = outsider.get_json("/api/v1/notifications").await;
    let shown = notices.to_string();
    assert!(shown.contains("Öppen montering"), "{shown}");
    assert!(!shown.contains("Hemlig montering"), "{shown}");
    let (_, notices) = insider.get_json("/api/v1/notifications").await;
    assert!(
        notices.to_string().contains("Hemlig montering"),
        "{notices}"
    );

    // Search (before the sessions age): the outsider finds the public report only.
    app.indexed().await;
    let (_, found) = outsider
        .get_json("/api/v1/search?q=montering&kind=faltrapport")
        .await;
    assert_eq!(found["total"], 1, "{found}");
    let (_, found) = insider
        .get_json("/api/v1/search?q=montering&kind=faltrapport")
        .await;
    assert_eq!(found["total"], 2, "{found}");

    // The technology's Atom feed holds the public report only, even for the insider.
    let feed = insider
        .get(&format!("/teknik/{}/flode.atom", technology.slug))
        .await;
    assert_eq!(feed.status, 200);
    assert!(feed.body.contains("Öppen montering"), "{}", feed.body);
    assert!(!feed.body.contains("Hemlig montering"), "{}", feed.body);

    // Friday's digest: the same.
    clock.advance(friday - wednesday);
    assert_eq!(
        noden_portal::notifications::digest::send_due(&app.state)
            .await
            .unwrap(),
        2
    );
    let outside = app.mail_to(&outsider.email).await;
    assert_eq!(outside.len(), 1, "{outside:?}");
    for body in [&outside[0].text, &outside[0].html] {
        assert!(body.contains("Öppen montering"), "{body}");
        assert!(!body.contains("Hemlig montering"), "{body}");
    }
    let inside = app.mail_to(&insider.email).await;
    assert_eq!(inside.len(), 1, "{inside:?}");
    assert!(
        inside[0].text.contains("Hemlig montering"),
        "{}",
        inside[0].text
    );
}

/// A coach in a lift: Chromium at phone width fills in the form with a photo, loses the
/// connection, sends, gets it back; the report arrives once, with its photo
/// (`tests/browser/offline.mjs` drives the browser).
async fn the_form_keeps_a_report_on_the_phone_without_a_connection_and_sends_it_once(
    backend: Backend,
) {
    let (chromium, driver) = match crate::accessibility::browser() {
        Ok(found) => found,
        Err(why) if std::env::var("NODEN_TEST_REQUIRE_BROWSER").as_deref() == Ok("1") => {
            panic!("NODEN_TEST_REQUIRE_BROWSER=1 but the browser cannot run: {why}")
        }
        Err(why) => {
            eprintln!("SKIPPED the offline field-report form: {why}");
            return;
        }
    };
    let app = TestApp::new(backend).await;
    let coach = app.with_user(Role::Coach, "0483").await;
    let technology = nattkamera(&app).await;
    let photo = app.data_dir.path().join("montering.png");
    std::fs::write(&photo, png()).unwrap();
    let text = "Nattpersonalen kom igång med kameran. Skickad från hissen.";
    let plan = json!({
        "base": app.base.trim_end_matches('/'),
        "chromium": chromium,
        "cookie": coach.session_cookie(),
        "technology": technology.slug,
        "text": text,
        "alt": "Kameran i taket ovanför dörren.",
        "photo": photo,
    });
    let plan_file = app.data_dir.path().join("offline-plan.json");
    std::fs::write(&plan_file, plan.to_string()).unwrap();
    let output = actix_web::rt::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .arg(driver.join("offline.mjs"))
            .arg(&plan_file)
            .output()
            .expect("run node tests/browser/offline.mjs")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");

    let (_, listed) = coach.get_json("/api/v1/field-reports").await;
    assert_eq!(listed["total"], 1, "{listed}");
    let report = &listed["field_reports"][0];
    assert_eq!(report["text_markdown"], text, "{report}");
    assert_eq!(
        report["photos"][0]["alt"],
        "Kameran i taket ovanför dörren."
    );
    assert_eq!(report["technology"]["title"], "Nattkamera");
}
