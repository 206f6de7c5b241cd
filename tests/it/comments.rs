//! Comments (issue 15, point 3): a signed-in reader of a trial, a need or a report comments
//! and replies (one level of replies); the author edits within 15 minutes and not after; node
//! staff remove a comment, whose text leaves the pages and stays in the audit trail; an
//! outsider neither reads nor writes the comments of an organisation-only item; the item's
//! followers and the author replied to hear of a new comment.

use chrono::{Duration, TimeZone, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use noden_portal::notifications::{self, Cadence, EventKind, Topic, TopicKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    readers_comment_and_reply_on_a_trial_a_need_and_a_report_with_one_level_of_replies,
    the_author_edits_a_comment_within_the_window_and_not_after,
    node_staff_remove_a_comment_and_the_audit_trail_keeps_its_text,
    an_outsider_neither_reads_nor_writes_comments_on_an_organisation_only_item,
    followers_and_the_author_replied_to_hear_of_a_new_comment,
);

/// Makes an item through the API with the admin token; its id and page.
async fn created(app: &TestApp, path: &str, body: Value) -> (String, String) {
    let (status, made) = app.send_json("POST", path, &body, true).await;
    assert_eq!(status, 201, "{made}");
    (
        made["id"].as_str().unwrap().to_owned(),
        made["url"].as_str().unwrap().to_owned(),
    )
}

async fn public_trial(app: &TestApp) -> (String, String) {
    created(
        app,
        "/api/v1/trials",
        json!({"title": "Nattkamera i Flen", "description": "Kameror nattetid.",
               "technology": "Nattkamera", "target_group": "ordinart-boende",
               "lead": "0480", "participants": ["0482"], "visibility": "public"}),
    )
    .await
}

/// The path of a 303's Location.
fn location(page: &crate::browser::Page) -> String {
    let url = page.location.clone().expect("a redirect");
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path = url[after_scheme..]
        .find('/')
        .map_or(0, |i| i + after_scheme);
    url[path..].to_owned()
}

/// Comments through the API; the answer's status and body.
async fn comment(
    who: &SignedIn,
    kind: &str,
    id: &str,
    parent: Option<&str>,
    text: &str,
) -> (u16, Value) {
    let mut body = json!({"item_kind": kind, "item_id": id, "text": text});
    if let Some(p) = parent {
        body["parent_id"] = json!(p);
    }
    who.send_json("POST", "/api/v1/comments", &body).await
}

async fn readers_comment_and_reply_on_a_trial_a_need_and_a_report_with_one_level_of_replies(
    backend: Backend,
) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let trial = public_trial(&app).await;
    let need = created(
        &app,
        "/api/v1/needs",
        json!({"title": "Tryggare nätter", "description": "Färre nattbesök.",
               "target_group": "ordinart-boende", "organisation": "0480",
               "visibility": "public"}),
    )
    .await;
    let report = created(
        &app,
        "/api/v1/reports",
        json!({"title": "Rapport om nattkameror", "body": "Det gick bra.",
               "kind": "testrapport", "organisation": "0480", "visibility": "public"}),
    )
    .await;
    let anna = app.with_user(Role::Member, "0482").await;
    let kalle = app.with_user(Role::Coordinator, "0484").await;
    for (kind, (id, url)) in [("trial", &trial), ("need", &need), ("report", &report)] {
        // A comment through the page's form, back to the item at the comment.
        let posted = anna
            .submit(
                "/kommentarer",
                &[
                    ("item_kind", kind),
                    ("item_id", id),
                    ("text", &format!("Vi har **samma** erfarenhet av {kind}.")),
                ],
            )
            .await;
        assert_eq!(posted.status, 303, "{kind}: {}", posted.body);
        let back = location(&posted);
        assert!(back.starts_with(&format!("{url}#kommentar-")), "{back}");
        let top = back.rsplit("#kommentar-").next().unwrap().to_owned();
        // A reply through the API, to the author of the comment.
        let (status, reply) = comment(&kalle, kind, id, Some(&top), "Hur gjorde ni?").await;
        assert_eq!(status, 201, "{reply}");
        assert_eq!(reply["parent_id"], json!(top));
        let reply_id = reply["id"].as_str().unwrap().to_owned();
        // No reply to a reply: one level only.
        let (status, refused) = comment(&anna, kind, id, Some(&reply_id), "Så här.").await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(refused["errors"][0]["field"], "parent_id", "{refused}");
        // Nor an empty comment, nor a personnummer.
        let (status, refused) = comment(&anna, kind, id, None, " ").await;
        assert_eq!(status, 422, "{refused}");
        let (status, refused) = comment(&anna, kind, id, None, "Brukaren 19121212-1212.").await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(refused["errors"][0]["field"], "text", "{refused}");
        // Everyone reads them, replies under their comment, rendered from Markdown.
        let (status, list) = app
            .get_json(&format!("/api/v1/comments?item_kind={kind}&item_id={id}"))
            .await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list["total"], 1, "{list}");
        let first = &list["items"][0];
        assert_eq!(first["id"], json!(top));
        assert!(
            first["text_html"]
                .as_str()
                .unwrap()
                .contains("<strong>samma</strong>"),
            "{first}"
        );
        assert_eq!(first["replies"][0]["id"], json!(reply_id), "{first}");
        let (_, _, page) = app.get(url).await;
        assert!(page.contains("<strong>samma</strong>"), "{kind} page");
        assert!(page.contains("Hur gjorde ni?"), "{kind} page");
        assert!(page.contains(&format!("id=\"kommentar-{reply_id}\"")));
        // A visitor is asked to sign in; a reader gets the form.
        assert!(page.contains("för att kommentera"));
        let signed_in = anna.get(url).await;
        assert!(signed_in.body.contains("action=\"/kommentarer\""));
    }
    // A form post with an error shows the form again, the error next to the field.
    let (id, _) = &trial;
    let refused = anna
        .submit(
            "/kommentarer",
            &[("item_kind", "trial"), ("item_id", id), ("text", "")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("field-error"), "{}", refused.body);
    // An unknown kind of item is named.
    let (status, refused) = comment(&anna, "procurement", id, None, "Hej").await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["errors"][0]["field"], "item_kind");
}

async fn the_author_edits_a_comment_within_the_window_and_not_after(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .clock(clock.clone())
        .start()
        .await;
    let (trial, url) = public_trial(&app).await;
    let anna = app.with_user(Role::Member, "0482").await;
    let kalle = app.with_user(Role::Member, "0484").await;
    let (status, made) = comment(&anna, "trial", &trial, None, "Förts text").await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/comments/{id}");

    // The author, ten minutes later: the edit form and the API.
    clock.advance(Duration::minutes(10));
    let form = anna.get(&format!("/kommentarer/{id}/redigera")).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Förts text"));
    let (status, changed) = anna
        .send_json("PATCH", &path, &json!({"text": "Första texten"}))
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["text"], "Första texten");
    assert!(changed["edited_at"].is_string());
    let saved = anna
        .submit(
            &format!("/kommentarer/{id}/redigera"),
            &[("text", "Första texten, rättad")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(location(&saved), format!("{url}#kommentar-{id}"));
    // Someone else may not.
    let (status, _) = kalle
        .send_json("PATCH", &path, &json!({"text": "Kapad"}))
        .await;
    assert_eq!(status, 403);
    let page = anna.get(&url).await;
    assert!(page.body.contains(&format!("/kommentarer/{id}/redigera")));
    assert!(!kalle.get(&url).await.body.contains("/redigera\""));

    // After fifteen minutes the comment stands as written.
    clock.advance(Duration::minutes(6));
    let (status, refused) = anna
        .send_json("PATCH", &path, &json!({"text": "För sent"}))
        .await;
    assert_eq!(status, 409, "{refused}");
    let form = anna.get(&format!("/kommentarer/{id}/redigera")).await;
    assert_eq!(form.status, 409);
    let late = anna
        .submit(
            &format!("/kommentarer/{id}/redigera"),
            &[("text", "För sent")],
        )
        .await;
    assert_eq!(late.status, 409);
    let (_, shown) = app.get_json(&path).await;
    assert_eq!(shown["text"], "Första texten, rättad");
    assert!(!anna.get(&url).await.body.contains("/redigera\""));
}

async fn node_staff_remove_a_comment_and_the_audit_trail_keeps_its_text(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let (trial, url) = public_trial(&app).await;
    let anna = app.with_user(Role::Member, "0482").await;
    let coordinator = app.with_user(Role::Coordinator, "0480").await;
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let (status, made) = comment(&anna, "trial", &trial, None, "Olämplig zebratext").await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    let (status, reply) = comment(&coordinator, "trial", &trial, Some(&id), "Ett svar").await;
    assert_eq!(status, 201, "{reply}");

    // Only node staff: not the author, not a coordinator.
    let (status, _) = anna
        .send_json("DELETE", &format!("/api/v1/comments/{id}"), &json!({}))
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        coordinator
            .get(&format!("/kommentarer/{id}/ta-bort"))
            .await
            .status,
        403
    );
    assert!(!anna.get(&url).await.body.contains("/ta-bort\""));

    // Staff see the link, confirm, and the text is gone from the page and the API.
    assert!(
        staff
            .get(&url)
            .await
            .body
            .contains(&format!("/kommentarer/{id}/ta-bort"))
    );
    let confirm = staff.get(&format!("/kommentarer/{id}/ta-bort")).await;
    assert_eq!(confirm.status, 200);
    let removed = staff
        .submit(&format!("/kommentarer/{id}/ta-bort"), &[])
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    let (_, _, page) = app.get(&url).await;
    assert!(!page.contains("Olämplig zebratext"));
    assert!(page.contains("Kommentaren är borttagen av noden"));
    assert!(page.contains("Ett svar"), "the reply stays");
    let (_, shown) = app.get_json(&format!("/api/v1/comments/{id}")).await;
    assert_eq!(shown["removed"], true);
    assert!(shown["text"].is_null());
    // Removing it again changes nothing; the API answers the same.
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/comments/{id}"),
            &json!({}),
            true,
        )
        .await;
    assert_eq!(status, 204);

    // The audit trail keeps the removed text.
    let details: Vec<String> = noden_portal::audit::entity::Entity::find()
        .filter(noden_portal::audit::entity::Column::Action.eq("comment.remove"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.detail)
        .collect();
    assert_eq!(details.len(), 1, "{details:?}");
    assert!(details[0].contains("Olämplig zebratext"), "{details:?}");
    let stored =
        noden_portal::comments::entity::Entity::find_by_id(id.parse::<uuid::Uuid>().unwrap())
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
    assert!(stored.text_md.is_empty() && stored.removed_at.is_some());
    // The author cannot edit a removed comment.
    let (status, _) = anna
        .send_json(
            "PATCH",
            &format!("/api/v1/comments/{id}"),
            &json!({"text": "Igen"}),
        )
        .await;
    assert_eq!(status, 409);
}

async fn an_outsider_neither_reads_nor_writes_comments_on_an_organisation_only_item(
    backend: Backend,
) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let (need, url) = created(
        &app,
        "/api/v1/needs",
        json!({"title": "Internt kvasarbehov", "description": "Bara för Nyköping.",
               "target_group": "ordinart-boende", "organisation": "0480",
               "visibility": "organisation"}),
    )
    .await;
    let insider = app.with_user(Role::Member, "0480").await;
    let outsider = app.with_user(Role::Member, "0482").await;
    let (status, made) = comment(&insider, "need", &need, None, "Intern kvasarkommentar").await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    assert!(
        insider
            .get(&url)
            .await
            .body
            .contains("Intern kvasarkommentar")
    );

    let list = format!("/api/v1/comments?item_kind=need&item_id={need}");
    assert_eq!(outsider.get_json(&list).await.0, 404);
    assert_eq!(app.get_json(&list).await.0, 404);
    assert_eq!(
        outsider.get_json(&format!("/api/v1/comments/{id}")).await.0,
        404
    );
    let (status, _) = comment(&outsider, "need", &need, None, "Får jag?").await;
    assert_eq!(status, 404);
    let (status, _) = comment(&outsider, "need", &need, Some(&id), "Får jag svara?").await;
    assert_eq!(status, 404);
    let posted = outsider
        .submit(
            "/kommentarer",
            &[
                ("item_kind", "need"),
                ("item_id", &need),
                ("text", "Via formuläret"),
            ],
        )
        .await;
    assert_eq!(posted.status, 404);
    // A visitor is sent to sign in rather than told anything.
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/comments",
            &json!({"item_kind": "need", "item_id": need, "text": "Anonym"}),
            false,
        )
        .await;
    assert_eq!(status, 401);
    let (_, listed) = insider.get_json(&list).await;
    assert_eq!(listed["total"], 1, "{listed}");
}

async fn followers_and_the_author_replied_to_hear_of_a_new_comment(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let (trial, url) = public_trial(&app).await;
    let follower = app
        .with_user_at("frida@example.org", Role::Coordinator, "0484")
        .await;
    let writer = app
        .with_user_at("anna@example.org", Role::Member, "0482")
        .await;
    let replier = app
        .with_user_at("kalle@example.org", Role::Member, "0480")
        .await;
    let now = app.state.clock.now();
    let topic = Topic::new(TopicKind::Trial, trial.parse().unwrap());
    notifications::follow(
        &app.state.db,
        now,
        follower.user_id,
        topic,
        "Nattkamera i Flen",
        &url,
        false,
    )
    .await
    .unwrap();
    for user in [follower.user_id, writer.user_id] {
        notifications::set_cadence(
            &app.state.db,
            now,
            user,
            EventKind::Comment,
            Cadence::Immediate,
        )
        .await
        .unwrap();
    }

    let (status, made) = comment(&writer, "trial", &trial, None, "Nattpersonalen är nöjd.").await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    // The follower hears of it at once; the writer follows the trial from now on.
    let mails = app.mail_to(&follower.email).await;
    let notice = mails
        .iter()
        .find(|m| m.subject.contains("Ny kommentar"))
        .expect("the follower's notice");
    assert!(
        notice.text.contains("Nattpersonalen är nöjd."),
        "{}",
        notice.text
    );
    assert!(
        notice.text.contains(&format!("#kommentar-{id}")),
        "{}",
        notice.text
    );
    assert!(
        notifications::follows(&app.state.db, writer.user_id, topic)
            .await
            .unwrap()
    );
    assert!(
        app.mail_to(&writer.email).await.is_empty(),
        "not told of their own"
    );

    // A reply reaches the author replied to (and the follower), not the replier.
    let (status, reply) = comment(&replier, "trial", &trial, Some(&id), "Vad sa de?").await;
    assert_eq!(status, 201, "{reply}");
    let to_writer = app.mail_to(&writer.email).await;
    assert_eq!(to_writer.len(), 1, "{to_writer:?}");
    assert!(to_writer[0].subject.contains("Nytt svar"));
    assert_eq!(app.mail_to(&follower.email).await.len(), 2);
    assert!(app.mail_to(&replier.email).await.is_empty());
    // And the in-app list has the notices.
    let notices = noden_portal::notifications::entity::notification::Entity::find()
        .filter(
            noden_portal::notifications::entity::notification::Column::UserId.eq(follower.user_id),
        )
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(notices.len(), 2);
    assert!(
        notices
            .iter()
            .all(|n| n.kind == "comment" && n.item_kind == "trial")
    );
}
