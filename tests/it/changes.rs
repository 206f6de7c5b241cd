//! The change log: concurrent writers never slip past the indexer that follows it.

use noden_portal::reports::{self, ReportInput};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(concurrent_writers_never_slip_past_the_indexer);

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
