//! Writing the contract parties register, the award and the call-offs. Every write runs on
//! one unit of work.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use super::entity::{award, calloff, party};
use super::{CALLOFF, PARTY, PartyRole, at_warning, is_awardable, is_frozen, kronor, percent};
use crate::audit::By;
use crate::auth::{Action, Actor, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::procurement::{self, Opened, entity as procurement_entity};
use crate::state::AppState;
use crate::unit::Unit;

/// Why a party cannot be added once the procurement is advertised.
pub const FROZEN_PARTY: &str = "procurement-error-parties-frozen";

/// Why a maximum cannot be raised once the procurement is advertised.
pub const FROZEN_MAXIMUM: &str = "procurement-error-maximum-frozen";

/// Why a party's role or from-date cannot change once the procurement is advertised.
const FROZEN_ROLE: &str = "procurement-error-party-role-frozen";

const LEADS_ONLY: &str = "procurement-error-contract-leads-only";

/// A contract party's figures, as a client sends them to change one.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyChange {
    /// `ordinary` (a party from the start) or `later` (may call off later, from `from_on`).
    #[schema(schema_with = PartyRole::field_schema)]
    pub role: String,
    /// The first day a later party may call off (required for `later`).
    #[serde(default)]
    pub from_on: Option<NaiveDate>,
    /// The estimated value of the party's call-offs, in whole kronor.
    #[serde(deserialize_with = "crate::web::whole::i64")]
    #[validate(range(min = 0, message = "procurement-error-amount-non-negative"))]
    #[schema(minimum = 0)]
    pub estimated_sek: i64,
    /// The maximum value of the party's call-offs, in whole kronor.
    #[serde(deserialize_with = "crate::web::whole::i64")]
    #[validate(range(min = 0, message = "procurement-error-amount-non-negative"))]
    #[schema(minimum = 0)]
    pub maximum_sek: i64,
    /// The estimated quantity in words (e.g. "120 kameror").
    #[serde(default)]
    #[validate(length(max = 500, message = "procurement-error-max-500-chars"))]
    #[schema(max_length = 500)]
    pub quantity: String,
}

/// A new contract party, as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    /// The organisation's SCB code or name.
    #[validate(length(min = 1, max = 200, message = "procurement-error-organisation-missing"))]
    #[schema(min_length = 1, max_length = 200)]
    pub organisation: String,
    #[schema(schema_with = PartyRole::field_schema)]
    pub role: String,
    #[serde(default)]
    pub from_on: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::web::whole::i64")]
    #[validate(range(min = 0, message = "procurement-error-amount-non-negative"))]
    #[schema(minimum = 0)]
    pub estimated_sek: i64,
    #[serde(deserialize_with = "crate::web::whole::i64")]
    #[validate(range(min = 0, message = "procurement-error-amount-non-negative"))]
    #[schema(minimum = 0)]
    pub maximum_sek: i64,
    #[serde(default)]
    #[validate(length(max = 500, message = "procurement-error-max-500-chars"))]
    #[schema(max_length = 500)]
    pub quantity: String,
}

impl PartyInput {
    pub fn change(&self) -> PartyChange {
        PartyChange {
            role: self.role.clone(),
            from_on: self.from_on,
            estimated_sek: self.estimated_sek,
            maximum_sek: self.maximum_sek,
            quantity: self.quantity.clone(),
        }
    }
}

/// The award of the framework agreement, as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardInput {
    /// The supplier the agreement is awarded to.
    #[validate(length(min = 1, max = 200, message = "procurement-error-supplier-missing"))]
    #[schema(min_length = 1, max_length = 200)]
    pub supplier: String,
    /// The day of the award decision (tilldelningsbeslut).
    pub awarded_on: NaiveDate,
    /// The day the agreement was signed, once it is.
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
}

/// A call-off, as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallOffInput {
    /// The calling-off party's SCB code or name.
    #[validate(length(
        min = 1,
        max = 200,
        message = "procurement-error-calling-organisation-missing"
    ))]
    #[schema(min_length = 1, max_length = 200)]
    pub organisation: String,
    /// The day of the call-off.
    pub called_on: NaiveDate,
    /// Its value in whole kronor.
    #[serde(deserialize_with = "crate::web::whole::i64")]
    #[validate(range(min = 1, message = "procurement-error-call-off-value"))]
    #[schema(minimum = 1)]
    pub value_sek: i64,
    /// What was called off, in a line.
    #[serde(default)]
    #[validate(length(max = 500, message = "procurement-error-max-500-chars"))]
    #[schema(max_length = 500)]
    pub note: String,
}

/// The procurement behind `slug_or_id`, opened for `by` (404 to those outside it).
async fn opened(state: &AppState, by: &By, slug_or_id: &str) -> Result<Opened, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    Ok(procurement::readable(state, &by.actor, slug_or_id)
        .await?
        .into_inner())
}

/// Adds a contract party (`adding_only`: refused when the organisation already is one) or
/// changes one (its leads). From annonsering on, the register is frozen: no new party, no
/// higher maximum, no other role or from-date.
#[tracing::instrument(skip_all)]
pub async fn save_party(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    organisation: &str,
    change: &PartyChange,
    adding_only: bool,
) -> Result<party::Model, AppError> {
    let opened = opened(state, by, slug_or_id).await?;
    if !can(&by.actor, Action::Edit, &opened.resource()) {
        return Err(AppError::Forbidden(LEADS_ONLY.to_owned()));
    }
    let p = opened.procurement;
    let catalog = state.catalog.get();
    let mut issues = crate::error::issues_of(change);
    let organisation = if organisation.trim().is_empty() {
        issues.push(FieldIssue::new(
            "organisation",
            "procurement-error-organisation-missing",
        ));
        None
    } else {
        catalog
            .organisation_named(organisation.trim(), "organisation", &mut issues)
            .cloned()
    };
    let role = PartyRole::from_field(Some(change.role.as_str()), "role", &mut issues);
    if role.is_none() && issues.iter().all(|i| i.field != "role") {
        issues.push(FieldIssue::new("role", "procurement-error-role-missing"));
    }
    let from_on = match role {
        Some(PartyRole::Later) => {
            if change.from_on.is_none() {
                issues.push(FieldIssue::new(
                    "from_on",
                    "procurement-error-party-from-missing",
                ));
            }
            change.from_on
        }
        _ => None,
    };
    if change.estimated_sek > change.maximum_sek {
        issues.push(FieldIssue::new(
            "estimated_sek",
            "procurement-error-estimate-above-maximum",
        ));
    }
    let quantity = change.quantity.trim().to_owned();
    crate::privacy::check_fields(&[("quantity", &quantity)], &mut issues);
    let existing = match &organisation {
        Some(o) => {
            party::Entity::find()
                .filter(party::Column::ProcurementId.eq(p.id))
                .filter(party::Column::OrganisationId.eq(o.id))
                .one(&state.db)
                .await?
        }
        None => None,
    };
    let frozen = is_frozen(&p.phase);
    match &existing {
        Some(_) if adding_only => {
            return Err(AppError::Conflict(
                "procurement-error-already-party".to_owned(),
            ));
        }
        None if organisation.is_some() && frozen => {
            issues.push(FieldIssue::new("organisation", FROZEN_PARTY));
        }
        Some(current) => {
            if frozen && change.maximum_sek > current.maximum_sek {
                issues.push(FieldIssue::new("maximum_sek", FROZEN_MAXIMUM));
            }
            if frozen
                && (role.is_some_and(|r| r.as_str() != current.role) || from_on != current.from_on)
            {
                issues.push(FieldIssue::new(
                    if role.is_some_and(|r| r.as_str() != current.role) {
                        "role"
                    } else {
                        "from_on"
                    },
                    FROZEN_ROLE,
                ));
            }
            if change.maximum_sek < current.called_off_sek {
                issues.push(FieldIssue::new(
                    "maximum_sek",
                    crate::web::i18n::t_with(
                        "procurement-error-maximum-below-called",
                        "amount",
                        &kronor(current.called_off_sek),
                    ),
                ));
            }
        }
        None => {}
    }
    let (Some(organisation), Some(role), true) = (organisation, role, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let saved = match existing {
        Some(current) => {
            let mut active: party::ActiveModel = current.into();
            active.role = Set(role.as_str().to_owned());
            active.from_on = Set(from_on);
            active.estimated_sek = Set(change.estimated_sek);
            active.maximum_sek = Set(change.maximum_sek);
            active.quantity = Set(quantity);
            active.updated_at = Set(now);
            active.update(unit.db()).await?
        }
        None => {
            party::ActiveModel {
                id: Set(Uuid::now_v7()),
                procurement_id: Set(p.id),
                organisation_id: Set(organisation.id),
                role: Set(role.as_str().to_owned()),
                from_on: Set(from_on),
                estimated_sek: Set(change.estimated_sek),
                maximum_sek: Set(change.maximum_sek),
                quantity: Set(quantity),
                called_off_sek: Set(0),
                warned_at: Set(None),
                added_at: Set(now),
                updated_at: Set(now),
            }
            .insert(unit.db())
            .await?
        }
    };
    unit.changed(PARTY, saved.id, Op::Upsert);
    unit.changed(procurement::PROCUREMENT, p.id, Op::Upsert);
    unit.audit(
        "procurement.party",
        format!("procurement:{}", p.id),
        format!(
            "{}: {} ({}, takbelopp {})",
            p.title,
            organisation.name,
            role.label(),
            kronor(change.maximum_sek)
        ),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Records the award of the framework agreement, or corrects it (its leads), once the
/// procurement has reached tilldelning.
#[tracing::instrument(skip_all)]
pub async fn record_award(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: &AwardInput,
) -> Result<award::Model, AppError> {
    let opened = opened(state, by, slug_or_id).await?;
    if !can(&by.actor, Action::Edit, &opened.resource()) {
        return Err(AppError::Forbidden(LEADS_ONLY.to_owned()));
    }
    let p = opened.procurement;
    if !is_awardable(&p.phase) {
        return Err(AppError::Conflict(
            "procurement-error-award-too-early".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(input);
    let supplier = input.supplier.trim().to_owned();
    crate::error::require_text(
        &supplier,
        "supplier",
        "procurement-error-supplier-missing",
        &mut issues,
    );
    crate::privacy::check_fields(&[("supplier", &supplier)], &mut issues);
    if input.signed_on.is_some_and(|s| s < input.awarded_on) {
        issues.push(FieldIssue::new(
            "signed_on",
            "procurement-error-signed-before-award",
        ));
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let existing = award::Entity::find_by_id(p.id).one(unit.db()).await?;
    let saved = match existing {
        Some(current) => {
            let mut active: award::ActiveModel = current.into();
            active.supplier = Set(supplier);
            active.awarded_on = Set(input.awarded_on);
            active.signed_on = Set(input.signed_on);
            active.recorded_by = Set(by.actor.user_id());
            active.updated_at = Set(now);
            active.update(unit.db()).await?
        }
        None => {
            award::ActiveModel {
                procurement_id: Set(p.id),
                supplier: Set(supplier),
                awarded_on: Set(input.awarded_on),
                signed_on: Set(input.signed_on),
                warned_at: Set(None),
                recorded_by: Set(by.actor.user_id()),
                updated_at: Set(now),
            }
            .insert(unit.db())
            .await?
        }
    };
    unit.changed(procurement::PROCUREMENT, p.id, Op::Upsert);
    unit.audit(
        "procurement.award",
        format!("procurement:{}", p.id),
        format!("{}: {}", p.title, saved.supplier),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Records a call-off from the agreement (a lead for any party, a member for their own
/// organisation's), once the award is recorded. A call-off that would pass the party's
/// maximum or the agreement's is refused: the agreement is spent at its maximum. Reaching
/// 80 % of a maximum tells the leads and node staff, once per crossing.
#[tracing::instrument(skip_all)]
pub async fn record_calloff(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: &CallOffInput,
) -> Result<calloff::Model, AppError> {
    let opened = opened(state, by, slug_or_id).await?;
    let resource = opened.resource();
    let p = opened.procurement;
    let awarded = award::Entity::find_by_id(p.id).one(&state.db).await?;
    if !is_awardable(&p.phase) || awarded.is_none() {
        return Err(AppError::Conflict(
            "procurement-error-call-off-before-award".to_owned(),
        ));
    }
    let catalog = state.catalog.get();
    let mut issues = crate::error::issues_of(input);
    let note = input.note.trim().to_owned();
    crate::privacy::check_fields(&[("note", &note)], &mut issues);
    let organisation = if input.organisation.trim().is_empty() {
        issues.push(FieldIssue::new(
            "organisation",
            "procurement-error-calling-organisation-missing",
        ));
        None
    } else {
        catalog
            .organisation_named(input.organisation.trim(), "organisation", &mut issues)
            .cloned()
    };
    let found = match &organisation {
        Some(o) => {
            party::Entity::find()
                .filter(party::Column::ProcurementId.eq(p.id))
                .filter(party::Column::OrganisationId.eq(o.id))
                .one(&state.db)
                .await?
        }
        None => None,
    };
    if let (Some(o), None) = (&organisation, &found) {
        issues.push(FieldIssue::new(
            "organisation",
            format!(
                "{} är inte avtalspart och får inte avropa från ramavtalet: bara de organisationer som namnges i upphandlingsdokumenten får det.",
                o.name
            ),
        ));
    }
    if let Some(party) = &found {
        if !crate::auth::policy::calls_off_for(&by.actor, &resource, party.organisation_id) {
            return Err(AppError::Forbidden(
                "procurement-error-call-off-who".to_owned(),
            ));
        }
        if let Some(from) = party.from_on
            && input.called_on < from
        {
            issues.push(FieldIssue::new(
                "called_on",
                crate::web::i18n::t_with(
                    "procurement-error-call-off-before-from",
                    "date",
                    &crate::web::date_text(from),
                ),
            ));
        }
    }
    let (Some(organisation), Some(party), true) = (organisation, found, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let value = input.value_sek;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    // The agreement as a whole: the sum of the parties' maximums.
    let parties = party::Entity::find()
        .filter(party::Column::ProcurementId.eq(p.id))
        .all(txn)
        .await?;
    let agreement_max: i64 = parties.iter().map(|r| r.maximum_sek).sum();
    let agreement_before: i64 = parties.iter().map(|r| r.called_off_sek).sum();
    if agreement_before.saturating_add(value) > agreement_max {
        return Err(AppError::invalid(
            "value_sek",
            &crate::web::i18n::text_with(
                crate::web::i18n::lang(),
                "procurement-error-call-off-over-maximum",
                &[
                    ("maximum", (kronor(agreement_max)).into()),
                    ("called", (kronor(agreement_before)).into()),
                    (
                        "left",
                        (kronor(std::cmp::max(agreement_max - agreement_before, 0))).into(),
                    ),
                ],
            ),
        ));
    }
    // The party's own maximum, checked and counted in one statement, so two call-offs at
    // once cannot both pass it.
    let counted = party::Entity::update_many()
        .col_expr(
            party::Column::CalledOffSek,
            Expr::col(party::Column::CalledOffSek).add(value),
        )
        .col_expr(party::Column::UpdatedAt, Expr::value(now))
        .filter(party::Column::Id.eq(party.id))
        .filter(
            Expr::col(party::Column::CalledOffSek)
                .add(value)
                .lte(Expr::col(party::Column::MaximumSek)),
        )
        .exec(txn)
        .await?
        .rows_affected;
    if counted != 1 {
        let current = party::Entity::find_by_id(party.id)
            .one(txn)
            .await?
            .unwrap_or(party);
        return Err(AppError::invalid(
            "value_sek",
            &crate::web::i18n::text_with(
                crate::web::i18n::lang(),
                "procurement-error-call-off-over-party-maximum",
                &[
                    ("party", organisation.name.as_str().into()),
                    ("maximum", (kronor(current.maximum_sek)).into()),
                    ("called", (kronor(current.called_off_sek)).into()),
                    (
                        "left",
                        (kronor(std::cmp::max(
                            current.maximum_sek - current.called_off_sek,
                            0,
                        )))
                        .into(),
                    ),
                ],
            ),
        ));
    }
    let id = Uuid::now_v7();
    let saved = calloff::ActiveModel {
        id: Set(id),
        procurement_id: Set(p.id),
        party_id: Set(party.id),
        organisation_id: Set(organisation.id),
        called_on: Set(input.called_on),
        value_sek: Set(value),
        note: Set(note),
        recorded_by: Set(by.actor.user_id()),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    // The warnings: once per crossing, each claimed on its row.
    let mut lines = Vec::new();
    let party_after = party.called_off_sek + value;
    if at_warning(party_after, party.maximum_sek) {
        let claimed = party::Entity::update_many()
            .col_expr(party::Column::WarnedAt, Expr::value(now))
            .filter(party::Column::Id.eq(party.id))
            .filter(party::Column::WarnedAt.is_null())
            .exec(txn)
            .await?
            .rows_affected;
        if claimed == 1 {
            lines.push(Warning {
                party: Some(organisation.name.clone()),
                after: party_after,
                maximum: party.maximum_sek,
            });
        }
    }
    let agreement_after = agreement_before + value;
    if at_warning(agreement_after, agreement_max) {
        let claimed = award::Entity::update_many()
            .col_expr(award::Column::WarnedAt, Expr::value(now))
            .filter(award::Column::ProcurementId.eq(p.id))
            .filter(award::Column::WarnedAt.is_null())
            .exec(txn)
            .await?
            .rows_affected;
        if claimed == 1 {
            lines.push(Warning {
                party: None,
                after: agreement_after,
                maximum: agreement_max,
            });
        }
    }
    if !lines.is_empty() {
        notify_warning(state, &mut unit, &p, lines).await?;
    }
    unit.changed(CALLOFF, id, Op::Upsert);
    unit.audit(
        "procurement.calloff",
        format!("procurement:{}", p.id),
        format!("{}: {} {}", p.title, organisation.name, kronor(value)),
    );
    unit.commit().await?;
    Ok(saved)
}

/// A maximum whose warning share call-offs reached: a party's (named) or the agreement's.
struct Warning {
    party: Option<String>,
    after: i64,
    maximum: i64,
}

impl Warning {
    /// The warning's line, in the language of the frame.
    fn line(&self) -> String {
        let percent = percent(self.after, self.maximum).to_string();
        let after = kronor(self.after);
        let maximum = kronor(self.maximum);
        let mut args = vec![
            ("percent", percent.as_str()),
            ("after", after.as_str()),
            ("maximum", maximum.as_str()),
        ];
        match &self.party {
            Some(party) => {
                args.push(("party", party.as_str()));
                crate::web::i18n::t_args("procurement-notice-party-warning", &args)
            }
            None => crate::web::i18n::t_args("procurement-notice-agreement-warning", &args),
        }
    }
}

/// Tells the leads and node staff that call-offs reached the warning share of a maximum.
async fn notify_warning(
    state: &AppState,
    unit: &mut Unit,
    p: &procurement_entity::Model,
    warnings: Vec<Warning>,
) -> Result<(), AppError> {
    let mut recipients = procurement::leads_to_notify(unit.db(), p.id).await?;
    for staff in crate::auth::users::to_notify_staff(unit.db(), None).await? {
        if !recipients.contains(&staff) {
            recipients.push(staff);
        }
    }
    let settings = state.settings.public_link("/konto");
    unit.notify(&recipients, || {
        let mut lines: Vec<String> = warnings.iter().map(Warning::line).collect();
        lines.push(crate::web::i18n::t("procurement-notice-maximum-reached"));
        Notice {
            subject: crate::web::i18n::t_with(
                "procurement-notice-maximum-subject",
                "title",
                &p.title,
            ),
            lines,
            link: state
                .settings
                .public_link(&format!("{}/avtalsparter", procurement::url(p))),
            settings: &settings,
        }
    })?;
    Ok(())
}
