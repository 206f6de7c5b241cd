//! Relevance benchmark: the judged queries of benches/relevance/queries.yaml, as coordinators
//! type them, asked of the real portal over its API (`GET /api/v1/search`, an anonymous
//! reader) after the demo content was loaded as on a first start. Prints nDCG@10, MRR and
//! recall@10 over all queries and per query class, and the queries that find least.
//!
//! ```sh
//! cargo bench --bench relevance -- --out docs/benchmarks.md
//! ```
//!
//! Figures do not depend on the machine or the build, only on the content, the judgements and
//! the search; `cargo bench --bench relevance --profile dev` gives the same ones sooner.
//!
//! Measures: a hit's gain is `2^grade − 1` (grades 3, 2, 1; unjudged hits 0); nDCG@10 is the
//! first ten hits' discounted gain (`gain / log2(rank + 1)`) over that of the judged documents
//! in the best order; MRR is the mean of `1 / rank` of the first judged hit (0 when none is in
//! the first ten); recall@10 is the share of a query's judged documents among its first ten.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../common/demo.rs"]
mod demo;
#[path = "../sections.rs"]
mod sections;

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

const QUERIES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/benches/relevance/queries.yaml"
);
const CUTOFF: usize = 10;

#[derive(serde::Deserialize)]
struct Judged {
    queries: Vec<JudgedQuery>,
}

#[derive(serde::Deserialize)]
struct JudgedQuery {
    text: String,
    class: String,
    /// Exact titles and their grades (3, 2 or 1).
    relevant: BTreeMap<String, u8>,
}

#[derive(serde::Deserialize)]
struct Response {
    total: usize,
    hits: Vec<ResponseHit>,
}

#[derive(serde::Deserialize)]
struct ResponseHit {
    title: String,
}

/// One query's figures.
#[derive(Clone, Copy, Default)]
struct Scores {
    ndcg: f64,
    rr: f64,
    recall: f64,
}

fn scores(found: &[String], relevant: &BTreeMap<String, u8>) -> Scores {
    let gain = |grade: u8| f64::from((1u32 << grade) - 1);
    let discount = |rank: usize| (rank as f64 + 1.0).log2();
    let top = &found[..found.len().min(CUTOFF)];
    let dcg: f64 = top
        .iter()
        .enumerate()
        .map(|(i, title)| {
            relevant
                .get(title)
                .map_or(0.0, |g| gain(*g) / discount(i + 1))
        })
        .sum();
    let mut ideal: Vec<u8> = relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(CUTOFF)
        .enumerate()
        .map(|(i, g)| gain(*g) / discount(i + 1))
        .sum();
    let first = top.iter().position(|title| relevant.contains_key(title));
    let retrieved = top.iter().filter(|t| relevant.contains_key(*t)).count();
    // `+ 0.0` turns a negative zero (no gain) into zero, as the report prints it.
    Scores {
        ndcg: if idcg > 0.0 { dcg / idcg + 0.0 } else { 0.0 },
        rr: first.map_or(0.0, |i| 1.0 / (i as f64 + 1.0)),
        recall: retrieved as f64 / relevant.len().max(1) as f64,
    }
}

/// The measures on worked examples (by hand from their definitions above), so a change to them
/// cannot pass unnoticed.
fn check_measures() {
    let judged = BTreeMap::from([("b".to_owned(), 3), ("c".to_owned(), 1)]);
    let found = |titles: &[&str]| titles.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
    let best = scores(&found(&["b", "c", "x"]), &judged);
    assert!((best.ndcg - 1.0).abs() < 1e-9 && best.rr == 1.0 && best.recall == 1.0);
    // b second: 7/log2(3) over 7 + 1/log2(3); nothing found first, so 1/2.
    let second = scores(&found(&["x", "b"]), &judged);
    let expected = (7.0 / 3f64.log2()) / (7.0 + 1.0 / 3f64.log2());
    assert!((second.ndcg - expected).abs() < 1e-9, "{}", second.ndcg);
    assert!(second.rr == 0.5 && second.recall == 0.5);
    let none = scores(&found(&["x"]), &judged);
    assert!(none.ndcg == 0.0 && none.rr == 0.0 && none.recall == 0.0);
}

fn mean(all: &[Scores]) -> Scores {
    let n = all.len().max(1) as f64;
    Scores {
        ndcg: all.iter().map(|s| s.ndcg).sum::<f64>() / n,
        rr: all.iter().map(|s| s.rr).sum::<f64>() / n,
        recall: all.iter().map(|s| s.recall).sum::<f64>() / n,
    }
}

async fn get<T: serde::de::DeserializeOwned>(client: &awc::Client, url: &str) -> T {
    let mut res = client.get(url).send().await.unwrap();
    assert!(res.status().is_success(), "{url}: {}", res.status());
    res.json::<T>().limit(16 << 20).await.unwrap()
}

fn search_url(base: &str, text: &str, page: usize) -> String {
    let query = serde_html_form::to_string([
        ("q", text),
        ("per_page", "100"),
        ("page", &page.to_string()),
    ])
    .unwrap();
    format!("{base}/api/v1/search?{query}")
}

/// Every title an anonymous reader can find (browsing without words), to check the judgements
/// name documents that exist.
async fn all_titles(client: &awc::Client, base: &str) -> HashSet<String> {
    let mut titles = HashSet::new();
    for page in 1.. {
        let res: Response = get(client, &search_url(base, "", page)).await;
        let done = res.hits.is_empty() || page * 100 >= res.total;
        titles.extend(res.hits.into_iter().map(|hit| hit.title));
        if done {
            break;
        }
    }
    titles
}

fn main() {
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--out" {
            out = args.next();
        }
    }
    check_measures();
    let judged: Judged = serde_norway::from_str(&std::fs::read_to_string(QUERIES).unwrap())
        .unwrap_or_else(|e| panic!("{QUERIES}: {e}"));
    let dir = tempfile::tempdir().unwrap();
    let results = actix_web::rt::System::new().block_on(async move {
        let state = demo::demo_state(dir.path().to_path_buf(), None, None).await;
        state.indexer.catch_up().await.unwrap();
        let running = noden_portal::start(state.clone()).unwrap();
        let base = format!("http://{}", running.addr);
        actix_web::rt::spawn(running.server);
        let client = awc::Client::builder()
            .timeout(Duration::from_secs(60))
            .finish();

        let titles = all_titles(&client, &base).await;
        let unknown: Vec<String> = judged
            .queries
            .iter()
            .flat_map(|q| q.relevant.keys().map(move |title| (&q.text, title)))
            .filter(|(_, title)| !titles.contains(*title))
            .map(|(text, title)| format!("{text:?}: {title:?}"))
            .collect();
        assert!(
            unknown.is_empty(),
            "judged titles that no anonymous search finds among the demo content:\n{}",
            unknown.join("\n")
        );

        let mut results = Vec::new();
        for query in judged.queries {
            let mut scored = [Scores::default(); 2];
            let mut found = Vec::new();
            for (i, expand) in ["false", "true"].into_iter().enumerate() {
                let url = format!("{}&expand={expand}", search_url(&base, &query.text, 1));
                let res: Response = get(&client, &url).await;
                found = res.hits.into_iter().map(|hit| hit.title).collect();
                scored[i] = scores(&found, &query.relevant);
            }
            results.push(Measured {
                query,
                without: scored[0],
                with: scored[1],
                found,
            });
        }
        results
    });

    let section = report(&results);
    println!("{section}");
    if let Some(path) = out {
        sections::write_section(&path, &section, "# Search benchmarks\n");
        eprintln!("wrote {path}");
    }
}

/// One judged query's figures without and with expansion, and what it found with.
struct Measured {
    query: JudgedQuery,
    without: Scores,
    with: Scores,
    found: Vec<String>,
}

fn report(results: &[Measured]) -> String {
    let mut classes: Vec<&str> = Vec::new();
    for m in results {
        if !classes.contains(&m.query.class.as_str()) {
            classes.push(&m.query.class);
        }
    }
    let row = |name: &str, of: &dyn Fn(&Measured) -> bool| {
        let chosen: Vec<&Measured> = results.iter().filter(|m| of(m)).collect();
        let without = mean(&chosen.iter().map(|m| m.without).collect::<Vec<_>>());
        let with = mean(&chosen.iter().map(|m| m.with).collect::<Vec<_>>());
        format!(
            "| {name} | {} | {:.3} | **{:.3}** | {:+.3} | {:.3} | {:.3} | {:.3} | {:.3} |\n",
            chosen.len(),
            without.ndcg,
            with.ndcg,
            with.ndcg - without.ndcg,
            without.rr,
            with.rr,
            without.recall,
            with.recall
        )
    };
    let mut s = String::from("## Relevance on the demo content (issue 20)\n\n");
    s += "Command: `cargo bench --bench relevance -- --out docs/benchmarks.md`: the judged \
          queries of benches/relevance/queries.yaml asked of the portal's API as an anonymous \
          reader, after the demo content (content/) was loaded as on a first start, once with \
          `expand=false` (the words as typed) and once as the portal answers by default (with \
          the thesaurus of content/vocabulary.yaml). Grades 3, 2 and 1; gain `2^grade − 1`.\n\n";
    s += "| class | queries | nDCG@10 without | nDCG@10 with | change | MRR without | MRR with \
          | recall@10 without | recall@10 with |\n|---|---|---|---|---|---|---|---|---|\n";
    s += &row("**all**", &|_| true);
    for class in &classes {
        s += &row(class, &|m: &Measured| m.query.class == *class);
    }
    let mut weakest: Vec<&Measured> = results.iter().collect();
    weakest.sort_by(|a, b| a.with.ndcg.total_cmp(&b.with.ndcg));
    s += "\nThe ten queries that find least with expansion (nDCG@10 without → with; judged \
          documents among the first ten hits):\n\n";
    s += "| query | class | nDCG@10 | judged found |\n|---|---|---|---|\n";
    for m in weakest.into_iter().take(10) {
        let top = &m.found[..m.found.len().min(CUTOFF)];
        let hit = top
            .iter()
            .filter(|t| m.query.relevant.contains_key(*t))
            .count();
        s += &format!(
            "| `{}` | {} | {:.3} → {:.3} | {hit} / {} |\n",
            m.query.text.replace('|', "\\|"),
            m.query.class,
            m.without.ndcg,
            m.with.ndcg,
            m.query.relevant.len()
        );
    }
    let worse: Vec<&Measured> = results
        .iter()
        .filter(|m| m.with.ndcg < m.without.ndcg - 1e-9 || m.with.rr < m.without.rr - 1e-9)
        .collect();
    s += "\nQueries that find less with expansion (nDCG@10 or MRR lower), with the first hits:\n\n";
    if worse.is_empty() {
        s += "None.\n";
    }
    for m in worse {
        let top: Vec<String> = m.found.iter().take(3).map(|t| format!("“{t}”")).collect();
        s += &format!(
            "- `{}` ({}): nDCG@10 {:.3} → {:.3}, MRR {:.3} → {:.3}; first: {}\n",
            m.query.text,
            m.query.class,
            m.without.ndcg,
            m.with.ndcg,
            m.without.rr,
            m.with.rr,
            top.join(", ")
        );
    }
    s
}
