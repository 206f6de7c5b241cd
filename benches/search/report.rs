//! The benchmark's printed and written report.

use std::fmt::Write;
use std::time::Duration;

use crate::EngineRun;
use crate::engines::Served;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn all_latencies(run: &EngineRun) -> Vec<Duration> {
    let mut all: Vec<Duration> = run
        .classes
        .iter()
        .filter(|c| c.supported)
        .flat_map(|c| c.latencies.iter().copied())
        .collect();
    all.sort();
    all
}

/// The Markdown section for one corpus size.
pub fn render(
    docs: usize,
    arguments: &str,
    median_body: usize,
    runs: &[EngineRun],
    served: &Served,
    peak_kib: u64,
    took: Duration,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## {docs} documents\n");
    let _ = writeln!(
        s,
        "Command: `cargo bench --bench search -- {arguments}` on this machine ({} cores); median body {median_body} bytes of Markdown; whole run {:.0} s; peak memory of the benchmark process {} MiB.\n",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        took.as_secs_f64(),
        peak_kib / 1024
    );
    let _ = writeln!(
        s,
        "| engine | p50 ms (all) | p99 ms (all) | nDCG@10 | MRR | indexing docs/s | index size MiB | commit → visible |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for run in runs {
        let all = all_latencies(run);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.3} | {:.3} | {:.0} | {:.1} | {} |",
            run.engine,
            ms(percentile(&all, 50.0)),
            ms(percentile(&all, 99.0)),
            run.ndcg10,
            run.mrr,
            run.index_docs_per_s,
            run.index_bytes as f64 / (1024.0 * 1024.0),
            run.visible_after
                .map_or_else(|| "–".to_owned(), |d| format!("{} ms", ms(d))),
        );
    }
    let _ = writeln!(
        s,
        "\nLatency per query class, p50 / p99 in ms (\"unsupported\" where the engine cannot answer the class):\n"
    );
    let mut header = "| class |".to_owned();
    let mut rule = "|---|".to_owned();
    for run in runs {
        header.push_str(&format!(" {} |", run.engine));
        rule.push_str("---|");
    }
    let _ = writeln!(s, "{header}\n{rule}");
    if let Some(first) = runs.first() {
        for class in first.classes.iter().map(|c| &c.class) {
            let mut row = format!("| {class} |");
            for run in runs {
                match run.classes.iter().find(|c| &c.class == class) {
                    Some(c) if c.supported => {
                        let mut lat = c.latencies.clone();
                        lat.sort();
                        row.push_str(&format!(
                            " {} / {} |",
                            ms(percentile(&lat, 50.0)),
                            ms(percentile(&lat, 99.0))
                        ));
                    }
                    _ => row.push_str(" unsupported |"),
                }
            }
            let _ = writeln!(s, "{row}");
        }
    }
    let _ = writeln!(
        s,
        "\nThe portal over HTTP on loopback, loaded by wrk (a separate process on the same cores) with what each row says, {} connections, 2 threads:\n",
        served.runs.first().map_or(0, |run| run.connections)
    );
    let _ = writeln!(
        s,
        "| address | seconds | requests | requests/s | p50 ms | p99 ms | errors | the portal took > {} ms |",
        crate::engines::SLOW_SECONDS
            .parse::<f64>()
            .unwrap_or(f64::NAN)
            * 1000.0
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for run in &served.runs {
        let _ = writeln!(
            s,
            "| {} | {} | {} | **{:.0}** | {:.2} | {:.2} | {} | {} |",
            run.what,
            run.seconds,
            run.requests,
            run.requests_per_s,
            run.p50_ms,
            run.p99_ms,
            run.errors,
            run.slow
        );
    }
    let _ = writeln!(
        s,
        "\nwrk's percentiles are corrected for coordinated omission: a connection waiting for a \
         slow answer sends nothing meanwhile, and wrk counts the requests it would have sent, each \
         as late as it would have been. A few slow answers (last column, by the portal's own \
         request-time histogram) therefore weigh more in its p99 than their number."
    );
    let _ = writeln!(
        s,
        "\nThe portal (`noden serve`, a process of its own) held {} MiB resident after these runs \
         ({} MiB of it the index's files mapped in, {} MiB its own memory); at most {} MiB.",
        served.memory.resident_mib,
        served.memory.resident_files_mib,
        served
            .memory
            .resident_mib
            .saturating_sub(served.memory.resident_files_mib),
        served.memory.peak_mib
    );
    let _ = writeln!(s);
    for run in runs {
        for note in &run.notes {
            let _ = writeln!(s, "- {}: {note}", run.engine);
        }
    }
    s
}

/// Writes `section` into `path`, replacing an earlier section for the same corpus size.
pub fn write_section(path: &str, section: &str) {
    crate::sections::write_section(
        path,
        section,
        "# Search benchmarks\n\nProduced by `cargo bench --bench search`; see benches/search/. \
         Each section replaces itself when the benchmark runs again at the same size.\n",
    );
}
