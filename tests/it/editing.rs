//! Fixing a mistake or taking it back (issue 13, point 2): needs, trials and journal entries
//! are edited by those the policy allows, on the pages and through the API; a withdrawn item
//! leaves search, the lists, the overview and its CSV, opens to node staff only, who restore
//! it; an organisation takes back its "Vi har samma behov"; a trial is extended and its
//! follow-ups move with it; needs and trials keep their history with diffs.

use chrono::{TimeZone, Utc};
use noden_portal::audit;
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    a_coordinator_edits_a_need_and_its_history_shows_the_change,
    another_organisation_can_neither_edit_nor_withdraw_a_need,
    a_withdrawn_need_leaves_the_overview_and_its_csv,
    an_extended_trial_moves_its_follow_ups,
    a_journal_entry_is_edited_and_withdrawn_and_goes_with_its_trial,
    an_endorsement_taken_back_leaves_the_needs_count,
    private_needs_stay_private_in_a_trials_history_and_edits_and_staff_restore_them,
);

/// The path of a need or trial page a form redirected to.
fn path_of(location: &Option<String>) -> String {
    let location = location.as_deref().expect("a redirect");
    let path = location
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or(location);
    path.split('#').next().unwrap_or(path).to_owned()
}

/// Raises a need through the form; returns its page's path.
async fn raise_need(user: &SignedIn, title: &str, description: &str) -> String {
    let page = user
        .submit(
            "/behov/ny",
            &[
                ("title", title),
                ("description", description),
                ("target_group", "lss"),
                ("category", ""),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    path_of(&page.location)
}

/// The audit actions recorded so far that start with `prefix`.
async fn audited(app: &TestApp, prefix: &str) -> Vec<String> {
    let filter = audit::Filter {
        action: prefix.to_owned(),
        ..audit::Filter::default()
    };
    let (entries, _) = audit::page(&app.state.db, &filter).await.unwrap();
    entries.into_iter().map(|e| e.action).collect()
}

/// The due days of a trial's two follow-ups.
async fn due(app: &TestApp, slug: &str) -> (Value, Value) {
    let (_, f) = app
        .get_json(&format!("/api/v1/trials/{slug}/follow-ups"))
        .await;
    (
        f["follow_ups"][0]["due_on"].clone(),
        f["follow_ups"][1]["due_on"].clone(),
    )
}

/// How many organisations have the need, as the API says.
async fn sharing(app: &TestApp, id: &str) -> Value {
    let (_, need) = app.get_json(&format!("/api/v1/needs/{id}")).await;
    need["organisations_sharing"].clone()
}

fn titles(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|n| n["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn a_coordinator_edits_a_need_and_its_history_shows_the_change(backend: Backend) {
    let app = TestApp::new(backend).await;
    let coordinator = app.with_user(Role::Coordinator, "0482").await;
    let path = raise_need(
        &coordinator,
        "Larm som väcker grannar",
        "Trygghetslarmen hörs i trapphuset.",
    )
    .await;
    let page = coordinator.get(&path).await;
    assert!(
        page.body.contains(&format!("href=\"{path}/andra\"")),
        "Ändra is offered"
    );

    // The edit form is the new-need form, filled in.
    let form = coordinator.get(&format!("{path}/andra")).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("<h1>Ändra behovet</h1>"));
    assert!(form.body.contains("value=\"Larm som väcker grannar\""));
    assert!(form.body.contains("Trygghetslarmen hörs i trapphuset."));

    // A blank title is refused next to the field, keeping what was typed.
    let refused = coordinator
        .submit(
            &format!("{path}/andra"),
            &[
                ("title", " "),
                ("description", "Larmen hörs i hela huset."),
                ("target_group", "lss"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("id=\"title-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Larmen hörs i hela huset."));

    let saved = coordinator
        .submit(
            &format!("{path}/andra"),
            &[
                ("title", "Tysta nattlarm i gruppbostad"),
                ("description", "Larmen hörs i hela huset."),
                ("target_group", "lss"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let old_path = path;
    let path = path_of(&saved.location);
    assert!(
        path.starts_with("/behov/tysta-nattlarm-i-gruppbostad-"),
        "the address follows the title: {path}"
    );
    assert_eq!(
        coordinator
            .get(&old_path)
            .await
            .location
            .map(|l| path_of(&Some(l))),
        Some(path.clone()),
        "the old address leads there"
    );
    let page = coordinator.get(&path).await;
    assert!(
        page.body.contains("Behovet är sparat"),
        "the save is confirmed"
    );
    assert!(page.body.contains("<h1>Tysta nattlarm i gruppbostad</h1>"));

    // Search and the list know the new title only.
    app.indexed().await;
    assert_eq!(app.search("q=gruppbostad").await["total"], 1);
    assert_eq!(app.search("q=grannar").await["total"], 0);
    let (_, _, list) = app.get("/behov").await;
    assert!(list.contains("Tysta nattlarm i gruppbostad"));
    assert!(!list.contains("Larm som väcker grannar"));

    // The history shows what changed, to anyone who may read the need.
    let (status, _, history) = app.get(&format!("{path}/historik")).await;
    assert_eq!(status, 200);
    assert!(
        history.contains("<del>− # Larm som väcker grannar</del>"),
        "{history}"
    );
    assert!(history.contains("<ins>+ # Tysta nattlarm i gruppbostad</ins>"));
    assert!(history.contains("<del>− Trygghetslarmen hörs i trapphuset.</del>"));
    let id = path.trim_start_matches("/behov/");
    let (status, revisions) = app.get_json(&format!("/api/v1/needs/{id}/revisions")).await;
    assert_eq!(status, 200, "{revisions}");
    assert_eq!(revisions["revisions"].as_array().unwrap().len(), 2);
    assert_eq!(revisions["revisions"][0]["number"], 2);
    assert_eq!(revisions["comparison"]["from"]["number"], 1);
    assert!(
        revisions["comparison"]["lines"]
            .as_array()
            .unwrap()
            .contains(&json!({"change": "added", "text": "# Tysta nattlarm i gruppbostad"})),
        "{revisions}"
    );

    // Through the API: a full replace with the body of POST.
    let (status, need) = coordinator
        .send_json(
            "PUT",
            &format!("/api/v1/needs/{id}"),
            &json!({"title": "Tysta nattlarm", "description": "Larmen hörs i hela huset.",
                    "target_group": "sarskilt-boende", "visibility": "network"}),
        )
        .await;
    assert_eq!(status, 200, "{need}");
    assert_eq!(need["title"], "Tysta nattlarm");
    assert_eq!(need["target_group"], "sarskilt-boende");
    assert_eq!(
        need["organisation"]["code"], "0482",
        "the organisation stays"
    );
    assert_eq!(audited(&app, "need.edit").await.len(), 2);
}

async fn another_organisation_can_neither_edit_nor_withdraw_a_need(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Coordinator, "0482").await;
    let path = raise_need(&flen, "Digitala inköpslistor", "Hemtjänsten handlar.").await;
    let id = path.trim_start_matches("/behov/").to_owned();

    let other = app.with_user(Role::Coordinator, "0483").await;
    let page = other.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains(&format!("{path}/andra")),
        "no Ändra for others"
    );
    assert!(!page.body.contains(&format!("{path}/dra-tillbaka")));
    for form in ["andra", "dra-tillbaka"] {
        let refused = other.get(&format!("{path}/{form}")).await;
        assert_eq!(refused.status, 403, "GET {form}");
    }
    let refused = other
        .submit(
            &format!("{path}/andra"),
            &[
                ("title", "Kapat"),
                ("target_group", "lss"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);
    let refused = other.submit(&format!("{path}/dra-tillbaka"), &[]).await;
    assert_eq!(refused.status, 403);

    let (status, problem) = other
        .send_json(
            "PUT",
            &format!("/api/v1/needs/{id}"),
            &json!({"title": "Kapat", "target_group": "lss"}),
        )
        .await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(problem["status"], 403, "problem+json: {problem}");
    let (status, _) = other
        .send_json("DELETE", &format!("/api/v1/needs/{id}"), &Value::Null)
        .await;
    assert_eq!(status, 403);
    // Restoring is for node staff, even for the need's own organisation.
    let (status, _) = flen
        .send_json("POST", &format!("/api/v1/needs/{id}/restore"), &Value::Null)
        .await;
    assert_eq!(status, 403);

    let (_, need) = app.get_json(&format!("/api/v1/needs/{id}")).await;
    assert_eq!(need["title"], "Digitala inköpslistor", "nothing changed");
    assert!(audited(&app, "need.edit").await.is_empty());
    assert!(audited(&app, "need.withdraw").await.is_empty());
}

async fn a_withdrawn_need_leaves_the_overview_and_its_csv(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Member, "0482").await;
    let path = raise_need(
        &flen,
        "Påminnelser om läkemedel",
        "Många glömmer kvällsdosen.",
    )
    .await;
    let id = path.trim_start_matches("/behov/").to_owned();
    let katrineholm = app.with_user(Role::Member, "0483").await;
    let endorsed = katrineholm
        .submit(&format!("{path}/instam"), &[("note", "Här också.")])
        .await;
    assert_eq!(endorsed.status, 303);
    app.indexed().await;

    let title = "Påminnelser om läkemedel";
    let shown_everywhere = |expected: bool| {
        let app = &app;
        async move {
            assert_eq!(
                app.search("q=kvällsdosen").await["total"],
                u64::from(expected),
                "search"
            );
            let (_, _, list) = app.get("/behov").await;
            assert_eq!(list.contains(title), expected, "/behov");
            let (_, _, overview) = app.get("/oversikt").await;
            assert_eq!(overview.contains(title), expected, "/oversikt");
            let (_, _, csv) = app.get("/oversikt/behov.csv?sep=komma").await;
            assert_eq!(csv.contains(&format!("{title},2")), expected, "CSV: {csv}");
            let (_, api) = app.get_json("/api/v1/needs").await;
            assert_eq!(titles(&api, "needs").contains(&title.to_owned()), expected);
        }
    };
    shown_everywhere(true).await;

    // Flen takes it back, after a confirmation.
    let confirm = flen.get(&format!("{path}/dra-tillbaka")).await;
    assert_eq!(confirm.status, 200);
    assert!(
        confirm.body.contains("Dra tillbaka behovet"),
        "{}",
        confirm.body
    );
    let withdrawn = flen.submit(&format!("{path}/dra-tillbaka"), &[]).await;
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
    assert_eq!(path_of(&withdrawn.location), "/behov");
    assert!(
        flen.get("/behov")
            .await
            .body
            .contains("Behovet är tillbakadraget")
    );
    app.indexed().await;
    shown_everywhere(false).await;

    // Its page is gone for members, visitors and the API, and from the account page.
    assert_eq!(flen.get(&path).await.status, 404);
    assert_eq!(katrineholm.get(&path).await.status, 404);
    assert_eq!(app.get(&path).await.0, 404);
    assert_eq!(app.get_json(&format!("/api/v1/needs/{id}")).await.0, 404);
    assert!(!flen.get("/konto").await.body.contains(title));

    // Node staff see it marked, and bring it back.
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let page = staff.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Tillbakadraget"));
    assert!(page.body.contains(&format!("action=\"{path}/aterstall\"")));
    let restored = staff.submit(&format!("{path}/aterstall"), &[]).await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    assert!(
        staff
            .get(&path)
            .await
            .body
            .contains("Behovet är återställt")
    );
    app.indexed().await;
    shown_everywhere(true).await;
    assert_eq!(flen.get(&path).await.status, 200);

    // Through the API too: DELETE withdraws, staff restore.
    let (status, _) = flen
        .send_json("DELETE", &format!("/api/v1/needs/{id}"), &Value::Null)
        .await;
    assert_eq!(status, 204);
    app.indexed().await;
    assert_eq!(app.search("q=kvällsdosen").await["total"], 0);
    assert_eq!(flen.get_json(&format!("/api/v1/needs/{id}")).await.0, 404);
    let (status, gone) = staff.get_json(&format!("/api/v1/needs/{id}")).await;
    assert_eq!(
        status, 410,
        "the API tells node staff it is withdrawn: {gone}"
    );
    let (status, need) = staff
        .send_json("POST", &format!("/api/v1/needs/{id}/restore"), &Value::Null)
        .await;
    assert_eq!(status, 200, "{need}");
    assert_eq!(need["organisations_sharing"], 2);

    assert_eq!(
        audited(&app, "need.")
            .await
            .iter()
            .filter(|a| a.ends_with("withdraw"))
            .count(),
        2
    );
    assert_eq!(
        audited(&app, "need.")
            .await
            .iter()
            .filter(|a| a.ends_with("restore"))
            .count(),
        2
    );
}

async fn an_extended_trial_moves_its_follow_ups(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2025, 1, 15, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock)
        .start()
        .await;
    let lead = app.with_user(Role::Coordinator, "0482").await;
    let (status, trial) = lead
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i Flen", "technology": "Nattkamera",
                    "target_group": "ordinart-boende", "participants": ["0483"],
                    "starts_on": "2024-06-01", "ends_on": "2025-01-15", "phase": "avslutad"}),
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let slug = trial["slug"].as_str().unwrap().to_owned();
    assert_eq!(
        due(&app, &slug).await,
        (json!("2026-01-15"), json!("2027-01-15"))
    );

    // The lead extends the trial on its edit form.
    let path = format!("/tester/{slug}");
    let form = lead.get(&format!("{path}/andra")).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("<h1>Ändra testet</h1>"));
    assert!(
        form.body.contains("value=\"2025-01-15\""),
        "the period is filled in"
    );
    assert!(
        form.body
            .contains("name=\"more_participants\" value=\"Katrineholms kommun\""),
        "so are the participants"
    );
    let saved = lead
        .submit(
            &format!("{path}/andra"),
            &[
                ("title", "Nattkamera i Flen"),
                ("technology", "Nattkamera"),
                ("target_group", "ordinart-boende"),
                ("participants", "0483, 0480"),
                ("starts_on", "2024-06-01"),
                ("ends_on", "2025-06-30"),
                ("visibility", "public"),
                ("lead", "0482"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = lead.get(&path).await;
    assert!(page.body.contains("Testet är sparat"));
    assert!(
        page.body.contains("30 juni 2025"),
        "the new end date is shown"
    );
    assert!(
        page.body.contains("Nyköping"),
        "the new participant is shown"
    );
    assert_eq!(
        due(&app, &slug).await,
        (json!("2026-06-30"), json!("2027-06-30"))
    );

    // An end before the start is refused next to the field, keeping what was typed.
    let refused = lead
        .submit(
            &format!("{path}/andra"),
            &[
                ("title", "Nattkamera i Flen"),
                ("technology", "Nattkamera"),
                ("target_group", "ordinart-boende"),
                ("starts_on", "2024-06-01"),
                ("ends_on", "2024-01-01"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"ends_on-error\""));
    assert!(refused.body.contains("value=\"2024-01-01\""));

    // Through the API, with the body of POST: the phase stays when left out.
    let (status, updated) = lead
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{slug}"),
            &json!({"title": "Nattkamera i Flen", "technology": "Nattkamera",
                    "target_group": "ordinart-boende", "participants": ["0483"],
                    "starts_on": "2024-06-01", "ends_on": "2025-09-30"}),
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["phase"], "avslutad");
    assert_eq!(updated["ends_on"], "2025-09-30");
    assert_eq!(
        due(&app, &slug).await,
        (json!("2026-09-30"), json!("2027-09-30"))
    );

    // The history shows the period moving.
    let (_, history) = app
        .get_json(&format!("/api/v1/trials/{slug}/revisions?fran=1&till=2"))
        .await;
    let lines = history["comparison"]["lines"].as_array().unwrap();
    assert!(
        lines.contains(&json!({"change": "removed", "text": "Slut: 15 januari 2025"})),
        "{history}"
    );
    assert!(
        lines.contains(&json!({"change": "added", "text": "Slut: 30 juni 2025"})),
        "{history}"
    );
    let (status, _, page) = app.get(&format!("{path}/historik")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<ins>+ Slut: 30 september 2025</ins>"),
        "{page}"
    );

    // A participant does not change the trial.
    let partner = app.with_user(Role::Coordinator, "0483").await;
    assert_eq!(partner.get(&format!("{path}/andra")).await.status, 403);
}

async fn a_journal_entry_is_edited_and_withdrawn_and_goes_with_its_trial(backend: Backend) {
    let app = TestApp::new(backend).await;
    let lead = app.with_user(Role::Member, "0482").await;
    let (status, trial) = lead
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Läkemedelsrobot i Flen", "technology": "Läkemedelsrobot",
                    "target_group": "ordinart-boende", "participants": ["0483"],
                    "phase": "pagar"}),
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let slug = trial["slug"].as_str().unwrap().to_owned();
    let path = format!("/tester/{slug}");

    // Katrineholm takes part and writes in the journal.
    let partner = app.with_user(Role::Member, "0483").await;
    let written = partner
        .submit(
            &format!("{path}/journal"),
            &[
                ("entry_type", "hinder"),
                ("text", "Roboten tappar uppkopplingen."),
            ],
        )
        .await;
    assert_eq!(written.status, 303, "{}", written.body);
    let entry = written
        .location
        .as_deref()
        .and_then(|l| l.split("#anteckning-").nth(1))
        .unwrap()
        .to_owned();

    // Its writer changes it.
    let page = partner.get(&path).await;
    assert!(page.body.contains(&format!("{path}/journal/{entry}/andra")));
    let form = partner.get(&format!("{path}/journal/{entry}/andra")).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Roboten tappar uppkopplingen."));
    let saved = partner
        .submit(
            &format!("{path}/journal/{entry}/andra"),
            &[
                ("entry_type", "hinder"),
                ("happened_on", ""),
                ("text", "Roboten tappar wifi-uppkopplingen nattetid."),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = partner.get(&path).await;
    assert!(page.body.contains("Anteckningen är sparad"));
    assert!(page.body.contains("wifi-uppkopplingen nattetid"));
    app.indexed().await;
    assert_eq!(app.search("q=wifi-uppkopplingen").await["total"], 1);

    // An organisation that does not take part may not touch it.
    let outsider = app.with_user(Role::Member, "0480").await;
    assert_eq!(
        outsider
            .get(&format!("{path}/journal/{entry}/andra"))
            .await
            .status,
        403
    );
    let (status, _) = outsider
        .send_json(
            "DELETE",
            &format!("/api/v1/trials/{slug}/journal/{entry}"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 403);

    // Its writer takes it back: it leaves the journal and search.
    let withdrawn = partner
        .submit(&format!("{path}/journal/{entry}/dra-tillbaka"), &[])
        .await;
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
    let page = partner.get(&path).await;
    assert!(page.body.contains("Anteckningen är tillbakadragen"));
    assert!(!page.body.contains("wifi-uppkopplingen"));
    let (_, journal) = app
        .get_json(&format!("/api/v1/trials/{slug}/journal"))
        .await;
    assert_eq!(journal, json!([]));
    app.indexed().await;
    assert_eq!(app.search("q=wifi-uppkopplingen").await["total"], 0);

    // Node staff see it marked, and bring it back.
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let page = staff.get(&path).await;
    assert!(page.body.contains("wifi-uppkopplingen"));
    assert!(page.body.contains("Tillbakadragen"));
    let restored = staff
        .submit(&format!("{path}/journal/{entry}/aterstall"), &[])
        .await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    app.indexed().await;
    assert_eq!(app.search("q=wifi-uppkopplingen").await["total"], 1);

    // The lead withdraws the whole trial: its journal goes with it, and comes back with it.
    let (status, _) = lead
        .send_json("DELETE", &format!("/api/v1/trials/{slug}"), &Value::Null)
        .await;
    assert_eq!(status, 204);
    app.indexed().await;
    assert_eq!(app.search("q=wifi-uppkopplingen").await["total"], 0);
    assert_eq!(app.search("q=läkemedelsrobot").await["total"], 0);
    let (_, list) = app.get_json("/api/v1/trials").await;
    assert!(!titles(&list, "trials").contains(&"Läkemedelsrobot i Flen".to_owned()));
    assert_eq!(partner.get(&path).await.status, 404);
    assert_eq!(app.get_json(&format!("/api/v1/trials/{slug}")).await.0, 404);
    assert!(staff.get(&path).await.body.contains("Tillbakadraget"));
    let (status, trial) = staff
        .send_json(
            "POST",
            &format!("/api/v1/trials/{slug}/restore"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{trial}");
    app.indexed().await;
    assert_eq!(app.search("q=wifi-uppkopplingen").await["total"], 1);

    let actions = audited(&app, "").await;
    for action in [
        "journal_entry.edit",
        "journal_entry.withdraw",
        "journal_entry.restore",
        "trial.withdraw",
        "trial.restore",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

async fn an_endorsement_taken_back_leaves_the_needs_count(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Member, "0482").await;
    let path = raise_need(&flen, "Sensorer mot fall", "Fall nattetid upptäcks sent.").await;
    let id = path.trim_start_matches("/behov/").to_owned();
    let katrineholm = app.with_user(Role::Member, "0483").await;
    let nykoping = app.with_user(Role::Member, "0480").await;
    for user in [&katrineholm, &nykoping] {
        let page = user
            .submit(&format!("{path}/instam"), &[("note", "")])
            .await;
        assert_eq!(page.status, 303);
    }
    assert_eq!(sharing(&app, &id).await, 3);

    // Katrineholm takes back its "Vi har samma behov" on the page.
    let page = katrineholm.get(&path).await;
    assert!(page.body.contains("Ta tillbaka att vi har samma behov"));
    let taken = katrineholm
        .submit(&format!("{path}/instam/dra-tillbaka"), &[])
        .await;
    assert_eq!(taken.status, 303, "{}", taken.body);
    let page = katrineholm.get(&path).await;
    assert!(
        page.body
            .contains("Ni har tagit tillbaka att ni har samma behov")
    );
    assert!(
        page.body.contains("<dd>2 organisationer</dd>"),
        "{}",
        page.body
    );
    assert_eq!(sharing(&app, &id).await, 2);

    // Nobody takes it back for another organisation; Nyköping does so through the API.
    let (status, _) = katrineholm
        .send_json(
            "DELETE",
            &format!("/api/v1/needs/{id}/endorsements/0480"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = nykoping
        .send_json(
            "DELETE",
            &format!("/api/v1/needs/{id}/endorsements/0480"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(sharing(&app, &id).await, 1);
    let (_, _, csv) = app.get("/oversikt/behov.csv?sep=komma").await;
    assert!(csv.contains("Sensorer mot fall,1"), "{csv}");

    // Saying it again brings it back.
    let page = katrineholm
        .submit(&format!("{path}/instam"), &[("note", "Ändå.")])
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(sharing(&app, &id).await, 2);
    assert_eq!(audited(&app, "endorsement.withdraw").await.len(), 2);
}

/// An organisation's own need answered by a public trial: the trial's history names only the
/// needs anyone may read; the trial's lead, who cannot see the need, edits the trial without
/// dropping it; and when its organisation withdraws it, node staff can bring it back as the
/// confirmation promised.
async fn private_needs_stay_private_in_a_trials_history_and_edits_and_staff_restore_them(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Member, "0482").await;
    let private = flen
        .submit(
            "/behov/ny",
            &[
                ("title", "Oro nattetid i gruppbostaden"),
                ("description", "Personalen hinner inte."),
                ("target_group", "lss"),
                ("category", ""),
                ("visibility", "organisation"),
            ],
        )
        .await;
    assert_eq!(private.status, 303, "{}", private.body);
    let private_path = path_of(&private.location);
    let private_slug = private_path.trim_start_matches("/behov/").to_owned();
    let open_path = raise_need(&flen, "Färre nattliga besök", "Besöken väcker.").await;
    let open_slug = open_path.trim_start_matches("/behov/").to_owned();
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i gruppbostad", "technology": "Nattkamera",
                    "target_group": "lss", "lead": "0483", "visibility": "public",
                    "needs": [private_slug, open_slug]}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let slug = trial["slug"].as_str().unwrap().to_owned();

    // Katrineholm leads the trial but cannot see Flen's own need; its edit keeps the link.
    let katrineholm = app.with_user(Role::Member, "0483").await;
    let (status, edited) = katrineholm
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{slug}"),
            &json!({"title": "Nattkamera i gruppbostaden", "technology": "Nattkamera",
                    "target_group": "lss", "lead": "0483", "visibility": "public",
                    "needs": [open_slug]}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    let slug = edited["slug"].as_str().unwrap().to_owned();
    let (_, as_flen) = flen.get_json(&format!("/api/v1/trials/{slug}")).await;
    assert_eq!(
        titles(&as_flen, "needs").len(),
        2,
        "Flen still sees both needs answered: {as_flen}"
    );

    // The history, open to anyone as the trial is, compares the two versions.
    let (status, _, history) = app.get(&format!("/tester/{slug}/historik")).await;
    assert_eq!(status, 200);
    assert!(history.contains("Färre nattliga besök"), "{history}");
    assert!(!history.contains("Oro nattetid"), "{history}");
    assert!(
        history.contains("1 behov som inte är öppna för alla"),
        "{history}"
    );

    // Flen withdraws its need; node staff of another organisation restore it.
    let withdrawn = flen
        .submit(&format!("{private_path}/dra-tillbaka"), &[])
        .await;
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
    assert_eq!(flen.get(&private_path).await.status, 404);
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let page = staff.get(&private_path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let restored = staff
        .submit(&format!("{private_path}/aterstall"), &[])
        .await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    assert_eq!(flen.get(&private_path).await.status, 200);
}
