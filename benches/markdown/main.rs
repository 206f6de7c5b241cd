//! Markdown benchmark: how fast the portal answers a preview of each pathological shape at the
//! size cap, and how `/healthz` answers while four of them are sent at once.
//!
//! ```sh
//! cargo bench --bench markdown -- --out docs/benchmarks.md
//! cargo bench --bench markdown -- --unguarded   # also time the refused shapes rendered directly
//! ```
//! The portal runs in-process on SQLite in a temporary directory, as `noden serve` would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../sections.rs"]
mod sections;
mod shapes;

use std::time::{Duration, Instant};

use shapes::{Shape, shapes};

const TOKEN: &str = "markdown-bench-token";
/// Previews of each shape, one after another.
const ROUNDS: usize = 5;
/// Previews sent at once while `/healthz` is timed.
const AT_ONCE: usize = 4;
/// `/healthz` requests timed meanwhile.
const HEALTH_PROBES: usize = 40;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

async fn preview(client: &awc::Client, base: &str, text: &str) -> (u16, Duration) {
    let started = Instant::now();
    let mut res = client
        .post(format!("{base}/api/v1/markdown/preview"))
        .bearer_auth(TOKEN)
        .send_json(&serde_json::json!({ "markdown": text }))
        .await
        .unwrap();
    let _ = res.body().limit(8 << 20).await.unwrap();
    (res.status().as_u16(), started.elapsed())
}

/// `/healthz` latencies while `AT_ONCE` clients keep sending `text` as previews.
async fn health_under_load(base: &str, text: &str) -> (Vec<Duration>, usize) {
    let stop = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut senders = Vec::new();
    for _ in 0..AT_ONCE {
        let (base, text, stop) = (base.to_owned(), text.to_owned(), stop.clone());
        senders.push(actix_web::rt::spawn(async move {
            let client = awc::Client::builder()
                .timeout(Duration::from_secs(120))
                .finish();
            let mut sent = 0;
            while !stop.get() && sent < 200 {
                preview(&client, &base, &text).await;
                sent += 1;
            }
            sent
        }));
    }
    actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(120))
        .finish();
    let mut latencies = Vec::new();
    for _ in 0..HEALTH_PROBES {
        let started = Instant::now();
        let mut res = client.get(format!("{base}/healthz")).send().await.unwrap();
        let _ = res.body().await;
        assert!(res.status().is_success());
        latencies.push(started.elapsed());
        actix_web::rt::time::sleep(Duration::from_millis(25)).await;
    }
    stop.set(true);
    let mut sent = 0;
    for s in senders {
        sent += s.await.unwrap();
    }
    latencies.sort();
    (latencies, sent)
}

struct Row {
    name: &'static str,
    bytes: usize,
    status: u16,
    median: Duration,
    max: Duration,
    unguarded: Option<Duration>,
}

fn main() {
    let mut out = None;
    let mut unguarded = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next(),
            "--unguarded" => unguarded = true,
            _ => {}
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let settings = noden_portal::config::Settings {
        bind: "127.0.0.1:0".to_owned(),
        data_dir: dir.path().to_path_buf(),
        load_content_on_first_start: false,
        admin_token: Some(TOKEN.to_owned().into()),
        previews_per_user_per_minute: 100_000,
        writes_per_client_per_minute: 100_000,
        ..Default::default()
    };
    let shapes = shapes();
    let (rows, health) = actix_web::rt::System::new().block_on(async move {
        let state = noden_portal::open_state(
            settings,
            noden_portal::clock::Clock::System,
            noden_portal::IndexLocation::DataDir,
        )
        .await
        .unwrap();
        let running = noden_portal::start(state).unwrap();
        let base = format!("http://{}", running.addr);
        actix_web::rt::spawn(running.server);
        let mut rows = Vec::new();
        for Shape {
            name,
            text,
            rendered,
        } in &shapes
        {
            // A fresh connection per shape: the unguarded render below takes longer than the
            // server keeps an idle connection open.
            let client = awc::Client::builder()
                .timeout(Duration::from_secs(120))
                .finish();
            let mut times = Vec::new();
            let mut status = 0;
            for _ in 0..ROUNDS {
                let (s, t) = preview(&client, &base, text).await;
                status = s;
                times.push(t);
            }
            times.sort();
            let direct = (unguarded && !rendered).then(|| {
                let started = Instant::now();
                let _ = noden_portal::web::markdown::render(text);
                started.elapsed()
            });
            println!(
                "{name}: {} bytes, HTTP {status}, median {} ms",
                text.len(),
                ms(percentile(&times, 0.5))
            );
            rows.push(Row {
                name,
                bytes: text.len(),
                status,
                median: percentile(&times, 0.5),
                max: times.last().copied().unwrap_or_default(),
                unguarded: direct,
            });
        }
        let heaviest = rows
            .iter()
            .zip(&shapes)
            .filter(|(_, s)| s.rendered)
            .max_by_key(|(r, _)| r.median)
            .map(|(r, s)| (r.name, s.text.clone()))
            .unwrap();
        let refused = shapes.iter().find(|s| !s.rendered).unwrap();
        let mut health = Vec::new();
        let idle = health_under_load(&base, "").await;
        health.push(("nothing else (4 empty previews at a time)", idle));
        let loaded = health_under_load(&base, &heaviest.1).await;
        health.push((heaviest.0, loaded));
        let attacked = health_under_load(&base, &refused.text).await;
        health.push((refused.name, attacked));
        running.handle.stop(true).await;
        (rows, health)
    });

    let mut section = String::from("## Markdown at the size cap (issue 11)\n\n");
    section.push_str(
        "`cargo bench --bench markdown -- --unguarded --out docs/benchmarks.md` on this 2-core \
         machine (release build, SQLite). Each shape fills the 64 KiB cap of a text and is sent \
         to `POST /api/v1/markdown/preview` with a token, five times in a row. Refused shapes \
         are nested deeper than 16 levels and answer 422 before anything is rendered; \
         \"unguarded\" is what rendering them directly (pulldown-cmark and ammonia) costs, \
         which is what a request cost before the cap.\n\n",
    );
    section.push_str("| shape | bytes | answer | median ms | max ms | unguarded render ms |\n");
    section.push_str("|---|---:|---:|---:|---:|---:|\n");
    for r in &rows {
        section.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.name,
            r.bytes,
            r.status,
            ms(r.median),
            ms(r.max),
            r.unguarded.map(ms).unwrap_or_else(|| "–".to_owned())
        ));
    }
    section.push_str(&format!(
        "\n`GET /healthz` ({HEALTH_PROBES} requests, 25 ms apart) while {AT_ONCE} clients keep \
         sending the named shape as previews:\n\n"
    ));
    section.push_str("| meanwhile | previews sent | healthz p50 ms | p99 ms | max ms |\n");
    section.push_str("|---|---:|---:|---:|---:|\n");
    for (name, (latencies, sent)) in &health {
        section.push_str(&format!(
            "| {name} | {sent} | {} | {} | {} |\n",
            ms(percentile(latencies, 0.5)),
            ms(percentile(latencies, 0.99)),
            ms(latencies.last().copied().unwrap_or_default())
        ));
    }
    println!("\n{section}");
    if let Some(path) = out {
        sections::write_section(&path, &section, "# Benchmarks\n");
    }
}
