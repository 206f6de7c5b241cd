//! The node's open data as a DCAT-AP-SE catalogue (`/dcat/catalog.rdf`, RDF/XML), for Sweden's
//! data portal (dataportal.se) to harvest: one dataset per CSV export of the overview, one for
//! the whole overview (its zip and its JSON API) and one for the public reports (the search
//! API and its Atom feed). Only public things are described; what the files hold is whatever a
//! visitor gets from the same addresses.
//!
//! What is mandatory follows DIGG's DCAT-AP-SE 2.0.0 (the RDForms templates and examples in
//! the DIGGSweden/DCAT-AP-SE repository, and DIGG's DCAT-AP-SE Processor's lists of mandatory
//! properties for its 3.0.1 update):
//! - catalogue: `dcterms:title`, `dcterms:description`, `dcterms:publisher`, `dcterms:license`
//!   (the Swedish profile requires CC0 on the catalogue itself) and `dcat:dataset`;
//! - dataset: `dcterms:title`, `dcterms:description`, `dcterms:publisher`;
//! - publisher (`foaf:Agent`): `foaf:name`, and `dcterms:type` from the ADMS publisher types;
//! - distribution: `dcat:accessURL` and a format (`dcterms:format`);
//! - contact point (recommended on a dataset): a vCard type, `vcard:fn` and `vcard:hasEmail`.
//!
//! Recommended and added: themes, keywords, language, access rights, update frequency, the
//! licence of each distribution, landing pages, and the dates the reports give. The harvesting
//! notes of the same repository ask for absolute IRIs and no blank nodes for the catalogue,
//! datasets, distributions, publishers and contacts, so every node here is a fragment of the
//! catalogue's own address. DCAT-AP-SE's editor offers IANA media types for `dcterms:format`;
//! DCAT-AP gives it the EU file-type vocabulary, which is what is written here, with the IANA
//! type beside it in `dcat:mediaType` (see docs/open-data.md).

pub mod routes;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, Term, Triple};
use oxrdfxml::RdfXmlSerializer;

use crate::config::Settings;
use crate::error::AppError;
use crate::overview;
use crate::reports::PublicReports;
use crate::reports::model::Kind;
use crate::state::AppState;
use crate::web::i18n::Lang;

/// Where the catalogue is served.
pub const PATH: &str = "/dcat/catalog.rdf";

/// The media type of the catalogue.
pub const CONTENT_TYPE: &str = "application/rdf+xml; charset=utf-8";

/// How long a harvester or proxy may keep the catalogue.
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// The namespaces and the terms of controlled vocabularies the catalogue uses.
pub mod vocab {
    pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
    pub const DCTERMS: &str = "http://purl.org/dc/terms/";
    pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
    pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";

    /// The licence of the catalogue itself: DCAT-AP-SE requires CC0 here.
    pub const CATALOGUE_LICENCE: &str = "http://creativecommons.org/publicdomain/zero/1.0/";
    /// The licence of the data (docs/decisions.md).
    pub const DATA_LICENCE: &str = "http://creativecommons.org/licenses/by/4.0/";
    /// ADMS publisher type of the node: a body of the county's municipalities and region.
    pub const PUBLISHER_TYPE: &str = "http://purl.org/adms/publishertype/RegionalAuthority";
    pub const SWEDISH: &str = "http://publications.europa.eu/resource/authority/language/SWE";
    pub const PUBLIC_ACCESS: &str =
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
    pub const CONTINUOUS: &str = "http://publications.europa.eu/resource/authority/frequency/CONT";
    pub const THEMES: &str = "http://publications.europa.eu/resource/authority/data-theme";
    pub const HEALTH: &str = "http://publications.europa.eu/resource/authority/data-theme/HEAL";
    pub const SOCIETY: &str = "http://publications.europa.eu/resource/authority/data-theme/SOCI";
    pub const GOVERNMENT: &str = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
}

/// The format of a distribution: an EU file type and the IANA media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Zip,
    Json,
    Atom,
}

impl Format {
    /// The term of the EU file-type vocabulary.
    pub fn file_type(self) -> &'static str {
        match self {
            Format::Csv => "http://publications.europa.eu/resource/authority/file-type/CSV",
            Format::Zip => "http://publications.europa.eu/resource/authority/file-type/ZIP",
            Format::Json => "http://publications.europa.eu/resource/authority/file-type/JSON",
            Format::Atom => "http://publications.europa.eu/resource/authority/file-type/ATOM",
        }
    }

    /// The media type, as IANA's register names it.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "https://www.iana.org/assignments/media-types/text/csv",
            Format::Zip => "https://www.iana.org/assignments/media-types/application/zip",
            Format::Json => "https://www.iana.org/assignments/media-types/application/json",
            Format::Atom => "https://www.iana.org/assignments/media-types/application/atom+xml",
        }
    }
}

/// Text in Swedish, and in English where there is one.
#[derive(Debug, Clone)]
pub struct Text {
    pub sv: String,
    pub en: Option<String>,
}

impl Text {
    fn sv(sv: impl Into<String>) -> Text {
        Text {
            sv: sv.into(),
            en: None,
        }
    }

    fn both(sv: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            sv: sv.into(),
            en: Some(en.into()),
        }
    }
}

/// One way to get a dataset: an address on this node and its format.
#[derive(Debug, Clone)]
pub struct Distribution {
    /// The fragment naming it within the catalogue.
    pub id: String,
    pub title: Text,
    pub description: Text,
    /// The path (and query) on this node.
    pub path: String,
    /// A file to download as it is (not an API to ask).
    pub download: bool,
    pub format: Format,
}

/// One dataset of the catalogue.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The fragment naming it within the catalogue.
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub themes: &'static [&'static str],
    pub keywords: Vec<Text>,
    /// The page where a person finds it.
    pub landing_page: String,
    pub issued: Option<NaiveDate>,
    pub modified: Option<DateTime<Utc>>,
    pub distributions: Vec<Distribution>,
}

/// Why the catalogue could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DcatError {
    #[error("not an absolute IRI: {iri}")]
    Iri {
        iri: String,
        #[source]
        source: oxrdf::IriParseError,
    },
    #[error("writing RDF/XML")]
    Write(#[from] std::io::Error),
}

/// The catalogue as RDF/XML, from the settings and what the database says of public reports.
#[tracing::instrument(skip_all)]
pub async fn render(state: &AppState) -> Result<Vec<u8>, AppError> {
    let catalog = state.catalog.get();
    let reports = crate::reports::public_reports(&state.db, &catalog).await?;
    let county = catalog.county_name(&state.settings.node_county);
    let datasets = datasets(&state.settings, &reports);
    write(&state.settings, county, &datasets)
        .map_err(|e| AppError::internal_from("writing the DCAT catalogue", e))
}

/// Every dataset the node publishes.
pub fn datasets(settings: &Settings, reports: &PublicReports) -> Vec<Dataset> {
    let node = &settings.node_name;
    let mut all = vec![overview_dataset(node), reports_dataset(node, reports)];
    all.extend(
        overview::VIEWS
            .iter()
            .chain(std::iter::once(&overview::BENEFITS))
            .map(|heading| view_dataset(node, *heading)),
    );
    all
}

const FILTERS_SV: &str = "Urvalet kan göras med parametrarna county (länskod), organisation \
     (SCB-kod), from och to (ÅÅÅÅ-MM-DD).";

const FILTERS_EN: &str = "Filter with the parameters county, organisation, from and to \
     (YYYY-MM-DD).";

fn welfare_technology() -> Text {
    Text::both("välfärdsteknik", "welfare technology")
}

/// The whole overview: every view in one zip of CSV files, and as JSON.
fn overview_dataset(node: &str) -> Dataset {
    let views: Vec<String> = overview::VIEWS
        .iter()
        .chain(std::iter::once(&overview::BENEFITS))
        .map(|h| h.title_in(Lang::Sv))
        .collect();
    Dataset {
        id: "oversikt".to_owned(),
        title: Text::both(
            "Översikt över välfärdsteknik i länet",
            "Overview of welfare technology in the county",
        ),
        description: Text::both(
            format!(
                "Styrgruppens översikt från {node}, räknad när den hämtas över det som en \
                 besökare får se: {}. {FILTERS_SV}",
                views.join(", ")
            ),
            format!(
                "The steering group's overview from {node}, counted when fetched over what a \
                 visitor may see: trials by phase, category and organisation, the outcomes of \
                 reports, follow-ups due, the most shared needs, the spread of each technology \
                 and benefit realisation. {FILTERS_EN}"
            ),
        ),
        themes: &[vocab::HEALTH, vocab::GOVERNMENT],
        keywords: vec![welfare_technology(), Text::both("uppföljning", "follow-up")],
        landing_page: "/oversikt".to_owned(),
        issued: None,
        modified: None,
        distributions: vec![
            Distribution {
                id: "oversikt-zip".to_owned(),
                title: Text::both("Alla vyer som CSV i en zip", "Every view as CSV in a zip"),
                description: Text::both(
                    "En kommaseparerad CSV-fil (UTF-8) per vy. Utan sep=komma är filerna \
                     semikolonseparerade med decimalkomma, för svenska Excel.",
                    "One comma-separated CSV file (UTF-8) per view. Without sep=komma the \
                     files use semicolons and decimal commas, for Swedish Excel.",
                ),
                path: "/oversikt/alla.zip?sep=komma".to_owned(),
                download: true,
                format: Format::Zip,
            },
            Distribution {
                id: "oversikt-json".to_owned(),
                title: Text::both("Översikten som JSON", "The overview as JSON"),
                description: Text::both(
                    "API:t /api/v1/overview, beskrivet i /api/v1/openapi.json.",
                    "The API /api/v1/overview, described in /api/v1/openapi.json.",
                ),
                path: "/api/v1/overview".to_owned(),
                download: false,
                format: Format::Json,
            },
        ],
    }
}

/// One CSV export of the overview.
fn view_dataset(node: &str, heading: overview::Heading) -> Dataset {
    let key = heading.key;
    Dataset {
        id: format!("oversikt-{key}"),
        title: Text::both(heading.title_in(Lang::Sv), heading.title_in(Lang::En)),
        description: Text::both(
            format!(
                "Siffrorna i översiktens vy ”{}” från {node}, räknade när filen hämtas över det \
                 som en besökare får se. {FILTERS_SV}",
                heading.title_in(Lang::Sv)
            ),
            format!(
                "The figures of the overview's view \"{}\" from {node}, counted when the file is \
                 fetched over what a visitor may see. {FILTERS_EN}",
                heading.title_in(Lang::En)
            ),
        ),
        themes: &[vocab::HEALTH, vocab::GOVERNMENT],
        keywords: vec![welfare_technology()],
        landing_page: "/oversikt".to_owned(),
        issued: None,
        modified: None,
        distributions: vec![Distribution {
            id: format!("oversikt-{key}-csv"),
            title: Text::both("CSV (kommaseparerad)", "CSV (comma-separated)"),
            description: Text::both(
                "Kommaseparerad CSV i UTF-8. Utan sep=komma är filen semikolonseparerad med \
                 decimalkomma, för svenska Excel.",
                "Comma-separated CSV in UTF-8. Without sep=komma the file uses semicolons and \
                 decimal commas, for Swedish Excel.",
            ),
            path: format!("/oversikt/{key}.csv?sep=komma"),
            download: true,
            format: Format::Csv,
        }],
    }
}

/// The public reports: read through the search API and followed through its Atom feed.
fn reports_dataset(node: &str, reports: &PublicReports) -> Dataset {
    let mut query: Vec<String> = Kind::VALUES.iter().map(|k| format!("kind={k}")).collect();
    query.push(format!("node={}", crate::indexer::LOCAL_NODE));
    let query = query.join("&");
    let kinds: Vec<String> = Kind::ALL.iter().map(|k| k.label().to_lowercase()).collect();
    Dataset {
        id: "rapporter".to_owned(),
        title: Text::both(
            "Rapporter om testad välfärdsteknik",
            "Reports on tested welfare technology",
        ),
        description: Text::both(
            format!(
                "De publicerade, offentliga rapporterna i {node} om välfärdsteknik som \
                 kommunerna och regionen testat, infört eller valt bort ({}), med utfall och \
                 rekommendationer.",
                kinds.join(", ")
            ),
            format!(
                "The published, public reports in {node} on welfare technology the \
                 municipalities and the region have tested, implemented or rejected, with \
                 outcomes and recommendations."
            ),
        ),
        themes: &[vocab::HEALTH, vocab::SOCIETY],
        keywords: vec![welfare_technology(), Text::both("testbädd", "testbed")],
        landing_page: format!("/sok?{query}"),
        issued: reports.first_published,
        modified: reports.last_changed,
        distributions: vec![
            Distribution {
                id: "rapporter-json".to_owned(),
                title: Text::both(
                    "Sökning i rapporterna (JSON)",
                    "Search of the reports (JSON)",
                ),
                description: Text::both(
                    "Sök-API:t /api/v1/search begränsat till rapporter från den här noden, \
                     beskrivet i /api/v1/openapi.json; page och per_page bläddrar.",
                    "The search API /api/v1/search narrowed to this node's reports, described \
                     in /api/v1/openapi.json; page and per_page turn the pages.",
                ),
                path: format!("/api/v1/search?{query}"),
                download: false,
                format: Format::Json,
            },
            Distribution {
                id: "rapporter-atom".to_owned(),
                title: Text::both("Nya rapporter (Atom)", "New reports (Atom)"),
                description: Text::both(
                    format!(
                        "Atom-flöde med de {} senaste rapporterna.",
                        crate::feeds::LIMIT
                    ),
                    format!("Atom feed of the {} newest reports.", crate::feeds::LIMIT),
                ),
                path: crate::feeds::search_path(&query),
                download: false,
                format: Format::Atom,
            },
        ],
    }
}

/// Triples, in the order they are written: each subject's `rdf:type` first, then the rest of
/// its statements, so the RDF/XML has one typed element per node.
struct Graph {
    triples: Vec<Triple>,
}

impl Graph {
    fn iri(value: &str) -> Result<NamedNode, DcatError> {
        NamedNode::new(value).map_err(|source| DcatError::Iri {
            iri: value.to_owned(),
            source,
        })
    }

    fn add(
        &mut self,
        subject: &NamedNode,
        predicate: &str,
        object: impl Into<Term>,
    ) -> Result<(), DcatError> {
        self.triples
            .push(Triple::new(subject.clone(), Self::iri(predicate)?, object));
        Ok(())
    }

    fn link(
        &mut self,
        subject: &NamedNode,
        predicate: &str,
        object: &str,
    ) -> Result<(), DcatError> {
        let object = Self::iri(object)?;
        self.add(subject, predicate, object)
    }

    fn typed(&mut self, subject: &NamedNode, class: &str) -> Result<(), DcatError> {
        let class = Self::iri(class)?;
        self.triples
            .push(Triple::new(subject.clone(), rdf::TYPE, class));
        Ok(())
    }

    fn text(&mut self, subject: &NamedNode, predicate: &str, text: &Text) -> Result<(), DcatError> {
        self.add(
            subject,
            predicate,
            Literal::new_language_tagged_literal_unchecked(&text.sv, "sv"),
        )?;
        if let Some(en) = &text.en {
            self.add(
                subject,
                predicate,
                Literal::new_language_tagged_literal_unchecked(en, "en"),
            )?;
        }
        Ok(())
    }
}

fn dcat(term: &str) -> String {
    format!("{}{term}", vocab::DCAT)
}

fn dcterms(term: &str) -> String {
    format!("{}{term}", vocab::DCTERMS)
}

fn foaf(term: &str) -> String {
    format!("{}{term}", vocab::FOAF)
}

fn vcard(term: &str) -> String {
    format!("{}{term}", vocab::VCARD)
}

fn date_time(at: DateTime<Utc>) -> Literal {
    Literal::new_typed_literal(
        at.to_rfc3339_opts(SecondsFormat::Secs, true),
        xsd::DATE_TIME,
    )
}

fn date(day: NaiveDate) -> Literal {
    Literal::new_typed_literal(day.format("%Y-%m-%d").to_string(), xsd::DATE)
}

/// The catalogue of `datasets` as RDF/XML; every IRI is absolute, under `public_url`.
pub fn write(
    settings: &Settings,
    county: Option<&str>,
    datasets: &[Dataset],
) -> Result<Vec<u8>, DcatError> {
    let document = settings.public_link(PATH);
    let node = |fragment: &str| Graph::iri(&format!("{document}#{fragment}"));
    let link = |path: &str| settings.public_link(path);
    let name = &settings.node_name;
    let mut g = Graph {
        triples: Vec::new(),
    };

    let catalogue = node("catalog")?;
    let publisher = node("publisher")?;
    let contact = node("contact")?;
    let mailbox = format!("mailto:{}", settings.contact_email.trim());
    let contact = Graph::iri(&mailbox).ok().map(|mailbox| (contact, mailbox));
    if contact.is_none() {
        tracing::warn!(
            contact_email = %settings.contact_email,
            "contact_email makes no mailto: IRI: the DCAT catalogue has no contact point"
        );
    }
    let (where_sv, where_en) = match county {
        Some(county) => (format!("i {county}"), format!("in {county}")),
        None => ("i länet".to_owned(), "in the county".to_owned()),
    };

    g.typed(&catalogue, &dcat("Catalog"))?;
    g.text(
        &catalogue,
        &dcterms("title"),
        &Text::both(
            format!("Öppna data från {name}"),
            format!("Open data from {name}"),
        ),
    )?;
    g.text(
        &catalogue,
        &dcterms("description"),
        &Text::both(
            format!(
                "Öppna data från {name}, noden för samverkan kring välfärdsteknik {where_sv}: \
                 de offentliga rapporterna om vad kommunerna och regionen testat och \
                 översiktens sammanställningar som CSV."
            ),
            format!(
                "Open data from {name}, the node for collaboration on welfare technology \
                 {where_en}: the public reports on what the municipalities and the region have \
                 tested, and the overview's summaries as CSV."
            ),
        ),
    )?;
    g.add(&catalogue, &dcterms("publisher"), publisher.clone())?;
    g.link(&catalogue, &dcterms("license"), vocab::CATALOGUE_LICENCE)?;
    g.link(&catalogue, &dcterms("language"), vocab::SWEDISH)?;
    g.link(&catalogue, &foaf("homepage"), &link("/"))?;
    g.link(&catalogue, &dcat("themeTaxonomy"), vocab::THEMES)?;
    if let Some(newest) = datasets.iter().filter_map(|d| d.modified).max() {
        g.add(&catalogue, &dcterms("modified"), date_time(newest))?;
    }
    for dataset in datasets {
        g.add(&catalogue, &dcat("dataset"), node(&dataset.id)?)?;
    }

    g.typed(&publisher, &foaf("Agent"))?;
    g.text(&publisher, &foaf("name"), &Text::sv(name.clone()))?;
    g.link(&publisher, &dcterms("type"), vocab::PUBLISHER_TYPE)?;

    if let Some((contact, mailbox)) = &contact {
        g.typed(contact, &vcard("Organization"))?;
        g.add(
            contact,
            &vcard("fn"),
            Literal::new_simple_literal(name.clone()),
        )?;
        g.add(contact, &vcard("hasEmail"), mailbox.clone())?;
    }

    for dataset in datasets {
        let subject = node(&dataset.id)?;
        g.typed(&subject, &dcat("Dataset"))?;
        g.text(&subject, &dcterms("title"), &dataset.title)?;
        g.text(&subject, &dcterms("description"), &dataset.description)?;
        g.add(&subject, &dcterms("publisher"), publisher.clone())?;
        if let Some((contact, _)) = &contact {
            g.add(&subject, &dcat("contactPoint"), contact.clone())?;
        }
        for theme in dataset.themes {
            g.link(&subject, &dcat("theme"), theme)?;
        }
        for keyword in &dataset.keywords {
            g.text(&subject, &dcat("keyword"), keyword)?;
        }
        g.link(&subject, &dcterms("language"), vocab::SWEDISH)?;
        g.link(&subject, &dcterms("accessRights"), vocab::PUBLIC_ACCESS)?;
        g.link(&subject, &dcterms("accrualPeriodicity"), vocab::CONTINUOUS)?;
        g.link(&subject, &dcat("landingPage"), &link(&dataset.landing_page))?;
        if let Some(day) = dataset.issued {
            g.add(&subject, &dcterms("issued"), date(day))?;
        }
        if let Some(at) = dataset.modified {
            g.add(&subject, &dcterms("modified"), date_time(at))?;
        }
        for distribution in &dataset.distributions {
            g.add(&subject, &dcat("distribution"), node(&distribution.id)?)?;
        }
    }

    for distribution in datasets.iter().flat_map(|d| &d.distributions) {
        let subject = node(&distribution.id)?;
        let url = link(&distribution.path);
        g.typed(&subject, &dcat("Distribution"))?;
        g.text(&subject, &dcterms("title"), &distribution.title)?;
        g.text(&subject, &dcterms("description"), &distribution.description)?;
        g.link(&subject, &dcat("accessURL"), &url)?;
        if distribution.download {
            g.link(&subject, &dcat("downloadURL"), &url)?;
        }
        g.link(
            &subject,
            &dcterms("format"),
            distribution.format.file_type(),
        )?;
        g.link(
            &subject,
            &dcat("mediaType"),
            distribution.format.media_type(),
        )?;
        g.link(&subject, &dcterms("license"), vocab::DATA_LICENCE)?;
    }

    let mut serializer = RdfXmlSerializer::new();
    for (prefix, namespace) in [
        ("dcat", vocab::DCAT),
        ("dcterms", vocab::DCTERMS),
        ("foaf", vocab::FOAF),
        ("vcard", vocab::VCARD),
    ] {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(|source| DcatError::Iri {
                iri: namespace.to_owned(),
                source,
            })?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    for triple in &g.triples {
        writer.serialize_triple(triple)?;
    }
    Ok(writer.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dataset_and_distribution_has_its_own_node() {
        let datasets = datasets(&Settings::default(), &PublicReports::default());
        let mut ids: Vec<&str> = datasets
            .iter()
            .flat_map(|d| {
                std::iter::once(d.id.as_str()).chain(d.distributions.iter().map(|x| x.id.as_str()))
            })
            .chain(["catalog", "publisher", "contact"])
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "two nodes would merge into one: {ids:?}");
        assert_eq!(
            datasets.len(),
            overview::VIEWS.len() + 3,
            "each view, benefit realisation, the whole overview and the reports"
        );
    }

    #[test]
    fn the_catalogue_is_rdf_xml_with_absolute_iris_under_the_public_url() {
        let settings = Settings {
            public_url: "https://noden.example.se/".to_owned(),
            ..Settings::default()
        };
        let xml = write(
            &settings,
            Some("Södermanlands län"),
            &datasets(&settings, &PublicReports::default()),
        )
        .unwrap();
        let text = String::from_utf8(xml).unwrap();
        assert!(text.contains(
            "<dcat:Catalog rdf:about=\"https://noden.example.se/dcat/catalog.rdf#catalog\">"
        ));
        assert!(text.contains(
            "<dcat:accessURL rdf:resource=\"https://noden.example.se/oversikt/faser.csv?sep=komma\"/>"
        ));
        assert!(!text.contains("rdf:nodeID"), "no blank nodes");
    }
}
