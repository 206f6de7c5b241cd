//! Import benchmark: `noden import` of a folder of Markdown reports of about 4 KB each, end to
//! end (the command's whole run: start, migrations, reference data, reading, saving), on a
//! fresh database; again after every file changed (every report updated); and once more with
//! nothing changed (every report left be).
//!
//! ```sh
//! cargo bench --bench import -- --files 20000 --out docs/benchmarks.md
//! cargo bench --bench import -- --backend postgres --files 20000 --out docs/benchmarks.md
//! cargo bench --bench import -- --noden path/to/another/noden   # measure another build
//! ```
//! The folder carries the content folder's `organisations.yaml` and `categories.yaml`, so the
//! reports' organisations and categories resolve on an empty database. PostgreSQL comes from
//! `NODEN_TEST_DATABASE_URL` (default: the server on 127.0.0.1:5432); a throw-away database
//! is created and dropped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../common/postgres.rs"]
mod postgres;
#[path = "../sections.rs"]
mod sections;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The target of issue 17: documents per second, end to end.
const TARGET: f64 = 2000.0;

struct Args {
    backend: String,
    files: usize,
    out: Option<String>,
    noden: PathBuf,
}

fn args() -> Args {
    let mut args = Args {
        backend: "sqlite".to_owned(),
        files: 20_000,
        out: None,
        noden: PathBuf::from(env!("CARGO_BIN_EXE_noden")),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--backend" => args.backend = it.next().unwrap_or(args.backend),
            "--files" => args.files = it.next().and_then(|v| v.parse().ok()).unwrap_or(args.files),
            "--out" => args.out = it.next(),
            "--noden" => args.noden = it.next().map(Into::into).unwrap_or(args.noden),
            _ => {} // cargo bench passes --bench
        }
    }
    args
}

/// Words to build report text from: the field's vocabulary, so the text looks like a report.
const WORDS: &[&str] = &[
    "nattillsyn",
    "kamera",
    "hemtjänsten",
    "brukaren",
    "personalen",
    "trygghetslarm",
    "läkemedelsautomat",
    "införandet",
    "utvärderingen",
    "sensorer",
    "digitala",
    "lås",
    "anhöriga",
    "verksamheten",
    "kommunen",
    "testet",
    "resultatet",
    "visade",
    "att",
    "färre",
    "besök",
    "behövdes",
    "på",
    "natten",
    "och",
    "med",
    "som",
    "inte",
    "för",
    "alla",
    "vid",
    "tillsammans",
    "arbetssätt",
    "rutiner",
    "upphandling",
    "leverantören",
    "support",
    "utbildning",
    "nöjda",
    "tid",
];

const ORGANISATIONS: &[&str] = &[
    "Nyköpings kommun",
    "Eskilstuna kommun",
    "Flens kommun",
    "Katrineholms kommun",
    "Strängnäs kommun",
    "Trosa kommun",
    "Gnesta kommun",
    "Oxelösunds kommun",
    "Vingåkers kommun",
    "Region Sörmland",
];

const CATEGORIES: &[&str] = &[
    "digital-tillsyn",
    "trygghetslarm",
    "gps-larm",
    "digitala-las",
    "lakemedelsautomater",
];

/// A small deterministic generator, so every run imports the same folder.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below
    }
}

/// Writes `files` reports of about 4 KB, and the reference data they name, into `dir`.
fn write_corpus(dir: &Path, files: usize) -> u64 {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for name in ["organisations.yaml", "categories.yaml"] {
        std::fs::copy(content.join(name), dir.join(name)).unwrap();
    }
    let mut random = Lcg(17);
    let mut bytes = 0;
    for n in 0..files {
        let mut text = format!(
            "---\ntitle: \"Rapport {n}: {} {}\"\norganisation: \"{}\"\ncategories: [\"{}\"]\nsummary: \"Sammanfattning av test {n}.\"\n---\n",
            WORDS[random.next(WORDS.len())],
            WORDS[random.next(WORDS.len())],
            ORGANISATIONS[n % ORGANISATIONS.len()],
            CATEGORIES[n % CATEGORIES.len()],
        );
        while text.len() < 4000 {
            if random.next(8) == 0 {
                text.push_str("\n## Avsnitt\n\n");
            }
            for _ in 0..12 {
                text.push_str(WORDS[random.next(WORDS.len())]);
                text.push(' ');
            }
            text.push_str(".\n");
        }
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("rapport-{n:05}.md")), text).unwrap();
    }
    bytes
}

/// Adds a paragraph to every report of the folder, as an edit of every file would.
fn revise(dir: &Path, files: usize) {
    for n in 0..files {
        let path = dir.join(format!("rapport-{n:05}.md"));
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("\nUppföljningen efter tolv månader bekräftade resultatet.\n");
        std::fs::write(path, text).unwrap();
    }
}

/// Runs `noden import DIR` and returns how long it took and its closing line.
fn import(noden: &Path, data_dir: &Path, database: Option<&str>, dir: &Path) -> (Duration, String) {
    let mut command = Command::new(noden);
    command
        .arg("--data-dir")
        .arg(data_dir)
        .arg("import")
        .arg(dir)
        .env_remove("NODEN_DATABASE_URL")
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn");
    if let Some(url) = database {
        command.env("NODEN_DATABASE_URL", url);
    }
    let started = Instant::now();
    let out = command.output().expect("run noden import");
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(
        out.status.success(),
        "noden import failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (took, stdout)
}

fn main() {
    let args = args();
    let corpus = tempfile::tempdir().unwrap();
    let bytes = write_corpus(corpus.path(), args.files);
    eprintln!("corpus: {} files, {:.1} MB", args.files, bytes as f64 / 1e6);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let postgres = (args.backend == "postgres")
        .then(|| runtime.block_on(postgres::throwaway_database("bench_import")));
    let data = tempfile::tempdir().unwrap();
    let url = postgres.as_ref().map(|(url, _, _)| url.as_str());
    let (first, first_line) = import(&args.noden, data.path(), url, corpus.path());
    eprintln!("first import: {:.1} s: {first_line}", first.as_secs_f64());
    revise(corpus.path(), args.files);
    let (changed, changed_line) = import(&args.noden, data.path(), url, corpus.path());
    eprintln!(
        "every file changed: {:.1} s: {changed_line}",
        changed.as_secs_f64()
    );
    let (again, again_line) = import(&args.noden, data.path(), url, corpus.path());
    eprintln!(
        "nothing changed: {:.1} s: {again_line}",
        again.as_secs_f64()
    );
    if let Some((_, server, name)) = &postgres {
        runtime.block_on(async {
            postgres::drop_database(server, name).await;
        });
    }

    let backend = if args.backend == "postgres" {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let rate = |took: Duration| args.files as f64 / took.as_secs_f64();
    let row = |what: &str, took: Duration, line: &str| {
        format!(
            "| {what} | {:.1} | {:.0} | {} | {line} |\n",
            took.as_secs_f64(),
            rate(took),
            if rate(took) >= TARGET { "yes" } else { "no" },
        )
    };
    let section = format!(
        "## Import on {backend} (issue 17)\n\n\
         Command: `cargo bench --bench import --{} --files {} --out docs/benchmarks.md` on this \
         machine (2 cores, shared): `noden import` of a folder of {} Markdown reports of about \
         4 KB ({:.1} MB in all), timed from the command's start to its exit, on a fresh \
         database; again after a paragraph was added to every file; and again with nothing \
         changed. Target: ≥ {TARGET:.0} documents/s.\n\n\
         | run | seconds | documents/s | within target | the command said |\n|---|---|---|---|---|\n{}{}{}",
        if args.backend == "postgres" {
            " --backend postgres"
        } else {
            ""
        },
        args.files,
        args.files,
        bytes as f64 / 1e6,
        row("first import (all new)", first, &first_line),
        row("every file changed (all updated)", changed, &changed_line),
        row("nothing changed (all left be)", again, &again_line),
    );
    println!("{section}");
    if let Some(out) = &args.out {
        sections::write_section(out, &section, "# Benchmarks\n");
    }
}
