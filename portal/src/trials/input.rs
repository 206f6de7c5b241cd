//! What a writer sends to start a trial or write in its journal.

use super::*;

/// What a client sends to start a trial.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrialInput {
    #[validate(length(min = 1, max = 200, message = "trials-error-title-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// Purpose and set-up in Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "trials-error-description-length"))]
    #[schema(max_length = 20000)]
    pub description: String,
    /// SCB code of the lead organisation (default: the writer's own).
    #[serde(default)]
    pub lead: Option<String>,
    /// SCB codes of the other organisations taking part; none makes a single-municipality trial.
    #[serde(default)]
    #[validate(length(max = 50, message = "trials-error-participants-count"))]
    #[schema(max_items = 50)]
    pub participants: Vec<String>,
    /// The technology under test in free text, when the catalogue has no entry for it
    /// (`technology_entry`); one of the two is required. Default: the entry's name.
    #[serde(default)]
    #[validate(length(max = 200, message = "trials-error-technology-length"))]
    #[schema(max_length = 200)]
    pub technology: String,
    #[serde(default)]
    #[validate(length(max = 200, message = "trials-error-product-length"))]
    #[schema(max_length = 200)]
    pub product: String,
    #[serde(default)]
    #[validate(length(max = 200, message = "trials-error-supplier-length"))]
    #[schema(max_length = 200)]
    pub supplier: String,
    /// ordinart-boende, sarskilt-boende, lss, socialpsykiatri, ifo or hemsjukvard.
    #[schema(schema_with = TargetGroup::field_schema)]
    pub target_group: String,
    /// Category slug or name.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// planerad, pagar, avslutad or avbruten (default planerad).
    #[serde(default)]
    #[schema(schema_with = TrialPhase::optional_field_schema)]
    pub phase: Option<String>,
    /// public, network or organisation (the lead and participants; default public).
    #[serde(default)]
    #[schema(schema_with = crate::openapi::shared_visibility)]
    pub visibility: Option<String>,
    /// The needs (slugs or ids) the trial answers.
    #[serde(default)]
    pub needs: Vec<String>,
    /// The technology catalogue entry (slug or id) under test.
    #[serde(default)]
    pub technology_entry: Option<String>,
}

crate::web::merge_patch::patch_schema!(TrialPatch for TrialInput);

/// What a participant writes in the journal.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryInput {
    /// steg, hinder, mojlighet or beslut.
    #[schema(schema_with = EntryType::field_schema)]
    pub entry_type: String,
    /// The day it happened (default today).
    #[serde(default)]
    pub happened_on: Option<NaiveDate>,
    /// Markdown.
    #[validate(length(min = 1, max = 20000, message = "trials-error-entry-text-length"))]
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
}

crate::web::merge_patch::patch_schema!(EntryPatch for EntryInput);

impl EntryInput {
    /// What `PUT` would be sent to leave `entry` as it is: the base a `PATCH` is merged into.
    pub fn of(entry: &journal::Model) -> EntryInput {
        EntryInput {
            entry_type: entry.entry_type.clone(),
            happened_on: Some(entry.happened_on),
            text: entry.body_md.clone(),
        }
    }
}
