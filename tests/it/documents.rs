//! PDF, DOCX and ODT files brought in: by `noden import` and from the new-report page, their
//! text read, their originals kept, and the words inside them found.

use std::ffi::OsStr;

use noden_portal::auth::Role;
use noden_portal::blobs::samples;
use serde_json::Value;

use crate::attachments::{client, download_link, multipart, send};
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    pdf_docx_and_odt_files_import_with_their_originals_and_are_found_by_their_words,
    a_report_is_made_of_a_file_from_the_new_report_page,
    a_report_is_made_of_a_file_through_the_api,
);

/// Runs `noden import FOLDER` with the portal's own data directory (so the files kept land in
/// the blob store the portal serves them from): success, stdout, stderr.
async fn import(app: &TestApp, folder: &std::path::Path) -> (bool, String, String) {
    let mut command = crate::harness::noden_command(&app.db.url, app.data_dir.path());
    command.args([OsStr::new("import"), folder.as_os_str()]);
    let out = crate::harness::output(command).await;
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The one hit a search for `words` finds among public items.
async fn only_hit(app: &TestApp, words: &str) -> Value {
    let found = app.search(&format!("q={words}")).await;
    assert_eq!(found["total"], 1, "{words}: {found}");
    found["hits"][0].clone()
}

/// The files the API lists for the report `hit`.
async fn files_of(app: &TestApp, hit: &Value) -> Vec<Value> {
    let id = hit["id"].as_str().unwrap();
    let (status, listed) = app
        .get_json(&format!("/api/v1/reports/{id}/attachments"))
        .await;
    assert_eq!(status, 200, "{listed}");
    listed.as_array().unwrap().clone()
}

async fn pdf_docx_and_odt_files_import_with_their_originals_and_are_found_by_their_words(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let folder = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: Vec<u8>| {
        std::fs::write(folder.path().join(name), &bytes).unwrap();
        bytes
    };
    let pdf = write(
        "nattkamera.pdf",
        samples::pdf(
            Some("Nattillsyn med kamera i Östhammar"),
            &[
                (1, "Bakgrund"),
                (0, "Kameran ersatte tre tillsynsbesök per natt."),
                (0, "Brukarna sov bättre med ljudsensorer."),
            ],
        )
        .unwrap(),
    );
    let docx = |last: &str| {
        samples::docx(
            None,
            &[
                (1, "Läkemedelsrobot i hemtjänsten"),
                (0, "Doseringen sköttes av roboten under åtta veckor."),
                (0, last),
            ],
        )
        .unwrap()
    };
    write("rapport_lakemedel.docx", docx("Personalen sparade restid."));
    write(
        "gps-larm i skogen.odt",
        samples::odt(
            None,
            &[(
                0,
                "Mobila trygghetslarm med positionering testades i Ljusdal.",
            )],
        )
        .unwrap(),
    );
    write("skannad.pdf", samples::pdf(None, &[]).unwrap());
    write(
        "deltagare.docx",
        samples::docx(None, &[(0, "Brukaren 19121212-1212 deltog i testet.")]).unwrap(),
    );

    let (ok, stdout, stderr) = import(&app, folder.path()).await;
    assert!(!ok, "a refused file makes the exit code non-zero: {stderr}");
    assert!(
        stdout.contains("4 importerade, 0 uppdaterade, 0 oförändrade, 1 misslyckades"),
        "{stdout}\n{stderr}"
    );
    let refused = stderr
        .lines()
        .find(|l| l.contains("deltagare.docx"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(refused.starts_with("FEL "), "{refused}");
    assert!(refused.contains("personnummer"), "{refused}");
    let noted = stderr
        .lines()
        .find(|l| l.contains("skannad.pdf"))
        .unwrap_or_else(|| panic!("the text-less PDF is noted: {stderr}"));
    assert!(noted.starts_with("OBS "), "{noted}");
    assert!(noted.contains("kunde inte läsas"), "{noted}");

    // Words from inside each file find it; the title comes from the PDF's information, the
    // DOCX's first heading and the ODT's file name.
    app.indexed().await;
    let night = only_hit(&app, "ljudsensorer").await;
    assert_eq!(night["title"], "Nattillsyn med kamera i Östhammar");
    let robot = only_hit(&app, "restid").await;
    assert_eq!(robot["title"], "Läkemedelsrobot i hemtjänsten");
    assert_eq!(
        only_hit(&app, "positionering").await["title"],
        "Gps larm i skogen"
    );
    assert_eq!(app.search("q=19121212").await["total"], 0);

    // The report reads as the file did, and its original downloads byte for byte.
    let page = night["url"].as_str().unwrap();
    let (status, _, shown) = app.get(page).await;
    assert_eq!(status, 200);
    assert!(
        shown.contains("Kameran ersatte tre tillsynsbesök per natt."),
        "{shown}"
    );
    assert!(
        shown.contains("nattkamera.pdf"),
        "listed among its files: {shown}"
    );
    let got = send(
        client().get(app.url(&download_link(&shown, "nattkamera.pdf"))),
        None,
    )
    .await;
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(got.bytes, pdf, "the original, byte for byte");

    // The scanned PDF is a report that says its text could not be read, with the file.
    let scanned = app.search("q=skannad").await;
    let scanned_page = scanned["hits"][0]["url"]
        .as_str()
        .unwrap_or_else(|| panic!("{scanned}"));
    let (_, _, shown) = app.get(scanned_page).await;
    assert!(shown.contains("Texten i filen kunde inte läsas"), "{shown}");
    assert!(shown.contains("skannad.pdf"), "{shown}");

    // Importing again changes nothing; a changed file updates its report and replaces its
    // original.
    let (_, stdout, _) = import(&app, folder.path()).await;
    assert!(
        stdout.contains("0 importerade, 0 uppdaterade, 4 oförändrade, 1 misslyckades"),
        "{stdout}"
    );
    let before = files_of(&app, &robot).await;
    assert_eq!(before.len(), 1, "{before:?}");
    let changed = write(
        "rapport_lakemedel.docx",
        docx("Personalen sparade restid och bilresor."),
    );
    let (_, stdout, _) = import(&app, folder.path()).await;
    assert!(
        stdout.contains("0 importerade, 1 uppdaterade, 3 oförändrade, 1 misslyckades"),
        "{stdout}"
    );
    app.indexed().await;
    assert_eq!(only_hit(&app, "bilresor").await["id"], robot["id"]);
    let after = files_of(&app, &robot).await;
    assert_eq!(after.len(), 1, "the new file replaces the old: {after:?}");
    assert_ne!(after[0]["sha256"], before[0]["sha256"]);
    let got = send(
        client().get(app.url(after[0]["href"].as_str().unwrap())),
        None,
    )
    .await;
    assert_eq!(got.bytes, changed);
}

/// Posts the new-report page's file form as `member`.
async fn post_file(
    app: &TestApp,
    member: &crate::harness::SignedIn,
    file_name: &str,
    bytes: &[u8],
) -> crate::attachments::Answer {
    let req = client().post(app.url("/rapporter/ny/fil")).insert_header((
        "Cookie",
        format!("noden_session={}", member.session_cookie()),
    ));
    send(
        req,
        Some(multipart(
            &[("csrf", member.csrf())],
            Some((file_name, bytes)),
        )),
    )
    .await
}

async fn a_report_is_made_of_a_file_from_the_new_report_page(backend: Backend) {
    let app = TestApp::new(backend).await;
    let member = app.with_user(Role::Member, "0480").await;
    let shown = member.get("/rapporter/ny").await;
    assert!(
        shown.body.contains("Har du rapporten som fil?"),
        "{}",
        shown.body
    );
    assert!(
        shown.body.contains("action=\"/rapporter/ny/fil\""),
        "{}",
        shown.body
    );

    // A DOCX becomes a report of the member's organisation, opened for editing, with the
    // file among its attachments.
    let docx = samples::docx(
        Some("Robotkatt på demensboende"),
        &[
            (1, "Sällskapsrobot"),
            (0, "Robotkatten lugnade de boende under kvällarna."),
        ],
    )
    .unwrap();
    let sent = post_file(&app, &member, "robotkatt.docx", &docx).await;
    assert_eq!(sent.status, 303, "{}", sent.text());
    assert!(
        sent.location.starts_with("/rapporter/") && sent.location.ends_with("/redigera"),
        "{}",
        sent.location
    );
    let editing = member.get(&sent.location).await;
    assert_eq!(editing.status, 200);
    assert!(
        editing.body.contains("value=\"Robotkatt på demensboende\""),
        "{}",
        editing.body
    );
    assert!(
        editing
            .body
            .contains("Robotkatten lugnade de boende under kvällarna\\."),
        "the text is in the body field: {}",
        editing.body
    );
    let flash = sent.headers.get("set-cookie").cloned().unwrap_or_default();
    assert!(
        flash.contains("Texten%20%C3%A4r%20inl%C3%A4st%20fr%C3%A5n%20filen"),
        "the next page says what happened: {flash}"
    );
    let page = sent.location.trim_end_matches("/redigera");
    let report = member.get(page).await;
    assert!(report.body.contains("robotkatt.docx"), "{}", report.body);
    assert!(report.body.contains("Nyköpings kommun"), "{}", report.body);

    // A text-less PDF makes a report that says so.
    let sent = post_file(
        &app,
        &member,
        "inskannad.pdf",
        &samples::pdf(None, &[]).unwrap(),
    )
    .await;
    assert_eq!(sent.status, 303, "{}", sent.text());
    let editing = member.get(&sent.location).await;
    assert!(
        editing.body.contains("Texten i filen kunde inte läsas"),
        "{}",
        editing.body
    );
    assert!(editing.body.contains("Inskannad"), "{}", editing.body);

    // Another type of file, and a file with a personal identity number in it, are refused
    // next to the file field; no report is made of them.
    let (_, before) = member.get_json("/api/v1/reports?limit=100").await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let refused = post_file(&app, &member, "bild.png", png).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    let text = refused.text();
    assert!(text.contains("id=\"file-error\""), "{text}");
    assert!(text.contains("PDF, DOCX eller ODT"), "{text}");
    let with_number = samples::odt(None, &[(0, "Brukare 19121212-1212 deltog.")]).unwrap();
    let refused = post_file(&app, &member, "deltagare.odt", &with_number).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    let text = refused.text();
    assert!(text.contains("id=\"file-error\""), "{text}");
    assert!(
        text.contains("I filen: Texten innehåller något som liknar ett personnummer"),
        "{text}"
    );
    let (_, after) = member.get_json("/api/v1/reports?limit=100").await;
    assert_eq!(after["total"], before["total"], "{after}");

    // Without the form's token nothing is read.
    let req = client().post(app.url("/rapporter/ny/fil")).insert_header((
        "Cookie",
        format!("noden_session={}", member.session_cookie()),
    ));
    let forged = send(req, Some(multipart(&[], Some(("robotkatt.docx", &docx))))).await;
    assert_eq!(forged.status, 403, "{}", forged.text());
}

/// Posts a file to `/api/v1/reports/from-file` with `member`'s access token.
async fn post_file_api(
    app: &TestApp,
    member: &crate::harness::SignedIn,
    fields: &[(&str, &str)],
    file_name: &str,
    bytes: &[u8],
) -> crate::attachments::Answer {
    let req = client()
        .post(app.url("/api/v1/reports/from-file"))
        .bearer_auth(member.token().await);
    send(req, Some(multipart(fields, Some((file_name, bytes))))).await
}

async fn a_report_is_made_of_a_file_through_the_api(backend: Backend) {
    let app = TestApp::new(backend).await;
    let member = app.with_user(Role::Member, "0480").await;
    let odt = samples::odt(
        Some("Läkemedelsautomat i hemtjänsten"),
        &[(0, "Automaten påminde brukarna om dosen varje morgon.")],
    )
    .unwrap();

    // An ODT becomes a report of the member's organisation as asked: its title and text from
    // the file, the file among its attachments, the report's address in Location.
    let made = post_file_api(
        &app,
        &member,
        &[("kind", "erfarenhet"), ("visibility", "organisation")],
        "automat.odt",
        &odt,
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.text());
    let report = made.json();
    assert_eq!(
        report["title"], "Läkemedelsautomat i hemtjänsten",
        "{report}"
    );
    assert_eq!(report["kind"], "erfarenhet", "{report}");
    assert_eq!(report["visibility"], "organisation", "{report}");
    assert!(
        report["body_html"]
            .as_str()
            .unwrap()
            .contains("<p>Automaten påminde brukarna om dosen varje morgon.</p>"),
        "{report}"
    );
    let id = report["id"].as_str().unwrap();
    assert_eq!(made.location, format!("/api/v1/reports/{id}"));
    let (status, files) = member
        .get_json(&format!("/api/v1/reports/{id}/attachments"))
        .await;
    assert_eq!(status, 200, "{files}");
    assert_eq!(files[0]["file_name"], "automat.odt", "{files}");

    // A text-less PDF makes a report that says so in its text.
    let made = post_file_api(
        &app,
        &member,
        &[],
        "inskannad.pdf",
        &samples::pdf(None, &[]).unwrap(),
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.text());
    let report = made.json();
    assert!(
        report["body_markdown"]
            .as_str()
            .unwrap()
            .contains("Texten i filen kunde inte läsas"),
        "{report}"
    );
    assert_eq!(report["kind"], "testrapport", "{report}");

    // Another type of file, a personal identity number in the text and a wrong kind are
    // refused as problem+json naming the field; no report is made of them.
    let (_, before) = member.get_json("/api/v1/reports?limit=100").await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let refused = post_file_api(&app, &member, &[], "bild.png", png).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(refused.json()["errors"][0]["field"], "file");
    let with_number = samples::odt(None, &[(0, "Brukare 19121212-1212 deltog.")]).unwrap();
    let refused = post_file_api(&app, &member, &[], "deltagare.odt", &with_number).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(refused.json()["errors"][0]["field"], "file");
    let refused = post_file_api(&app, &member, &[("kind", "roman")], "automat.odt", &odt).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(
        refused.json()["errors"][0]["field"],
        "kind",
        "{}",
        refused.text()
    );
    let (_, after) = member.get_json("/api/v1/reports?limit=100").await;
    assert_eq!(after["total"], before["total"], "{after}");

    // A session cookie alone does not do: the API takes a token.
    let req = client()
        .post(app.url("/api/v1/reports/from-file"))
        .insert_header((
            "Cookie",
            format!("noden_session={}", member.session_cookie()),
        ));
    let refused = send(req, Some(multipart(&[], Some(("automat.odt", &odt))))).await;
    assert_eq!(refused.status, 401, "{}", refused.text());
}
