//! What a writer sends to raise a need or share one.

use super::*;

/// What a client sends to raise a need.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedInput {
    #[validate(length(min = 1, max = 200, message = "needs-error-title-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// The need in Markdown: who lacks what, and why.
    #[serde(default)]
    #[validate(length(max = 20000, message = "needs-error-description-length"))]
    #[schema(max_length = 20000)]
    pub description: String,
    /// ordinart-boende, sarskilt-boende, lss, socialpsykiatri, ifo or hemsjukvard.
    #[schema(schema_with = TargetGroup::field_schema)]
    pub target_group: String,
    /// Category slug or name.
    #[serde(default)]
    pub category: Option<String>,
    /// SCB code of the organisation raising it (default: the writer's own).
    #[serde(default)]
    pub organisation: Option<String>,
    /// public, network or organisation (default network).
    #[serde(default)]
    #[schema(schema_with = crate::openapi::shared_visibility)]
    pub visibility: Option<String>,
}

crate::web::merge_patch::patch_schema!(NeedPatch for NeedInput);

impl NeedInput {
    /// What `PUT` would be sent to leave `need` as it is: the base a `PATCH` is merged into.
    /// Its organisation is left out, which keeps it.
    pub fn of(need: &entity::Model, catalog: &CatalogData) -> NeedInput {
        NeedInput {
            title: need.title.clone(),
            description: need.description_md.clone(),
            target_group: need.target_group.clone(),
            category: need
                .category_id
                .and_then(|c| catalog.category_by_id(c))
                .map(|c| c.slug.clone()),
            organisation: None,
            visibility: Some(need.visibility.clone()),
        }
    }
}

/// What a client sends to say its organisation shares a need.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementInput {
    /// A line on one's own situation.
    #[serde(default)]
    #[validate(length(max = 1000, message = "needs-error-note-length"))]
    #[schema(max_length = 1000)]
    pub note: String,
}
