//! Living knowledge, the story of issue 19's first point: a report and a trial nobody has
//! touched for 19 months are marked "Kan vara inaktuell" on their pages and in the API, the one
//! who answers for them gets one reminder listing both however often the job runs, and the
//! signed "stämmer fortfarande" link in it confirms the report once, without a session, and is
//! useless after; an edit confirms too.

use chrono::{Duration, TimeZone, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use noden_portal::freshness::reminders::remind_owners;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    a_stale_report_is_flagged_its_owner_reminded_once_and_the_link_confirms_it_once,
    an_archived_report_stays_readable_labelled_and_is_not_reminded,
    an_item_is_handed_over_from_its_page_and_kept_current_through_the_api,
);

/// The display name of the user `id`.
async fn name_of(app: &TestApp, id: uuid::Uuid) -> String {
    noden_portal::auth::users::get(&app.state.db, id)
        .await
        .unwrap()
        .unwrap()
        .name
}

/// Whether an item's page names `who` as the one who answers for keeping it current.
fn names_owner(page: &str, who: &str) -> bool {
    page.contains(&format!("Ansvarar för att innehållet är aktuellt: {who}."))
}

/// The `/aktuell/…` links in a mail's text, in order.
fn still_correct_links(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("Stämmer fortfarande: "))
        .map(str::to_owned)
        .collect()
}

/// The overview's row for Flens kommun in its freshness view: current, stale.
async fn flen_in_overview(app: &TestApp) -> Vec<u64> {
    let (status, overview) = app.get_json("/api/v1/overview").await;
    assert_eq!(status, 200, "{overview}");
    let view = overview["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == "aktualitet")
        .unwrap();
    let row = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == "Flens kommun")
        .unwrap_or_else(|| panic!("{view}"));
    row["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect()
}

async fn freshness(app: &TestApp, path: &str) -> Value {
    let (status, item) = app.get_json(path).await;
    assert_eq!(status, 200, "{item}");
    item["freshness"].clone()
}

async fn a_stale_report_is_flagged_its_owner_reminded_once_and_the_link_confirms_it_once(
    backend: Backend,
) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2025, 1, 15, 9, 0, 0).unwrap());
    // Mail stays in memory; the test runs the reminder pass itself, so no job runner races it.
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    // Flen's coordinator answers for Flen's items that have no owner of their own; a member
    // of Flen does not.
    app.with_user_at("kim@flen.se", Role::Coordinator, "0482")
        .await;
    app.with_user_at("anna@flen.se", Role::Member, "0482").await;

    let (status, report) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Nattkamera i Flen", "summary": "Kameratillsyn nattetid.",
                    "body": "Nattkamerorna minskade väckningarna.", "kind": "erfarenhet",
                    "visibility": "public", "organisation": "0482"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{report}");
    let report_url = report["url"].as_str().unwrap().to_owned();
    let report_api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Läkemedelsautomat i Flen", "technology": "Automat",
                    "target_group": "ordinart-boende", "lead": "0482",
                    "starts_on": "2024-05-01", "phase": "pagar"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let trial_api = format!("/api/v1/trials/{}", trial["slug"].as_str().unwrap());

    // Fresh today: confirmed by its creation, and no one is reminded.
    let fresh = freshness(&app, &report_api).await;
    assert_eq!(fresh["stale"], false, "{fresh}");
    assert_eq!(fresh["confirmed_at"], "2025-01-15T09:00:00Z");
    let (_, _, page) = app.get(&report_url).await;
    assert!(
        page.contains("Senast bekräftad</dt><dd>15 januari 2025"),
        "{page}"
    );
    assert!(!page.contains("<strong>Kan vara inaktuell.</strong>"));
    assert!(
        page.contains("Ansvarar för att innehållet är aktuellt: Samordnarna i Flens kommun."),
        "no owner in person: the organisation's coordinators answer for it: {page}"
    );
    assert_eq!(remind_owners(&app.state).await.unwrap(), 0);

    // Nineteen months on, both are flagged on their pages and in the API.
    clock.advance(Duration::days(19 * 31));
    for path in [&report_api, &trial_api] {
        let stale = freshness(&app, path).await;
        assert_eq!(stale["stale"], true, "{path}: {stale}");
    }
    let (_, _, page) = app.get(&report_url).await;
    assert!(
        page.contains("<strong>Kan vara inaktuell.</strong>"),
        "{page}"
    );
    assert!(page.contains("sedan 15 januari 2025"), "{page}");
    // The overview counts them per organisation.
    assert_eq!(flen_in_overview(&app).await, [0, 2]);
    // In search too: labelled, and offered as a facet that filters.
    app.indexed().await;
    let found = app.search("q=nattkamera").await;
    assert_eq!(found["hits"][0]["freshness"], "inaktuell", "{found}");
    let (_, _, page) = app.get("/sok?q=nattkamera").await;
    assert!(page.contains(">Kan vara inaktuell</span>"), "{page}");
    let stale = app.search("freshness=inaktuell&organisation=0482").await;
    assert_eq!(stale["total"], 2, "{stale}");
    // The job runs twice at once here and once on a second instance: one mail, to the
    // coordinator, listing both.
    let mut settings = (*app.state.settings).clone();
    let other_dir = tempfile::tempdir().unwrap();
    settings.data_dir = other_dir.path().to_path_buf();
    let second =
        noden_portal::open_state(settings, clock.clone(), noden_portal::IndexLocation::Memory)
            .await
            .unwrap();
    let (a, b, c) = tokio::join!(
        remind_owners(&app.state),
        remind_owners(&app.state),
        remind_owners(&second),
    );
    assert_eq!(a.unwrap() + b.unwrap() + c.unwrap(), 1);
    assert_eq!(remind_owners(&app.state).await.unwrap(), 0, "once a month");
    assert!(app.mail_to("anna@flen.se").await.is_empty());
    let mail = app.mail_to("kim@flen.se").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(
        mail[0].subject,
        "Stämmer det fortfarande? 2 saker i Noden behöver ses över"
    );
    let text = &mail[0].text;
    assert!(
        text.contains("Rapport: Nattkamera i Flen (senast bekräftad 15 januari 2025)"),
        "{text}"
    );
    assert!(text.contains("Test: Läkemedelsautomat i Flen"), "{text}");
    assert!(
        text.contains(&format!(
            "Uppdatera: {}",
            app.url(&format!("{report_url}/redigera"))
        )),
        "{text}"
    );
    let links = still_correct_links(text);
    assert_eq!(links.len(), 2, "{text}");
    let report_link = &links[0];

    // Opening the link (as a mail scanner would) only asks.
    let anonymous = Browser::new();
    let asked = anonymous.get(report_link).await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(asked.body.contains("Stämmer det fortfarande?"));
    assert!(asked.body.contains("Nattkamera i Flen"));
    assert_eq!(freshness(&app, &report_api).await["stale"], true);

    // Confirming needs no session and clears the flag.
    let done = anonymous.post(report_link, &[]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(
        done.body.contains("Tack, det är bekräftat"),
        "{}",
        done.body
    );
    let confirmed = freshness(&app, &report_api).await;
    assert_eq!(confirmed["stale"], false, "{confirmed}");
    assert_eq!(confirmed["confirmed_at"], "2026-08-27T09:00:00Z");
    let (_, _, page) = app.get(&report_url).await;
    assert!(
        !page.contains("<strong>Kan vara inaktuell.</strong>"),
        "{page}"
    );
    assert!(
        page.contains("Senast bekräftad</dt><dd>27 augusti 2026"),
        "{page}"
    );
    app.indexed().await;
    let found = app.search("q=nattkamera").await;
    assert_eq!(found["hits"][0]["freshness"], "aktuell", "{found}");
    let stale = app.search("freshness=inaktuell&organisation=0482").await;
    assert_eq!(stale["total"], 1, "{stale}");
    assert_eq!(flen_in_overview(&app).await, [1, 1]);
    let (_, _, overview) = app.get("/oversikt").await;
    assert!(
        overview.contains(r#"<th scope="row">Flens kommun</th><td>1</td><td>1</td><td>50 %</td>"#),
        "{overview}"
    );
    assert_eq!(stale["hits"][0]["title"], "Läkemedelsautomat i Flen");
    // The search page offers it as a filter, and the filter keeps to its pages.
    let (_, _, page) = app.get("/sok?organisation=0482").await;
    assert!(
        page.contains("freshness=inaktuell")
            && page.contains("Aktuell <span class=\"count\">(1)</span>")
            && page.contains("Kan vara inaktuell <span class=\"count\">(1)</span>"),
        "{page}"
    );
    let (_, _, page) = app.get("/sok?organisation=0482&freshness=inaktuell").await;
    assert!(page.contains("1 träff"), "{page}");
    assert!(page.contains("✓ Kan vara inaktuell"), "{page}");
    assert!(page.contains("Rensa alla filter"), "{page}");

    // The link is spent: again, it changes nothing.
    clock.advance(Duration::minutes(5));
    let again = anonymous.post(report_link, &[]).await;
    assert_eq!(again.status, 410, "{}", again.body);
    assert!(again.body.contains("Länken gäller inte längre"));
    assert_eq!(
        freshness(&app, &report_api).await["confirmed_at"],
        "2026-08-27T09:00:00Z"
    );
    assert_eq!(anonymous.get(report_link).await.status, 410);
    // A forged or mangled token is not found.
    let mangled = format!("{}x", report_link);
    assert_eq!(anonymous.post(&mangled, &[]).await.status, 404);

    // Editing the trial confirms it too, and spends its link.
    let (status, edited) = app
        .send_json(
            "PATCH",
            &trial_api,
            &json!({"product": "Evondos E300"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["freshness"]["stale"], false, "{edited}");
    assert_eq!(anonymous.post(&links[1], &[]).await.status, 410);
}

async fn an_archived_report_stays_readable_labelled_and_is_not_reminded(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2025, 1, 15, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    let kim = app
        .with_user_at("kim@flen.se", Role::Coordinator, "0482")
        .await;
    let other = app.with_user(Role::Coordinator, "0483").await;
    let (status, report) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Larmmottagning i Flen", "summary": "Digitala trygghetslarm.",
                    "body": "Larmen togs emot av kommunens egen larmcentral.",
                    "kind": "erfarenhet", "visibility": "public", "organisation": "0482"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{report}");
    let url = report["url"].as_str().unwrap().to_owned();
    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());

    // A trial Kim starts is Kim's: named to signed-in readers, by organisation to others.
    let (status, trial) = kim
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Digitala lås i Flen", "technology": "E-lås",
                    "target_group": "ordinart-boende", "lead": "0482", "phase": "pagar"}),
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let kim_name = name_of(&app, kim.user_id).await;
    let trial_page = format!("/tester/{}", trial["slug"].as_str().unwrap());
    let seen = other.get(&trial_page).await;
    assert!(names_owner(&seen.body, &kim_name), "{}", seen.body);
    let (_, _, anonymous) = app.get(&trial_page).await;
    assert!(names_owner(&anonymous, "Flens kommun"), "{anonymous}");
    // Another of Flen's coordinators takes it over: from now on it is theirs.
    let lisa = app
        .with_user_at("lisa@flen.se", Role::Coordinator, "0482")
        .await;
    let take_over = format!("{trial_page}/ta-ansvar");
    assert!(lisa.get(&trial_page).await.body.contains(&take_over));
    assert_eq!(other.submit(&take_over, &[]).await.status, 403);
    let taken = lisa.submit(&take_over, &[]).await;
    assert_eq!(taken.status, 303, "{}", taken.body);
    let lisa_name = name_of(&app, lisa.user_id).await;
    let seen = other.get(&trial_page).await;
    assert!(names_owner(&seen.body, &lisa_name), "{}", seen.body);
    assert!(
        !lisa.get(&trial_page).await.body.contains(&take_over),
        "not offered to the one who has it"
    );

    // Its organisation's coordinator keeps it current from its page; another organisation's
    // cannot, and is not offered the forms.
    let page = kim.get(&url).await;
    assert!(
        page.body.contains("Det stämmer fortfarande"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("{url}/arkivera")));
    let theirs = other.get(&url).await;
    assert!(!theirs.body.contains(&format!("{url}/arkivera")));
    let refused = other.submit(&format!("{url}/arkivera"), &[]).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(freshness(&app, &api).await["archived_at"].is_null());

    clock.advance(Duration::hours(2));
    let archived = kim.submit(&format!("{url}/arkivera"), &[]).await;
    assert_eq!(archived.status, 303, "{}", archived.body);
    let page = Browser::new().get(&app.url(&url)).await;
    assert_eq!(page.status, 200, "archived, still readable");
    assert!(
        page.body.contains("Arkiverad 15 januari 2025."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<strong>Kan vara inaktuell.</strong>"));
    let state = freshness(&app, &api).await;
    assert_eq!(state["archived_at"], "2025-01-15T11:00:00Z", "{state}");
    assert_eq!(state["stale"], false);
    app.indexed().await;
    let found = app.search("q=larmmottagning").await;
    assert_eq!(found["total"], 1, "findable: {found}");
    assert_eq!(found["hits"][0]["freshness"], "arkiverad");
    let (_, _, hits) = app.get("/sok?q=larmmottagning").await;
    assert!(hits.contains(">Arkiverad</span>"), "{hits}");
    // Archiving twice is refused; nothing changes.
    assert_eq!(
        kim.submit(&format!("{url}/arkivera"), &[]).await.status,
        409
    );

    // Nineteen months on it is not flagged, and nobody is reminded of it.
    clock.advance(Duration::days(19 * 31));
    assert_eq!(freshness(&app, &api).await["stale"], false);
    // Lisa is reminded of the trial only; Kim of nothing.
    assert_eq!(remind_owners(&app.state).await.unwrap(), 1);
    assert!(app.mail_to("kim@flen.se").await.is_empty());
    let mail = app.mail_to("lisa@flen.se").await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].text.contains("Test: Digitala lås i Flen"),
        "{}",
        mail[0].text
    );
    assert!(!mail[0].text.contains("Larmmottagning"), "{}", mail[0].text);

    // Taken out of the archive, it counts as confirmed today.
    let kim = app
        .with_user_at("kim@flen.se", Role::Coordinator, "0482")
        .await;
    let back = kim.submit(&format!("{url}/ur-arkivet"), &[]).await;
    assert_eq!(back.status, 303, "{}", back.body);
    let state = freshness(&app, &api).await;
    assert!(state["archived_at"].is_null(), "{state}");
    assert_eq!(state["stale"], false);
    assert_eq!(state["confirmed_at"], "2026-08-27T11:00:00Z");
}

async fn an_item_is_handed_over_from_its_page_and_kept_current_through_the_api(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2025, 1, 15, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    let kim = app
        .with_user_at("kim@flen.se", Role::Coordinator, "0482")
        .await;
    let lisa = app
        .with_user_at("lisa@flen.se", Role::Coordinator, "0482")
        .await;
    let other = app
        .with_user_at("olle@katrineholm.se", Role::Coordinator, "0483")
        .await;
    let (status, trial) = kim
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Digitala lås i Flen", "technology": "E-lås",
                    "target_group": "ordinart-boende", "lead": "0482", "phase": "pagar"}),
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let trial_page = format!("/tester/{}", trial["slug"].as_str().unwrap());
    let hand_over = format!("{trial_page}/lamna-over");
    let api = format!("/api/v1/trials/{}/freshness", trial["id"].as_str().unwrap());

    // The page offers handing over to those who keep it current, not to others.
    assert!(kim.get(&trial_page).await.body.contains(&hand_over));
    assert!(!other.get(&trial_page).await.body.contains(&hand_over));
    assert_eq!(other.get(&hand_over).await.status, 403);
    let form = kim.get(&hand_over).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("<h1>Lämna över ansvaret</h1>"),
        "{}",
        form.body
    );

    // Someone who may not change the trial cannot answer for it; nor an unknown address.
    // The address typed stays in the field, the reason beside it.
    let refused = kim
        .submit(&hand_over, &[("email", "olle@katrineholm.se")])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains(
            "<p class=\"field-error\" id=\"email-error\">Personen får inte ändra det här och kan därför inte svara för det.</p>"
        ),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"olle@katrineholm.se\""),
        "{}",
        refused.body
    );
    let unknown = kim.submit(&hand_over, &[("email", "ingen@flen.se")]).await;
    assert_eq!(unknown.status, 422, "{}", unknown.body);
    assert!(
        unknown
            .body
            .contains("Ingen aktiv användare i Noden har den adressen."),
        "{}",
        unknown.body
    );
    // Another organisation's coordinator may not hand it over at all.
    let theirs = other
        .submit(&hand_over, &[("email", "olle@katrineholm.se")])
        .await;
    assert_eq!(theirs.status, 403, "{}", theirs.body);

    // Kim hands it to Lisa: the page names her, and the reminders go to her from now on.
    let given = kim.submit(&hand_over, &[("email", " Lisa@Flen.se ")]).await;
    assert_eq!(given.status, 303, "{}", given.body);
    let lisa_name = name_of(&app, lisa.user_id).await;
    let seen = other.get(&trial_page).await;
    assert!(names_owner(&seen.body, &lisa_name), "{}", seen.body);
    // Lisa reads Noden in English: so is her reminder.
    noden_portal::auth::users::set_language(
        &app.state,
        &noden_portal::audit::By::command("test"),
        lisa.user_id,
        Some(noden_portal::web::i18n::Lang::En),
    )
    .await
    .unwrap();
    clock.advance(Duration::days(19 * 31));
    assert_eq!(remind_owners(&app.state).await.unwrap(), 1);
    assert!(app.mail_to("kim@flen.se").await.is_empty());
    let mail = app.mail_to("lisa@flen.se").await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0]
            .text
            .contains("* Trial: Digitala lås i Flen (last confirmed 15 January 2025)"),
        "{}",
        mail[0].text
    );
    assert!(mail[0].text.contains("Still correct: "), "{}", mail[0].text);

    // Through the API: archived, refused a confirmation while archived, taken out again
    // (confirmed now), and handed back to Kim.
    let (status, state) = lisa
        .send_json("POST", &api, &json!({"step": "archive"}))
        .await;
    assert_eq!(status, 200, "{state}");
    assert!(state["archived_at"].is_string(), "{state}");
    assert_eq!(state["stale"], false, "{state}");
    let (status, problem) = lisa
        .send_json("POST", &api, &json!({"step": "confirm"}))
        .await;
    assert_eq!(status, 409, "{problem}");
    let (status, state) = lisa
        .send_json("POST", &api, &json!({"step": "unarchive"}))
        .await;
    assert_eq!(status, 200, "{state}");
    assert!(state["archived_at"].is_null(), "{state}");
    assert_eq!(state["confirmed_at"], "2026-08-27T09:00:00Z", "{state}");
    let (status, problem) = lisa
        .send_json("POST", &api, &json!({"step": "hand_over"}))
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "email", "{problem}");
    let (status, problem) = other
        .send_json("POST", &api, &json!({"step": "confirm"}))
        .await;
    assert_eq!(status, 403, "{problem}");
    let (status, problem) = app
        .send_json("POST", &api, &json!({"step": "confirm"}), false)
        .await;
    assert_eq!(status, 401, "without a token: {problem}");
    let (status, _) = lisa
        .send_json(
            "POST",
            &api,
            &json!({"step": "hand_over", "email": "kim@flen.se"}),
        )
        .await;
    assert_eq!(status, 200);
    // (A new session: the others' ended while the clock moved on.)
    let reader = app.with_user(Role::Coordinator, "0483").await;
    let seen = reader.get(&trial_page).await;
    let kim_name = name_of(&app, kim.user_id).await;
    assert!(names_owner(&seen.body, &kim_name), "{}", seen.body);
}
