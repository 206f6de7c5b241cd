//! Review means review, the story of issue 13: a member's edit of a published report waits
//! for node staff while everyone keeps reading the published version; a trial has one final
//! report, which starts from the trial and which every organisation taking part works on; a
//! trial started from a need starts from that need; node staff hear of what awaits review
//! and a need's owner hears when another organisation shares it.

use chrono::{Duration, TimeZone, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use serde_json::{Value, json};

use crate::browser::{Browser, Page};
use crate::harness::{Backend, TestApp, on_both_backends};
use crate::writing::{field, post};

on_both_backends!(
    a_members_edit_of_a_published_report_stays_unpublished_until_approved,
    a_trial_has_one_final_report_that_starts_from_the_trial_and_all_its_organisations_write,
    a_trial_started_from_a_need_starts_from_the_need_and_its_owner_hears_it_is_shared,
);

/// The path of a 303's Location.
fn location(page: &Page) -> String {
    let url = page.location.clone().expect("a redirect");
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path = url[after_scheme..]
        .find('/')
        .map_or(0, |i| i + after_scheme);
    url[path..].to_owned()
}

const STAFF: &str = "granskare@noden.se";

async fn a_members_edit_of_a_published_report_stays_unpublished_until_approved(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let flen = app.with_user_at("anna@flen.se", Role::Member, "0482").await;
    let staff = app.with_user_at(STAFF, Role::NodeAdmin, "0480").await;

    // Flen writes a report and sends it for review; node staff are told.
    let form = flen.get("/rapporter/ny").await;
    assert!(form.body.contains("Titel (obligatoriskt)"), "{}", form.body);
    let mut fields = vec![
        ("csrf", form.csrf()),
        ("title", "Sängsensorer i Flen".to_owned()),
        ("body", "Sensorerna minskade kvarkbesöken.".to_owned()),
        ("kind", "testrapport".to_owned()),
        ("organisation", "0482".to_owned()),
        ("visibility", "public".to_owned()),
        ("action", "submit".to_owned()),
    ];
    let sent = post(&flen, &app.url("/rapporter/ny"), &fields).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let url = location(&sent).trim_end_matches("#rapport").to_owned();
    assert!(
        sent.headers
            .get("set-cookie")
            .is_some_and(|c| c.contains("granskning")),
        "the writer is told it was sent: {:?}",
        sent.headers
    );
    let told = app.mail_to(STAFF).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].subject.contains("Att granska: Sängsensorer i Flen"));
    assert!(told[0].text.contains(&url), "{}", told[0].text);

    // Sending it back without a comment shows the error at the comment, keeping the text.
    let page = staff.get(&url).await;
    let refused = staff
        .post(
            &app.url(&format!("{url}/granska")),
            &[
                ("csrf", &page.csrf()),
                ("decision", "returnera"),
                ("comment", "   "),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("id=\"comment-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("aria-invalid=\"true\""));
    let refused = staff
        .post(
            &app.url(&format!("{url}/granska")),
            &[
                ("csrf", &page.csrf()),
                ("decision", "returnera"),
                ("comment", "Brukare 19811218-9876 nämns."),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains(">Brukare 19811218-9876 nämns.</textarea>"),
        "the comment typed is kept: {}",
        refused.body
    );
    let published = staff
        .post(
            &app.url(&format!("{url}/granska")),
            &[("csrf", &page.csrf()), ("decision", "publicera")],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    app.indexed().await;
    assert_eq!(app.search("q=kvarkbes%C3%B6ken").await["total"], 1);

    // Flen edits the published report: it waits for review, the published text stays.
    let edit = flen.get(&format!("{url}/redigera")).await;
    assert!(
        edit.body.contains("Skicka ändringen för granskning"),
        "{}",
        edit.body
    );
    field(&mut fields, "csrf", &edit.csrf());
    field(
        &mut fields,
        "body",
        "Sensorerna halverade kvarkväckningarna.",
    );
    field(&mut fields, "action", "save");
    let edited = post(&flen, &app.url(&format!("{url}/redigera")), &fields).await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    for browser in [&Browser::new(), &*staff] {
        let page = browser.get(&app.url(&url)).await;
        assert!(page.body.contains("minskade kvarkbesöken"), "{}", page.body);
    }
    let own = flen.get(&url).await;
    assert!(
        own.body.contains("Din ändring väntar på granskning"),
        "{}",
        own.body
    );
    assert!(
        own.body
            .contains("<ins>+ Sensorerna halverade kvarkväckningarna.</ins>")
    );
    assert!(
        !Browser::new()
            .get(&app.url(&url))
            .await
            .body
            .contains("halverade"),
        "outsiders see nothing of the edit"
    );
    let edit = flen.get(&format!("{url}/redigera")).await;
    assert!(
        edit.body.contains("halverade kvarkväckningarna"),
        "the writer goes on with the edit"
    );
    app.indexed().await;
    assert_eq!(app.search("q=kvarkbes%C3%B6ken").await["total"], 1);
    assert_eq!(app.search("q=kvarkv%C3%A4ckningarna").await["total"], 0);
    let id = noden_portal::reports::by_slug(&app.state.db, url.trim_start_matches("/rapporter/"))
        .await
        .unwrap()
        .expect("the report")
        .id;
    let (_, api) = app.get_json(&format!("/api/v1/reports/{id}")).await;
    assert_eq!(api["body_markdown"], "Sensorerna minskade kvarkbesöken.");
    let told = app.mail_to(STAFF).await;
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(
        told[1]
            .text
            .contains("En ändring av den publicerade rapporten")
    );

    // The review queue shows the edit; node staff approve it and the new text is shown.
    let queue = staff.get("/granskning").await;
    assert!(queue.body.contains("Sängsensorer i Flen"), "{}", queue.body);
    assert!(queue.body.contains("Ändring av publicerad rapport"));
    let page = staff.get(&url).await;
    assert!(page.body.contains("En ändring väntar på granskning"));
    let approved = staff
        .post(
            &app.url(&format!("{url}/granska")),
            &[("csrf", &page.csrf()), ("decision", "publicera")],
        )
        .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    let page = Browser::new().get(&app.url(&url)).await;
    assert!(
        page.body.contains("halverade kvarkväckningarna"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("minskade kvarkbesöken"));
    assert!(!flen.get(&url).await.body.contains("väntar på granskning"));
    assert!(
        !staff.get("/granskning").await.body.contains("Sängsensorer"),
        "nothing waits any more"
    );
    app.indexed().await;
    assert_eq!(app.search("q=kvarkv%C3%A4ckningarna").await["total"], 1);
    let mails = app.mail_to("anna@flen.se").await;
    assert!(
        mails
            .iter()
            .any(|m| m.text.contains("Er ändring av rapporten")),
        "{mails:?}"
    );
    let (_, revisions) = app
        .get_json(&format!("/api/v1/reports/{id}/revisions"))
        .await;
    assert_eq!(revisions.as_array().unwrap().len(), 2, "{revisions}");

    // Node staff edit the published report directly.
    let edit = staff.get(&format!("{url}/redigera")).await;
    field(&mut fields, "csrf", &edit.csrf());
    field(&mut fields, "body", "Nattens väckningar halverades i Flen.");
    let direct = post(&staff, &app.url(&format!("{url}/redigera")), &fields).await;
    assert_eq!(direct.status, 303, "{}", direct.body);
    let page = Browser::new().get(&app.url(&url)).await;
    assert!(page.body.contains("halverades i Flen"), "{}", page.body);
}

async fn a_trial_has_one_final_report_that_starts_from_the_trial_and_all_its_organisations_write(
    backend: Backend,
) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2025, 1, 15, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    // A need Flen raised, answered by a joint trial with Katrineholm that ended today.
    let (status, need) = app
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Färre nattliga tillsynsbesök", "target_group": "ordinart-boende",
                    "organisation": "0482"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{need}");
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i Flen och Katrineholm", "technology": "Nattkamera",
                    "product": "Tillsynskamera X", "supplier": "Leverantören AB",
                    "description": "Kamera i stället för besök nattetid.",
                    "target_group": "ordinart-boende", "lead": "0482", "participants": ["0483"],
                    "starts_on": "2024-06-01", "ends_on": "2025-01-15", "phase": "avslutad",
                    "category": "digital-tillsyn", "visibility": "organisation",
                    "needs": [need["slug"]]}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let slug = trial["slug"].as_str().unwrap().to_owned();
    let trial_url = format!("/tester/{slug}");
    for (entry_type, text) in [
        ("hinder", "Wifi saknas i tre lägenheter."),
        ("mojlighet", "Larmen kan kopplas till kameran."),
        ("beslut", "Kameran används i alla nattpatruller."),
    ] {
        let (status, entry) = app
            .send_json(
                "POST",
                &format!("/api/v1/trials/{slug}/journal"),
                &json!({"entry_type": entry_type, "text": text, "happened_on": "2024-09-01"}),
                true,
            )
            .await;
        assert_eq!(status, 201, "{entry}");
    }
    // An entry written by mistake and withdrawn stays out of the report.
    let (status, mistake) = app
        .send_json(
            "POST",
            &format!("/api/v1/trials/{slug}/journal"),
            &json!({"entry_type": "hinder", "text": "Fel kamera monterades.",
                    "happened_on": "2024-09-02"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{mistake}");
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!(
                "/api/v1/trials/{slug}/journal/{}",
                mistake["id"].as_str().unwrap()
            ),
            &json!({}),
            true,
        )
        .await;
    assert_eq!(status, 204);
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
    clock.advance(Duration::days(366));
    let (status, recorded) = app
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{slug}/follow-ups/12"),
            &json!({"values": {indicator_id: 6.5}, "still_in_use": true}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{recorded}");
    let flen = app.with_user_at("anna@flen.se", Role::Member, "0482").await;
    let katrineholm = app
        .with_user_at("kalle@katrineholm.se", Role::Member, "0483")
        .await;

    // Katrineholm, taking part but not leading, starts the final report: the template is
    // filled in from the trial.
    let page = katrineholm.get(&trial_url).await;
    assert!(page.body.contains("Skriv slutrapporten"), "{}", page.body);
    let template = katrineholm.get(&format!("/rapporter/ny?test={slug}")).await;
    assert_eq!(template.status, 200, "{}", template.body);
    for expected in [
        "**Behov:** Färre nattliga tillsynsbesök",
        "Kamera i stället för besök nattetid.",
        "**Målgrupp:** Äldreomsorg i ordinärt boende",
        "**Kategori:**",
        "**Teknik:** Nattkamera",
        "**Produkt:** Tillsynskamera X",
        "**Leverantör:** Leverantören AB",
        "**Period:** 1 juni 2024 – 15 januari 2025",
        "**Deltagare:** Flens kommun (leder testet), Katrineholms kommun",
        "**Hinder i journalen**",
        "Wifi saknas i tre lägenheter.",
        "**Möjligheter i journalen**",
        "**Beslut i journalen**",
        "**Nattliga besök per brukare och vecka**: utgångsvärde 14 besök; efter 12 månader 6,5 besök (lägre är bättre).",
    ] {
        assert!(
            template.body.contains(expected),
            "{expected}: {}",
            template.body
        );
    }
    // Node staff see the withdrawn entry on the trial page; the template leaves it out.
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let staff_template = staff.get(&format!("/rapporter/ny?test={slug}")).await;
    assert!(
        staff_template
            .body
            .contains("Wifi saknas i tre lägenheter."),
        "{}",
        staff_template.body
    );
    assert!(!staff_template.body.contains("Fel kamera monterades."));
    // Trials and reports share one list of target groups: the trial's is already ticked.
    assert!(
        template
            .body
            .contains(r#"value="ordinart-boende" checked> Äldreomsorg i ordinärt boende"#),
        "{}",
        template.body
    );
    let fields = vec![
        ("csrf", template.csrf()),
        ("title", "Slutrapport: Nattkamera".to_owned()),
        ("kind", "testrapport".to_owned()),
        ("organisation", "0483".to_owned()),
        ("visibility", "public".to_owned()),
        ("template", "slutrapport".to_owned()),
        ("trial", slug.clone()),
        ("sektion_behov", "Nattpatrullen hann inte med.".to_owned()),
        ("action", "save".to_owned()),
    ];
    let saved = post(&katrineholm, &app.url("/rapporter/ny"), &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let report_url = location(&saved).trim_end_matches("#rapport").to_owned();

    // The lead, Flen, opens the same report from the trial and works on it; it stays
    // Katrineholm's report.
    let page = flen.get(&trial_url).await;
    assert!(page.body.contains("Öppna slutrapporten"), "{}", page.body);
    assert!(!page.body.contains("Skriv slutrapporten"));
    let again = flen.get(&format!("/rapporter/ny?test={slug}")).await;
    assert_eq!(again.status, 303, "a second template is not offered");
    assert_eq!(location(&again), report_url);
    assert_eq!(flen.get(&report_url).await.status, 200, "the draft opens");
    let edit = flen.get(&format!("{report_url}/redigera")).await;
    assert_eq!(edit.status, 200, "{}", edit.body);
    let mut fields = fields;
    field(&mut fields, "csrf", &edit.csrf());
    field(
        &mut fields,
        "sektion_ekonomi",
        "Kostnaden tjänas in på ett år.",
    );
    let saved = post(&flen, &app.url(&format!("{report_url}/redigera")), &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let report = katrineholm.get(&report_url).await;
    assert!(
        report.body.contains("Kostnaden tjänas in"),
        "{}",
        report.body
    );
    assert!(report.body.contains("Katrineholms kommun"));
    // Others do not read the draft.
    let uppsala = app.with_user(Role::Member, "0380").await;
    assert_eq!(uppsala.get(&report_url).await.status, 404);

    // A second final report for the trial is refused.
    let (status, problem) = flen
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "En andra slutrapport", "organisation": "0482", "trial": slug}),
        )
        .await;
    assert_eq!(status, 409, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("redan en slutrapport"),
        "{problem}"
    );
    field(&mut fields, "organisation", "0482");
    let refused = post(&flen, &app.url("/rapporter/ny"), &fields).await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(
        refused.body.contains("redan en slutrapport"),
        "{}",
        refused.body
    );
}

async fn a_trial_started_from_a_need_starts_from_the_need_and_its_owner_hears_it_is_shared(
    backend: Backend,
) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let flen = app.with_user_at("anna@flen.se", Role::Member, "0482").await;
    let katrineholm = app
        .with_user_at("kalle@katrineholm.se", Role::Member, "0483")
        .await;
    let vingaker = app
        .with_user_at("vera@vingaker.se", Role::Member, "0428")
        .await;
    app.with_user_at(STAFF, Role::NodeAdmin, "0480").await;

    // Flen raises a need; Katrineholm and Vingåker share it, and Flen hears of it.
    let form = flen.get("/behov/ny").await;
    let raised = flen
        .post(
            &app.url("/behov/ny"),
            &[
                ("csrf", &form.csrf()),
                ("title", "Nattpersonal hinner inte med tillsynsbesöken"),
                ("target_group", "sarskilt-boende"),
                ("category", "digital-tillsyn"),
                ("visibility", "network"),
            ],
        )
        .await;
    assert_eq!(raised.status, 303, "{}", raised.body);
    let need_url = location(&raised);
    let need_slug = need_url
        .trim_start_matches("/behov/")
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    let page = katrineholm.get(&format!("/behov/{need_slug}")).await;
    let refused = katrineholm
        .post(
            &app.url(&format!("/behov/{need_slug}/instam")),
            &[
                ("csrf", &page.csrf()),
                ("note", "Brukare 19811218-9876 också."),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"note-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("value=\"Brukare 19811218-9876 också.\"")
    );
    for (who, note) in [(&katrineholm, "Vi har två nattpatruller."), (&vingaker, "")] {
        let page = who.get(&format!("/behov/{need_slug}")).await;
        let shared = who
            .post(
                &app.url(&format!("/behov/{need_slug}/instam")),
                &[("csrf", &page.csrf()), ("note", note)],
            )
            .await;
        assert_eq!(shared.status, 303, "{}", shared.body);
    }
    let told = app.mail_to("anna@flen.se").await;
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(
        told[0]
            .subject
            .contains("Katrineholms kommun delar ert behov"),
        "{}",
        told[0].subject
    );
    assert!(told[0].text.contains("Vi har två nattpatruller."));
    assert!(told[0].text.contains(&format!("/behov/{need_slug}")));
    assert!(app.mail_to("kalle@katrineholm.se").await.is_empty());

    // Katrineholm starts a trial from the need: it starts from the need.
    let form = katrineholm
        .get(&format!("/tester/ny?behov={need_slug}"))
        .await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains(&format!(
            "<input type=\"checkbox\" name=\"needs\" value=\"{need_slug}\" checked> Nattpersonal hinner inte med tillsynsbesöken"
        )),
        "the need by its title: {}",
        form.body
    );
    assert!(
        !form.body.contains(&format!(">{need_slug}"))
            && !form.body.contains(&format!("value=\"{need_slug},")),
        "never the slug as text"
    );
    assert!(
        form.body
            .contains("<option value=\"sarskilt-boende\" selected>Särskilt boende</option>")
    );
    assert!(
        form.body
            .contains("<option value=\"digital-tillsyn\" selected>")
    );
    for (code, name) in [("0482", "Flens kommun"), ("0428", "Vingåkers kommun")] {
        assert!(
            form.body.contains(&format!(
                "<input type=\"checkbox\" name=\"participants\" value=\"{code}\" checked> {name}"
            )),
            "{name} proposed: {}",
            form.body
        );
    }
    assert!(
        !form.body.contains("name=\"participants\" value=\"0483\""),
        "the lead is not proposed to itself"
    );
    assert!(form.body.contains("Målgrupp (obligatoriskt)"));

    // Without a technology, the error is at the field and what was chosen is kept.
    let fields = [
        ("csrf", form.csrf()),
        ("title", "Nattkamera".to_owned()),
        ("needs", need_slug.clone()),
        ("offered_needs", need_slug.clone()),
        ("participants", "0482".to_owned()),
        ("more_participants", "Nyköpings kommun".to_owned()),
        ("target_group", "sarskilt-boende".to_owned()),
        ("category", "digital-tillsyn".to_owned()),
        ("visibility", "public".to_owned()),
    ];
    let refused = post(&katrineholm, &app.url("/tester/ny"), &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"technology-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Välj tekniken i katalogen"));
    assert!(
        refused
            .body
            .contains("name=\"participants\" value=\"0482\" checked> Flens kommun")
            && refused
                .body
                .contains("name=\"participants\" value=\"0428\"> Vingåkers kommun"),
        "the participants as ticked: {}",
        refused.body
    );
    assert!(refused.body.contains("value=\"Nyköpings kommun\""));
    let mut fields = fields.to_vec();
    fields.push(("technology", "Nattkamera".to_owned()));
    let started = post(&katrineholm, &app.url("/tester/ny"), &fields).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let trial_url = location(&started).trim_end_matches("#test").to_owned();
    let (_, trial): (u16, Value) = katrineholm
        .get_json(&format!(
            "/api/v1/trials/{}",
            trial_url.trim_start_matches("/tester/")
        ))
        .await;
    let participants: Vec<&str> = trial["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(participants.len(), 2, "{trial}");
    assert!(participants.contains(&"0482") && participants.contains(&"0480"));
    assert_eq!(
        trial["needs"][0]["title"],
        "Nattpersonal hinner inte med tillsynsbesöken"
    );
    assert_eq!(trial["target_group"], "sarskilt-boende");
    // The technology the catalogue lacks is proposed to node staff.
    let proposed = app.mail_to(STAFF).await;
    assert_eq!(proposed.len(), 1, "{proposed:?}");
    assert_eq!(
        proposed[0].subject,
        "Förslag till teknikkatalogen: Nattkamera"
    );
}
