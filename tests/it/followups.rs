//! Follow-up and overview, the story of issue 6: a trial ended a year ago (the tests move the
//! clock) falls due for follow-up, its organisations are reminded exactly once however often
//! and on however many instances the job runs, recording it stops the reminders, and the
//! steering group's overview and its CSV count exactly what the test created. The technology
//! catalogue lists exactly the organisations that recorded a use.

use chrono::{Duration, TimeZone, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use noden_portal::followups;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, facet_values, on_both_backends};

on_both_backends!(
    a_trial_ended_a_year_ago_is_reminded_once_followed_up_and_counted,
    the_catalogue_lists_exactly_the_organisations_that_recorded_a_use,
    benefit_realisation_and_downloads_open_in_swedish_excel,
);

/// How many queued mails to `to` have a subject starting with `subject`.
async fn queued(app: &TestApp, to: &str, subject: &str) -> usize {
    noden_portal::mail::entity::Entity::find()
        .filter(noden_portal::mail::entity::Column::Recipient.eq(to))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.starts_with(subject))
        .count()
}

async fn trial(app: &TestApp, body: Value) -> Value {
    let (status, trial) = app.send_json("POST", "/api/v1/trials", &body, true).await;
    assert_eq!(status, 201, "{trial}");
    trial
}

async fn a_trial_ended_a_year_ago_is_reminded_once_followed_up_and_counted(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2025, 1, 15, 9, 0, 0).unwrap());
    // Mail stays in memory; the test runs the reminder pass itself, so no job runner races it.
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    for (email, code) in [
        ("anna@flen.se", "0482"),
        ("kalle@katrineholm.se", "0483"),
        ("nils@nykoping.se", "0480"),
    ] {
        app.with_user_at(email, Role::Member, code).await;
    }

    // Two trials end today, a third runs on.
    let ended = trial(
        &app,
        json!({"title": "Nattkamera i Flen och Katrineholm", "technology": "Nattkamera",
               "target_group": "ordinart-boende", "lead": "0482", "participants": ["0483"],
               "starts_on": "2024-06-01", "ends_on": "2025-01-15", "phase": "avslutad",
               "category": "digital-tillsyn"}),
    )
    .await;
    let slug = ended["slug"].as_str().unwrap().to_owned();
    trial(
        &app,
        json!({"title": "Läkemedelsautomat i Nyköping", "technology": "Automat",
               "target_group": "ordinart-boende", "lead": "0480",
               "starts_on": "2024-05-01", "ends_on": "2025-01-15", "phase": "avslutad"}),
    )
    .await;
    // One ended long ago: its first follow-up will already be overdue when the job sees it.
    trial(
        &app,
        json!({"title": "Surfplattor i Flen", "technology": "Surfplatta",
               "target_group": "lss", "lead": "0482", "starts_on": "2024-01-10",
               "ends_on": "2024-11-01", "phase": "avslutad"}),
    )
    .await;
    let running = trial(
        &app,
        json!({"title": "Sensorer i Katrineholm", "technology": "Sensor",
               "target_group": "sarskilt-boende", "lead": "0483", "starts_on": "2024-11-01",
               "phase": "pagar", "category": "digital-tillsyn"}),
    )
    .await;
    let (status, indicator) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{slug}/indicators"),
            &json!({"name": "Nattliga besök per brukare och vecka", "unit": "besök",
                    "direction": "lagre", "baseline": 14}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{indicator}");
    let indicator_id = indicator["id"].as_str().unwrap().to_owned();
    let (_, follow_ups) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    assert_eq!(follow_ups["follow_ups"][0]["due_on"], "2026-01-15");
    assert_eq!(follow_ups["follow_ups"][1]["due_on"], "2027-01-15");
    assert_eq!(follow_ups["follow_ups"][0]["state"], "kommande");
    assert_eq!(
        followups::remind_due(&app.state).await.unwrap(),
        0,
        "nothing is due yet"
    );

    // A year and a day later the job runs twice at once here and once on a second instance.
    clock.advance(Duration::days(366));
    let mut settings = (*app.state.settings).clone();
    let other_dir = tempfile::tempdir().unwrap();
    settings.data_dir = other_dir.path().to_path_buf();
    let second =
        noden_portal::open_state(settings, clock.clone(), noden_portal::IndexLocation::Memory)
            .await
            .unwrap();
    let (a, b, c) = tokio::join!(
        followups::remind_due(&app.state),
        followups::remind_due(&app.state),
        followups::remind_due(&second),
    );
    assert_eq!(
        a.unwrap() + b.unwrap() + c.unwrap(),
        3,
        "one reminder per trial that ended, whoever runs the job"
    );
    assert_eq!(followups::remind_due(&second).await.unwrap(), 0);
    let mail = app.mail_to("kalle@katrineholm.se").await[0].text.clone();
    assert!(mail.contains("Det har gått 12 månader"), "{mail}");
    assert!(
        mail.contains(&format!("/tester/{slug}#uppfoljning")),
        "{mail}"
    );
    for who in ["anna@flen.se", "kalle@katrineholm.se"] {
        assert_eq!(
            queued(&app, who, "Dags att följa upp: Nattkamera").await,
            1,
            "{who}"
        );
    }
    assert_eq!(
        queued(&app, "nils@nykoping.se", "Dags att följa upp: Nattkamera").await,
        0
    );
    assert_eq!(
        queued(&app, "nils@nykoping.se", "Dags att följa upp: Läkemedel").await,
        1
    );
    assert_eq!(
        queued(&app, "anna@flen.se", "Dags att följa upp: Surfplattor").await,
        0,
        "already overdue when first seen: only the overdue reminder"
    );
    assert_eq!(
        queued(
            &app,
            "anna@flen.se",
            "Uppföljningen är försenad: Surfplattor"
        )
        .await,
        1
    );

    // Flen (signed in anew: a year ends any session) records the follow-up in the trial's
    // page, and the reminders stop.
    let flen = app.with_user_at("anna@flen.se", Role::Member, "0482").await;
    let page = flen.get(&app.url(&format!("/tester/{slug}"))).await;
    assert!(page.body.contains("Dags att följa upp"), "{}", page.body);
    let recorded = flen
        .post(
            &app.url(&format!("/tester/{slug}/uppfoljning/12")),
            &[
                ("csrf", &page.csrf()),
                (&format!("varde_{indicator_id}"), "6,5"),
                ("effects", "Färre väckningar, personalen hinner med larmen."),
                ("still_in_use", "ja"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    let (_, follow_ups) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    let first = &follow_ups["follow_ups"][0];
    assert_eq!(first["state"], "registrerad", "{follow_ups}");
    assert_eq!(first["still_in_use"], true);
    assert_eq!(first["values"][0]["value"], 6.5);
    assert_eq!(first["values"][0]["improved"], true);
    let page = flen.get(&app.url(&format!("/tester/{slug}"))).await;
    assert!(
        page.body
            .contains("<td>14 besök</td><td>6,5 besök</td><td>Ja</td>"),
        "numbers and dates the Swedish way: {}",
        page.body
    );
    assert!(page.body.contains("Ska göras från 15 januari 2026."));

    // A month later only the unrecorded one is overdue, and is reminded once more.
    clock.advance(Duration::days(31));
    assert_eq!(followups::remind_due(&app.state).await.unwrap(), 1);
    assert_eq!(followups::remind_due(&second).await.unwrap(), 0);
    assert_eq!(
        queued(
            &app,
            "anna@flen.se",
            "Uppföljningen är försenad: Nattkamera"
        )
        .await,
        0
    );
    assert_eq!(
        queued(
            &app,
            "nils@nykoping.se",
            "Uppföljningen är försenad: Läkemedel"
        )
        .await,
        1
    );

    // The overview counts exactly this, in the page, the API and the CSV.
    let (status, overview) = app.get_json("/api/v1/overview").await;
    assert_eq!(status, 200, "{overview}");
    let view = |key: &str| -> Vec<(String, Vec<u64>)> {
        overview["views"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["key"] == key)
            .unwrap()["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["label"].as_str().unwrap().to_owned(),
                    r["values"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_u64().unwrap())
                        .collect(),
                )
            })
            .collect()
    };
    let row = |label: &str, n: u64| (label.to_owned(), vec![n]);
    assert_eq!(
        view("faser"),
        [
            row("Planerad", 0),
            row("Pågår", 1),
            row("Avslutad", 3),
            row("Avbruten", 0)
        ]
    );
    assert_eq!(
        view("uppfoljningar"),
        [row("Dags att följa upp", 0), row("Försenad", 2)]
    );
    assert_eq!(
        view("organisationer"),
        [
            row("Flens kommun", 2),
            row("Katrineholms kommun", 2),
            row("Nyköpings kommun", 1)
        ]
    );
    assert_eq!(
        view("kategorier"),
        [row("Digital tillsyn", 2), row("Ingen kategori", 2)]
    );
    let (status, _, csv) = app.get("/oversikt/faser.csv").await;
    assert_eq!(status, 200);
    assert_eq!(
        csv, "\u{feff}Tester per fas;Tester\nPlanerad;0\nPågår;1\nAvslutad;3\nAvbruten;0\n",
        "for Swedish Excel"
    );
    let (_, _, csv) = app.get("/oversikt/faser.csv?sep=komma").await;
    assert_eq!(
        csv,
        "Tester per fas,Tester\nPlanerad,0\nPågår,1\nAvslutad,3\nAvbruten,0\n"
    );
    let (_, _, csv) = app
        .get("/oversikt/faser.csv?organisation=0483&sep=komma")
        .await;
    assert_eq!(
        csv,
        "Tester per fas,Tester\nPlanerad,0\nPågår,1\nAvslutad,1\nAvbruten,0\n"
    );
    let (_, _, csv) = app
        .get("/oversikt/faser.csv?from=2024-10-01&sep=komma")
        .await;
    assert!(
        csv.contains("Pågår,1\nAvslutad,0"),
        "the period filters: {csv}"
    );
    let (_, _, csv) = app
        .get("/oversikt/uppfoljningar.csv?county=04&sep=komma")
        .await;
    assert_eq!(
        csv,
        "Uppföljningar att göra,Uppföljningar\nDags att följa upp,0\nFörsenad,2\n"
    );
    let (_, _, csv) = app
        .get("/oversikt/organisationer.csv?organisation=0483&sep=komma")
        .await;
    assert_eq!(
        csv, "Tester per organisation (ledande eller deltagande),Tester\nKatrineholms kommun,2\n",
        "only the chosen organisation is counted"
    );
    let (status, problem) = app.get_json("/api/v1/overview?from=igår").await;
    assert_eq!(status, 422, "{problem}");
    let (status, _, page) = app.get("/oversikt").await;
    assert_eq!(status, 200);
    assert!(page.contains("<svg role=\"img\""), "{page}");
    assert!(
        page.contains("<th scope=\"row\">Avslutad</th><td>3</td>"),
        "the table beside the chart: {page}"
    );
    assert!(page.contains("Läkemedelsautomat i Nyköping</a>: efter 12 månader"));

    // Ending the running trial ends it today; taking it up again drops its follow-ups.
    let running = running["slug"].as_str().unwrap().to_owned();
    let phase = |p: &str| json!({ "phase": p });
    let (status, ended) = app
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{running}/phase"),
            &phase("avslutad"),
            true,
        )
        .await;
    assert_eq!(status, 200, "{ended}");
    assert_eq!(ended["ends_on"], "2026-02-16");
    let (_, due) = app
        .get_json(&format!("/api/v1/trials/{running}/follow-ups"))
        .await;
    assert_eq!(due["follow_ups"][0]["due_on"], "2027-02-16", "{due}");
    app.send_json(
        "PUT",
        &format!("/api/v1/trials/{running}/phase"),
        &phase("pagar"),
        true,
    )
    .await;
    let (_, due) = app
        .get_json(&format!("/api/v1/trials/{running}/follow-ups"))
        .await;
    assert_eq!(due["follow_ups"], json!([]), "{due}");
    drop(second);
}

async fn the_catalogue_lists_exactly_the_organisations_that_recorded_a_use(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (status, entry) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": "Digital nattillsyn", "proximity": "brukarnara",
                    "category": "digital-tillsyn", "supplier": "Leverantören AB",
                    "standards": ["SCAIP"], "description": "Kamera i stället för besök."}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let url = entry["url"].as_str().unwrap().to_owned();
    let slug = entry["slug"].as_str().unwrap().to_owned();

    // Flen records its use in the page; Katrineholm through the API with its own key.
    let flen = app.with_user(Role::Member, "0482").await;
    let page = flen.get(&app.url(&url)).await;
    assert_eq!(page.status, 200);
    let saved = flen
        .post(
            &app.url(&format!("{url}/anvandning")),
            &[
                ("csrf", &page.csrf()),
                ("status", "infort"),
                ("since", "2024-03-01"),
                ("product", "Tillsynskamera X"),
                ("contact", "valfardsteknik@flen.se"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let katrineholm = app.with_user(Role::Member, "0483").await;
    let (status, view) = katrineholm
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{slug}/uses"),
            &json!({"status": "test", "since": "2026-01-12"}),
        )
        .await;
    assert_eq!(status, 200, "{view}");
    // No one records a use in another organisation's name, nor without signing in.
    let uppsala = app.with_user(Role::Member, "0380").await;
    let (status, _) = uppsala
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{slug}/uses"),
            &json!({"status": "avvecklat", "organisation": "0482"}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{slug}/uses"),
            &json!({"status": "test"}),
            false,
        )
        .await;
    assert_eq!(status, 401);
    let (status, _) = katrineholm
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": "Egen", "proximity": "processnara"}),
        )
        .await;
    assert_eq!(status, 403, "the catalogue is kept by node staff");
    // Saying it again updates the use rather than adding one.
    let (_, view) = katrineholm
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{slug}/uses"),
            &json!({"status": "infort", "since": "2026-06-01", "contact": "larm@katrineholm.se"}),
        )
        .await;

    let users: Vec<(&str, &str)> = view["uses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["organisation"]["code"].as_str().unwrap(),
                u["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(users, [("0482", "infort"), ("0483", "infort")]);
    let page = Browser::new().get(&app.url(&url)).await;
    assert!(page.body.contains("Flens kommun"));
    assert!(page.body.contains("Katrineholms kommun"));
    assert!(
        !page.body.contains("larm@katrineholm.se"),
        "contacts are for signed-in staff"
    );
    let signed_in = flen.get(&app.url(&url)).await;
    assert!(signed_in.body.contains("larm@katrineholm.se"));
    assert!(
        !page.body.contains("Uppsala kommun"),
        "Uppsala recorded nothing"
    );
    assert!(!page.body.contains("Nyköpings kommun"));

    // The catalogue is searchable, with the organisations using an entry as a facet.
    app.indexed().await;
    let found = app.search("q=nattillsyn&kind=teknik").await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["url"], url.as_str());
    let mut using = facet_values(&found, "participant");
    using.sort();
    assert_eq!(using, ["0482", "0483"]);

    // A trial of the entry shows on its page, and its spread in the overview.
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Kameratest", "technology": "Kamera", "target_group": "lss",
                    "lead": "0482", "technology_entry": slug}),
            true,
        )
        .await;
    assert_eq!(status, 201);
    let page = Browser::new().get(&app.url(&url)).await;
    assert!(page.body.contains("Kameratest"), "{}", page.body);
    let (_, overview) = app.get_json("/api/v1/overview").await;
    let spread = overview["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == "spridning")
        .unwrap()
        .clone();
    assert_eq!(spread["series"], json!(["Testas", "Infört", "Avvecklat"]));
    assert_eq!(
        spread["rows"],
        json!([{"label": "Digital nattillsyn", "values": [0, 2, 0]}])
    );
    let (_, spec) = app.get_json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/technologies/{id}/uses",
        "/api/v1/trials/{id}/indicators",
        "/api/v1/trials/{id}/follow-ups/{months}",
        "/api/v1/overview",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} missing");
    }
}

/// The bytes of a download.
async fn download(app: &TestApp, path: &str) -> (u16, String, Vec<u8>) {
    let mut res = app.client.get(app.url(path)).send().await.unwrap();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = res.body().limit(8 * 1024 * 1024).await.unwrap();
    (res.status().as_u16(), ctype, body.to_vec())
}

/// A CSV file read as Swedish Excel reads it: it must start with the UTF-8 byte order mark
/// (else Excel guesses another encoding), cells are separated by semicolons.
fn as_excel_reads(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the file starts with the UTF-8 byte order mark");
    let text = std::str::from_utf8(text).expect("UTF-8 after the mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Two municipalities followed up their trials of one catalogue technology at 12 and 24
/// months: the steering group sees, per technology, the indicators' change from baseline at
/// both, the share still in use and the effects recorded, in a table and in CSV files that
/// Swedish Excel opens with å, ä and ö intact; one zip holds a CSV per view.
async fn benefit_realisation_and_downloads_open_in_swedish_excel(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2025, 1, 20, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock)
        .start()
        .await;
    let (status, entry) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": "Trygghetskamera på äldreboende", "proximity": "brukarnara"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let entry = entry["slug"].as_str().unwrap().to_owned();
    // (lead, indicator direction, baseline, value at 12 and at 24 months, still in use at 24)
    let followed = [
        ("0482", "lagre", 10.0, 8.0, 6.0, true),
        ("0483", "hogre", 2.0, 2.5, 3.0, false),
    ];
    let mut indicators = Vec::new();
    for (lead, direction, baseline, at_12, at_24, in_use_24) in followed {
        let created = trial(
            &app,
            json!({"title": format!("Trygghetskamera i {lead}"), "technology": "Kamera",
                   "target_group": "sarskilt-boende", "lead": lead, "technology_entry": entry,
                   "starts_on": "2022-06-01", "ends_on": "2023-01-10", "phase": "avslutad"}),
        )
        .await;
        let id = created["id"].as_str().unwrap().to_owned();
        let (status, indicator) = app
            .send_json(
                "POST",
                &format!("/api/v1/trials/{id}/indicators"),
                &json!({"name": "Nattliga besök", "unit": "besök", "direction": direction,
                        "baseline": baseline}),
                true,
            )
            .await;
        assert_eq!(status, 201, "{indicator}");
        let indicator = indicator["id"].as_str().unwrap().to_owned();
        indicators.push((id.clone(), indicator.clone()));
        for (months, value, in_use, effects) in [
            (12, at_12, true, "Färre väckningar, lugnare nätter."),
            (24, at_24, in_use_24, ""),
        ] {
            let (status, recorded) = app
                .send_json(
                    "PUT",
                    &format!("/api/v1/trials/{id}/follow-ups/{months}"),
                    &json!({"values": {indicator.clone(): value}, "effects": effects,
                            "still_in_use": in_use}),
                    true,
                )
                .await;
            assert_eq!(status, 200, "{recorded}");
        }
    }
    // A trial of another technology with nothing recorded is not counted.
    trial(
        &app,
        json!({"title": "Surfplattor", "technology": "Surfplatta", "target_group": "lss",
               "lead": "0480", "ends_on": "2024-12-01", "phase": "avslutad"}),
    )
    .await;

    // Flen lowered its visits by 20 % and then 40 %, Katrineholm raised its score by 25 %
    // and then 50 %: on average 22,5 % and 45 % better; 3 of 4 follow-ups found it in use.
    let (status, overview) = app.get_json("/api/v1/overview").await;
    assert_eq!(status, 200, "{overview}");
    let benefits = overview["benefits"].as_array().unwrap();
    assert_eq!(benefits.len(), 1, "{overview}");
    let b = &benefits[0];
    assert_eq!(b["technology"], "Trygghetskamera på äldreboende");
    assert_eq!(b["organisations"], 2);
    assert_eq!(b["follow_ups"], 4);
    assert!(
        (b["change_12"].as_f64().unwrap() - 22.5).abs() < 1e-9,
        "{b}"
    );
    assert!(
        (b["change_24"].as_f64().unwrap() - 45.0).abs() < 1e-9,
        "{b}"
    );
    assert!(
        (b["still_in_use"].as_f64().unwrap() - 75.0).abs() < 1e-9,
        "{b}"
    );
    assert_eq!(b["effects"], 2);
    let (_, _, page) = app.get("/oversikt").await;
    assert!(
        page.contains(
            "<th scope=\"row\">Trygghetskamera på äldreboende</th><td>2</td><td>4</td>\
             <td>22,5</td><td>45,0</td><td>75,0</td><td>2</td>"
        ),
        "{page}"
    );
    // Only Katrineholm's trial: its own change.
    let (_, one) = app.get_json("/api/v1/overview?organisation=0483").await;
    assert_eq!(one["benefits"][0]["organisations"], 1, "{one}");
    assert!((one["benefits"][0]["change_24"].as_f64().unwrap() - 50.0).abs() < 1e-9);
    // The organisation filter is chosen by name.
    assert!(
        page.contains("<option value=\"0483\">Katrineholms kommun</option>"),
        "{page}"
    );

    // The CSV opens in Swedish Excel as it is: BOM, semicolons, decimal comma, å/ä/ö intact.
    let (status, ctype, bytes) = download(&app, "/oversikt/nyttorealisering.csv").await;
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    let rows = as_excel_reads(&bytes);
    assert_eq!(rows[0][0], "Teknik");
    assert_eq!(
        rows[0][3],
        "Förändring mot utgångsläget efter 12 månader (%)"
    );
    assert_eq!(
        rows[1],
        [
            "Trygghetskamera på äldreboende",
            "2",
            "4",
            "22,5",
            "45,0",
            "75,0",
            "2"
        ]
    );
    let (_, _, comma) = download(&app, "/oversikt/nyttorealisering.csv?sep=komma").await;
    let comma = String::from_utf8(comma).unwrap();
    assert!(
        comma.contains("\nTrygghetskamera på äldreboende,2,4,22.5,45.0,75.0,2\n"),
        "{comma}"
    );
    let (_, _, spread) = download(&app, "/oversikt/spridning.csv").await;
    assert_eq!(as_excel_reads(&spread)[0][0], "Teknikens spridning i länet");

    // One zip holds one CSV per view, each for Excel.
    let (status, ctype, zipped) = download(&app, "/oversikt/alla.zip").await;
    assert_eq!(status, 200);
    assert_eq!(ctype, "application/zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "noden-aktualitet.csv",
            "noden-behov.csv",
            "noden-faser.csv",
            "noden-kategorier.csv",
            "noden-nyttorealisering.csv",
            "noden-organisationer.csv",
            "noden-spridning.csv",
            "noden-uppfoljningar.csv",
            "noden-utfall.csv",
        ]
    );
    let mut inside = Vec::new();
    std::io::Read::read_to_end(
        &mut archive.by_name("noden-nyttorealisering.csv").unwrap(),
        &mut inside,
    )
    .unwrap();
    assert_eq!(inside, bytes, "the same file as on its own");

    // A withdrawn indicator counts nowhere: without Flen's, the change is Katrineholm's alone.
    let (flen_trial, flen_indicator) = &indicators[0];
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/trials/{flen_trial}/indicators/{flen_indicator}"),
            &json!({}),
            true,
        )
        .await;
    assert_eq!(status, 204);
    let (_, after) = app.get_json("/api/v1/overview").await;
    let change_24 = after["benefits"][0]["change_24"].as_f64().unwrap();
    assert!((change_24 - 50.0).abs() < 1e-9, "{after}");
}
