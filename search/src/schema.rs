//! The tantivy schema and the conversion of [`Document`]s into it.

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::Document;
use crate::analysis::{SV_FOLD, SV_STEM};

/// Names of the raw string fields used as facets (also fast-field names).
pub(crate) const KIND: &str = "kind";
pub(crate) const CATEGORY: &str = "category";
pub(crate) const ORGANISATION: &str = "organisation";
pub(crate) const OUTCOME: &str = "outcome";
pub(crate) const COUNTY: &str = "county";
pub(crate) const YEAR: &str = "year";
pub(crate) const PHASE: &str = "phase";
pub(crate) const TARGET_GROUP: &str = "target_group";
pub(crate) const NODE: &str = "node";
pub(crate) const STATUS: &str = "status";
pub(crate) const PARTICIPANT: &str = "participant";
pub(crate) const PUBLISHED_AT: &str = "published_at";
pub(crate) const CONFIRMED_AT: &str = "confirmed_at";
pub(crate) const ARCHIVED: &str = "archived";
/// The group of a document (a fast string) and whether it is the group's own document.
pub(crate) const GROUP: &str = "group";
pub(crate) const GROUP_HEAD: &str = "group_head";

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub id: Field,
    pub kind: Field,
    pub organisation: Field,
    pub outcome: Field,
    pub county: Field,
    pub year: Field,
    pub phase: Field,
    pub target_group: Field,
    pub node: Field,
    pub status: Field,
    pub participant: Field,
    pub category: Field,
    pub principals: Field,
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub title_fold: Field,
    pub summary_fold: Field,
    pub body_fold: Field,
    pub tags: Field,
    pub url: Field,
    pub published_at: Field,
    pub updated_at: Field,
    pub technology: Field,
    pub group: Field,
    pub group_head: Field,
    pub confirmed_at: Field,
    pub archived: Field,
}

fn analyzed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed_stored = analyzed(SV_STEM).set_stored();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        kind: builder.add_text_field(KIND, STRING | FAST | STORED),
        organisation: builder.add_text_field(ORGANISATION, STRING | FAST | STORED),
        outcome: builder.add_text_field(OUTCOME, STRING | FAST | STORED),
        county: builder.add_text_field(COUNTY, STRING | FAST),
        year: builder.add_text_field(YEAR, STRING | FAST),
        phase: builder.add_text_field(PHASE, STRING | FAST),
        target_group: builder.add_text_field(TARGET_GROUP, STRING | FAST),
        node: builder.add_text_field(NODE, STRING | FAST | STORED),
        status: builder.add_text_field(STATUS, STRING | FAST),
        participant: builder.add_text_field(PARTICIPANT, STRING | FAST),
        category: builder.add_text_field(CATEGORY, STRING | FAST | STORED),
        principals: builder.add_text_field("principals", STRING),
        title: builder.add_text_field("title", stemmed_stored.clone()),
        summary: builder.add_text_field("summary", stemmed_stored.clone()),
        body: builder.add_text_field("body", stemmed_stored),
        title_fold: builder.add_text_field("title_fold", analyzed(SV_FOLD)),
        summary_fold: builder.add_text_field("summary_fold", analyzed(SV_FOLD)),
        body_fold: builder.add_text_field("body_fold", analyzed(SV_FOLD)),
        tags: builder.add_text_field("tags", analyzed(SV_STEM)),
        url: builder.add_text_field("url", STORED),
        published_at: builder.add_i64_field(PUBLISHED_AT, FAST | STORED),
        updated_at: builder.add_i64_field("updated_at", STORED),
        technology: builder.add_text_field("technology", STRING),
        group: builder.add_text_field(GROUP, STRING | FAST | STORED),
        group_head: builder.add_bool_field(GROUP_HEAD, FAST),
        confirmed_at: builder.add_i64_field(CONFIRMED_AT, FAST | STORED),
        archived: builder.add_bool_field(ARCHIVED, FAST | STORED),
    };
    (builder.build(), fields)
}

/// Removes duplicates while keeping the first occurrence's order.
fn unique(values: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(values.len());
    for value in values {
        if !out.contains(&value.as_str()) {
            out.push(value);
        }
    }
    out
}

impl Fields {
    pub(crate) fn to_tantivy(&self, doc: &Document) -> TantivyDocument {
        let mut out = TantivyDocument::new();
        out.add_text(self.id, &doc.id);
        out.add_text(self.kind, &doc.kind);
        if let Some(organisation) = &doc.organisation {
            out.add_text(self.organisation, organisation);
        }
        if let Some(outcome) = &doc.outcome {
            out.add_text(self.outcome, outcome);
        }
        if let Some(county) = &doc.county {
            out.add_text(self.county, county);
        }
        out.add_text(self.year, year_of(doc.published_at).to_string());
        for category in unique(&doc.categories) {
            out.add_text(self.category, category);
        }
        if let Some(phase) = &doc.phase {
            out.add_text(self.phase, phase);
        }
        for group in unique(&doc.target_groups) {
            out.add_text(self.target_group, group);
        }
        if !doc.node.is_empty() {
            out.add_text(self.node, &doc.node);
        }
        if let Some(status) = &doc.status {
            out.add_text(self.status, status);
        }
        for participant in unique(&doc.participants) {
            out.add_text(self.participant, participant);
        }
        for principal in unique(&doc.principals) {
            out.add_text(self.principals, principal);
        }
        out.add_text(self.title, &doc.title);
        out.add_text(self.title_fold, &doc.title);
        out.add_text(self.summary, &doc.summary);
        out.add_text(self.summary_fold, &doc.summary);
        out.add_text(self.body, &doc.body);
        out.add_text(self.body_fold, &doc.body);
        for tag in unique(&doc.tags) {
            out.add_text(self.tags, tag);
        }
        out.add_text(self.url, &doc.url);
        out.add_i64(self.published_at, doc.published_at);
        out.add_i64(
            self.updated_at,
            if doc.updated_at == 0 {
                doc.published_at
            } else {
                doc.updated_at
            },
        );
        for technology in unique(&doc.technologies) {
            out.add_text(self.technology, technology);
        }
        if let Some(group) = doc.group.as_deref().filter(|g| !g.is_empty()) {
            out.add_text(self.group, group);
            out.add_bool(self.group_head, group == doc.id);
        }
        if let Some(confirmed_at) = doc.confirmed_at {
            out.add_i64(self.confirmed_at, confirmed_at);
        }
        if doc.archived {
            out.add_bool(self.archived, true);
        }
        out
    }
}

/// The calendar year (UTC, proleptic Gregorian) of a Unix time in seconds, for any `i64`.
/// (tantivy's `DateTime` counts nanoseconds in an `i64` and overflows some 292 years from
/// 1970, so a document dated in year 9999 could not be indexed.)
pub(crate) fn year_of(unix_secs: i64) -> i64 {
    // Days since 1970-01-01, moved to count from 0000-03-01 so leap days end each cycle.
    let days = unix_secs.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_based_month = (5 * day_of_year + 2) / 153;
    let year = year_of_era + era * 400;
    // January and February belong to the next calendar year.
    if march_based_month >= 10 {
        year + 1
    } else {
        year
    }
}

#[cfg(test)]
mod year_tests {
    use super::year_of;

    #[test]
    fn years_of_ordinary_and_far_dates() {
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(-1), 1969);
        // 2024-02-29 12:00 and 2024-12-31 23:59:59 UTC.
        assert_eq!(year_of(1_709_208_000), 2024);
        assert_eq!(year_of(1_735_689_599), 2024);
        assert_eq!(year_of(1_735_689_600), 2025);
        // 9999-12-31 12:00 and 0001-01-01 00:00 UTC, far beyond tantivy's range.
        assert_eq!(year_of(253_402_257_600), 9999);
        assert_eq!(year_of(-62_135_596_800), 1);
        year_of(i64::MIN);
        year_of(i64::MAX);
    }
}
