//! Reading the contract parties register, the award and the call-offs (members only: every
//! function takes a procurement the reader was checked to open).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entity::{award, calloff, party};
use super::{PartyRole, at_warning, is_awardable, is_frozen, kronor, percent};
use crate::auth::Readable;
use crate::catalog::OrganisationRef;
use crate::error::AppError;
use crate::procurement::Opened;
use crate::state::AppState;

/// A contract party as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PartyView {
    pub id: Uuid,
    pub organisation: OrganisationRef,
    /// `ordinary` or `later`.
    pub role: String,
    pub role_label: String,
    /// The first day a later party may call off.
    pub from_on: Option<NaiveDate>,
    pub estimated_sek: i64,
    pub maximum_sek: i64,
    pub quantity: String,
    /// The sum of the party's call-offs so far.
    pub called_off_sek: i64,
    /// The call-offs have reached 80 % of the maximum.
    pub warning: bool,
}

impl PartyView {
    pub fn estimated_kr(&self) -> String {
        kronor(self.estimated_sek)
    }
    pub fn maximum_kr(&self) -> String {
        kronor(self.maximum_sek)
    }
    pub fn called_off_kr(&self) -> String {
        kronor(self.called_off_sek)
    }
    pub fn share(&self) -> i64 {
        percent(self.called_off_sek, self.maximum_sek)
    }
    pub fn from_sv(&self) -> String {
        self.from_on.map(crate::web::date_text).unwrap_or_default()
    }
}

/// The award of the framework agreement.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AwardView {
    pub supplier: String,
    pub awarded_on: NaiveDate,
    pub signed_on: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

impl AwardView {
    pub fn awarded_sv(&self) -> String {
        crate::web::date_text(self.awarded_on)
    }
    pub fn signed_sv(&self) -> String {
        self.signed_on
            .map(crate::web::date_text)
            .unwrap_or_default()
    }
}

/// The register: the parties, the agreement's totals, the award, and what the phase allows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContractRegister {
    pub parties: Vec<PartyView>,
    /// The sum of the parties' estimated values.
    pub estimated_total_sek: i64,
    /// The sum of the parties' maximums: the framework agreement's maximum.
    pub maximum_total_sek: i64,
    /// The sum of all call-offs so far.
    pub called_off_total_sek: i64,
    /// The agreement's call-offs have reached 80 % of its maximum.
    pub warning: bool,
    /// From annonsering on: no new party, no higher maximum.
    pub frozen: bool,
    /// Tilldelning or later: the award and call-offs may be recorded.
    pub awardable: bool,
    pub award: Option<AwardView>,
}

impl ContractRegister {
    pub fn estimated_total_kr(&self) -> String {
        kronor(self.estimated_total_sek)
    }
    pub fn maximum_total_kr(&self) -> String {
        kronor(self.maximum_total_sek)
    }
    pub fn called_off_total_kr(&self) -> String {
        kronor(self.called_off_total_sek)
    }
    pub fn share(&self) -> i64 {
        percent(self.called_off_total_sek, self.maximum_total_sek)
    }
    /// The parties whose call-offs reached the warning share.
    pub fn warned_parties(&self) -> Vec<&PartyView> {
        self.parties.iter().filter(|p| p.warning).collect()
    }
}

/// The parties of a procurement, the earliest added first (any reader: the caller decides
/// whether the reader may see them).
pub async fn parties_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<party::Model>, DbErr> {
    party::Entity::find()
        .filter(party::Column::ProcurementId.eq(procurement_id))
        .order_by_asc(party::Column::AddedAt)
        .order_by_asc(party::Column::Id)
        .all(db)
        .await
}

/// The award of a procurement, if recorded.
pub async fn award_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Option<award::Model>, DbErr> {
    award::Entity::find_by_id(procurement_id).one(db).await
}

pub fn award_view(a: award::Model) -> AwardView {
    AwardView {
        supplier: a.supplier,
        awarded_on: a.awarded_on,
        signed_on: a.signed_on,
        updated_at: a.updated_at,
    }
}

/// The parties as shown, with their organisations' names.
pub fn party_views(
    catalog: &crate::catalog::CatalogData,
    rows: Vec<party::Model>,
) -> Vec<PartyView> {
    rows.into_iter()
        .filter_map(|r| {
            let org = catalog.organisation_by_id(r.organisation_id)?;
            Some(PartyView {
                id: r.id,
                organisation: OrganisationRef::from(org),
                role_label: PartyRole::label_of(&r.role),
                role: r.role,
                from_on: r.from_on,
                estimated_sek: r.estimated_sek,
                maximum_sek: r.maximum_sek,
                quantity: r.quantity,
                called_off_sek: r.called_off_sek,
                warning: at_warning(r.called_off_sek, r.maximum_sek),
            })
        })
        .collect()
}

/// The register of a procurement the reader has opened.
pub async fn register(
    state: &AppState,
    opened: &Readable<Opened>,
) -> Result<ContractRegister, AppError> {
    let p = &opened.procurement;
    let rows = parties_of(&state.db, p.id).await?;
    let award = award_of(&state.db, p.id).await?;
    let parties = party_views(&state.catalog.get(), rows);
    let estimated_total_sek = parties.iter().map(|p| p.estimated_sek).sum();
    let maximum_total_sek = parties.iter().map(|p| p.maximum_sek).sum();
    let called_off_total_sek = parties.iter().map(|p| p.called_off_sek).sum();
    Ok(ContractRegister {
        estimated_total_sek,
        maximum_total_sek,
        called_off_total_sek,
        warning: at_warning(called_off_total_sek, maximum_total_sek),
        frozen: is_frozen(&p.phase),
        awardable: is_awardable(&p.phase),
        award: award.map(award_view),
        parties,
    })
}

/// What the call-off list is filtered by.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallOffFilter {
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// A call-off as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CallOffView {
    pub id: Uuid,
    pub organisation: Option<OrganisationRef>,
    pub called_on: NaiveDate,
    pub value_sek: i64,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl CallOffView {
    pub fn value_kr(&self) -> String {
        kronor(self.value_sek)
    }
    pub fn called_sv(&self) -> String {
        crate::web::date_text(self.called_on)
    }
}

/// A page of a procurement's call-offs, the latest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CallOffList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub calloffs: Vec<CallOffView>,
}

pub const CALLOFFS_PER_PAGE: usize = 20;

pub fn calloff_view(catalog: &crate::catalog::CatalogData, c: calloff::Model) -> CallOffView {
    CallOffView {
        id: c.id,
        organisation: catalog
            .organisation_by_id(c.organisation_id)
            .map(OrganisationRef::from),
        called_on: c.called_on,
        value_sek: c.value_sek,
        note: c.note,
        created_at: c.created_at,
    }
}

/// One page of the call-offs of a procurement the reader has opened, counted and paged in
/// the database.
pub async fn calloffs(
    state: &AppState,
    opened: &Readable<Opened>,
    filter: &CallOffFilter,
) -> Result<CallOffList, AppError> {
    let page = crate::web::page_number(filter.page)?;
    let query = calloff::Entity::find()
        .filter(calloff::Column::ProcurementId.eq(opened.procurement.id))
        .order_by_desc(calloff::Column::CalledOn)
        .order_by_desc(calloff::Column::Id);
    let (rows, total) =
        crate::db::page_of(&state.db, query, page as u64, CALLOFFS_PER_PAGE as u64).await?;
    let catalog = state.catalog.get();
    Ok(CallOffList {
        total: usize::try_from(total).unwrap_or(usize::MAX),
        page,
        per_page: CALLOFFS_PER_PAGE,
        calloffs: rows
            .into_iter()
            .map(|c| calloff_view(&catalog, c))
            .collect(),
    })
}

/// The ids of a procurement's contract parties (to re-index them when its phase changes).
pub async fn party_ids_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    party::Entity::find()
        .select_only()
        .column(party::Column::Id)
        .filter(party::Column::ProcurementId.eq(procurement_id))
        .into_tuple()
        .all(db)
        .await
}

/// The ids of a procurement's call-offs (to re-index them when its phase changes).
pub async fn calloff_ids_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    calloff::Entity::find()
        .select_only()
        .column(calloff::Column::Id)
        .filter(calloff::Column::ProcurementId.eq(procurement_id))
        .into_tuple()
        .all(db)
        .await
}
