//! What a writer sends to choose an indicator or record a follow-up.

use super::*;

/// What the lead sends to choose an indicator.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    /// E.g. "nattliga besök per brukare och vecka".
    #[validate(length(min = 1, max = 200, message = "followups-error-indicator-name"))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// E.g. "besök", "minuter", "procent".
    #[serde(default)]
    #[validate(length(max = 50, message = "followups-error-unit-length"))]
    #[schema(max_length = 50)]
    pub unit: String,
    /// hogre (higher is better) or lagre (lower is better).
    #[schema(schema_with = Direction::field_schema)]
    pub direction: String,
    /// The value before the trial.
    pub baseline: f64,
}

crate::web::merge_patch::patch_schema!(IndicatorPatch for IndicatorInput);

impl IndicatorInput {
    /// What `PUT` would be sent to leave `indicator` as it is: the base a `PATCH` is merged into.
    pub fn of(indicator: &indicator::Model) -> IndicatorInput {
        IndicatorInput {
            name: indicator.name.clone(),
            unit: indicator.unit.clone(),
            direction: indicator.direction.clone(),
            baseline: indicator.baseline,
        }
    }
}

/// What a participant records at a follow-up.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpInput {
    /// Indicator id → today's value.
    #[serde(default)]
    pub values: BTreeMap<Uuid, f64>,
    /// The effects seen, in Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "followups-error-effects-length"))]
    #[schema(max_length = 20000)]
    pub effects: String,
    /// Whether the technology is still in use.
    pub still_in_use: bool,
}
