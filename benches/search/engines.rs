//! The engines under test, each set up on the same corpus and asked the same queries.

use std::time::{Duration, Instant};

use noden_search::{Change, Document, Query, SearchIndex};
use sea_orm::sqlx::{self, Row};

use crate::corpus::{BenchQuery, Doc};
use crate::{Answer, EngineRun, measure};

const PHASES: [&str; 6] = [
    "behov",
    "forstudie",
    "test",
    "inforande",
    "drift",
    "uppfoljning",
];
const TARGET_GROUPS: [&str; 5] = [
    "ordinart-boende",
    "sarskilt-boende",
    "lss",
    "anhoriga",
    "personal",
];

fn document(d: &Doc) -> Document {
    // Phase and target groups vary with the document so the report facets are counted.
    let spread = d.published_at.unsigned_abs() as usize;
    Document {
        confirmed_at: None,
        archived: false,
        id: d.id.clone(),
        kind: d.kind.to_owned(),
        title: d.title.clone(),
        summary: d.summary.clone(),
        body: d.body.clone(),
        url: format!("/rapporter/{}", d.id),
        organisation: Some(d.organisation.to_owned()),
        categories: Vec::new(),
        tags: Vec::new(),
        outcome: Some(d.outcome.to_owned()),
        county: Some(d.organisation[..2].to_owned()),
        phase: Some(PHASES[spread % PHASES.len()].to_owned()),
        target_groups: vec![
            TARGET_GROUPS[d.topic % TARGET_GROUPS.len()].to_owned(),
            TARGET_GROUPS[spread % TARGET_GROUPS.len()].to_owned(),
        ],
        node: "lokal".to_owned(),
        status: None,
        participants: Vec::new(),
        group: None,
        technologies: Vec::new(),
        principals: vec!["public".to_owned()],
        updated_at: 0,
        published_at: d.published_at,
    }
}

/// The query as the search page makes it: every facet counted, trials and their journals
/// collapsed, ten hits with snippets.
fn noden_query(q: &BenchQuery) -> Query {
    Query {
        text: q.text.clone(),
        organisation: q
            .organisation
            .map(|o| vec![o.to_owned()])
            .unwrap_or_default(),
        principals: vec!["public".to_owned()],
        facets: noden_search::Facet::ALL.to_vec(),
        collapse: true,
        page: 1,
        per_page: 10,
        ..Default::default()
    }
}

/// What wrk measured against one address mix.
pub struct HttpRun {
    /// What was asked, e.g. "`GET /api/v1/search` (JSON)".
    pub what: String,
    pub connections: usize,
    pub seconds: u64,
    pub requests: u64,
    pub requests_per_s: f64,
    /// wrk's latency distribution: p50 and p99 in milliseconds.
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Responses other than 2xx/3xx, and socket errors.
    pub errors: u64,
    /// Requests the portal itself took longer than [`SLOW_SECONDS`] to answer, by its own
    /// request-time histogram (`/metrics`). wrk's percentiles also count, for every connection
    /// a slow answer held up, the requests it would have sent meanwhile (its correction for
    /// coordinated omission), so a few slow answers weigh more there.
    pub slow: u64,
}

/// See [`HttpRun::slow`]: a bucket bound of the portal's request-time histogram.
pub const SLOW_SECONDS: &str = "0.032";

/// The HTTP runs, and what the portal serving them held.
pub struct Served {
    pub runs: Vec<HttpRun>,
    pub memory: Serving,
}

/// The resident memory of the portal serving the HTTP runs (from `/proc/PID/status`), in MiB.
pub struct Serving {
    /// After the HTTP runs: all of it, and the part that is the index's files mapped in.
    pub resident_mib: u64,
    pub resident_files_mib: u64,
    /// The most it held at any moment.
    pub peak_mib: u64,
}

/// Noden's index over `docs`, built as `noden reindex` builds it (a bulk load, then its
/// segments merged into one), in a directory of its own.
pub struct Built {
    pub dir: tempfile::TempDir,
    pub index: SearchIndex,
    pub docs_per_s: f64,
    pub segments: usize,
    pub merged_in: Duration,
    pub position: i64,
}

pub fn build(docs: &[Doc]) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let index = SearchIndex::open_in_dir(&index_dir).unwrap();
    eprintln!("noden: indexing…");
    let start = Instant::now();
    index.begin_bulk_load();
    let mut position = 0;
    for chunk in docs.chunks(5_000) {
        position += 1;
        index
            .apply(
                chunk.iter().map(|d| Change::Upsert(document(d))).collect(),
                position,
            )
            .unwrap();
    }
    let docs_per_s = docs.len() as f64 / start.elapsed().as_secs_f64();
    // As `noden reindex` does after its bulk load (not counted in the indexing rate).
    let segments = index.num_segments();
    let merging = Instant::now();
    index.merge_segments().unwrap();
    let merged_in = merging.elapsed();
    eprintln!(
        "noden: merged {segments} segments into {} in {:.1} s",
        index.num_segments(),
        merged_in.as_secs_f64()
    );
    Built {
        dir,
        index,
        docs_per_s,
        segments,
        merged_in,
        position,
    }
}

/// Builds the index of `docs` and moves it to `dir/index`, where `noden --data-dir dir serve`
/// finds it.
pub fn keep(docs: &[Doc], dir: &std::path::Path) {
    let built = build(docs);
    drop(built.index);
    let kept = dir.join("index");
    assert!(!kept.exists(), "{} exists already", kept.display());
    std::fs::create_dir_all(dir).unwrap();
    let dir = &std::fs::canonicalize(dir).unwrap();
    let kept = dir.join("index");
    std::fs::rename(built.dir.path().join("index"), &kept)
        .expect("move the index (DIR must be on the file system of the temporary directory)");
    for load in loads(&crate::corpus::query_mix()) {
        let list = dir.join(format!("{}.txt", load.name));
        std::fs::write(&list, load.paths.join("\n") + "\n").unwrap();
        std::fs::write(dir.join(format!("{}.lua", load.name)), wrk_script(&list)).unwrap();
    }
    eprintln!(
        "noden: the index is in {}; serve it with `noden --data-dir {} serve`; the wrk scripts of \
         the HTTP runs are beside it (`wrk -t {WRK_THREADS} -c {HTTP_CONNECTIONS} -d \
         {HTTP_SECONDS}s --latency -s {}/json-mix.lua http://127.0.0.1:8080`)",
        kept.display(),
        dir.display(),
        dir.display(),
    );
}

/// For a profiler: new searches of one query class, in turn, for `seconds`, after which the
/// mean time of each query is printed. Nothing else runs, so a profile of the process (e.g.
/// `perf record -p`) shows only what a new search costs.
pub fn profile(docs: &[Doc], queries: &[BenchQuery], class: &str, seconds: u64) {
    let built = build(docs);
    let chosen: Vec<&BenchQuery> = queries
        .iter()
        .filter(|q| class == "all" || q.class == class || q.text == class)
        .collect();
    assert!(!chosen.is_empty(), "no query of the class {class}");
    eprintln!(
        "noden: searching the {} queries of {class}, each search new, for {seconds} s (pid {})…",
        chosen.len(),
        std::process::id()
    );
    let mut spent = vec![(Duration::ZERO, 0u32, 0usize); chosen.len()];
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(seconds) {
        for (q, (time, count, total)) in chosen.iter().zip(&mut spent) {
            built.index.forget_cached_results();
            let start = Instant::now();
            let found = built.index.search(&noden_query(q)).unwrap();
            *time += start.elapsed();
            *count += 1;
            *total = found.total;
        }
    }
    for (q, (time, count, total)) in chosen.iter().zip(&spent) {
        println!(
            "{:>8.3} ms  {:>6} searches  {:>7} found  {}",
            time.as_secs_f64() * 1e3 / f64::from((*count).max(1)),
            count,
            total,
            q.text
        );
    }
}

/// Noden's engine in-process, then the portal's JSON search API over HTTP on the same index.
pub fn noden(
    docs: &[Doc],
    queries: &[BenchQuery],
    rounds: usize,
    _rt: &tokio::runtime::Runtime,
) -> (EngineRun, EngineRun, Served) {
    let Built {
        dir,
        index,
        docs_per_s: index_docs_per_s,
        segments,
        merged_in,
        position,
    } = build(docs);
    let index_dir = dir.path().join("index");

    // From a committed change to a search that finds it.
    let mut fresh = document(&docs[0]);
    fresh.id = "ffffffff-0000-7000-8000-000000000000".to_owned();
    fresh.title = "Alldeles nyskriven rapport om zebrafiskar".to_owned();
    let start = Instant::now();
    index
        .apply(vec![Change::Upsert(fresh)], position + 1)
        .unwrap();
    let probe = Query {
        text: "zebrafiskar".into(),
        principals: vec!["public".into()],
        ..Default::default()
    };
    while index.search(&probe).unwrap().total == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the change never became visible"
        );
    }
    let visible_after = start.elapsed();
    let index_bytes = crate::dir_size(&index_dir);

    let ask = |index: &SearchIndex, q: &BenchQuery| {
        if q.class == "prefix" {
            let prefix = q.text.trim_end_matches('*');
            let found = index.suggest(prefix, &["public".to_owned()], 10).unwrap();
            return Some(Answer {
                total: found.len() as u64,
                ids: found.into_iter().map(|s| s.id).collect(),
            });
        }
        let r = index.search(&noden_query(q)).unwrap();
        Some(Answer {
            ids: r.hits.into_iter().map(|h| h.id).collect(),
            total: r.total as u64,
        })
    };
    eprintln!("noden: querying in-process, each search new…");
    let (first_classes, ndcg10, mrr) = measure(docs, queries, rounds, |q| {
        index.forget_cached_results();
        ask(&index, q)
    });
    eprintln!("noden: querying in-process, each search made before…");
    for q in queries {
        ask(&index, q);
    }
    let (classes, _, _) = measure(docs, queries, rounds, |q| ask(&index, q));
    drop(index);
    let served = http(dir.path(), queries);
    let first = EngineRun {
        engine: "Noden (tantivy, in-process), new search".to_owned(),
        index_docs_per_s,
        index_bytes,
        visible_after: Some(visible_after),
        classes: first_classes,
        ndcg10,
        mrr,
        notes: vec![
            "every query counts the 11 facets the search page draws and highlights 10 snippets"
                .to_owned(),
            format!(
                "after the bulk load the {segments} segments were merged into one (as `noden \
                 reindex` does), in {:.0} s not counted in the indexing rate",
                merged_in.as_secs_f64()
            ),
            "new search: the cache of earlier searches is emptied before each query, so every \
             query visits all its matches"
                .to_owned(),
            "prefix: the suggestions function (title prefixes), as search-as-you-type uses it"
                .to_owned(),
        ],
    };
    let repeated = EngineRun {
        engine: "Noden (tantivy, in-process), search made before".to_owned(),
        classes,
        notes: vec![
            "search made before: the same query again on the same index (another visitor, or \
             the next page): total, facet counts and best hits come from the cache; the hits \
             shown are read and highlighted again"
                .to_owned(),
        ],
        ..EngineRun {
            engine: String::new(),
            index_docs_per_s,
            index_bytes,
            visible_after: Some(visible_after),
            classes: Vec::new(),
            ndcg10,
            mrr,
            notes: Vec::new(),
        }
    };
    (first, repeated, served)
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

const HTTP_CONNECTIONS: usize = 32;
const HTTP_SECONDS: u64 = 20;
/// wrk's threads; each sends its share of a run's paths (the first thread the 1st, 3rd, …).
const WRK_THREADS: usize = 2;

/// The portal (`noden serve`, a process of its own) over `data_dir`'s index, loaded by wrk (a
/// separate process) on loopback with the query mix: the JSON search API, then the HTML search
/// page. Then how much memory the portal held.
fn http(data_dir: &std::path::Path, queries: &[BenchQuery]) -> Served {
    eprintln!("noden: querying over HTTP with wrk…");
    let loads = loads(queries);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut portal = std::process::Command::new(env!("CARGO_BIN_EXE_noden"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("serve")
        .env_remove("NODEN_DATABASE_URL")
        .env_remove("DATABASE_URL")
        .env("NODEN_BIND", &addr)
        .env("NODEN_LOAD_CONTENT_ON_FIRST_START", "false")
        .env("RUST_LOG", "warn")
        .spawn()
        .expect("start noden serve");
    let started = Instant::now();
    while get(&addr, "/readyz").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the portal never became ready"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The portal searches the benchmark's index, not an empty one of its own.
    let probe = &loads[0].paths[0];
    let found: serde_json::Value =
        serde_json::from_str(&get(&addr, probe).expect("a search over HTTP")).unwrap();
    assert!(
        found["total"].as_u64().is_some_and(|total| total > 0),
        "the portal found nothing for {probe}: {found}"
    );
    let base = format!("http://{addr}");
    let runs: Vec<HttpRun> = loads
        .iter()
        .map(|load| {
            let route = load.paths[0].split('?').next().unwrap_or_default();
            let before = slow_requests(&addr, route);
            let run = wrk(&base, load.what, &load.paths);
            HttpRun {
                slow: slow_requests(&addr, route) - before,
                ..run
            }
        })
        .collect();
    let status = std::fs::read_to_string(format!("/proc/{}/status", portal.id())).unwrap();
    let mib = |key: &str| -> u64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse::<u64>().ok())
            .map_or(0, |kib| kib / 1024)
    };
    let memory = Serving {
        resident_mib: mib("VmRSS:"),
        resident_files_mib: mib("RssFile:"),
        peak_mib: mib("VmHWM:"),
    };
    portal.kill().unwrap();
    portal.wait().unwrap();
    Served { runs, memory }
}

/// What wrk sends in one run: the paths, in turn.
pub struct Load {
    pub what: &'static str,
    /// A name for the file of its paths (see [`keep`]).
    pub name: &'static str,
    pub paths: Vec<String>,
}

/// The HTTP runs: the query mix in turn to the JSON API, then to the search page, then JSON API
/// searches not made before.
fn loads(queries: &[BenchQuery]) -> Vec<Load> {
    let query_string = |q: &BenchQuery| {
        let mut qs = format!("q={}", encode(&q.text));
        if let Some(o) = q.organisation {
            qs.push_str(&format!("&organisation={o}"));
        }
        qs
    };
    let searches: Vec<String> = queries
        .iter()
        .filter(|q| q.class != "prefix")
        .map(query_string)
        .collect();
    let mix = |prefix: &str| searches.iter().map(|qs| format!("{prefix}{qs}")).collect();
    vec![
        Load {
            what: "`GET /api/v1/search` (JSON, 11 facets, 10 snippets), the mix in turn",
            name: "json-mix",
            paths: mix("/api/v1/search?"),
        },
        Load {
            what: "`GET /api/v1/search`, the mix in turn again (each search made before)",
            name: "json-mix-again",
            paths: mix("/api/v1/search?"),
        },
        Load {
            what: "`GET /sok` (the HTML search page), the mix in turn",
            name: "page-mix",
            paths: mix("/sok?"),
        },
        Load {
            what: "`GET /api/v1/search`, every request a search not made before",
            name: "json-new",
            paths: new_searches(queries),
        },
    ]
}

/// JSON API searches that no request asks twice (so none is answered from the search cache):
/// the mix's texts, each with every combination of no or one organisation, kind and outcome
/// filter the API takes, by relevance and newest first, in an order that changes the text from
/// one request to the next. More than wrk sends in a run at the rates measured here (it wraps
/// around otherwise).
fn new_searches(queries: &[BenchQuery]) -> Vec<String> {
    use crate::corpus::{KINDS, ORGANISATIONS, OUTCOMES};
    let mut kinds: Vec<&str> = KINDS.to_vec();
    kinds.dedup();
    // `pagar` is an outcome of older files the API no longer takes as a filter.
    let outcomes: Vec<&str> = OUTCOMES.iter().copied().filter(|o| *o != "pagar").collect();
    let texts: Vec<&str> = queries
        .iter()
        .filter(|q| q.class != "prefix")
        .map(|q| q.text.as_str())
        .collect();
    let optional = |values: &[&'static str]| -> Vec<Option<&'static str>> {
        std::iter::once(None)
            .chain(values.iter().copied().map(Some))
            .collect()
    };
    let mut paths = Vec::new();
    for sort in optional(&["nyast"]) {
        for organisation in optional(ORGANISATIONS) {
            for kind in optional(&kinds) {
                for outcome in optional(&outcomes) {
                    for text in &texts {
                        let mut path = format!("/api/v1/search?q={}", encode(text));
                        for (name, value) in [
                            ("organisation", organisation),
                            ("kind", kind),
                            ("outcome", outcome),
                            ("sort", sort),
                        ] {
                            if let Some(value) = value {
                                path.push_str(&format!("&{name}={value}"));
                            }
                        }
                        paths.push(path);
                    }
                }
            }
        }
    }
    paths
}

/// How many requests to `route` the portal took longer than [`SLOW_SECONDS`] to answer so
/// far, by its request-time histogram.
fn slow_requests(addr: &str, route: &str) -> u64 {
    let metrics = get(addr, "/metrics").expect("the portal's metrics");
    let labels = format!("{{method=\"GET\",route=\"{route}\"");
    let value = |name: &str, le: Option<&str>| -> u64 {
        metrics
            .lines()
            .filter(|line| line.starts_with(name) && line.contains(&labels))
            .find(|line| le.is_none_or(|le| line.contains(&format!("le=\"{le}\""))))
            .and_then(|line| line.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    value("noden_http_request_duration_seconds_count", None)
        - value(
            "noden_http_request_duration_seconds_bucket",
            Some(SLOW_SECONDS),
        )
}

/// The body of the portal's answer to `GET path`, when it is a 200.
fn get(addr: &str, path: &str) -> Option<String> {
    actix_web::rt::System::new().block_on(async {
        let mut answer = awc::Client::default()
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .ok()?;
        if !answer.status().is_success() {
            return None;
        }
        let body = answer.body().limit(16 * 1024 * 1024).await.ok()?;
        Some(String::from_utf8_lossy(&body).into_owned())
    })
}

/// A wrk script sending the paths listed in the file `list`, one per line, in turn; each of
/// [`WRK_THREADS`] threads sends its share (the first thread the 1st, 3rd, …).
fn wrk_script(list: &std::path::Path) -> String {
    format!(
        "local threads = 0\n\
         function setup(thread)\n  thread:set(\"first\", threads)\n  threads = threads + 1\nend\n\
         local paths = {{}}\n\
         for line in io.lines({list:?}) do paths[#paths + 1] = line end\n\
         local i = nil\n\
         request = function()\n  i = i or first\n  local path = paths[i % #paths + 1]\n  \
         i = i + {WRK_THREADS}\n  return wrk.format(\"GET\", path)\nend\n",
        list = list.display().to_string(),
    )
}

/// Runs wrk against `base` with `paths` in turn (a Lua script) and reads its report.
fn wrk(base: &str, what: &str, paths: &[String]) -> HttpRun {
    // The paths go in a file of their own, one per line, which the script reads: a run may have
    // more of them than a Lua chunk may hold constants.
    let list = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(list.path(), paths.join("\n") + "\n").unwrap();
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(script.path(), wrk_script(list.path())).unwrap();
    let output = std::process::Command::new("wrk")
        .args(["-t", &WRK_THREADS.to_string()])
        .args(["-c", &HTTP_CONNECTIONS.to_string()])
        .args(["-d", &format!("{HTTP_SECONDS}s"), "--latency", "-s"])
        .arg(script.path())
        .arg(base)
        .output()
        .expect("wrk is needed for the HTTP figures: apt-get install wrk");
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "wrk failed: {report}");
    eprintln!("{report}");
    let after = |label: &str| -> Option<&str> {
        report
            .lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(label))
            .map(str::trim)
    };
    let millis = |text: &str| -> f64 {
        let unit = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        let value: f64 = text[..text.len() - unit.len()].parse().unwrap_or(f64::NAN);
        match unit {
            "us" => value / 1000.0,
            "ms" => value,
            "s" => value * 1000.0,
            "m" => value * 60_000.0,
            _ => f64::NAN,
        }
    };
    let requests = report
        .lines()
        .find(|line| line.contains("requests in"))
        .and_then(|line| line.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let socket_errors: u64 = after("Socket errors:")
        .map(|list| {
            list.split(',')
                .filter_map(|part| part.split_whitespace().nth(1))
                .filter_map(|n| n.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    let non_2xx: u64 = after("Non-2xx or 3xx responses:")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    HttpRun {
        what: what.to_owned(),
        connections: HTTP_CONNECTIONS,
        seconds: HTTP_SECONDS,
        requests,
        requests_per_s: after("Requests/sec:")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0.0),
        p50_ms: after("50%").map_or(f64::NAN, millis),
        p99_ms: after("99%").map_or(f64::NAN, millis),
        errors: socket_errors + non_2xx,
        slow: 0,
    }
}

fn postgres_url() -> String {
    std::env::var("NODEN_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn with_database(url: &str, name: &str) -> String {
    let base = url.split('?').next().unwrap_or(url);
    match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => format!("{base}/{name}"),
    }
}

/// PostgreSQL full-text search: `swedish` configuration, a stored weighted tsvector with a GIN
/// index, `websearch_to_tsquery`, `ts_rank_cd`, `ts_headline` for the ten shown hits, the total,
/// and one facet count (kind).
pub fn postgres(
    docs: &[Doc],
    queries: &[BenchQuery],
    rounds: usize,
    rt: &tokio::runtime::Runtime,
) -> Result<EngineRun, String> {
    let server = postgres_url();
    let name = format!("noden_bench_{}", std::process::id());
    let pool = rt.block_on(async {
        let admin = sqlx::PgPool::connect(&server).await.map_err(|e| e.to_string())?;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).execute(&admin).await.map_err(|e| e.to_string())?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.map_err(|e| e.to_string())?;
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .connect(&with_database(&server, &name))
            .await
            .map_err(|e| e.to_string())?;
        sqlx::query(
            "CREATE TABLE docs (id text PRIMARY KEY, title text NOT NULL, body text NOT NULL, kind text NOT NULL, \
             organisation text NOT NULL, tsv tsvector GENERATED ALWAYS AS \
             (setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', body), 'D')) STORED)",
        )
        .execute(&pool)
        .await
        .map_err(|e| e.to_string())?;
        Ok::<_, String>(pool)
    })?;
    eprintln!("postgres: indexing…");
    let start = Instant::now();
    rt.block_on(async {
        for chunk in docs.chunks(500) {
            let col = |f: fn(&Doc) -> String| chunk.iter().map(f).collect::<Vec<String>>();
            sqlx::query(
                "INSERT INTO docs (id, title, body, kind, organisation) \
                 SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])",
            )
            .bind(col(|d| d.id.clone()))
            .bind(col(|d| d.title.clone()))
            .bind(col(|d| d.body.clone()))
            .bind(col(|d| d.kind.to_owned()))
            .bind(col(|d| d.organisation.to_owned()))
            .execute(&pool)
            .await
            .unwrap();
        }
        sqlx::query("CREATE INDEX docs_tsv ON docs USING GIN (tsv)")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("ANALYZE docs").execute(&pool).await.unwrap();
    });
    let index_docs_per_s = docs.len() as f64 / start.elapsed().as_secs_f64();
    let index_bytes: i64 = rt.block_on(async {
        sqlx::query("SELECT pg_total_relation_size('docs')")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0)
    });
    eprintln!("postgres: querying…");
    let (classes, ndcg10, mrr) = measure(docs, queries, rounds, |q| {
        if q.class == "typo" {
            return None;
        }
        let tsquery = if q.class == "prefix" {
            "to_tsquery('swedish', $1)"
        } else {
            "websearch_to_tsquery('swedish', $1)"
        };
        let text = if q.class == "prefix" {
            q.text.replace('*', ":*")
        } else {
            q.text.clone()
        };
        let filter = if q.organisation.is_some() {
            "AND organisation = $2"
        } else {
            "AND $2::text IS NULL"
        };
        let hits_sql = format!(
            "WITH q AS (SELECT {tsquery} AS query), \
             hits AS (SELECT id, body, ts_rank_cd(tsv, q.query) AS rank FROM docs, q \
                      WHERE tsv @@ q.query {filter} ORDER BY rank DESC LIMIT 10) \
             SELECT id, ts_headline('swedish', body, (SELECT query FROM q), 'MaxFragments=1, MaxWords=30, MinWords=15') \
             FROM hits ORDER BY rank DESC"
        );
        let count_sql = format!(
            "SELECT kind, count(*) FROM docs WHERE tsv @@ {tsquery} {filter} GROUP BY kind"
        );
        rt.block_on(async {
            let rows = sqlx::query(sqlx::AssertSqlSafe(hits_sql.clone()))
                .bind(&text)
                .bind(q.organisation)
                .fetch_all(&pool)
                .await
                .unwrap();
            let facets = sqlx::query(sqlx::AssertSqlSafe(count_sql.clone()))
                .bind(&text)
                .bind(q.organisation)
                .fetch_all(&pool)
                .await
                .unwrap();
            let total: i64 = facets.iter().map(|r| r.get::<i64, _>(1)).sum();
            Some(Answer {
                ids: rows.iter().map(|r| r.get::<String, _>(0)).collect(),
                total: total as u64,
            })
        })
    });
    rt.block_on(async {
        pool.close().await;
        if let Ok(admin) = sqlx::PgPool::connect(&server).await {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&admin)
            .await;
        }
    });
    Ok(EngineRun {
        engine: "PostgreSQL FTS (swedish, GIN, ts_rank_cd)".to_owned(),
        index_docs_per_s,
        index_bytes: index_bytes as u64,
        visible_after: None,
        classes,
        ndcg10,
        mrr,
        notes: vec![
            "typo tolerance: not supported by full-text search (reported as unsupported)".to_owned(),
            "each query: ten hits with ts_headline, plus the total and one facet (kind) by GROUP BY".to_owned(),
        ],
    })
}

/// SQLite FTS5 with the unicode61 tokenizer (diacritics removed; no Swedish stemming), bm25
/// with the title weighted 10, `snippet()` for the shown hits, the total and one facet (kind).
pub fn sqlite_fts5(
    docs: &[Doc],
    queries: &[BenchQuery],
    rounds: usize,
    rt: &tokio::runtime::Runtime,
) -> EngineRun {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fts.sqlite3");
    let pool = rt.block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        sqlx::query(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, kind UNINDEXED, organisation UNINDEXED, \
             tokenize = 'unicode61 remove_diacritics 2')",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool
    });
    eprintln!("sqlite fts5: indexing…");
    let start = Instant::now();
    rt.block_on(async {
        for chunk in docs.chunks(1_000) {
            let mut tx = pool.begin().await.unwrap();
            for d in chunk {
                sqlx::query(
                    "INSERT INTO docs (id, title, body, kind, organisation) VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&d.id)
                .bind(&d.title)
                .bind(&d.body)
                .bind(d.kind)
                .bind(d.organisation)
                .execute(&mut *tx)
                .await
                .unwrap();
            }
            tx.commit().await.unwrap();
        }
    });
    let index_docs_per_s = docs.len() as f64 / start.elapsed().as_secs_f64();
    let index_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!("sqlite fts5: querying…");
    let (classes, ndcg10, mrr) = measure(docs, queries, rounds, |q| {
        if q.class == "typo" {
            return None;
        }
        let filter = if q.organisation.is_some() {
            "AND organisation = ?2"
        } else {
            "AND ?2 IS NULL"
        };
        let hits_sql = format!(
            "SELECT id, snippet(docs, 2, '<mark>', '</mark>', '…', 20) FROM docs \
             WHERE docs MATCH ?1 {filter} ORDER BY bm25(docs, 0.0, 10.0, 1.0) LIMIT 10"
        );
        let count_sql =
            format!("SELECT kind, count(*) FROM docs WHERE docs MATCH ?1 {filter} GROUP BY kind");
        rt.block_on(async {
            let rows = sqlx::query(sqlx::AssertSqlSafe(hits_sql.clone()))
                .bind(&q.text)
                .bind(q.organisation)
                .fetch_all(&pool)
                .await
                .ok()?;
            let facets = sqlx::query(sqlx::AssertSqlSafe(count_sql.clone()))
                .bind(&q.text)
                .bind(q.organisation)
                .fetch_all(&pool)
                .await
                .ok()?;
            let total: i64 = facets.iter().map(|r| r.get::<i64, _>(1)).sum();
            Some(Answer {
                ids: rows.iter().map(|r| r.get::<String, _>(0)).collect(),
                total: total as u64,
            })
        })
    });
    EngineRun {
        engine: "SQLite FTS5 (unicode61, bm25)".to_owned(),
        index_docs_per_s,
        index_bytes,
        visible_after: None,
        classes,
        ndcg10,
        mrr,
        notes: vec![
            "no Swedish stemming: inflected forms do not meet".to_owned(),
            "typo tolerance: not supported (reported as unsupported)".to_owned(),
        ],
    }
}
