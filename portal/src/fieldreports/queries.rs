//! Lists of field reports a reader may open, filtered, counted and paged in the database.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entity;
use super::views::FieldReportView;
use crate::auth::Actor;
use crate::error::AppError;
use crate::state::AppState;

/// The filters of the list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FieldReportFilter {
    /// SCB code of the author's organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Category slug.
    #[serde(default)]
    pub category: Option<String>,
    /// Technology slug or id.
    #[serde(default)]
    pub technology: Option<String>,
    /// Trial slug or id.
    #[serde(default)]
    pub trial: Option<String>,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// A page of field reports, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldReportList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub field_reports: Vec<FieldReportView>,
}

pub const PER_PAGE: usize = 20;

/// The field reports `actor` may read that match `filter`, newest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &FieldReportFilter,
) -> Result<FieldReportList, AppError> {
    let catalog = state.catalog.get();
    let page = crate::web::page_number(filter.page)?;
    let mut query = entity::Entity::find().filter(super::live()).filter(
        crate::auth::policy::visible_condition(actor, &super::readers(), &catalog),
    );
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    if let Some(code) = given(&filter.organisation) {
        let org = catalog
            .organisation_by_code(&code)
            .map_or(Uuid::nil(), |o| o.id);
        query = query.filter(entity::Column::OrganisationId.eq(org));
    }
    if let Some(slug) = given(&filter.category) {
        let id = catalog.find_category(&slug).map_or(Uuid::nil(), |c| c.id);
        query = query.filter(entity::Column::CategoryId.eq(id));
    }
    if let Some(t) = given(&filter.technology) {
        let id = match crate::technologies::find(state, &t).await {
            Ok(entry) => entry.id,
            Err(AppError::NotFound(_)) => Uuid::nil(),
            Err(e) => return Err(e),
        };
        query = query.filter(entity::Column::TechnologyId.eq(id));
    }
    if let Some(t) = given(&filter.trial) {
        let id = match crate::trials::readable_by_slug(state, actor, &t).await {
            Ok(trial) => trial.id,
            Err(AppError::NotFound(_) | AppError::SignInRequired) => Uuid::nil(),
            Err(e) => return Err(e),
        };
        query = query.filter(entity::Column::TrialId.eq(id));
    }
    let query = query
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_desc(entity::Column::Id);
    let (reports, total) =
        crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    Ok(FieldReportList {
        total: total as usize,
        page,
        per_page: PER_PAGE,
        field_reports: super::views::views(state, actor, reports).await?,
    })
}

/// How many field reports each organisation posted since `since` (withdrawn ones left out),
/// counted in the database: the overview's coach network. Counts only, so every report
/// counts, whoever may read it.
pub async fn posted_per_organisation<C: sea_orm::ConnectionTrait>(
    db: &C,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(Uuid, i64)>, AppError> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Alias, Expr, Func};
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::OrganisationId)
        .column_as(
            Expr::from(Func::cast_as(
                Func::count(Expr::col((entity::Entity, entity::Column::Id))),
                Alias::new("bigint"),
            )),
            "posted",
        )
        .filter(entity::Column::CreatedAt.gte(since))
        .filter(entity::Column::WithdrawnAt.is_null())
        .group_by(entity::Column::OrganisationId)
        .into_tuple()
        .all(db)
        .await?)
}
