//! Who am I, and where are my things (issue 13, points 1, 6 and 7): the header shows the
//! signed-in person with the links their role opens, `/konto` lists what is theirs, a person
//! sets the name they are shown by, forms confirm what they did, and a page that needs
//! signing in brings the reader back to it afterwards.

use chrono::{TimeZone, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use serde_json::json;

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    the_header_says_who_is_signed_in_and_offers_what_their_role_may_do,
    the_account_page_lists_my_reports_trials_needs_and_follow_ups,
    a_person_sets_the_name_they_are_shown_by,
    signing_out_confirms_it_and_the_header_offers_signing_in_again,
    a_page_for_signed_in_users_brings_the_reader_back_after_signing_in,
);

/// The part of a page between the header's start and its end.
fn header(body: &str) -> &str {
    let start = body.find("<header").expect("a header");
    let end = body[start..].find("</header>").expect("the header's end") + start;
    &body[start..end]
}

async fn the_header_says_who_is_signed_in_and_offers_what_their_role_may_do(backend: Backend) {
    let app = TestApp::new(backend).await;

    let (_, _, anonymous) = app.get("/tester").await;
    let top = header(&anonymous);
    assert!(
        top.contains("href=\"/logga-in?tillbaka=%2Ftester\""),
        "signing in comes back here: {top}"
    );
    assert!(!top.contains("Logga ut"), "{top}");

    let member = app.with_user(Role::Coordinator, "0482").await;
    let page = member.get("/tester").await;
    let top = header(&page.body);
    for shown in [
        "Coordinator 0482",
        "Flens kommun",
        "href=\"/konto\"",
        "Logga ut",
    ] {
        assert!(top.contains(shown), "{shown} missing: {top}");
    }
    for hidden in ["/granskning", "href=\"/admin\"", ">Logga in<"] {
        assert!(
            !top.contains(hidden),
            "{hidden} shown to a coordinator: {top}"
        );
    }

    // A report waiting for review shows in node staff's header, with the number waiting.
    let (status, created) = member
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Nattkameror i Flen", "summary": "Kort.", "body": "Text.",
                    "organisation": "0482"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap();
    let (status, sent) = member
        .send_json("POST", &format!("/api/v1/reports/{id}/submit"), &json!({}))
        .await;
    assert_eq!(status, 200, "{sent}");
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let top = header(&staff.get("/").await.body).to_owned();
    assert!(top.contains("href=\"/admin\""), "{top}");
    assert!(
        top.contains("Granskning <span class=\"count\">1</span>"),
        "one report waits: {top}"
    );
}

async fn the_account_page_lists_my_reports_trials_needs_and_follow_ups(backend: Backend) {
    // A fortnight before the trial's 12-month follow-up falls due.
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .clock(clock)
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    let anna = app
        .with_user_at("anna@flen.se", Role::Coordinator, "0482")
        .await;
    let kalle = app
        .with_user_at("kalle@katrineholm.se", Role::Member, "0483")
        .await;

    let (status, draft) = anna
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Utkast om fallsensorer", "summary": "Kort.", "body": "Text.",
                    "organisation": "0482"}),
        )
        .await;
    assert_eq!(status, 201, "{draft}");
    let (status, need) = anna
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Tryggare nätter på gruppbostad", "target_group": "lss",
                    "visibility": "network"}),
        )
        .await;
    assert_eq!(status, 201, "{need}");
    let (status, shared) = kalle
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Påminnelser om läkemedel", "target_group": "ordinart-boende",
                    "visibility": "network"}),
        )
        .await;
    assert_eq!(status, 201, "{shared}");
    let (status, _) = anna
        .send_json(
            "POST",
            &format!(
                "/api/v1/needs/{}/endorsements",
                shared["id"].as_str().unwrap()
            ),
            &json!({"note": "Vi har samma behov."}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, trial) = anna
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Digital nattillsyn i Flen", "technology": "Nattkamera",
                    "target_group": "lss", "lead": "0482", "participants": ["0483"],
                    "starts_on": "2024-01-01", "ends_on": "2025-12-20", "phase": "avslutad"}),
        )
        .await;
    assert_eq!(status, 201, "{trial}");

    let mine = anna.get("/konto").await;
    assert_eq!(mine.status, 200);
    for shown in [
        "Utkast om fallsensorer",
        "Utkast",
        "Digital nattillsyn i Flen",
        "vi leder testet",
        "Tryggare nätter på gruppbostad",
        "vi tog upp behovet",
        "Påminnelser om läkemedel",
        "vi har samma behov",
        "uppföljning efter 12 månader",
    ] {
        assert!(mine.body.contains(shown), "{shown} missing from /konto");
    }

    // Katrineholm takes part in the trial; Anna's draft is hers alone.
    let theirs = kalle.get("/konto").await;
    assert!(theirs.body.contains("Digital nattillsyn i Flen"));
    assert!(theirs.body.contains("vi deltar"));
    assert!(!theirs.body.contains("Utkast om fallsensorer"));
    assert!(
        !theirs.body.contains("uppföljning efter 12 månader"),
        "the lead answers for the follow-ups"
    );
}

async fn a_person_sets_the_name_they_are_shown_by(backend: Backend) {
    let app = TestApp::new(backend).await;
    let anna = app
        .with_user_at("anna.b@flen.se", Role::Member, "0482")
        .await;
    assert!(header(&anna.get("/").await.body).contains("Anna B"));

    let blank = anna.submit("/konto/namn", &[("name", "   ")]).await;
    assert_eq!(blank.status, 422);
    assert!(
        blank.body.contains("id=\"display-name-error\""),
        "{}",
        blank.body
    );
    assert!(blank.body.contains("Skriv det namn du vill visas med."));

    let number = anna
        .submit("/konto/namn", &[("name", "Anna 19450101-1234")])
        .await;
    assert_eq!(number.status, 422);
    assert!(number.body.contains("personnummer"), "{}", number.body);
    assert!(
        number.body.contains("value=\"Anna 19450101-1234\""),
        "what was typed is kept"
    );

    let saved = anna
        .submit("/konto/namn", &[("name", "  Anna  Berglund ")])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some(app.url("/konto#namn").as_str())
    );
    let page = anna.get("/konto").await;
    assert!(
        page.body
            .contains("<div class=\"flash\" role=\"status\"><p>Ditt namn är sparat</p>"),
        "the confirmation is announced: {}",
        page.body
    );
    assert!(header(&page.body).contains("Anna Berglund"));
    // Shown once.
    let again = anna.get("/konto").await;
    assert!(!again.body.contains("Ditt namn är sparat"));
}

async fn signing_out_confirms_it_and_the_header_offers_signing_in_again(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    crate::sign_in::register_domain(&app, "0482", "flen.se").await;
    let browser = app.sign_in_by_mail("nora@flen.se").await;
    let home = browser.get(&app.url("/")).await;
    let top = header(&home.body);
    let marker = "name=\"csrf\" value=\"";
    let start = top.find(marker).expect("the sign-out form") + marker.len();
    let csrf = &top[start..start + top[start..].find('"').unwrap()];
    let out = browser.post(&app.url("/logga-ut"), &[("csrf", csrf)]).await;
    assert_eq!(out.status, 303);
    let after = browser.get(&app.url("/")).await;
    assert!(after.body.contains("Du är utloggad"), "{}", after.body);
    let top = header(&after.body);
    assert!(top.contains(">Logga in<"), "{top}");
    assert!(!top.contains("Logga ut"), "{top}");
}

async fn a_page_for_signed_in_users_brings_the_reader_back_after_signing_in(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let flen = app.with_user(Role::Member, "0482").await;
    let (status, need) = flen
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Nattlig tillsyn för medlemmar", "target_group": "lss",
                    "visibility": "network"}),
        )
        .await;
    assert_eq!(status, 201, "{need}");
    let path = format!("/behov/{}", need["slug"].as_str().unwrap());
    let (status, private) = flen
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Flens egna behov", "target_group": "lss",
                    "visibility": "organisation"}),
        )
        .await;
    assert_eq!(status, 201, "{private}");

    // A visitor is asked to sign in, with a link that comes back here.
    let browser = Browser::new();
    let asked = browser.get(&app.url(&path)).await;
    assert_eq!(asked.status, 401, "{}", asked.body);
    let back = format!("/logga-in?tillbaka={}", path.replace('/', "%2F"));
    assert!(
        asked
            .body
            .contains(&format!("class=\"button\" href=\"{back}\"")),
        "a real sign-in link: {}",
        asked.body
    );
    // Public pages say what signing in would let a visitor do.
    let (status, public_need) = flen
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Öppet behov om larm", "target_group": "lss",
                    "visibility": "public"}),
        )
        .await;
    assert_eq!(status, 201, "{public_need}");
    let public_path = format!("/behov/{}", public_need["slug"].as_str().unwrap());
    let open = browser.get(&app.url(&public_path)).await;
    assert_eq!(open.status, 200);
    assert!(
        open.body
            .contains("för att säga att er organisation har samma behov"),
        "{}",
        open.body
    );

    // So is one who opens a form.
    let form = browser.get(&app.url("/behov/ny")).await;
    assert_eq!(form.status, 401);
    assert!(
        form.body
            .contains("class=\"button\" href=\"/logga-in?tillbaka=%2Fbehov%2Fny\""),
        "{}",
        form.body
    );
    // An organisation's own need does not reveal itself.
    let hidden = browser
        .get(&app.url(&format!("/behov/{}", private["slug"].as_str().unwrap())))
        .await;
    assert_eq!(hidden.status, 404);

    // The sign-in page carries the way back through the e-mailed link.
    crate::sign_in::register_domain(&app, "0482", "flen.se").await;
    let form = browser.get(&app.url(&back)).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("Du kommer sedan tillbaka"),
        "{}",
        form.body
    );
    let sent = browser
        .post(
            &app.url("/logga-in/epost"),
            &[
                ("csrf", &form.csrf()),
                ("email", "nils@flen.se"),
                ("tillbaka", &path),
            ],
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let mail = app.mail_to("nils@flen.se").await;
    let link = crate::smtp::sign_in_link(&mail.last().unwrap().text);
    let done = crate::sign_in::use_link(&browser, &link).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some(app.url(&path).as_str()));
    let need_page = browser.get(&app.url(&path)).await;
    assert_eq!(need_page.status, 200);
    assert!(need_page.body.contains("Nattlig tillsyn för medlemmar"));
    assert!(need_page.body.contains("Du är inloggad"));
}
