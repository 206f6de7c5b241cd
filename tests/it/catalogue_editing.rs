//! Fixing a mistake or taking it back in the catalogue (issue 13, points 2 and 11): node staff
//! edit an entry and its history shows what changed; a withdrawn entry leaves the catalogue,
//! search, the trial form's choices and the overview until staff restore it; an organisation
//! withdraws its own use (and no other's); a trial's lead edits and withdraws an indicator,
//! and the indicator form keeps what was typed when it has errors; a draft report is edited
//! and deleted by its writers; a member proposes an entry that staff approve or decline, and
//! the proposer hears of it by e-mail.

use noden_portal::auth::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    staff_edit_an_entry_its_history_shows_the_change_and_search_finds_the_new_name,
    a_withdrawn_entry_leaves_catalogue_search_choices_and_overview_until_restored,
    an_organisation_withdraws_its_own_use_but_not_another_organisations,
    the_use_form_with_a_bad_date_keeps_the_typed_values_and_shows_the_error_by_the_field,
    the_indicator_form_with_a_bad_baseline_keeps_the_typed_values_and_shows_the_error_by_the_field,
    an_indicator_edited_then_withdrawn_leaves_the_trial_and_its_follow_up_form,
    a_draft_report_is_edited_then_deleted_by_its_writers_organisation,
    a_member_proposes_an_entry_that_staff_approve_or_decline_and_the_proposer_is_told,
);

/// Adds an entry through the API (node staff's token); answers its view.
async fn entry(app: &TestApp, name: &str) -> Value {
    let (status, entry) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": name, "proximity": "brukarnara", "category": "digital-tillsyn",
                    "supplier": "Leverantören AB", "standards": ["SCAIP"],
                    "description": "Kamera i stället för besök på natten."}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    entry
}

/// Where a redirect leads, as a path on the portal.
fn location(app: &TestApp, page: &crate::browser::Page) -> String {
    location_of(app, page.location.as_deref().expect("a redirect"))
}

/// `location` as a path on the portal.
fn location_of(app: &TestApp, location: &str) -> String {
    location
        .strip_prefix(app.base.trim_end_matches('/'))
        .unwrap_or(location)
        .to_owned()
}

/// The audit actions recorded on `target`, oldest first.
async fn audited(app: &TestApp, target: &str) -> Vec<String> {
    noden_portal::audit::entity::Entity::find()
        .filter(noden_portal::audit::entity::Column::Target.eq(target))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect()
}

/// The labels of the overview's spread of technologies.
async fn spread(app: &TestApp) -> Vec<String> {
    let (status, overview) = app.get_json("/api/v1/overview").await;
    assert_eq!(status, 200, "{overview}");
    overview["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == "spridning")
        .unwrap()["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap().to_owned())
        .collect()
}

async fn staff_edit_an_entry_its_history_shows_the_change_and_search_finds_the_new_name(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let admin = app.with_user(Role::NodeAdmin, "0480").await;
    let member = app.with_user(Role::Member, "0482").await;

    // Staff add an entry on the page, then correct its name and supplier.
    let added = admin
        .submit(
            "/teknik/ny",
            &[
                ("name", "Nattkamera Alfa"),
                ("proximity", "brukarnara"),
                ("category", "digital-tillsyn"),
                ("supplier", "Kamerabolaget AB"),
                ("standards", "SCAIP"),
                ("description", "Tillsyn med kamera."),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let url = location(&app, &added);
    let page = admin.get(&url).await;
    assert!(page.body.contains("Ändra"), "{}", page.body);
    let form = admin.get(&format!("{url}/andra")).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("value=\"Nattkamera Alfa\""),
        "pre-filled"
    );
    assert!(form.body.contains("value=\"Kamerabolaget AB\""));
    assert_eq!(
        member.get(&format!("{url}/andra")).await.status,
        403,
        "a member does not edit the catalogue"
    );

    // A mistake is shown by the field, with what was typed kept.
    let refused = admin
        .submit(
            &format!("{url}/andra"),
            &[
                ("name", "   "),
                ("proximity", "brukarnara"),
                ("supplier", "Nattbolaget AB"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("id=\"name-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Namn: "), "{}", refused.body);
    assert!(refused.body.contains("value=\"Nattbolaget AB\""));

    let saved = admin
        .submit(
            &format!("{url}/andra"),
            &[
                ("name", "Nattkamera Beta"),
                ("proximity", "brukarnara"),
                ("category", "digital-tillsyn"),
                ("supplier", "Nattbolaget AB"),
                ("standards", "SCAIP"),
                ("description", "Tillsyn med kamera."),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let old_url = url;
    let url = location(&app, &saved);
    assert!(
        url.starts_with("/teknik/nattkamera-beta-"),
        "the address follows the name: {url}"
    );
    assert_eq!(
        admin
            .get(&old_url)
            .await
            .location
            .map(|l| location_of(&app, &l)),
        Some(url.clone()),
        "the old address leads there"
    );
    let page = admin.get(&url).await;
    assert!(page.body.contains("Tekniken är sparad"), "the confirmation");
    assert!(page.body.contains("<h1>Nattkamera Beta</h1>"));

    // The history shows what changed, on the page and in the API.
    let history = app.get(&format!("{url}/historik")).await;
    assert_eq!(history.0, 200);
    assert!(
        history.2.contains("<del>− # Nattkamera Alfa</del>"),
        "{}",
        history.2
    );
    assert!(history.2.contains("<ins>+ # Nattkamera Beta</ins>"));
    assert!(
        history
            .2
            .contains("<del>− Leverantör: Kamerabolaget AB</del>")
    );
    let slug = url.trim_start_matches("/teknik/");
    let (status, revisions) = app
        .get_json(&format!("/api/v1/technologies/{slug}/revisions"))
        .await;
    assert_eq!(status, 200, "{revisions}");
    assert_eq!(revisions["revisions"].as_array().unwrap().len(), 2);
    let lines = revisions["comparison"]["lines"].as_array().unwrap();
    assert!(lines.contains(&json!({"change": "added", "text": "Leverantör: Nattbolaget AB"})));

    // Search finds the new name, not the old.
    app.indexed().await;
    assert_eq!(app.search("q=beta").await["hits"][0]["url"], url.as_str());
    assert_eq!(app.search("q=alfa").await["total"], 0);

    // The API replaces an entry too (node staff), and refuses a member.
    let (status, view) = app
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{slug}"),
            &json!({"name": "Nattkamera Gamma", "proximity": "processnara"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["proximity"], "processnara");
    let (status, _) = member
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{slug}"),
            &json!({"name": "Min teknik", "proximity": "brukarnara"}),
        )
        .await;
    assert_eq!(status, 403);
    let id = view["id"].as_str().unwrap();
    assert_eq!(
        audited(&app, &format!("technology:{id}")).await,
        [
            "technology.create",
            "technology.update",
            "technology.update"
        ]
    );
}

async fn a_withdrawn_entry_leaves_catalogue_search_choices_and_overview_until_restored(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let admin = app.with_user(Role::NodeAdmin, "0480").await;
    let member = app.with_user(Role::Member, "0482").await;
    let created = entry(&app, "Läkemedelsrobot Omega").await;
    let url = created["url"].as_str().unwrap().to_owned();
    let slug = created["slug"].as_str().unwrap().to_owned();
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, _) = member
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{slug}/uses"),
            &json!({"status": "infort", "since": "2024-01-10"}),
        )
        .await;
    assert_eq!(status, 200);

    let everywhere = async |shown: bool| {
        app.indexed().await;
        let catalogue = app.get("/teknik").await.2;
        assert_eq!(
            catalogue.contains("Läkemedelsrobot Omega"),
            shown,
            "/teknik"
        );
        let (_, list) = app.get_json("/api/v1/technologies").await;
        assert_eq!(
            list["technologies"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["id"] == id.as_str()),
            shown,
            "the API list"
        );
        assert_eq!(
            app.search("q=omega").await["total"],
            u64::from(shown),
            "search"
        );
        let choices = member.get("/tester/ny").await.body;
        assert_eq!(
            choices.contains(&format!("value=\"{slug}\"")),
            shown,
            "the trial form's choices"
        );
        assert_eq!(
            spread(&app)
                .await
                .contains(&"Läkemedelsrobot Omega".to_owned()),
            shown,
            "the overview's spread"
        );
        let csv = app.get("/oversikt/spridning.csv").await;
        assert_eq!(csv.0, 200);
        assert_eq!(csv.2.contains("Läkemedelsrobot Omega"), shown, "the CSV");
    };
    everywhere(true).await;

    // Staff withdraw it after confirming, on the page.
    let page = admin.get(&url).await;
    assert!(page.body.contains(&format!("{url}/dra-tillbaka")));
    let confirm = admin.get(&format!("{url}/dra-tillbaka")).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("Ja, dra tillbaka tekniken"));
    assert_eq!(
        member
            .submit(&format!("{url}/dra-tillbaka"), &[])
            .await
            .status,
        403
    );
    let done = admin.submit(&format!("{url}/dra-tillbaka"), &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(
        admin
            .get("/teknik")
            .await
            .body
            .contains("Tekniken är tillbakadragen")
    );
    everywhere(false).await;

    // Its page is gone for all but node staff, who may restore it.
    assert_eq!(app.get(&url).await.0, 404);
    assert_eq!(member.get(&url).await.status, 404);
    assert_eq!(
        app.get_json(&format!("/api/v1/technologies/{id}")).await.0,
        404
    );
    assert_eq!(
        admin
            .get_json(&format!("/api/v1/technologies/{id}"))
            .await
            .0,
        410,
        "gone, to those who may restore it"
    );
    let staff_page = admin.get(&url).await;
    assert_eq!(staff_page.status, 200);
    assert!(staff_page.body.contains("Tillbakadragen"));
    assert!(staff_page.body.contains("Återställ"));
    let (status, refused) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Robot i Flen", "technology": "Robot", "target_group": "lss",
                    "lead": "0482", "technology_entry": slug}),
            true,
        )
        .await;
    assert_eq!(status, 422, "a withdrawn entry is no choice: {refused}");

    let restored = admin.submit(&format!("{url}/aterstall"), &[]).await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    everywhere(true).await;

    // The API withdraws and restores as well.
    let (status, _) = member
        .send_json(
            "DELETE",
            &format!("/api/v1/technologies/{id}"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/technologies/{id}"),
            &Value::Null,
            true,
        )
        .await;
    assert_eq!(status, 204);
    everywhere(false).await;
    // Withdrawn, it is not changed until it is restored.
    let (status, refused) = app
        .send_json(
            "PATCH",
            &format!("/api/v1/technologies/{id}"),
            &serde_json::json!({"supplier": "Någon annan"}),
            true,
        )
        .await;
    assert_eq!(status, 409, "{refused}");
    let (status, back) = app
        .send_json(
            "POST",
            &format!("/api/v1/technologies/{id}/restore"),
            &Value::Null,
            true,
        )
        .await;
    assert_eq!(status, 200, "{back}");
    assert_eq!(back["withdrawn_at"], Value::Null);
    everywhere(true).await;
    assert_eq!(
        audited(&app, &format!("technology:{id}")).await,
        [
            "technology.create",
            "technology.use",
            "technology.withdraw",
            "technology.restore",
            "technology.withdraw",
            "technology.restore"
        ]
    );
}

async fn an_organisation_withdraws_its_own_use_but_not_another_organisations(backend: Backend) {
    let app = TestApp::new(backend).await;
    let created = entry(&app, "Digital nyckel").await;
    let url = created["url"].as_str().unwrap().to_owned();
    let slug = created["slug"].as_str().unwrap().to_owned();
    let flen = app.with_user(Role::Member, "0482").await;
    let katrineholm = app.with_user(Role::Member, "0483").await;
    for user in [&flen, &katrineholm] {
        let (status, _) = user
            .send_json(
                "PUT",
                &format!("/api/v1/technologies/{slug}/uses"),
                &json!({"status": "test", "product": "Nyckel X"}),
            )
            .await;
        assert_eq!(status, 200);
    }
    let users = async || -> Vec<String> {
        let (_, view) = app.get_json(&format!("/api/v1/technologies/{slug}")).await;
        view["uses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["organisation"]["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(users().await, ["0482", "0483"]);

    // Katrineholm cannot take back Flen's use.
    let (status, refused) = katrineholm
        .send_json(
            "DELETE",
            &format!("/api/v1/technologies/{slug}/uses/0482"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(users().await, ["0482", "0483"]);

    // Flen takes back its own on the page, behind a confirmation.
    let page = flen.get(&url).await;
    assert!(page.body.contains("Dra tillbaka er användning"));
    let done = flen
        .submit(&format!("{url}/anvandning/dra-tillbaka"), &[])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(users().await, ["0483"]);
    let again = flen
        .submit(&format!("{url}/anvandning/dra-tillbaka"), &[])
        .await;
    assert_eq!(again.status, 404, "nothing left to withdraw");

    // Node staff may bring it back; Katrineholm may not.
    let (status, _) = katrineholm
        .send_json(
            "POST",
            &format!("/api/v1/technologies/{slug}/uses/0482/restore"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 403);
    let admin = app.with_user(Role::NodeAdmin, "0480").await;
    let staff_page = admin.get(&url).await;
    assert!(staff_page.body.contains("Tillbakadragen användning"));
    let restored = admin
        .submit(&format!("{url}/anvandning/0482/aterstall"), &[])
        .await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    assert_eq!(users().await, ["0482", "0483"]);

    // Katrineholm takes back its own through the API.
    let (status, _) = katrineholm
        .send_json(
            "DELETE",
            &format!("/api/v1/technologies/{slug}/uses/0483"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(users().await, ["0482"]);
    let id = created["id"].as_str().unwrap();
    let trail = audited(&app, &format!("technology:{id}")).await;
    let count = |action: &str| trail.iter().filter(|a| *a == action).count();
    assert_eq!(count("technology_use.withdraw"), 2);
    assert_eq!(count("technology_use.restore"), 1);
}

async fn the_use_form_with_a_bad_date_keeps_the_typed_values_and_shows_the_error_by_the_field(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let created = entry(&app, "Trygghetslarm Delta").await;
    let url = created["url"].as_str().unwrap().to_owned();
    let flen = app.with_user(Role::Member, "0482").await;
    let page = flen.get(&url).await;
    assert!(page.body.contains("Status (obligatoriskt)"));
    assert!(
        page.body.contains(">Infört</option>"),
        "choices by their labels"
    );
    let refused = flen
        .submit(
            &format!("{url}/anvandning"),
            &[
                ("status", "infort"),
                ("since", "i fjol"),
                ("product", "Larm Delta 2"),
                ("contact", "larm@flen.se"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"use-since-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Sedan: Ange datumet som ÅÅÅÅ-MM-DD."));
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(refused.body.contains("value=\"i fjol\""));
    assert!(refused.body.contains("value=\"Larm Delta 2\""));
    assert!(refused.body.contains("value=\"larm@flen.se\""));
    assert!(refused.body.contains("value=\"infort\" selected"));
    assert!(!refused.body.contains("Felkod"));
    let saved = flen
        .submit(
            &format!("{url}/anvandning"),
            &[("status", "infort"), ("since", "2024-05-01")],
        )
        .await;
    assert_eq!(saved.status, 303);
}

/// A trial led by Flen that ended long ago (its follow-ups are due), and its slug.
async fn ended_trial(app: &TestApp) -> String {
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i Flen", "technology": "Nattkamera",
                    "target_group": "ordinart-boende", "lead": "0482",
                    "starts_on": "2022-01-10", "ends_on": "2023-01-10", "phase": "avslutad"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    trial["slug"].as_str().unwrap().to_owned()
}

async fn the_indicator_form_with_a_bad_baseline_keeps_the_typed_values_and_shows_the_error_by_the_field(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let slug = ended_trial(&app).await;
    let lead = app.with_user(Role::Member, "0482").await;
    let page = lead.get(&format!("/tester/{slug}")).await;
    assert!(page.body.contains("Utgångsvärde (obligatoriskt)"));
    assert!(page.body.contains(">Lägre är bättre</option>"));
    let refused = lead
        .submit(
            &format!("/tester/{slug}/indikatorer"),
            &[
                ("name", "Nattliga besök per vecka"),
                ("unit", "besök"),
                ("direction", "lagre"),
                ("baseline", "fjorton"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(!refused.body.contains("Felkod"));
    assert!(
        refused.body.contains("id=\"ind-baseline-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("Utgångsvärde: Ange utgångsvärdet som ett tal, t.ex. 12 eller 3,5.")
    );
    assert!(
        refused.body.contains("href=\"#ind-baseline\""),
        "the summary links to the field"
    );
    assert!(refused.body.contains("value=\"Nattliga besök per vecka\""));
    assert!(refused.body.contains("value=\"besök\""));
    assert!(refused.body.contains("value=\"fjorton\""));
    assert!(refused.body.contains("value=\"lagre\" selected"));
    let (_, follow_ups) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    assert!(follow_ups["indicators"].as_array().unwrap().is_empty());

    // Typed the Swedish way, it is saved.
    let saved = lead
        .submit(
            &format!("/tester/{slug}/indikatorer"),
            &[
                ("name", "Nattliga besök per vecka"),
                ("unit", "besök"),
                ("direction", "lagre"),
                ("baseline", "14,5"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let (_, follow_ups) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    assert_eq!(follow_ups["indicators"][0]["baseline"], 14.5);
}

async fn an_indicator_edited_then_withdrawn_leaves_the_trial_and_its_follow_up_form(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let slug = ended_trial(&app).await;
    let lead = app.with_user(Role::Member, "0482").await;
    let other = app.with_user(Role::Member, "0483").await;
    let (status, indicator) = lead
        .send_json(
            "POST",
            &format!("/api/v1/trials/{slug}/indicators"),
            &json!({"name": "Larm per natt", "unit": "larm", "direction": "lagre",
                    "baseline": 6}),
        )
        .await;
    assert_eq!(status, 201, "{indicator}");
    let id = indicator["id"].as_str().unwrap().to_owned();
    let edit = format!("/tester/{slug}/indikatorer/{id}/andra");

    // The lead edits it on its own page, pre-filled; another organisation may not.
    let trial_page = lead.get(&format!("/tester/{slug}")).await;
    assert!(trial_page.body.contains(&edit), "{}", trial_page.body);
    let form = lead.get(&edit).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("value=\"Larm per natt\""));
    assert!(form.body.contains("value=\"6\""));
    assert_eq!(other.get(&edit).await.status, 403);
    let refused = lead
        .submit(
            &edit,
            &[
                ("name", ""),
                ("unit", "larm"),
                ("direction", "lagre"),
                ("baseline", "5"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"ind-name-error\""));
    assert!(refused.body.contains("value=\"5\""));
    let saved = lead
        .submit(
            &edit,
            &[
                ("name", "Larm per natt och brukare"),
                ("unit", "larm"),
                ("direction", "lagre"),
                ("baseline", "5,5"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let (_, follow_ups) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    assert_eq!(
        follow_ups["indicators"][0]["name"],
        "Larm per natt och brukare"
    );
    assert_eq!(follow_ups["indicators"][0]["baseline"], 5.5);

    // The API edits it too, and refuses another organisation and a bad direction.
    let api = format!("/api/v1/trials/{slug}/indicators/{id}");
    let (status, _) = other
        .send_json(
            "PUT",
            &api,
            &json!({"name": "X", "direction": "lagre", "baseline": 1}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, problem) = lead
        .send_json(
            "PUT",
            &api,
            &json!({"name": "Larm", "direction": "sidled", "baseline": 1}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "direction");
    let (status, view) = lead
        .send_json(
            "PUT",
            &api,
            &json!({"name": "Larm per natt", "unit": "larm", "direction": "lagre",
                    "baseline": 6}),
        )
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["name"], "Larm per natt");

    // Withdrawn, it leaves the trial page and the follow-up form.
    let page = lead.get(&format!("/tester/{slug}")).await;
    assert!(
        page.body.contains(&format!("name=\"varde_{id}\"")),
        "in the form before"
    );
    let done = lead
        .submit(
            &format!("/tester/{slug}/indikatorer/{id}/dra-tillbaka"),
            &[],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = lead.get(&format!("/tester/{slug}")).await;
    assert!(page.body.contains("Indikatorn är tillbakadragen"));
    assert!(!page.body.contains(&format!("name=\"varde_{id}\"")));
    assert!(!page.body.contains("Larm per natt"));
    let (_, follow_ups) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    assert!(follow_ups["indicators"].as_array().unwrap().is_empty());
    let (status, problem) = lead
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{slug}/follow-ups/12"),
            &json!({"values": {id.clone(): 4}, "still_in_use": true}),
        )
        .await;
    assert_eq!(
        status, 422,
        "a withdrawn indicator takes no value: {problem}"
    );
    let (status, _) = lead.send_json("DELETE", &api, &Value::Null).await;
    assert_eq!(status, 404, "already withdrawn");
    assert_eq!(lead.get(&edit).await.status, 404);

    // Node staff may bring it back; the lead may not.
    assert!(!page.body.contains("Tillbakadragna indikatorer"));
    let (status, _) = lead
        .send_json("POST", &format!("{api}/restore"), &Value::Null)
        .await;
    assert_eq!(status, 403);
    let admin = app.with_user(Role::NodeAdmin, "0480").await;
    let staff_page = admin.get(&format!("/tester/{slug}")).await;
    assert!(staff_page.body.contains("Tillbakadragna indikatorer"));
    let restored = admin
        .submit(&format!("/tester/{slug}/indikatorer/{id}/aterstall"), &[])
        .await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    let (_, follow_ups) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    assert_eq!(follow_ups["indicators"][0]["name"], "Larm per natt");
    // Restoring it again leaves it as it is; an indicator that never was is not found.
    let (status, again) = admin
        .send_json("POST", &format!("{api}/restore"), &Value::Null)
        .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["name"], "Larm per natt");
    let (status, _) = admin
        .send_json(
            "POST",
            &format!(
                "/api/v1/trials/{slug}/indicators/{}/restore",
                uuid::Uuid::now_v7()
            ),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 404);
}

async fn a_draft_report_is_edited_then_deleted_by_its_writers_organisation(backend: Backend) {
    let app = TestApp::new(backend).await;
    let writer = app.with_user(Role::Member, "0482").await;
    let other = app.with_user(Role::Member, "0483").await;
    let draft = async |title: &str| -> Value {
        let (status, report) = writer
            .send_json(
                "POST",
                "/api/v1/reports",
                &json!({"title": title, "summary": "Vad vi lärde oss.", "body": "Text.",
                        "organisation": "0482"}),
            )
            .await;
        assert_eq!(status, 201, "{report}");
        assert_eq!(report["status"], "utkast");
        report
    };
    let first = draft("Utkast om tillsyn").await;
    let id = first["id"].as_str().unwrap().to_owned();

    // Edited through the API, the draft shows its new title on /konto.
    let (status, edited) = writer
        .send_json(
            "PUT",
            &format!("/api/v1/reports/{id}"),
            &json!({"title": "Utkast om nattlig tillsyn", "body": "Ny text.",
                    "organisation": "0482"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    let url = edited["url"].as_str().unwrap().to_owned();
    assert!(
        writer
            .get("/konto")
            .await
            .body
            .contains("Utkast om nattlig tillsyn")
    );

    // Another organisation cannot delete it; its writer deletes it from the page.
    let (status, _) = other
        .send_json("DELETE", &format!("/api/v1/reports/{id}"), &Value::Null)
        .await;
    assert_eq!(status, 404, "another organisation does not see the draft");
    let page = writer.get(&url).await;
    assert!(page.body.contains("Ta bort utkastet"), "{}", page.body);
    let done = writer.submit(&format!("{url}/ta-bort"), &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(location(&app, &done), "/konto");
    let account = writer.get("/konto").await;
    assert!(account.body.contains("Utkastet är borttaget"));
    assert!(!account.body.contains("Utkast om nattlig tillsyn"));
    assert_eq!(
        writer.get_json(&format!("/api/v1/reports/{id}")).await.0,
        404
    );
    assert_eq!(writer.get(&url).await.status, 404);

    // A second draft goes through the API, by a member of the writers' organisation.
    let second = draft("Utkast om larm").await;
    let second_id = second["id"].as_str().unwrap();
    let (status, _) = writer
        .send_json(
            "DELETE",
            &format!("/api/v1/reports/{second_id}"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 204);
    assert!(!writer.get("/konto").await.body.contains("Utkast om larm"));
    assert_eq!(
        audited(&app, &format!("report:{id}"))
            .await
            .last()
            .map(String::as_str),
        Some("report.delete")
    );
}

async fn a_member_proposes_an_entry_that_staff_approve_or_decline_and_the_proposer_is_told(
    backend: Backend,
) {
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    let member = app.with_user_at("anna@flen.se", Role::Member, "0482").await;
    let admin = app.with_user(Role::NodeAdmin, "0480").await;

    // A member sees the way to propose; a visitor does not.
    assert!(
        member
            .get("/teknik")
            .await
            .body
            .contains("Föreslå en ny teknik")
    );
    assert!(!app.get("/teknik").await.2.contains("Föreslå en ny teknik"));
    assert_eq!(member.get("/teknik/foresla").await.status, 200);
    let refused = member
        .submit(
            "/teknik/foresla",
            &[("name", ""), ("supplier", "Sensorbolaget AB")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"name-error\""));
    assert!(refused.body.contains("id=\"proximity-error\""));
    assert!(refused.body.contains(
        "Brukarnära eller processnära: Välj om tekniken är brukarnära eller processnära."
    ));
    assert!(refused.body.contains("value=\"Sensorbolaget AB\""));

    let propose = async |name: &str| {
        let sent = member
            .submit(
                "/teknik/foresla",
                &[
                    ("name", name),
                    ("proximity", "brukarnara"),
                    ("description", "Sensor som känner av fall."),
                ],
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        assert_eq!(location(&app, &sent), "/teknik");
        let entry = noden_portal::technologies::by_name(&app.state, name)
            .await
            .unwrap()
            .unwrap();
        format!("/teknik/{}", entry.slug)
    };
    let url = propose("Fallsensor Kappa").await;
    assert!(
        member
            .get("/teknik")
            .await
            .body
            .contains("Förslaget är skickat")
    );

    // Not in the catalogue, search or choices until staff approve it.
    app.indexed().await;
    assert!(!app.get("/teknik").await.2.contains("Fallsensor Kappa"));
    assert_eq!(app.search("q=kappa").await["total"], 0);
    assert_eq!(member.get(&url).await.status, 404);
    assert!(
        !member
            .get("/tester/ny")
            .await
            .body
            .contains("Fallsensor Kappa")
    );
    let waiting = admin.get("/teknik").await;
    assert!(
        waiting.body.contains("Förslag som väntar (1)"),
        "{}",
        waiting.body
    );
    assert!(waiting.body.contains(&url));
    let proposal = admin.get(&url).await;
    assert!(proposal.body.contains("Godkänn förslaget"));
    assert_eq!(
        member.submit(&format!("{url}/godkann"), &[]).await.status,
        403
    );

    let approved = admin.submit(&format!("{url}/godkann"), &[]).await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    app.indexed().await;
    assert!(app.get("/teknik").await.2.contains("Fallsensor Kappa"));
    assert_eq!(app.search("q=kappa").await["total"], 1);
    assert_eq!(member.get(&url).await.status, 200);
    let mail = app.mail_to("anna@flen.se").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(
        mail[0].subject,
        "Ditt förslag finns nu i teknikkatalogen: Fallsensor Kappa"
    );
    assert!(mail[0].text.contains(&url));

    // Another is declined with a reason, which the proposer is told.
    let declined_url = propose("Fallsensor Lambda").await;
    let refused = admin
        .submit(&format!("{declined_url}/avboj"), &[("reason", " ")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"reason-error\""));
    assert!(
        refused
            .body
            .contains("Motivering: Skriv varför förslaget avböjs.")
    );
    let declined = admin
        .submit(
            &format!("{declined_url}/avboj"),
            &[("reason", "Finns redan som Fallsensor Kappa.")],
        )
        .await;
    assert_eq!(declined.status, 303, "{}", declined.body);
    app.indexed().await;
    assert!(!app.get("/teknik").await.2.contains("Fallsensor Lambda"));
    assert_eq!(app.search("q=lambda").await["total"], 0);
    assert!(
        !admin
            .get("/teknik")
            .await
            .body
            .contains("Förslag som väntar")
    );
    let mail = app.mail_to("anna@flen.se").await;
    assert_eq!(mail.len(), 2);
    assert!(mail[1].subject.contains("Fallsensor Lambda"));
    assert!(mail[1].text.contains("Finns redan som Fallsensor Kappa."));
    let kappa = noden_portal::technologies::by_name(&app.state, "Fallsensor Kappa")
        .await
        .unwrap()
        .unwrap();
    let lambda = noden_portal::technologies::by_name(&app.state, "Fallsensor Lambda")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        audited(&app, &format!("technology:{}", kappa.id)).await,
        ["technology.propose", "technology.approve"]
    );
    assert_eq!(
        audited(&app, &format!("technology:{}", lambda.id)).await,
        ["technology.propose", "technology.decline"]
    );
}
