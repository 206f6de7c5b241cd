//! Following and notices, issue 15 points 4, 5 and 8: a user follows a technology and hears
//! of its trials in `/notiser` and, at once, by e-mail; stopping ends that. A trial's
//! participants follow it automatically and may stop. The header counts unread notices. The
//! settings page saves a cadence per kind. Outsiders hear nothing of what they may not read.

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    a_follower_of_a_technology_hears_of_its_trials_until_they_stop,
    participants_follow_their_trial_automatically_and_may_stop,
    outsiders_hear_nothing_of_a_trial_they_may_not_read,
    the_settings_page_saves_a_cadence_per_kind,
    the_api_follows_reads_and_sets,
);

const LEAD: &str = "lena@flen.se";
const PARTICIPANT: &str = "kalle@katrineholm.se";
const FOLLOWER: &str = "fia@eskilstuna.se";

/// The path of a 303's Location.
fn location(app: &TestApp, page: &crate::browser::Page) -> String {
    let location = page.location.clone().expect("a redirect");
    location
        .strip_prefix(app.base.trim_end_matches('/'))
        .unwrap_or(&location)
        .to_owned()
}

/// A catalogue entry made by node staff; its id and slug.
async fn technology(app: &TestApp, name: &str) -> (String, String) {
    let (status, entry) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": name, "proximity": "brukarnara", "category": "digital-tillsyn",
                    "supplier": "Leverantören AB",
                    "description": "Kamera i stället för besök på natten."}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    (
        entry["id"].as_str().unwrap().to_owned(),
        entry["slug"].as_str().unwrap().to_owned(),
    )
}

/// A trial led by `lead`'s organisation (Flen), Katrineholm taking part; its id and page.
async fn trial(lead: &SignedIn, entry: &str, visibility: &str) -> (String, String) {
    let (status, trial) = lead
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i Flen", "technology": "Nattkamera",
                    "target_group": "ordinart-boende", "lead": "0482",
                    "participants": ["0483"], "visibility": visibility,
                    "technology_entry": entry}),
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    (
        trial["id"].as_str().unwrap().to_owned(),
        trial["url"].as_str().unwrap().to_owned(),
    )
}

async fn journal(lead: &SignedIn, trial: &str, text: &str) {
    let (status, entry) = lead
        .send_json(
            "POST",
            &format!("/api/v1/trials/{trial}/journal"),
            &json!({"entry_type": "hinder", "text": text}),
        )
        .await;
    assert_eq!(status, 201, "{entry}");
}

/// The unread count the header shows `user`, none when nothing is unread.
async fn header_count(user: &SignedIn) -> Option<u64> {
    let page = user.get("/konto").await;
    assert_eq!(page.status, 200);
    let start = page.body.find("<a href=\"/notiser\">Notiser")?;
    let link = &page.body[start..start + page.body[start..].find("</a>")?];
    let count = link.split("<span class=\"count\">").nth(1)?;
    count.split('<').next()?.parse().ok()
}

async fn notices(user: &SignedIn) -> Value {
    let (status, list) = user.get_json("/api/v1/notifications").await;
    assert_eq!(status, 200, "{list}");
    list
}

async fn a_follower_of_a_technology_hears_of_its_trials_until_they_stop(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let (entry_id, entry_slug) = technology(&app, "Nattkamera").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0482").await;
    let follower = app.with_user_at(FOLLOWER, Role::Member, "0484").await;

    // The entry's page offers "Bevaka" to a signed-in reader, not to a visitor.
    let page = follower.get(&format!("/teknik/{entry_slug}")).await;
    assert!(page.body.contains(">Bevaka<"), "{}", page.body);
    let (_, _, anonymous) = app.get(&format!("/teknik/{entry_slug}")).await;
    assert!(!anonymous.contains(">Bevaka<"));
    let followed = follower
        .submit(
            "/bevakningar",
            &[
                ("topic_kind", "technology"),
                ("topic_id", &entry_id),
                ("tillbaka", &format!("/teknik/{entry_slug}")),
            ],
        )
        .await;
    assert_eq!(followed.status, 303, "{}", followed.body);
    assert_eq!(location(&app, &followed), format!("/teknik/{entry_slug}"));
    let page = follower.get(&format!("/teknik/{entry_slug}")).await;
    assert!(page.body.contains("Du bevakar nu Nattkamera"), "the flash");
    assert!(page.body.contains(">Sluta bevaka<"));
    let list = follower.get("/konto/bevakningar").await;
    assert!(list.body.contains("Nattkamera"), "{}", list.body);
    assert!(list.body.contains("vald av dig"));
    assert_eq!(header_count(&follower).await, None);

    // A public trial of it: its journal reaches the follower, in the app and at once by mail.
    let (trial_id, trial_url) = trial(&lead, &entry_id, "public").await;
    journal(&lead, &trial_id, "Kameran tappar bilden i trapphuset.").await;
    let list = notices(&follower).await;
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["unread"], 1);
    let notice = &list["notifications"][0];
    assert_eq!(
        notice["concerns"], "Nattkamera",
        "grouped under the technology"
    );
    assert_eq!(notice["url"], trial_url.as_str());
    let mail = app.mail_to(FOLLOWER).await;
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert!(
        mail[0]
            .subject
            .contains("Hinder: ny anteckning i Nattkamera i Flen")
    );
    assert!(mail[0].text.contains("Kameran tappar bilden"));
    assert!(
        app.mail_to(LEAD).await.is_empty(),
        "the writer is not told of their own entry"
    );

    // The header counts it; opening it marks it read and leads to the trial.
    assert_eq!(header_count(&follower).await, Some(1));
    let page = follower.get("/notiser").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Oläst"));
    let id = notice["id"].as_str().unwrap();
    let opened = follower.get(&format!("/notiser/{id}")).await;
    assert_eq!(opened.status, 303);
    assert_eq!(location(&app, &opened), trial_url);
    assert_eq!(header_count(&follower).await, None);
    assert_eq!(notices(&follower).await["unread"], 0);
    // Another user cannot open it.
    let other = app.with_user(Role::Member, "0484").await;
    assert_eq!(other.get(&format!("/notiser/{id}")).await.status, 404);

    // "Markera alla som lästa" after two more.
    journal(&lead, &trial_id, "Wifi saknas i två lägenheter.").await;
    journal(&lead, &trial_id, "Leverantören byter router.").await;
    assert_eq!(header_count(&follower).await, Some(2));
    let read = follower.submit("/notiser/lasta", &[]).await;
    assert_eq!(read.status, 303, "{}", read.body);
    assert_eq!(header_count(&follower).await, None);

    // Once they stop following, nothing more reaches them.
    let stopped = follower
        .submit(
            "/bevakningar/sluta",
            &[("topic_kind", "technology"), ("topic_id", &entry_id)],
        )
        .await;
    assert_eq!(stopped.status, 303);
    assert_eq!(location(&app, &stopped), "/konto/bevakningar");
    journal(&lead, &trial_id, "Routern är bytt.").await;
    assert_eq!(notices(&follower).await["total"], 3);
    assert_eq!(app.mail_to(FOLLOWER).await.len(), 3);

    // Nothing unknown or unreadable can be followed.
    let refused = follower
        .submit(
            "/bevakningar",
            &[
                ("topic_kind", "technology"),
                ("topic_id", "0190b7a2-5c1e-7d4e-9a4b-3f2c1d0e9b8a"),
            ],
        )
        .await;
    assert_eq!(refused.status, 404);
    let refused = follower
        .submit(
            "/bevakningar",
            &[("topic_kind", "planet"), ("topic_id", &entry_id)],
        )
        .await;
    assert_eq!(refused.status, 404);
    // Without the form's token nothing happens.
    let forged = follower
        .post(
            "/bevakningar",
            &[("topic_kind", "technology"), ("topic_id", &entry_id)],
        )
        .await;
    assert_eq!(forged.status, 403);
}

async fn participants_follow_their_trial_automatically_and_may_stop(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let (entry_id, _) = technology(&app, "Nattkamera").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0482").await;
    let participant = app.with_user_at(PARTICIPANT, Role::Member, "0483").await;
    let (trial_id, trial_url) = trial(&lead, &entry_id, "network").await;

    // Katrineholm's user follows the trial without choosing it, and sees so.
    let list = participant.get("/konto/bevakningar").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Nattkamera i Flen"), "{}", list.body);
    assert!(list.body.contains("automatiskt"));
    let page = participant.get(&trial_url).await;
    assert!(page.body.contains(">Sluta bevaka<"), "{}", page.body);
    let (status, follows) = participant.get_json("/api/v1/follows").await;
    assert_eq!(status, 200);
    assert_eq!(follows["follows"][0]["automatic"], true, "{follows}");
    assert_eq!(follows["follows"][0]["topic_kind"], "trial");

    // The phase change reaches the participant by mail, as before.
    let (status, _) = lead
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{trial_id}/phase"),
            &json!({"phase": "pagar"}),
        )
        .await;
    assert_eq!(status, 200);
    let mail = app.mail_to(PARTICIPANT).await;
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert!(mail[0].text.contains("bytt fas till"), "{}", mail[0].text);
    assert!(mail[0].text.contains("/konto/notiser"), "the settings link");

    // They stop following; the next entry does not reach them.
    let stopped = participant
        .submit(
            "/bevakningar/sluta",
            &[
                ("topic_kind", "trial"),
                ("topic_id", &trial_id),
                ("tillbaka", &trial_url),
            ],
        )
        .await;
    assert_eq!(stopped.status, 303);
    assert_eq!(location(&app, &stopped), trial_url);
    journal(&lead, &trial_id, "Kameran tappar bilden.").await;
    assert_eq!(app.mail_to(PARTICIPANT).await.len(), 1);
    assert_eq!(notices(&participant).await["total"], 1);

    // An organisation that joins later follows it too; those who stopped stay stopped.
    let joiner = app
        .with_user_at("vera@vingaker.se", Role::Member, "0428")
        .await;
    let (status, patched) = lead
        .send_json(
            "PATCH",
            &format!("/api/v1/trials/{trial_id}"),
            &json!({"participants": ["0483", "0428"]}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    let (_, follows) = joiner.get_json("/api/v1/follows").await;
    assert_eq!(follows["total"], 1, "{follows}");
    let (_, follows) = participant.get_json("/api/v1/follows").await;
    assert_eq!(follows["total"], 0, "{follows}");
}

async fn outsiders_hear_nothing_of_a_trial_they_may_not_read(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let (entry_id, _) = technology(&app, "Nattkamera").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0482").await;
    let participant = app.with_user_at(PARTICIPANT, Role::Member, "0483").await;
    let outsider = app.with_user_at(FOLLOWER, Role::Member, "0484").await;
    let (status, _) = outsider
        .send_json(
            "POST",
            "/api/v1/follows",
            &json!({"topic_kind": "technology", "topic_id": entry_id}),
        )
        .await;
    assert_eq!(status, 201);

    // A trial for its organisations only: the outsider follows its technology but may not
    // read it, so hears nothing; the participant does.
    let (trial_id, _) = trial(&lead, &entry_id, "organisation").await;
    journal(&lead, &trial_id, "Hemligt hinder.").await;
    assert_eq!(notices(&outsider).await["total"], 0);
    assert!(app.mail_to(FOLLOWER).await.is_empty());
    assert_eq!(notices(&participant).await["total"], 1);
    assert_eq!(header_count(&outsider).await, None);

    // Nor can the outsider follow the trial itself.
    let (status, problem) = outsider
        .send_json(
            "POST",
            "/api/v1/follows",
            &json!({"topic_kind": "trial", "topic_id": trial_id}),
        )
        .await;
    assert_eq!(status, 404, "{problem}");
}

async fn the_settings_page_saves_a_cadence_per_kind(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let user = app.with_user(Role::Member, "0482").await;
    let page = user.get("/konto/notiser").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<legend>Händelser i tester</legend>"));
    assert!(
        page.body
            .contains("name=\"trial\" value=\"immediate\" id=\"trial\" checked"),
        "the default for trials: {}",
        page.body
    );
    let account = user.get("/konto").await;
    assert!(account.body.contains("href=\"/konto/notiser\""));

    let saved = user
        .submit("/konto/notiser", &[("trial", "never"), ("need", "daily")])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = user.get("/konto/notiser").await;
    assert!(page.body.contains("Dina val för notiser är sparade"));
    assert!(page.body.contains("name=\"trial\" value=\"never\" checked"));
    assert!(page.body.contains("name=\"need\" value=\"daily\" checked"));
    let (_, settings) = user.get_json("/api/v1/notification-settings").await;
    assert_eq!(
        settings,
        json!({"field_report": "weekly", "comment": "weekly", "trial": "never",
               "need": "daily", "procurement": "immediate", "promoted": "immediate"})
    );

    // An unknown choice is shown next to its group, nothing saved.
    let refused = user.submit("/konto/notiser", &[("trial", "hourly")]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("href=\"#trial\""), "{}", refused.body);
}

async fn the_api_follows_reads_and_sets(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let (entry_id, _) = technology(&app, "Nattkamera").await;
    let user = app.with_user(Role::Member, "0484").await;

    let (status, problem) = user
        .send_json(
            "POST",
            "/api/v1/follows",
            &json!({"topic_kind": "planet", "topic_id": entry_id}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "topic_kind");
    let (status, _) = user
        .send_json(
            "POST",
            "/api/v1/follows",
            &json!({"topic_kind": "technology", "topic_id": "0190b7a2-5c1e-7d4e-9a4b-3f2c1d0e9b8a"}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, made) = user
        .send_json(
            "POST",
            "/api/v1/follows",
            &json!({"topic_kind": "technology", "topic_id": entry_id}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["label"], "Nattkamera");
    assert_eq!(made["automatic"], false);
    let (status, _) = user
        .send_json(
            "POST",
            "/api/v1/follows",
            &json!({"topic_kind": "technology", "topic_id": entry_id}),
        )
        .await;
    assert_eq!(status, 201, "following again changes nothing");
    let (_, list) = user.get_json("/api/v1/follows").await;
    assert_eq!(list["total"], 1, "{list}");
    let path = format!("/api/v1/follows/technology/{entry_id}");
    assert_eq!(user.send_json("DELETE", &path, &Value::Null).await.0, 204);
    assert_eq!(user.send_json("DELETE", &path, &Value::Null).await.0, 404);

    // Visitors have no follows or notices, nor has the node's own token.
    assert_eq!(app.get_json("/api/v1/follows").await.0, 401);
    assert_eq!(app.get_json("/api/v1/notifications").await.0, 401);
    let (status, problem) = app
        .send_json("GET", "/api/v1/notification-settings", &Value::Null, true)
        .await;
    assert_eq!(status, 403, "{problem}");

    let (status, settings) = user
        .send_json(
            "PUT",
            "/api/v1/notification-settings",
            &json!({"comment": "never"}),
        )
        .await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(settings["comment"], "never");
    assert_eq!(settings["trial"], "immediate", "the others keep theirs");
    let (status, problem) = user
        .send_json(
            "PUT",
            "/api/v1/notification-settings",
            &json!({"comment": "hourly"}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "comment");

    let (status, read) = user
        .send_json("POST", "/api/v1/notifications/read", &json!({}))
        .await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["marked"], 0);
}
