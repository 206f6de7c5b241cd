//! List benchmark: every list page, the overview and the list endpoints of the API over HTTP
//! against the real portal, with 50,000 reports, 10,000 needs and 10,000 trials across the
//! organisations of content/organisations.yaml, for an anonymous reader and a signed-in member.
//!
//! ```sh
//! cargo bench --bench lists -- --out docs/benchmarks.md                # SQLite
//! cargo bench --bench lists -- --backend postgres --out docs/benchmarks.md
//! ```
//! The organisations come from the content folder through the normal start-up load; the rows
//! are written in bulk (see seed.rs). PostgreSQL comes from `NODEN_TEST_DATABASE_URL`
//! (default: the server on 127.0.0.1:5432); a throw-away database is created and dropped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../common/demo.rs"]
mod demo;
#[path = "../common/postgres.rs"]
mod postgres;
#[path = "../sections.rs"]
mod sections;
// Shared with the tests (tests/it/lists.rs), which use parts the benchmark does not.
#[allow(dead_code)]
mod seed;

use std::time::{Duration, Instant};

use noden_portal::auth::{session, users};
use sea_orm::ConnectionTrait;

const TOKEN: &str = "lists-bench-token";
/// The target of issue 12: p99 at most this for each page.
const TARGET_MS: f64 = 50.0;

struct Args {
    backend: String,
    rounds: usize,
    out: Option<String>,
    /// Keep the data (SQLite database, index) in this folder instead of a temporary one.
    data_dir: Option<std::path::PathBuf>,
    counts: seed::Counts,
}

fn args() -> Args {
    let mut args = Args {
        backend: "sqlite".to_owned(),
        rounds: 200,
        out: None,
        data_dir: None,
        counts: seed::Counts {
            reports: 50_000,
            needs: 10_000,
            trials: 10_000,
            technologies: 200,
        },
    };
    let mut it = std::env::args().skip(1);
    let number =
        |v: Option<String>, default: usize| v.and_then(|v| v.parse().ok()).unwrap_or(default);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--backend" => args.backend = it.next().unwrap_or(args.backend),
            "--rounds" => args.rounds = number(it.next(), args.rounds),
            "--reports" => args.counts.reports = number(it.next(), args.counts.reports),
            "--needs" => args.counts.needs = number(it.next(), args.counts.needs),
            "--trials" => args.counts.trials = number(it.next(), args.counts.trials),
            "--out" => args.out = it.next(),
            "--data-dir" => args.data_dir = it.next().map(Into::into),
            _ => {} // cargo bench passes --bench
        }
    }
    args
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One measured page: who asked, which address, p50 and p99 in ms.
struct Measured {
    reader: &'static str,
    path: String,
    bytes: usize,
    p50: f64,
    p99: f64,
}

async fn measure(
    base: &str,
    reader: &'static str,
    cookie: Option<&str>,
    path: &str,
    rounds: usize,
) -> Measured {
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(60))
        .finish();
    let mut times = Vec::with_capacity(rounds);
    let mut bytes = 0;
    for round in 0..rounds + 5 {
        let mut req = client.get(format!("{base}{path}"));
        if let Some(raw) = cookie {
            req = req.insert_header(("Cookie", format!("noden_session={raw}")));
        }
        let t = Instant::now();
        let mut res = req.send().await.unwrap();
        let body = res.body().limit(64 << 20).await.unwrap();
        let elapsed = t.elapsed();
        assert!(
            res.status().is_success(),
            "{path} as {reader}: {}",
            res.status()
        );
        bytes = body.len();
        // The first five warm the caches and are not counted.
        if round >= 5 {
            times.push(elapsed);
        }
    }
    times.sort();
    Measured {
        reader,
        path: path.to_owned(),
        bytes,
        p50: ms(percentile(&times, 0.5)),
        p99: ms(percentile(&times, 0.99)),
    }
}

fn main() {
    let args = args();
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let backend = args.backend.clone();
    let (counts, rounds) = (args.counts, args.rounds);
    let (rows, organisations, seeded_in) = actix_web::rt::System::new().block_on(async move {
        let postgres = if backend == "postgres" {
            Some(postgres::throwaway_database("bench_lists").await)
        } else {
            None
        };
        let state = demo::demo_state(
            args.data_dir
                .clone()
                .unwrap_or_else(|| dir.path().to_path_buf()),
            postgres.as_ref().map(|(url, _, _)| url.clone()),
            Some(TOKEN),
        )
        .await;
        let catalog = state.catalog.get();
        // The municipalities (four-digit codes), as the issue counts them.
        let municipalities: Vec<uuid::Uuid> = catalog
            .organisations
            .iter()
            .filter(|o| o.code.len() == 4)
            .map(|o| o.id)
            .collect();
        let categories: Vec<uuid::Uuid> = catalog.categories.iter().map(|c| c.id).collect();
        eprintln!(
            "seeding {} reports, {} needs, {} trials across {} organisations…",
            counts.reports,
            counts.needs,
            counts.trials,
            municipalities.len()
        );
        let t = Instant::now();
        seed::seed(
            &state.db,
            &municipalities,
            &categories,
            &counts,
            state.clock.now(),
        )
        .await;
        // Fresh statistics, as a database that has grown to this size over time has.
        state.db.execute_unprepared("ANALYZE").await.unwrap();
        let seeded_in = t.elapsed();

        // A member of the first municipality and a node administrator, signed in.
        let member_org = municipalities[0];
        let start_session = |email: &'static str, admin: bool| {
            let state = state.clone();
            async move {
                if admin {
                    users::add_admin(&state, email, Some(member_org))
                        .await
                        .unwrap();
                }
                let txn = noden_portal::db::begin_write(&state.db).await.unwrap();
                let user =
                    users::for_confirmed_email(txn.txn(), state.clock.now(), email, member_org)
                        .await
                        .unwrap();
                let raw = session::start(txn.txn(), &state, &user, None)
                    .await
                    .unwrap();
                txn.commit().await.unwrap();
                raw
            }
        };
        let member = start_session("medlem@bench.example", false).await;
        let staff = start_session("admin@bench.example", true).await;

        let running = noden_portal::start(state.clone()).unwrap();
        let base = format!("http://{}", running.addr);
        actix_web::rt::spawn(running.server);

        let pages = [
            "/behov",
            "/behov?page=200",
            "/behov?target_group=lss&page=3",
            "/tester",
            "/tester?page=200",
            "/tester?phase=pagar",
            "/teknik",
            "/oversikt",
            "/oversikt?county=04&from=2022-01-01",
            "/oversikt/behov.csv",
            "/api/v1/needs",
            "/api/v1/needs?page=200",
            "/api/v1/trials",
            "/api/v1/trials?organisation=0480",
            "/api/v1/technologies",
            "/api/v1/overview",
        ];
        let mut rows = Vec::new();
        for path in pages {
            for (reader, cookie) in [("anonymous", None), ("member", Some(member.as_str()))] {
                let m = measure(&base, reader, cookie, path, rounds).await;
                eprintln!(
                    "{:>9} {:<40} p50 {:>6.2} ms  p99 {:>6.2} ms",
                    m.reader, m.path, m.p50, m.p99
                );
                rows.push(m);
            }
        }
        for path in ["/granskning", "/granskning?page=10", "/admin/logg"] {
            let m = measure(&base, "staff", Some(staff.as_str()), path, rounds).await;
            eprintln!(
                "{:>9} {:<40} p50 {:>6.2} ms  p99 {:>6.2} ms",
                m.reader, m.path, m.p50, m.p99
            );
            rows.push(m);
        }
        running.handle.stop(true).await;
        drop(state);
        if let Some((_, server, name)) = postgres {
            postgres::drop_database(&server, &name).await;
        }
        (rows, municipalities.len(), seeded_in)
    });

    let backend = if args.backend == "postgres" {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let command = format!(
        " --{} --rounds {}{}",
        if args.backend == "postgres" {
            " --backend postgres"
        } else {
            ""
        },
        args.rounds,
        if args.out.is_some() {
            " --out docs/benchmarks.md"
        } else {
            ""
        },
    );
    let mut section = format!(
        "## Lists and the overview on {backend} (issue 12)\n\n\
         Command: `cargo bench --bench lists{}` on this machine (2 cores, shared); {} reports, \
         {} needs, {} trials and {} catalogue entries across {} organisations, written in bulk \
         in {:.0} s; each page requested {} times one after another over HTTP on loopback \
         after 5 unmeasured requests; whole run {:.0} s. Target: p99 ≤ {TARGET_MS} ms.\n\n\
         | reader | page | bytes | p50 ms | p99 ms | within target |\n|---|---|---|---|---|---|\n",
        command,
        args.counts.reports,
        args.counts.needs,
        args.counts.trials,
        args.counts.technologies,
        organisations,
        seeded_in.as_secs_f64(),
        args.rounds,
        started.elapsed().as_secs_f64(),
    );
    for m in &rows {
        section.push_str(&format!(
            "| {} | `{}` | {} | {:.2} | {:.2} | {} |\n",
            m.reader,
            m.path,
            m.bytes,
            m.p50,
            m.p99,
            if m.p99 <= TARGET_MS { "yes" } else { "**no**" }
        ));
    }
    println!("{section}");
    if let Some(path) = args.out {
        sections::write_section(
            &path,
            &section,
            "# Benchmarks\n\nEach section replaces itself when its benchmark runs again.\n",
        );
    }
}
