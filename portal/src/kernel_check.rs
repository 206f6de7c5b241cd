//! Kernels never import features. A feature plugs into the kernels (its search documents into
//! the indexer, its jobs into the queue, its routes into the app); a kernel that named a
//! feature would make every new feature edit it. This check reads the source of each kernel
//! and fails on any path into a feature module.

use std::path::{Path, PathBuf};

/// The shared machinery. Every other module declared in `lib.rs` is a feature, except the
/// wiring that names them all (`lib.rs` itself, the OpenAPI document and what the fuzz
/// targets run).
const KERNELS: &[&str] = &[
    "addresses",
    "audit",
    "backup",
    "auth",
    "blobs",
    "catalog",
    "changes",
    "cli",
    "clock",
    "config",
    "db",
    "error",
    "health",
    "indexer",
    "jobs",
    "mail",
    "metrics",
    "outbound",
    "privacy",
    "revisions",
    "state",
    "telemetry",
    "unit",
    "web",
];
const WIRING: &[&str] = &["openapi", "fuzzing"];

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The modules `lib.rs` declares.
fn declared_modules() -> Vec<String> {
    let lib = std::fs::read_to_string(source_dir().join("lib.rs")).unwrap_or_default();
    lib.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_owned)
        })
        .collect()
}

fn features() -> Vec<String> {
    declared_modules()
        .into_iter()
        .filter(|m| !KERNELS.contains(&m.as_str()) && !WIRING.contains(&m.as_str()))
        .collect()
}

/// The first segment of every path that starts at `crate::`, including each item of a
/// `crate::{a, b::c}` group.
fn crate_paths(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name = first_segment(item.trim());
                    if !name.is_empty() {
                        found.push((number + 1, name));
                    }
                }
            } else {
                found.push((number + 1, first_segment(rest)));
            }
        }
    }
    found
}

fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every place in `source` that names one of `features`, as `line: name`.
fn violations(source: &str, features: &[String]) -> Vec<String> {
    crate_paths(source)
        .into_iter()
        .filter(|(_, name)| features.contains(name))
        .map(|(line, name)| format!("{line}: crate::{name}"))
        .collect()
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}

#[test]
fn kernels_never_import_features() {
    let features = features();
    assert!(
        features.iter().any(|f| f == "reports"),
        "the feature list is read from lib.rs: {features:?}"
    );
    let mut files = Vec::new();
    for kernel in KERNELS {
        rust_files(&source_dir().join(kernel), &mut files);
        rust_files(&source_dir().join(format!("{kernel}.rs")), &mut files);
    }
    assert!(
        files.len() > KERNELS.len() / 2,
        "kernel sources found: {files:?}"
    );
    let mut problems = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        for v in violations(&source, &features) {
            problems.push(format!(
                "{}:{v}",
                file.strip_prefix(source_dir()).unwrap_or(file).display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "kernels must not import features (register with the kernel instead):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_every_spelling_of_a_feature_path() {
    let features = vec!["reports".to_owned(), "needs".to_owned()];
    assert_eq!(
        violations("use crate::reports::model::Kind;", &features),
        ["1: crate::reports"]
    );
    assert_eq!(
        violations("use crate::{auth::Actor, needs};\nlet x = 1;", &features),
        ["1: crate::needs"]
    );
    assert_eq!(
        violations("\nfn f() { crate::reports::count(db) }", &features),
        ["2: crate::reports"]
    );
    assert!(violations("use crate::auth::policy; // crate::reports", &features).is_empty());
}
