//! The open-data catalogue (issue 16, point 7): `/dcat/catalog.rdf` is RDF/XML that oxrdfxml
//! reads into triples, holding what DCAT-AP-SE makes mandatory for the catalogue, each dataset,
//! the publisher, the contact point and each distribution, with absolute IRIs under the node's
//! address; one dataset per CSV export of the overview (as the overview's API lists its views),
//! the zip, and the public reports; every access URL answers a visitor in its format; and no
//! private report is named, whoever asks. tests/dcat/check.py checks the same with rdflib and
//! SPARQL; both checks are shown to fail when a mandatory property is taken out.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use chrono::{Duration, TimeZone, Utc};
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use oxrdf::{NamedNode, NamedOrBlankNode, Term, Triple};
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    the_catalogue_describes_the_public_open_data_as_dcat_ap_se_asks,
    both_checks_fail_when_a_mandatory_property_is_missing,
);

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const CC0: &str = "http://creativecommons.org/publicdomain/zero/1.0/";
const CC_BY: &str = "http://creativecommons.org/licenses/by/4.0/";
const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
const PUBLISHER_TYPE: &str = "http://purl.org/adms/publishertype/";
const DATA_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/";

/// What a mandatory property's value must be.
#[derive(Debug, Clone, Copy)]
enum Wanted {
    /// A literal tagged `sv`.
    Swedish,
    /// Any literal.
    Text,
    /// An IRI starting with this.
    Iri(&'static str),
}

/// Each class DCAT-AP-SE constrains, with its mandatory properties (and the licence Noden
/// gives every distribution). `{base}` in an IRI prefix stands for the node's address.
const MANDATORY: &[(&str, &str, Wanted)] = &[
    ("dcat:Catalog", "dct:title", Wanted::Swedish),
    ("dcat:Catalog", "dct:description", Wanted::Swedish),
    ("dcat:Catalog", "dct:publisher", Wanted::Iri("{base}")),
    ("dcat:Catalog", "dct:license", Wanted::Iri(CC0)),
    ("dcat:Catalog", "dcat:dataset", Wanted::Iri("{base}")),
    ("dcat:Dataset", "dct:title", Wanted::Swedish),
    ("dcat:Dataset", "dct:description", Wanted::Swedish),
    ("dcat:Dataset", "dct:publisher", Wanted::Iri("{base}")),
    ("foaf:Agent", "foaf:name", Wanted::Text),
    ("foaf:Agent", "dct:type", Wanted::Iri(PUBLISHER_TYPE)),
    ("dcat:Distribution", "dcat:accessURL", Wanted::Iri("{base}")),
    ("dcat:Distribution", "dct:format", Wanted::Iri(FILE_TYPE)),
    ("dcat:Distribution", "dct:license", Wanted::Iri(CC_BY)),
    ("vcard:Organization", "vcard:fn", Wanted::Text),
    (
        "vcard:Organization",
        "vcard:hasEmail",
        Wanted::Iri("mailto:"),
    ),
];

/// `dcat:Dataset` → the full IRI.
fn expand(name: &str) -> String {
    let (prefix, local) = name.split_once(':').unwrap();
    let namespace = match prefix {
        "dcat" => DCAT,
        "dct" => DCT,
        "foaf" => FOAF,
        "vcard" => VCARD,
        other => panic!("unknown prefix {other}"),
    };
    format!("{namespace}{local}")
}

/// The catalogue read into triples.
struct Rdf {
    triples: Vec<Triple>,
}

impl Rdf {
    fn parse(xml: &[u8]) -> Result<Rdf, String> {
        let triples = oxrdfxml::RdfXmlParser::new()
            .for_slice(xml)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Rdf { triples })
    }

    fn subject_iri(triple: &Triple) -> Option<&str> {
        match &triple.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str()),
            _ => None,
        }
    }

    /// The values of `predicate` on `subject`.
    fn values(&self, subject: &str, predicate: &str) -> Vec<&Term> {
        self.triples
            .iter()
            .filter(|t| Rdf::subject_iri(t) == Some(subject) && t.predicate.as_str() == predicate)
            .map(|t| &t.object)
            .collect()
    }

    /// The IRI values of `predicate` on `subject`.
    fn iris(&self, subject: &str, predicate: &str) -> Vec<String> {
        self.values(subject, predicate)
            .into_iter()
            .filter_map(|o| match o {
                Term::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect()
    }

    /// The one value of `predicate` on `subject`, as text (an IRI or a literal's value).
    fn one(&self, subject: &str, predicate: &str) -> String {
        let values = self.values(subject, predicate);
        assert_eq!(values.len(), 1, "{subject} {predicate}: {values:?}");
        match values[0] {
            Term::NamedNode(n) => n.as_str().to_owned(),
            Term::Literal(l) => l.value().to_owned(),
            other => panic!("{subject} {predicate}: {other}"),
        }
    }

    /// The subjects typed `class`.
    fn of_type(&self, class: &str) -> Vec<String> {
        self.triples
            .iter()
            .filter(|t| t.predicate.as_str() == RDF_TYPE)
            .filter(|t| matches!(&t.object, Term::NamedNode(n) if n.as_str() == class))
            .filter_map(|t| Rdf::subject_iri(t).map(str::to_owned))
            .collect()
    }

    /// Everything the catalogue breaks of DCAT-AP-SE's mandatory properties and of Noden's
    /// own promises: one catalogue, typed nodes, no blank nodes, absolute IRIs under `base`.
    fn problems(&self, base: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let catalogues = self.of_type(&expand("dcat:Catalog"));
        if catalogues.len() != 1 {
            problems.push(format!("one dcat:Catalog wanted, found {catalogues:?}"));
        }
        for (class, predicate, wanted) in MANDATORY {
            for subject in self.of_type(&expand(class)) {
                let ok = self
                    .values(&subject, &expand(predicate))
                    .into_iter()
                    .any(|v| match (wanted, v) {
                        (Wanted::Swedish, Term::Literal(l)) => l.language() == Some("sv"),
                        (Wanted::Text, Term::Literal(l)) => !l.value().trim().is_empty(),
                        (Wanted::Iri(prefix), Term::NamedNode(n)) => {
                            n.as_str().starts_with(&prefix.replace("{base}", base))
                        }
                        _ => false,
                    });
                if !ok {
                    problems.push(format!("{class} {subject}: no {predicate} ({wanted:?})"));
                }
            }
        }
        // What the catalogue links to is typed as what it is.
        for (predicate, class) in [
            ("dcat:dataset", "dcat:Dataset"),
            ("dcat:distribution", "dcat:Distribution"),
            ("dct:publisher", "foaf:Agent"),
            ("dcat:contactPoint", "vcard:Organization"),
        ] {
            let typed: BTreeSet<String> = self.of_type(&expand(class)).into_iter().collect();
            for t in &self.triples {
                if t.predicate.as_str() == expand(predicate) {
                    match &t.object {
                        Term::NamedNode(n) if typed.contains(n.as_str()) => {}
                        other => problems.push(format!("{predicate} {other} is no {class}")),
                    }
                }
            }
        }
        for t in &self.triples {
            let mut iris = vec![t.predicate.as_str()];
            match &t.subject {
                NamedOrBlankNode::NamedNode(n) => iris.push(n.as_str()),
                other => problems.push(format!("a blank node: {other}")),
            }
            match &t.object {
                Term::NamedNode(n) => iris.push(n.as_str()),
                Term::BlankNode(b) => problems.push(format!("a blank node: {b}")),
                _ => {}
            }
            for iri in iris {
                let scheme = iri.split(':').next().unwrap_or_default();
                if !["http", "https", "mailto"].contains(&scheme) {
                    problems.push(format!("not an absolute IRI: {iri}"));
                }
            }
            if let Some(subject) = Rdf::subject_iri(t)
                && !subject.starts_with(base)
            {
                problems.push(format!("a node outside {base}: {subject}"));
            }
        }
        problems
    }

    /// Back to RDF/XML, as oxrdfxml writes it.
    fn to_xml(&self) -> Vec<u8> {
        let mut writer = oxrdfxml::RdfXmlSerializer::new().for_writer(Vec::new());
        for t in &self.triples {
            writer.serialize_triple(t).unwrap();
        }
        writer.finish().unwrap()
    }

    /// Without `predicate` on the nodes typed `class`.
    fn without(&self, class: &str, predicate: &str) -> Rdf {
        let subjects: BTreeSet<String> = self.of_type(&expand(class)).into_iter().collect();
        let predicate = NamedNode::new(expand(predicate)).unwrap();
        Rdf {
            triples: self
                .triples
                .iter()
                .filter(|t| {
                    !(t.predicate == predicate
                        && Rdf::subject_iri(t).is_some_and(|s| subjects.contains(s)))
                })
                .cloned()
                .collect(),
        }
    }
}

/// Runs tests/dcat/check.py over the named files; its findings per file.
fn python_check(base: &str, files: &[std::path::PathBuf]) -> (bool, BTreeMap<String, Vec<String>>) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dcat/check.py");
    let out = Command::new("python3")
        .arg(script)
        .arg("--base")
        .arg(base)
        .args(files)
        .output()
        .expect("python3 for tests/dcat/check.py");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("Traceback"),
        "tests/dcat/check.py crashed (is rdflib installed? tests/requirements.txt):\n{stderr}"
    );
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in stdout.lines() {
        for file in files {
            let name = file.display().to_string();
            if let Some(problem) = line.strip_prefix(&format!("{name}: ")) {
                found.entry(name).or_default().push(problem.to_owned());
            }
        }
    }
    (out.status.success(), found)
}

async fn created(app: &TestApp, body: Value) -> Value {
    let (status, made) = app.send_json("POST", "/api/v1/reports", &body, true).await;
    assert_eq!(status, 201, "{made}");
    made
}

/// The catalogue as a visitor gets it, with its response headers.
async fn fetch(app: &TestApp) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    let mut res = app
        .client
        .get(app.url("/dcat/catalog.rdf"))
        .send()
        .await
        .expect("GET");
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = res.body().limit(4 * 1024 * 1024).await.expect("body");
    (res.status().as_u16(), headers, body.to_vec())
}

async fn the_catalogue_describes_the_public_open_data_as_dcat_ap_se_asks(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend).clock(clock.clone()).start().await;
    let base = app.url("");
    clock.advance(Duration::hours(1));
    let public_title = "Öppen katalograpport om tillsynskamera";
    created(
        &app,
        json!({"title": public_title, "summary": "Kameran testades nattetid.",
               "body": "Kameran testades nattetid i Nyköping.", "kind": "testrapport",
               "organisation": "0480", "visibility": "public", "published_on": "2025-06-01"}),
    )
    .await;
    clock.advance(Duration::hours(1));
    // Private, later and with an earlier day: neither named nor counted in the dates.
    let private_title = "Intern katalograpport om tillsynskamera";
    created(
        &app,
        json!({"title": private_title, "summary": "Kameran testades internt.",
               "body": "Kameran testades internt i Nyköping.", "kind": "testrapport",
               "organisation": "0480", "visibility": "organisation",
               "published_on": "2020-01-01"}),
    )
    .await;
    app.indexed().await;

    let (status, headers, body) = fetch(&app).await;
    let text = String::from_utf8_lossy(&body).into_owned();
    assert_eq!(status, 200, "{text}");
    assert_eq!(
        headers.get("content-type").map(String::as_str),
        Some("application/rdf+xml; charset=utf-8")
    );
    assert_eq!(
        headers.get("cache-control").map(String::as_str),
        Some("public, max-age=300")
    );
    let rdf = Rdf::parse(&body).unwrap_or_else(|e| panic!("not RDF/XML ({e}):\n{text}"));
    let problems = rdf.problems(&base);
    assert!(problems.is_empty(), "{}\n{text}", problems.join("\n"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalog.rdf");
    std::fs::write(&file, &body).unwrap();
    let (passed, found) = python_check(&base, std::slice::from_ref(&file));
    assert!(passed, "tests/dcat/check.py: {found:?}\n{text}");

    // The catalogue, its publisher and contact, as the settings say.
    let catalogue = format!("{base}/dcat/catalog.rdf#catalog");
    assert_eq!(
        rdf.of_type(&expand("dcat:Catalog")),
        vec![catalogue.clone()]
    );
    let settings = &app.state.settings;
    let publisher = rdf.one(&catalogue, &expand("dct:publisher"));
    assert_eq!(
        rdf.one(&publisher, &expand("foaf:name")),
        settings.node_name
    );
    assert_eq!(
        rdf.one(&publisher, &expand("dct:type")),
        format!("{PUBLISHER_TYPE}RegionalAuthority")
    );
    let datasets = rdf.iris(&catalogue, &expand("dcat:dataset"));
    for dataset in &datasets {
        assert_eq!(rdf.one(dataset, &expand("dct:publisher")), publisher);
        let contact = rdf.one(dataset, &expand("dcat:contactPoint"));
        assert_eq!(
            rdf.one(&contact, &expand("vcard:hasEmail")),
            format!("mailto:{}", settings.contact_email)
        );
        let themes = rdf.iris(dataset, &expand("dcat:theme"));
        assert!(
            !themes.is_empty() && themes.iter().all(|t| t.starts_with(DATA_THEME)),
            "{dataset}: {themes:?}"
        );
        for title in rdf.values(dataset, &expand("dct:title")) {
            assert!(
                matches!(title, Term::Literal(l) if matches!(l.language(), Some("sv" | "en"))),
                "{dataset}: {title}"
            );
        }
    }

    // One dataset per CSV export, as the overview's API names its views, and the zip.
    let (status, overview) = app.get_json("/api/v1/overview").await;
    assert_eq!(status, 200, "{overview}");
    let mut keys: Vec<String> = overview["views"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["key"].as_str().unwrap().to_owned())
        .collect();
    keys.push(noden_portal::overview::BENEFITS_KEY.to_owned());
    let mut distributions: BTreeMap<String, (String, String)> = BTreeMap::new();
    for dataset in &datasets {
        for distribution in rdf.iris(dataset, &expand("dcat:distribution")) {
            let url = rdf.one(&distribution, &expand("dcat:accessURL"));
            let format = rdf.one(&distribution, &expand("dct:format"));
            distributions.insert(url, (dataset.clone(), format));
        }
    }
    for key in &keys {
        let url = format!("{base}/oversikt/{key}.csv?sep=komma");
        let (_, format) = distributions
            .get(&url)
            .unwrap_or_else(|| panic!("no distribution for the view {key}: {distributions:?}"));
        assert_eq!(format, &format!("{FILE_TYPE}CSV"));
    }
    assert!(
        distributions.contains_key(&format!("{base}/oversikt/alla.zip?sep=komma")),
        "{distributions:?}"
    );
    assert_eq!(
        datasets.len(),
        keys.len() + 2,
        "the views, the overview, the reports"
    );

    // The reports: dated by the public reports alone (fixtures loaded at 09:00, the public
    // report at 10:00, the earliest public day the fixtures' 2023-09-30).
    let reports = format!("{base}/dcat/catalog.rdf#rapporter");
    assert!(datasets.contains(&reports), "{datasets:?}");
    let dated = |predicate: &str, datatype: &str| {
        let values = rdf.values(&reports, &expand(predicate));
        assert_eq!(values.len(), 1, "{predicate}: {values:?}");
        match values[0] {
            Term::Literal(l) => {
                assert_eq!(l.datatype().as_str(), format!("{XSD}{datatype}"));
                l.value().to_owned()
            }
            other => panic!("{predicate}: {other}"),
        }
    };
    assert_eq!(dated("dct:modified", "dateTime"), "2026-12-04T10:00:00Z");
    assert_eq!(dated("dct:issued", "date"), "2023-09-30");

    // Every access URL answers a visitor, in its format; the reports' show the public report
    // and never the private one.
    for (url, (dataset, format)) in &distributions {
        let path = url.strip_prefix(&base).unwrap();
        let (status, content_type, content) = app.get(path).await;
        assert_eq!(status, 200, "{url}: {content}");
        let expected = match format.strip_prefix(FILE_TYPE).unwrap() {
            "CSV" => "text/csv",
            "ZIP" => "application/zip",
            "JSON" => "application/json",
            "ATOM" => "application/atom+xml",
            other => panic!("{url}: unexpected format {other}"),
        };
        assert!(content_type.starts_with(expected), "{url}: {content_type}");
        if dataset == &reports {
            assert!(content.contains(public_title), "{url}: {content}");
            assert!(!content.contains(private_title), "{url}: {content}");
        }
    }

    // Nothing private, whoever asks: the same catalogue for a member of the organisation that
    // may read the private report.
    assert!(!text.contains(private_title), "{text}");
    let member = app.with_user(Role::Member, "0480").await;
    let signed_in = member.get("/dcat/catalog.rdf").await;
    assert_eq!(signed_in.status, 200);
    assert_eq!(signed_in.body, text, "the same for everyone");
    assert!(!signed_in.body.contains(private_title));

    // An address of the API document: another method is refused, naming GET and HEAD.
    let res = app
        .client
        .post(app.url("/dcat/catalog.rdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 405, "{:?}", res.headers());
    assert_eq!(
        res.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, HEAD")
    );
    let (_, document) = app.get_json("/api/v1/openapi.json").await;
    let documented = &document["paths"]["/dcat/catalog.rdf"]["get"]["responses"]["200"];
    assert!(
        documented["content"]["application/rdf+xml"].is_object(),
        "{documented}"
    );
}

async fn both_checks_fail_when_a_mandatory_property_is_missing(backend: Backend) {
    let app = TestApp::new(backend).await;
    let base = app.url("");
    let (status, _, body) = fetch(&app).await;
    assert_eq!(status, 200);
    let rdf = Rdf::parse(&body).unwrap();
    assert!(rdf.problems(&base).is_empty());
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (class, predicate, _)) in MANDATORY.iter().enumerate() {
        let broken = rdf.without(class, predicate);
        assert!(
            broken.triples.len() < rdf.triples.len(),
            "the catalogue has {class} {predicate} to take out"
        );
        let problems = broken.problems(&base);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(class) && p.contains(&format!("no {predicate} "))),
            "without {class} {predicate}: {problems:?}"
        );
        let file = dir.path().join(format!("{i}.rdf"));
        std::fs::write(&file, broken.to_xml()).unwrap();
        files.push(file);
    }
    // And a relative address, which RDF/XML can carry but dataportal.se refuses.
    let relative = String::from_utf8(rdf.to_xml()).unwrap().replacen(
        &format!("{base}/oversikt/"),
        "/oversikt/",
        1,
    );
    let file = dir.path().join("relative.rdf");
    std::fs::write(&file, relative).unwrap();
    files.push(file);

    let (passed, found) = python_check(&base, &files);
    assert!(!passed, "tests/dcat/check.py passed every broken catalogue");
    for file in &files {
        let name = file.display().to_string();
        assert!(
            found.get(&name).is_some_and(|p| !p.is_empty()),
            "tests/dcat/check.py found nothing wrong in {name}: {found:?}"
        );
    }
}
