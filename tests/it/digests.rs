//! Notices by e-mail (issue 15 point 5): the weekly digest goes out once per user and week even
//! with two instances running the job, holds only what the reader may still read, and every
//! mail carries a one-click unsubscribe (RFC 8058) that turns off exactly one kind.
//!
//! Notices are raised through `notifications::digest::announce` (a unit of work with one
//! event), about a need made through the API, so these tests do not depend on which features
//! raise events yet.

use chrono::{DateTime, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use noden_portal::notifications::unsubscribe::{Signer, Subject};
use noden_portal::notifications::{
    self, Cadence, Event, EventKind, Topic, TopicKind, Words, digest, entity as tables,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    a_weekly_reader_gets_one_digest_on_friday_even_with_two_instances,
    one_click_turns_off_only_that_kind_and_the_page_asks_first,
    an_item_made_private_is_left_out_of_an_outsiders_digest,
);

/// Wednesday 2 December 2026, 11:00 in Stockholm.
fn wednesday() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-02T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Friday 4 December 2026, 08:00 in Stockholm.
fn friday_morning() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-04T07:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

async fn app_at(backend: Backend, clock: &Clock, memory: bool) -> TestApp {
    let builder = TestApp::builder(backend).clock(clock.clone());
    let builder = if memory {
        builder.memory_mail()
    } else {
        builder
    };
    // The tests run the digest themselves (and in the race, twice at once).
    builder.settings(|s| s.run_jobs = false).start().await
}

/// A need made by node staff; returns its id, page and title.
async fn make_need(app: &TestApp, title: &str, organisation: &str) -> (Uuid, String) {
    let (status, made) = app
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": title, "description": "Larmet hörs inte i hela huset.",
                    "target_group": "ordinart-boende", "organisation": organisation,
                    "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().parse().unwrap();
    (id, format!("/behov/{}", made["slug"].as_str().unwrap()))
}

async fn follow(app: &TestApp, user: Uuid, need: Uuid, label: &str, path: &str) {
    notifications::follow(
        &app.state.db,
        app.state.clock.now(),
        user,
        Topic::new(TopicKind::Need, need),
        label,
        path,
        false,
    )
    .await
    .unwrap();
}

/// Raises an event of `kind` about the need, told to its followers.
async fn announce(
    app: &TestApp,
    kind: EventKind,
    need: Uuid,
    label: &str,
    path: &str,
    title: &str,
) {
    let principals = app
        .state
        .indexer
        .principals_of("need", need)
        .await
        .unwrap()
        .expect("the need's document");
    let event = Event {
        kind,
        item_kind: noden_portal::needs::NEED,
        item_id: need,
        principals,
        topics: vec![(Topic::new(TopicKind::Need, need), label.to_owned())],
        users: Vec::new(),
        words: Words::each(|| Words {
            title: title.to_owned(),
            lines: vec!["Ytterligare en kommun har samma behov.".to_owned()],
        }),
        path: path.to_owned(),
    };
    digest::announce(&app.state, &noden_portal::audit::By::command("test"), event)
        .await
        .unwrap();
}

async fn set(app: &TestApp, user: Uuid, kind: EventKind, cadence: Cadence) {
    notifications::set_cadence(&app.state.db, app.state.clock.now(), user, kind, cadence)
        .await
        .unwrap();
}

async fn cadence(app: &TestApp, user: Uuid, kind: EventKind) -> Cadence {
    notifications::cadence_of(&app.state.db, user, kind)
        .await
        .unwrap()
}

/// The messages queued to `to` in the outbox (whatever the transport).
async fn queued_to(app: &TestApp, to: &str) -> Vec<noden_portal::mail::entity::Model> {
    noden_portal::mail::entity::Entity::find()
        .filter(noden_portal::mail::entity::Column::Recipient.eq(to))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn a_weekly_reader_gets_one_digest_on_friday_even_with_two_instances(backend: Backend) {
    let clock = Clock::fixed(wednesday());
    let app = app_at(backend, &clock, true).await;
    let weekly = app
        .with_user_at("vecka@nykoping.se", Role::Member, "0480")
        .await;
    let direct = app
        .with_user_at("direkt@nykoping.se", Role::Member, "0480")
        .await;
    // A third reads Noden in English: their digest comes in English.
    let english = app
        .with_user_at("week@nykoping.se", Role::Member, "0480")
        .await;
    let chosen = english.submit("/konto/sprak", &[("language", "en")]).await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    let (need, path) = make_need(&app, "Larm som hörs", "0480").await;
    follow(&app, weekly.user_id, need, "Behovet Larm som hörs", &path).await;
    follow(&app, english.user_id, need, "Behovet Larm som hörs", &path).await;
    follow(&app, direct.user_id, need, "Behovet Larm som hörs", &path).await;
    // Needs come in the weekly digest until a user chooses otherwise.
    assert_eq!(
        cadence(&app, weekly.user_id, EventKind::Need).await,
        Cadence::Weekly
    );
    set(&app, direct.user_id, EventKind::Need, Cadence::Immediate).await;

    announce(
        &app,
        EventKind::Need,
        need,
        "Behovet Larm som hörs",
        &path,
        "Nytt om behovet",
    )
    .await;

    // At once: the reader who asked for it, with the kind's one-click address and settings.
    let sent = app.mail_to(&direct.email).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let unsubscribe = sent[0]
        .unsubscribe
        .clone()
        .expect("a List-Unsubscribe address");
    assert!(
        unsubscribe.starts_with(&format!("{}/avregistrera/", app.base)),
        "{unsubscribe}"
    );
    for body in [&sent[0].text, &sent[0].html] {
        assert!(body.contains(&unsubscribe), "{body}");
        assert!(body.contains("/konto/notiser"), "{body}");
        assert!(body.contains("Behovet Larm som hörs"), "{body}");
    }
    // Nothing at once for the weekly reader, and nothing before Friday.
    assert!(app.mail_to(&weekly.email).await.is_empty());
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 0);
    assert!(app.mail_to(&weekly.email).await.is_empty());

    // Friday 08:00: two instances on one database run the digest at once.
    clock.advance(friday_morning() - wednesday());
    let settings = (*app.state.settings).clone();
    let second =
        noden_portal::open_state(settings, clock.clone(), noden_portal::IndexLocation::Memory)
            .await
            .unwrap();
    let (one, two) = tokio::join!(digest::send_due(&app.state), digest::send_due(&second));
    assert_eq!(one.unwrap() + two.unwrap(), 2);
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 0);
    assert_eq!(digest::send_due(&second).await.unwrap(), 0);

    let digests = app.mail_to(&weekly.email).await;
    assert_eq!(digests.len(), 1, "exactly one digest: {digests:?}");
    let mail = &digests[0];
    assert!(
        mail.subject.contains("veckosammanfattning"),
        "{}",
        mail.subject
    );
    assert!(mail.subject.contains("vecka 49"), "{}", mail.subject);
    for body in [&mail.text, &mail.html] {
        assert!(
            body.contains("Behovet Larm som hörs"),
            "grouped under what it concerns: {body}"
        );
        assert!(body.contains("Nytt om behovet"), "{body}");
        assert!(body.contains(&format!("{}{path}", app.base)), "{body}");
    }
    let digests = app.mail_to(&english.email).await;
    assert_eq!(digests.len(), 1, "exactly one digest: {digests:?}");
    assert_eq!(
        digests[0].subject, "Noden: your weekly summary, week 49",
        "in the reader's language"
    );
    assert!(digests[0].text.starts_with("Hello,"), "{}", digests[0].text);
    assert!(
        digests[0].html.contains("<html lang=\"en\">"),
        "{}",
        digests[0].html
    );
    let digest_link = mail
        .unsubscribe
        .clone()
        .expect("the digest's List-Unsubscribe");
    assert!(mail.text.contains(&digest_link));
    let signer = Signer::load(&app.state.db, clock.now()).await.unwrap();
    let token = digest_link.rsplit('/').next().unwrap();
    assert_eq!(
        signer.verify(token),
        Some((weekly.user_id, Subject::Digest(Cadence::Weekly)))
    );
    // One row for the week, naming one item; the notice is marked mailed.
    let rows = tables::digest::Entity::find()
        .filter(tables::digest::Column::UserId.eq(weekly.user_id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].period, "weekly:2026-W49");
    assert_eq!(rows[0].items, 1);
    let waiting = tables::notification::Entity::find()
        .filter(tables::notification::Column::MailedAt.is_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(waiting, 0);

    // The periodic job on the queue sends nothing more.
    noden_portal::jobs::schedule_periodic(&app.state)
        .await
        .unwrap();
    noden_portal::jobs::run_due(&app.state).await.unwrap();
    assert_eq!(app.mail_to(&weekly.email).await.len(), 1);
}

async fn one_click_turns_off_only_that_kind_and_the_page_asks_first(backend: Backend) {
    let clock = Clock::fixed(wednesday());
    let app = app_at(backend, &clock, false).await;
    let reader = app
        .with_user_at("lasare@nykoping.se", Role::Member, "0480")
        .await;
    let (need, path) = make_need(&app, "Nattlig tillsyn", "0480").await;
    follow(&app, reader.user_id, need, "Behovet Nattlig tillsyn", &path).await;
    set(&app, reader.user_id, EventKind::Need, Cadence::Immediate).await;
    assert_eq!(
        cadence(&app, reader.user_id, EventKind::Trial).await,
        Cadence::Immediate
    );

    announce(
        &app,
        EventKind::Need,
        need,
        "Behovet Nattlig tillsyn",
        &path,
        "Första",
    )
    .await;
    let queued = queued_to(&app, &reader.email).await;
    assert_eq!(queued.len(), 1);
    let link = queued[0]
        .list_unsubscribe
        .clone()
        .expect("List-Unsubscribe");

    // The message as it leaves (the outbox transport writes the .eml): both RFC 8058 headers
    // and both parts.
    app.state
        .courier
        .deliver_due(&app.state.db, &app.state.clock)
        .await
        .unwrap();
    let eml = std::fs::read_dir(app.state.settings.outbox_dir())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|m| m.contains("lasare@nykoping.se"))
        .expect("the message in the outbox folder");
    let headers = eml
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .replace("\r\n ", " ")
        .replace("\r\n\t", " ")
        .replace("  ", " ");
    assert!(
        headers.contains(&format!("List-Unsubscribe: <{link}>")),
        "{headers}"
    );
    assert!(
        headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{headers}"
    );
    assert!(eml.contains("multipart/alternative"), "{eml}");
    assert!(eml.contains("text/plain") && eml.contains("text/html"));

    // The page version asks first and changes nothing.
    let path_of = link.trim_start_matches(&app.base).to_owned();
    let (status, _, page) = app.get(&path_of).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<strong>Behov</strong>"),
        "names the kind: {page}"
    );
    assert!(page.contains("method=\"post\""), "{page}");
    assert!(page.contains("Stäng av e-posten"), "{page}");
    assert!(
        !page.contains("name=\"csrf\""),
        "the token is the permission: {page}"
    );
    assert_eq!(
        cadence(&app, reader.user_id, EventKind::Need).await,
        Cadence::Immediate
    );

    // One click, as a mail client makes it: no cookie, no CSRF token, no Origin.
    let mut res = awc::Client::default()
        .post(&link)
        .content_type("application/x-www-form-urlencoded")
        .send_body("List-Unsubscribe=One-Click")
        .await
        .unwrap();
    let body = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    assert_eq!(res.status().as_u16(), 200, "{body}");
    assert!(body.contains("E-posten är avstängd"), "{body}");
    assert_eq!(
        cadence(&app, reader.user_id, EventKind::Need).await,
        Cadence::Never
    );
    assert_eq!(
        cadence(&app, reader.user_id, EventKind::Trial).await,
        Cadence::Immediate
    );
    // Audited as the user.
    let audited = noden_portal::audit::entity::Entity::find()
        .filter(noden_portal::audit::entity::Column::Action.eq("notifications.unsubscribe"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].actor_id, Some(reader.user_id));
    // A second click does no harm.
    let res = awc::Client::default().post(&link).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);

    // That kind no longer mails; another kind still does.
    announce(
        &app,
        EventKind::Need,
        need,
        "Behovet Nattlig tillsyn",
        &path,
        "Andra",
    )
    .await;
    assert_eq!(queued_to(&app, &reader.email).await.len(), 1);
    announce(
        &app,
        EventKind::Trial,
        need,
        "Behovet Nattlig tillsyn",
        &path,
        "Ett test",
    )
    .await;
    let queued = queued_to(&app, &reader.email).await;
    assert_eq!(queued.len(), 2);
    assert!(queued.iter().any(|m| m.subject == "Ett test"));

    // A bad token: the Swedish 404 page, for the page and for the click; a changed
    // character does not pass either.
    for bad in ["/avregistrera/inte-en-token".to_owned(), {
        // One character in the middle of the signature changed.
        let mut forged: Vec<char> = path_of.chars().collect();
        let at = forged.len() - 20;
        forged[at] = if forged[at] == 'A' { 'B' } else { 'A' };
        forged.into_iter().collect::<String>()
    }] {
        let (status, _, page) = app.get(&bad).await;
        assert_eq!(status, 404, "{page}");
        assert!(
            page.contains("Vi hittar inte avregistreringslänken"),
            "{page}"
        );
        let res = awc::Client::default()
            .post(app.url(&bad))
            .send_body("List-Unsubscribe=One-Click")
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 404);
    }
    assert_eq!(
        cadence(&app, reader.user_id, EventKind::Trial).await,
        Cadence::Immediate
    );

    // The weekly digest's link turns off every kind that comes weekly, and only those.
    let signer = Signer::load(&app.state.db, clock.now()).await.unwrap();
    let weekly = signer.link(
        &app.state.settings,
        reader.user_id,
        Subject::Digest(Cadence::Weekly),
    );
    let res = awc::Client::default()
        .post(&weekly)
        .send_body("List-Unsubscribe=One-Click")
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    for kind in [EventKind::FieldReport, EventKind::Comment] {
        assert_eq!(cadence(&app, reader.user_id, kind).await, Cadence::Never);
    }
    assert_eq!(
        cadence(&app, reader.user_id, EventKind::Trial).await,
        Cadence::Immediate
    );
}

async fn an_item_made_private_is_left_out_of_an_outsiders_digest(backend: Backend) {
    let clock = Clock::fixed(wednesday());
    let app = app_at(backend, &clock, true).await;
    // The need belongs to Nyköping (0480); one reader works there, one in Flen (0482).
    let insider = app
        .with_user_at("inne@nykoping.se", Role::Member, "0480")
        .await;
    let outsider = app.with_user_at("ute@flen.se", Role::Member, "0482").await;
    let (need, path) = make_need(&app, "Digital tillsyn", "0480").await;
    let (other, other_path) = make_need(&app, "Läkemedelsrobot", "0480").await;
    for user in [insider.user_id, outsider.user_id] {
        follow(&app, user, need, "Behovet Digital tillsyn", &path).await;
        follow(&app, user, other, "Behovet Läkemedelsrobot", &other_path).await;
    }
    announce(
        &app,
        EventKind::Need,
        need,
        "Behovet Digital tillsyn",
        &path,
        "Hemligt snart",
    )
    .await;
    announce(
        &app,
        EventKind::Need,
        other,
        "Behovet Läkemedelsrobot",
        &other_path,
        "Fortsatt öppet",
    )
    .await;

    // The first need is made organisation-only after the notices were made.
    let (status, patched) = app
        .send_json(
            "PATCH",
            &format!("/api/v1/needs/{need}"),
            &json!({"visibility": "organisation"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["visibility"], Value::from("organisation"));

    clock.advance(friday_morning() - wednesday());
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 2);

    let outside = app.mail_to(&outsider.email).await;
    assert_eq!(outside.len(), 1, "{outside:?}");
    for body in [&outside[0].text, &outside[0].html] {
        assert!(body.contains("Fortsatt öppet"), "{body}");
        assert!(!body.contains("Hemligt snart"), "left out: {body}");
        assert!(!body.contains("Digital tillsyn"), "left out: {body}");
    }
    let inside = app.mail_to(&insider.email).await;
    assert_eq!(inside.len(), 1);
    assert!(
        inside[0].text.contains("Hemligt snart"),
        "{}",
        inside[0].text
    );
    assert!(inside[0].text.contains("Fortsatt öppet"));
    // The left-out notice is settled: it never comes later either.
    let waiting = tables::notification::Entity::find()
        .filter(tables::notification::Column::UserId.eq(outsider.user_id))
        .filter(tables::notification::Column::MailedAt.is_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(waiting, 0);
    clock.advance(chrono::Duration::days(7));
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 0);
    assert_eq!(app.mail_to(&outsider.email).await.len(), 1);
}
