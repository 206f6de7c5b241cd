//! The job queue: each job runs once however many instances race for it, a failing job is
//! retried with growing pauses and ends as failed (shown to node staff, who can retry it),
//! shutdown lets a running job finish or hands it back, and mail and reminders run on it.
//! Time is the test's fixed clock; the runners are woken, never waited for by sleeping.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use noden_portal::jobs::{self, JobError, entity as job};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use tokio::sync::Notify;

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    a_job_runs_once_while_two_instances_race_for_it,
    a_failing_job_is_retried_with_backoff_ends_failed_and_staff_can_retry_it,
    shutdown_lets_a_running_job_finish_and_hands_back_one_that_does_not,
    mail_is_delivered_as_a_job_and_the_reminder_job_exists_once_per_node,
    mail_waiting_in_the_outbox_before_the_queue_existed_is_delivered,
    many_writers_at_once_all_go_through_on_their_first_attempt,
);

/// A portal whose own runner is off, so the test decides when jobs run.
async fn quiet_app(backend: Backend, clock: Clock) -> TestApp {
    TestApp::builder(backend)
        .memory_mail()
        .clock(clock)
        .settings(|s| s.run_jobs = false)
        .start()
        .await
}

async fn row(app: &TestApp, id: i64) -> job::Model {
    jobs::get(&app.state.db, id)
        .await
        .unwrap()
        .expect("the job")
}

/// Waits (polling the database, with a deadline) until `done` holds for job `id`.
async fn until(app: &TestApp, id: i64, what: &str, done: impl Fn(&job::Model) -> bool) {
    let deadline = Instant::now() + StdDuration::from_secs(20);
    loop {
        let current = row(app, id).await;
        if done(&current) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {current:?}");
        actix_web::rt::time::sleep(StdDuration::from_millis(20)).await;
    }
}

async fn enqueue(app: &TestApp, kind: &str, payload: serde_json::Value, max: i32) -> i64 {
    let now = app.state.clock.now();
    let txn = noden_portal::db::begin_write(&app.state.db).await.unwrap();
    let id = jobs::enqueue_at(txn.txn(), now, now, kind, &payload, max)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    app.state.jobs.wake();
    id
}

async fn a_job_runs_once_while_two_instances_race_for_it(backend: Backend) {
    let clock = Clock::fixed(Clock::System.now());
    let app = quiet_app(backend, clock.clone()).await;
    // A second instance on the same database, with its own runner.
    let mut settings = (*app.state.settings).clone();
    let other_dir = tempfile::tempdir().unwrap();
    settings.data_dir = other_dir.path().to_path_buf();
    let second =
        noden_portal::open_state(settings, clock.clone(), noden_portal::IndexLocation::Memory)
            .await
            .unwrap();
    let runs: Arc<Mutex<HashMap<u64, Vec<String>>>> = Arc::default();
    for (name, state) in [("första", &app.state), ("andra", &second)] {
        let runs = runs.clone();
        state.jobs.register("prov.räkna", move |_, job: jobs::Job| {
            let runs = runs.clone();
            async move {
                let n: u64 = job.payload::<serde_json::Value>()?["n"]
                    .as_u64()
                    .unwrap_or(0);
                tokio::task::yield_now().await;
                runs.lock().unwrap().entry(n).or_default().push(name.into());
                Ok(())
            }
        });
    }
    let txn = noden_portal::db::begin_write(&app.state.db).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..60u64 {
        let id = jobs::enqueue(txn.txn(), clock.now(), "prov.räkna", &json!({ "n": n }))
            .await
            .unwrap();
        ids.push(id);
    }
    txn.commit().await.unwrap();
    // Two runners in the first instance and one in the second, plus a pass run right here.
    let runners = [
        app.state.jobs.start(app.state.clone()),
        app.state.jobs.start(app.state.clone()),
        second.jobs.start(second.clone()),
    ];
    app.state.jobs.wake();
    second.jobs.wake();
    jobs::run_due(&app.state).await.unwrap();
    for id in &ids {
        until(&app, *id, "every job done", |j| j.state == "done").await;
    }
    for runner in &runners {
        runner.shutdown(StdDuration::from_secs(5)).await;
    }
    let runs = runs.lock().unwrap().clone();
    assert_eq!(runs.len(), 60, "every job ran");
    for (n, by) in runs.iter() {
        assert_eq!(by.len(), 1, "job {n} ran {} times: {by:?}", by.len());
    }
    for id in &ids {
        assert_eq!(row(&app, *id).await.attempts, 1);
    }
}

async fn a_failing_job_is_retried_with_backoff_ends_failed_and_staff_can_retry_it(
    backend: Backend,
) {
    let clock = Clock::fixed(Clock::System.now());
    let app = quiet_app(backend, clock.clone()).await;
    let healed = Arc::new(AtomicBool::new(false));
    let flag = healed.clone();
    app.state
        .jobs
        .register("prov.misslyckas", move |_, job: jobs::Job| {
            let healed = flag.load(Ordering::SeqCst);
            async move {
                if healed {
                    Ok(())
                } else {
                    Err(JobError::new(format!(
                        "Mottagaren svarar inte (försök {})",
                        job.attempt
                    )))
                }
            }
        });
    let id = enqueue(&app, "prov.misslyckas", json!({}), 3).await;
    let started = clock.now();

    assert_eq!(jobs::run_due(&app.state).await.unwrap(), 1);
    let first = row(&app, id).await;
    assert_eq!(
        (first.state.as_str(), first.attempts),
        ("queued", 1),
        "{first:?}"
    );
    assert_eq!(first.run_at, started + Duration::seconds(30));
    assert_eq!(
        first.last_error.as_deref(),
        Some("Mottagaren svarar inte (försök 1)")
    );
    assert!(first.claimed_by.is_none());

    // Not before its pause is over; then again after a pause twice as long.
    clock.advance(Duration::seconds(29));
    assert_eq!(jobs::run_due(&app.state).await.unwrap(), 0);
    clock.advance(Duration::seconds(1));
    assert_eq!(jobs::run_due(&app.state).await.unwrap(), 1);
    let second = row(&app, id).await;
    assert_eq!(second.attempts, 2);
    assert_eq!(second.run_at, clock.now() + Duration::seconds(60));
    clock.advance(Duration::seconds(60));
    assert_eq!(jobs::run_due(&app.state).await.unwrap(), 1);
    let failed = row(&app, id).await;
    assert_eq!(failed.state, "failed", "{failed:?}");
    assert_eq!(failed.attempts, 3);
    assert_eq!(failed.finished_at, Some(clock.now()));
    // A failed job never runs again by itself.
    clock.advance(Duration::days(2));
    assert_eq!(jobs::run_due(&app.state).await.unwrap(), 0);
    assert_eq!(row(&app, id).await.state, "failed");

    // Node staff see it with its last error; members may not look.
    let admin = Browser::new();
    let cookie = app
        .session_for("drift@nykoping.se", Role::NodeAdmin, "0480")
        .await;
    admin.set_cookie(&app.base, "noden_session", &cookie);
    let member = Browser::new();
    let cookie = app
        .session_for("medlem@nykoping.se", Role::Member, "0480")
        .await;
    member.set_cookie(&app.base, "noden_session", &cookie);
    assert_eq!(member.get(&app.url("/admin/jobb")).await.status, 403);
    assert_eq!(
        Browser::new().get(&app.url("/admin/jobb")).await.status,
        401
    );
    let index = admin.get(&app.url("/admin")).await;
    assert!(
        index.body.contains("href=\"/admin/jobb\""),
        "{}",
        index.body
    );
    let page = admin.get(&app.url("/admin/jobb?tillstand=failed")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("prov.misslyckas"), "{}", page.body);
    assert!(
        page.body.contains("Mottagaren svarar inte (försök 3)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("3 av 3"), "{}", page.body);
    assert!(page.body.contains("Försök igen"), "{}", page.body);

    // The retry button needs the page's CSRF token, then queues the job with its attempts anew.
    let retry = app.url(&format!("/admin/jobb/{id}/forsok-igen"));
    assert_eq!(admin.post(&retry, &[]).await.status, 403);
    assert_eq!(member.post(&retry, &[("csrf", "x")]).await.status, 403);
    assert_eq!(row(&app, id).await.state, "failed");
    let done = admin.post(&retry, &[("csrf", &page.csrf())]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let queued = row(&app, id).await;
    assert_eq!((queued.state.as_str(), queued.attempts), ("queued", 0));
    let again = admin.post(&retry, &[("csrf", &page.csrf())]).await;
    assert_eq!(again.status, 409, "only a failed job is retried");
    let listed = admin.get(&app.url("/admin/jobb?tillstand=queued")).await;
    assert!(listed.body.contains("prov.misslyckas"), "{}", listed.body);
    assert!(!listed.body.contains("Försök igen<"), "{}", listed.body);
    let audit = crate::sign_in::audit_actions(&app).await;
    assert!(audit.iter().any(|a| a == "job.retry"), "{audit:?}");

    healed.store(true, Ordering::SeqCst);
    assert_eq!(jobs::run_due(&app.state).await.unwrap(), 1);
    let finished = row(&app, id).await;
    assert_eq!(finished.state, "done", "{finished:?}");
    assert!(finished.last_error.is_none());
}

async fn shutdown_lets_a_running_job_finish_and_hands_back_one_that_does_not(backend: Backend) {
    let clock = Clock::fixed(Clock::System.now());
    let app = quiet_app(backend, clock.clone()).await;
    let release = Arc::new(Notify::new());
    let waiting = release.clone();
    app.state.jobs.register("prov.väntar", move |_, _| {
        let waiting = waiting.clone();
        async move {
            waiting.notified().await;
            Ok(())
        }
    });

    // A job that never finishes by itself is handed back when the grace is over.
    let runner = app.state.jobs.start(app.state.clone());
    let stuck = enqueue(&app, "prov.väntar", json!({}), 3).await;
    until(&app, stuck, "claimed", |j| j.state == "running").await;
    assert_eq!(
        row(&app, stuck).await.claimed_by.as_deref(),
        Some(runner.name())
    );
    runner.shutdown(StdDuration::from_millis(200)).await;
    let handed_back = row(&app, stuck).await;
    assert_eq!(handed_back.state, "queued", "{handed_back:?}");
    assert_eq!(handed_back.attempts, 0, "the attempt is not counted");
    assert!(handed_back.claimed_by.is_none() && handed_back.claimed_until.is_none());

    // A job that finishes within the grace is let finish, and is done.
    let runner = app.state.jobs.start(app.state.clone());
    until(&app, stuck, "claimed again", |j| j.state == "running").await;
    let stopping = {
        let runner = runner.clone();
        actix_web::rt::spawn(async move { runner.shutdown(StdDuration::from_secs(20)).await })
    };
    release.notify_one();
    stopping.await.unwrap();
    let finished = row(&app, stuck).await;
    assert_eq!(finished.state, "done", "{finished:?}");
    assert_eq!(finished.attempts, 1);
}

async fn mail_is_delivered_as_a_job_and_the_reminder_job_exists_once_per_node(backend: Backend) {
    // The portal's own runner delivers here.
    let app = TestApp::builder(backend).memory_mail().start().await;
    crate::sign_in::register_domain(&app, "0480", "nykoping.se").await;
    app.sign_in_by_mail("ada@nykoping.se").await;
    let mail = app.mail_to("ada@nykoping.se").await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].text.contains("/logga-in/"), "{}", mail[0].text);
    let delivered = job::Entity::find()
        .filter(job::Column::Kind.eq("mail"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].state, "done", "{delivered:?}");

    // Every instance schedules the periodic reminder job; the node has one.
    let mut settings = (*app.state.settings).clone();
    let other_dir = tempfile::tempdir().unwrap();
    settings.data_dir = other_dir.path().to_path_buf();
    let second = noden_portal::open_state(
        settings,
        app.state.clock.clone(),
        noden_portal::IndexLocation::Memory,
    )
    .await
    .unwrap();
    let (a, b, c) = tokio::join!(
        jobs::schedule_periodic(&app.state),
        jobs::schedule_periodic(&second),
        jobs::schedule_periodic(&second),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    let reminders = job::Entity::find()
        .filter(job::Column::Kind.eq(noden_portal::followups::REMINDER_JOB))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(reminders, 1);
}

async fn mail_waiting_in_the_outbox_before_the_queue_existed_is_delivered(backend: Backend) {
    use noden_migrations::{Migrator, MigratorTrait};
    use noden_portal::mail::entity as outbox;
    use sea_orm::{EntityTrait, Set};

    let clock = Clock::fixed(Clock::System.now());
    let app = quiet_app(backend, clock.clone()).await;
    let db = &app.state.db;
    // Back to the schema before the queue, with one message waiting and one already sent.
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let at = names
        .iter()
        .position(|n| n == "m20261204_000010_create_jobs")
        .expect("the queue's migration");
    Migrator::down(db, Some((names.len() - at) as u32))
        .await
        .unwrap();
    for (recipient, sent_at) in [
        ("vantar@nykoping.se", None),
        ("skickat@nykoping.se", Some(clock.now())),
    ] {
        // Written without RETURNING and without the columns later migrations add.
        outbox::Entity::insert(outbox::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            recipient: Set(recipient.to_owned()),
            subject: Set("Din inloggningslänk".to_owned()),
            body_text: Set("Länk".to_owned()),
            body_html: Set("<p>Länk</p>".to_owned()),
            created_at: Set(clock.now()),
            attempts: Set(1),
            next_attempt_at: Set(clock.now()),
            claimed_until: Set(None),
            sent_at: Set(sent_at),
            failed_at: Set(None),
            last_error: Set(Some("Anslutningen nekades".to_owned())),
            ..Default::default()
        })
        .exec_without_returning(db)
        .await
        .unwrap();
    }
    Migrator::up(db, None).await.unwrap();

    assert_eq!(
        app.sent_mail()
            .await
            .iter()
            .map(|m| m.to.as_str())
            .collect::<Vec<_>>(),
        ["vantar@nykoping.se"]
    );
    let delivery = job::Entity::find()
        .filter(job::Column::Kind.eq("mail"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(delivery.len(), 1, "{delivery:?}");
    assert_eq!(delivery[0].state, "done");
    assert_eq!(delivery[0].attempts, 2, "the earlier attempt counts");
}

/// SQLite has one writer at a time. Twice as many jobs as the pool has connections write at
/// once, each reading beside its write on a connection of its own (as the reminders do): every
/// one goes through on its first attempt. Writers waiting for the lock must not hold all the
/// connections the writer holding it needs; when they did, all of them stood still until
/// SQLite's busy timeout failed the waiters with "database is locked".
async fn many_writers_at_once_all_go_through_on_their_first_attempt(backend: Backend) {
    use noden_portal::audit::By;
    use noden_portal::unit::Unit;
    let clock = Clock::fixed(Clock::System.now());
    let app = TestApp::builder(backend)
        .memory_mail()
        .clock(clock.clone())
        .settings(|s| {
            s.run_jobs = false;
            s.jobs_concurrency = 16;
        })
        .start()
        .await;
    app.state
        .jobs
        .register("prov.skriv", |state, job: jobs::Job| async move {
            let failed = |e: &dyn std::fmt::Display| JobError::new(e.to_string());
            let mut unit = Unit::begin(&state, &By::command("prov"))
                .await
                .map_err(|e| failed(&e))?;
            if !noden_portal::db::ping(&state.db).await {
                return Err(JobError::new("no connection to read with"));
            }
            unit.audit("prov.skriv", job.id.to_string(), "");
            unit.commit().await.map_err(|e| failed(&e))
        });
    let txn = noden_portal::db::begin_write(&app.state.db).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..32u64 {
        let id = jobs::enqueue(txn.txn(), clock.now(), "prov.skriv", &json!({ "n": n }))
            .await
            .unwrap();
        ids.push(id);
    }
    txn.commit().await.unwrap();
    let runner = app.state.jobs.start(app.state.clone());
    for id in &ids {
        until(&app, *id, "every job done", |j| j.state == "done").await;
    }
    runner.shutdown(StdDuration::from_secs(5)).await;
    let retried = job::Entity::find()
        .filter(job::Column::Kind.eq("prov.skriv"))
        .filter(job::Column::Attempts.gt(1))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(retried, 0, "no job had to try again");
}
