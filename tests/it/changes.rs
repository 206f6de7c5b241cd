//! The change log and the unit of work: concurrent writers never slip past the indexer that
//! follows the log, a refused write leaves no trace, and a write others must learn of is in
//! the log and the audit trail.

use noden_portal::audit::{self, By};
use noden_portal::error::AppError;
use noden_portal::followups::{self, FollowUpInput, IndicatorInput};
use noden_portal::reports::{self, ReportInput};
use noden_portal::trials::{self, TrialInput};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    concurrent_writers_never_slip_past_the_indexer,
    a_refused_write_leaves_no_trace_and_a_done_one_is_logged_and_audited,
    the_overview_counts_a_write_at_once_though_its_counts_are_kept,
);

async fn concurrent_writers_never_slip_past_the_indexer(backend: Backend) {
    let app = TestApp::new(backend).await;
    let writers: Vec<_> = (0..6)
        .map(|w| {
            let state = app.state.clone();
            actix_web::rt::spawn(async move {
                for i in 0..8 {
                    let input = ReportInput {
                        title: format!("Samtidig skrivare {w} rapport {i}"),
                        body: "Skrivet medan indexeraren läser loggen.".to_owned(),
                        ..Default::default()
                    };
                    reports::create(&state, &noden_portal::audit::By::command("test"), input)
                        .await
                        .unwrap();
                }
            })
        })
        .collect();
    // The indexer follows the log while the writers commit; a position handed out before a
    // later one but committed after it must not be skipped.
    let indexer = app.state.indexer.clone();
    let follower = actix_web::rt::spawn(async move {
        for _ in 0..50 {
            indexer.catch_up().await.unwrap();
            actix_web::rt::task::yield_now().await;
        }
    });
    for writer in writers {
        writer.await.unwrap();
    }
    follower.await.unwrap();
    app.indexed().await;
    assert_eq!(app.search("q=samtidig").await["total"], 48);
    assert_eq!(app.search("").await["total"], 3 + 48);
}

/// What the change log and the audit trail hold now.
async fn trail(app: &TestApp) -> (i64, u64) {
    let head = noden_portal::changes::head(&app.state.db).await.unwrap();
    let (_, audited) = audit::page(&app.state.db, &audit::Filter::default())
        .await
        .unwrap();
    (head, audited)
}

async fn a_refused_write_leaves_no_trace_and_a_done_one_is_logged_and_audited(backend: Backend) {
    let app = TestApp::new(backend).await;
    let state = &app.state;
    let by = By::command("test");
    let today = noden_portal::web::stockholm_date(state.clock.now());
    let trial = trials::create(
        state,
        &by,
        TrialInput {
            title: "Digital nattillsyn i Flen".to_owned(),
            technology: "Nattkamera".to_owned(),
            target_group: "ordinart-boende".to_owned(),
            lead: Some("0482".to_owned()),
            starts_on: today.checked_sub_days(chrono::Days::new(200)),
            ends_on: Some(today),
            phase: Some("avslutad".to_owned()),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // The follow-up a year after the end is not due: refused after the write began, and
    // nothing of it is left.
    let before = trail(&app).await;
    let refused = followups::record(
        state,
        &by,
        &trial.slug,
        12,
        FollowUpInput {
            effects: "För tidigt.".to_owned(),
            still_in_use: true,
            ..Default::default()
        },
    )
    .await;
    assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
    assert_eq!(trail(&app).await, before);

    // Choosing an indicator is a change of the trial others learn of, and it is audited.
    followups::add_indicator(
        state,
        &by,
        &trial.slug,
        IndicatorInput {
            name: "Larm per natt".to_owned(),
            unit: "st".to_owned(),
            direction: "lagre".to_owned(),
            baseline: 4.0,
        },
    )
    .await
    .unwrap();
    let (head, audited) = trail(&app).await;
    assert_eq!((head, audited), (before.0 + 1, before.1 + 1));
    let (entries, _) = audit::page(&app.state.db, &audit::Filter::default())
        .await
        .unwrap();
    assert_eq!(entries[0].action, "trial.indicator");
    assert_eq!(entries[0].target, format!("trial:{}", trial.id));
}

/// How many trials the overview counts in `phase` for an anonymous reader.
async fn trials_in_phase(app: &TestApp, phase: &str) -> u64 {
    let (status, overview) = app.get_json("/api/v1/overview").await;
    assert_eq!(status, 200, "{overview}");
    overview["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == "faser")
        .and_then(|v| v["rows"].as_array())
        .and_then(|rows| rows.iter().find(|r| r["label"] == phase))
        .map_or(0, |r| r["values"][0].as_u64().unwrap())
}

async fn the_overview_counts_a_write_at_once_though_its_counts_are_kept(backend: Backend) {
    let app = TestApp::new(backend).await;
    let before = trials_in_phase(&app, "Pågår").await;
    // Asked again with nothing written: the kept answer, the same numbers.
    assert_eq!(trials_in_phase(&app, "Pågår").await, before);
    trials::create(
        &app.state,
        &By::command("test"),
        TrialInput {
            title: "Läkemedelsautomat i Vingåker".to_owned(),
            technology: "Läkemedelsautomat".to_owned(),
            target_group: "ordinart-boende".to_owned(),
            lead: Some("0428".to_owned()),
            phase: Some("pagar".to_owned()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(trials_in_phase(&app, "Pågår").await, before + 1);
}
