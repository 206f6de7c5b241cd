//! Lists of needs a reader may open, filtered, counted and paged in the database.

use super::*;

/// The organisations that have endorsed each need, oldest first.
pub async fn endorsements_of<C: ConnectionTrait>(
    db: &C,
    need_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<endorsement::Model>>, AppError> {
    let mut map: HashMap<Uuid, Vec<endorsement::Model>> = HashMap::new();
    for chunk in need_ids.chunks(500) {
        for row in endorsement::Entity::find()
            .filter(endorsement::Column::NeedId.is_in(chunk.iter().copied()))
            .filter(endorsement::Column::WithdrawnAt.is_null())
            .order_by_asc(endorsement::Column::CreatedAt)
            .all(db)
            .await?
        {
            map.entry(row.need_id).or_default().push(row);
        }
    }
    Ok(map)
}

/// The filters of the county's list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NeedFilter {
    /// ny, bedoms, i-test, atgardad or avslutad.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub target_group: Option<String>,
    /// Category slug.
    #[serde(default)]
    pub category: Option<String>,
    /// SCB code of an organisation that has the need (raised or shares it).
    #[serde(default)]
    pub organisation: Option<String>,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// A page of the county's list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub needs: Vec<NeedView>,
}

pub const PER_PAGE: usize = 20;

/// The condition "the need is not withdrawn": every list, count and search leaves withdrawn
/// needs out.
pub fn live() -> sea_orm::sea_query::SimpleExpr {
    entity::Column::WithdrawnAt.is_null()
}

/// How the needs table records who may open a need, for the policy's SQL condition.
pub fn readers() -> crate::auth::policy::Readers<entity::Column> {
    crate::auth::policy::Readers::owned(entity::Column::Visibility, entity::Column::OrganisationId)
}

/// The condition "organisation `org` shares the need" (it endorsed it).
pub(crate) fn endorsed_by(org: Uuid) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{ExprTrait, Query};
    sea_orm::sea_query::Expr::col((entity::Entity, entity::Column::Id)).in_subquery(
        Query::select()
            .column(endorsement::Column::NeedId)
            .from(endorsement::Entity)
            .and_where(endorsement::Column::OrganisationId.eq(org))
            .and_where(endorsement::Column::WithdrawnAt.is_null())
            .to_owned(),
    )
}

/// The condition "one of `orgs` shares the need" (endorsed it).
pub fn endorsed_by_any(orgs: &[Uuid]) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{ExprTrait, Query};
    sea_orm::sea_query::Expr::col((entity::Entity, entity::Column::Id)).in_subquery(
        Query::select()
            .column(endorsement::Column::NeedId)
            .from(endorsement::Entity)
            .and_where(endorsement::Column::OrganisationId.is_in(orgs.iter().copied()))
            .and_where(endorsement::Column::WithdrawnAt.is_null())
            .to_owned(),
    )
}

/// How many organisations share each need besides the one that raised it, as an expression
/// over the needs table.
pub fn endorsement_count() -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    Expr::SubQuery(
        None,
        Box::new(
            Query::select()
                .expr(Expr::col(endorsement::Column::NeedId).count())
                .from(endorsement::Entity)
                .and_where(
                    Expr::col((endorsement::Entity, endorsement::Column::NeedId))
                        .equals((entity::Entity, entity::Column::Id)),
                )
                .and_where(
                    Expr::col((endorsement::Entity, endorsement::Column::WithdrawnAt)).is_null(),
                )
                .to_owned()
                .into(),
        ),
    )
}

/// The needs `actor` may read that match `filter`, the most widely shared first (then the
/// newest), one page at a time: filtered, counted and paged in the database.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &NeedFilter,
) -> Result<NeedList, AppError> {
    use sea_orm::Order;
    let catalog = state.catalog.get();
    let page = crate::web::page_number(filter.page)?;
    let mut query =
        entity::Entity::find()
            .filter(live())
            .filter(crate::auth::policy::visible_condition(
                actor,
                &readers(),
                &catalog,
            ));
    if let Some(status) = filter.status.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::Status.eq(status));
    }
    if let Some(group) = filter.target_group.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::TargetGroup.eq(group));
    }
    if let Some(category) = filter.category.as_deref().filter(|s| !s.is_empty()) {
        let id = catalog.category_by_slug(category).map(|c| c.id);
        query = query.filter(entity::Column::CategoryId.eq(id.unwrap_or(Uuid::nil())));
    }
    if let Some(code) = filter.organisation.as_deref().filter(|s| !s.is_empty()) {
        // An unknown organisation has no needs.
        let org = catalog
            .organisation_by_code(code)
            .map_or(Uuid::nil(), |o| o.id);
        query = query.filter(
            sea_orm::Condition::any()
                .add(entity::Column::OrganisationId.eq(org))
                .add(endorsed_by(org)),
        );
    }
    let query = query
        .order_by(endorsement_count(), Order::Desc)
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_desc(entity::Column::Id);
    let (needs, total) = crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    let total = total as usize;
    let ids: Vec<Uuid> = needs.iter().map(|n| n.id).collect();
    let mut endorsements = endorsements_of(&state.db, &ids).await?;
    let needs = needs
        .into_iter()
        .map(|n| {
            let e = endorsements.remove(&n.id).unwrap_or_default();
            view(&catalog, n, &e, Vec::new())
        })
        .collect();
    Ok(NeedList {
        total,
        page,
        per_page: PER_PAGE,
        needs,
    })
}

/// The need with exactly this title, if any (demo content is matched by title).
pub async fn by_title(state: &AppState, title: &str) -> Result<Option<entity::Model>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Title.eq(title))
        .one(&state.db)
        .await?)
}
