//! Search benchmark: Noden's engine (in-process and over HTTP) against PostgreSQL full-text
//! search and SQLite FTS5, on one deterministic corpus and one query mix.
//!
//! ```sh
//! cargo bench --bench search -- --docs 100000 --out docs/benchmarks.md
//! ```
//! PostgreSQL comes from `NODEN_TEST_DATABASE_URL` (default: the server on 127.0.0.1:5432);
//! a throw-away database is created and dropped.
//!
//! `-- --docs 100000 --profile term-topic --seconds 30` runs only new searches of one query
//! class (`all`: the whole mix; or one query, by its text), for a profiler attached to the
//! process (`perf record -g -p PID`), and prints each query's mean time.
//!
//! `-- --docs 100000 --keep DIR` only builds the index, in `DIR/index`, and keeps it: `noden
//! --data-dir DIR serve` then serves it, for loads and profiles by hand.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod corpus;
mod engines;
mod report;
#[path = "../sections.rs"]
mod sections;

use std::time::{Duration, Instant};

use corpus::{BenchQuery, Doc};

/// The allocator the portal runs with (src/main.rs), so the engine in-process is measured as
/// it serves.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One engine's answer to one query: ids in rank order (top 10) and the total, if known.
pub struct Answer {
    pub ids: Vec<String>,
    pub total: u64,
}

/// The latencies of one query class; `supported` is false when the engine cannot answer it.
pub struct ClassRun {
    pub class: String,
    pub latencies: Vec<Duration>,
    pub supported: bool,
}

/// Timings and answers per query class for one engine.
pub struct EngineRun {
    pub engine: String,
    pub index_docs_per_s: f64,
    pub index_bytes: u64,
    pub visible_after: Option<Duration>,
    pub classes: Vec<ClassRun>,
    pub ndcg10: f64,
    pub mrr: f64,
    pub notes: Vec<String>,
}

struct Args {
    docs: usize,
    rounds: usize,
    out: Option<String>,
    skip: Vec<String>,
    /// `--profile CLASS`: only new searches of that class (`all`: the whole mix; or the query
    /// of that text), in turn, for a profiler.
    profile: Option<String>,
    seconds: u64,
    /// `--keep DIR`: only build the index, in `DIR/index`, and keep it.
    keep: Option<std::path::PathBuf>,
}

fn args() -> Args {
    let mut args = Args {
        docs: 10_000,
        rounds: 20,
        out: None,
        skip: Vec::new(),
        profile: None,
        seconds: 30,
        keep: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--docs" => args.docs = it.next().and_then(|v| v.parse().ok()).unwrap_or(args.docs),
            "--rounds" => {
                args.rounds = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(args.rounds)
            }
            "--out" => args.out = it.next(),
            "--skip" => args.skip.extend(it.next()),
            "--profile" => args.profile = it.next(),
            "--keep" => args.keep = it.next().map(Into::into),
            "--seconds" => {
                args.seconds = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(args.seconds)
            }
            _ => {} // cargo bench passes --bench
        }
    }
    args
}

/// nDCG@10 and reciprocal rank of one answer; documents of the query's topic are relevant,
/// with grade 2 when the topic's words are in the title (all of this corpus's topical titles).
pub fn quality(docs: &[Doc], query: &BenchQuery, answer: &Answer) -> Option<(f64, f64)> {
    let topic = query.topic?;
    let relevant = |id: &str| -> bool {
        id.rsplit('-')
            .next()
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|i| docs.get(i))
            .is_some_and(|d| {
                d.topic == topic && query.organisation.is_none_or(|o| d.organisation == o)
            })
    };
    let total_relevant = docs
        .iter()
        .filter(|d| d.topic == topic && query.organisation.is_none_or(|o| d.organisation == o))
        .count();
    let dcg: f64 = answer
        .ids
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, id)| relevant(id))
        .map(|(rank, _)| 1.0 / ((rank + 2) as f64).log2())
        .sum();
    let ideal: f64 = (0..total_relevant.min(10))
        .map(|rank| 1.0 / ((rank + 2) as f64).log2())
        .sum();
    let rr = answer
        .ids
        .iter()
        .position(|id| relevant(id))
        .map_or(0.0, |p| 1.0 / (p + 1) as f64);
    Some((if ideal > 0.0 { dcg / ideal } else { 0.0 }, rr))
}

/// Runs the query mix `rounds` times against `run_query`, collecting latencies per class and
/// ranking quality from the first round.
pub fn measure(
    docs: &[Doc],
    queries: &[BenchQuery],
    rounds: usize,
    mut run_query: impl FnMut(&BenchQuery) -> Option<Answer>,
) -> (Vec<ClassRun>, f64, f64) {
    let mut classes: Vec<ClassRun> = Vec::new();
    let (mut ndcg, mut mrr, mut judged) = (0.0, 0.0, 0);
    for round in 0..rounds {
        for q in queries {
            let start = Instant::now();
            let answer = run_query(q);
            let took = start.elapsed();
            let entry = match classes.iter().position(|c| c.class == q.class) {
                Some(i) => &mut classes[i],
                None => {
                    classes.push(ClassRun {
                        class: q.class.to_owned(),
                        latencies: Vec::new(),
                        supported: true,
                    });
                    classes.last_mut().unwrap()
                }
            };
            match answer {
                Some(answer) => {
                    entry.latencies.push(took);
                    if round == 0
                        && let Some((n, r)) = quality(docs, q, &answer)
                    {
                        ndcg += n;
                        mrr += r;
                        judged += 1;
                    }
                }
                None => entry.supported = false,
            }
        }
    }
    let judged = f64::from(judged.max(1));
    (classes, ndcg / judged, mrr / judged)
}

pub fn peak_memory_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// Bytes of all files below `path`.
pub fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let args = args();
    let started = Instant::now();
    eprintln!("generating {} documents…", args.docs);
    let docs = corpus::generate(args.docs);
    let mut sizes: Vec<usize> = docs.iter().map(|d| d.body.len()).collect();
    sizes.sort_unstable();
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
    let queries = corpus::query_mix();
    if let Some(class) = &args.profile {
        engines::profile(&docs, &queries, class, args.seconds);
        return;
    }
    if let Some(dir) = &args.keep {
        engines::keep(&docs, dir);
        return;
    }
    let mut runs = Vec::new();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (first, repeated, served) = engines::noden(&docs, &queries, args.rounds, &runtime);
    runs.push(first);
    runs.push(repeated);
    if !args.skip.iter().any(|s| s == "postgres") {
        match engines::postgres(&docs, &queries, args.rounds, &runtime) {
            Ok(run) => runs.push(run),
            Err(e) => eprintln!("PostgreSQL skipped: {e}"),
        }
    }
    if !args.skip.iter().any(|s| s == "sqlite") {
        runs.push(engines::sqlite_fts5(&docs, &queries, args.rounds, &runtime));
    }
    let mut arguments = format!("--docs {} --rounds {}", args.docs, args.rounds);
    for skipped in &args.skip {
        arguments.push_str(&format!(" --skip {skipped}"));
    }
    let text = report::render(
        args.docs,
        &arguments,
        median,
        &runs,
        &served,
        peak_memory_kib(),
        started.elapsed(),
    );
    println!("{text}");
    if let Some(out) = args.out {
        report::write_section(&out, &text);
        eprintln!("written to {out}");
    }
}
