//! Reports read by id, slug, page or workspace.

use super::*;

pub async fn get(db: &DatabaseConnection, id: Uuid) -> Result<Option<entity::Model>, DbErr> {
    entity::Entity::find_by_id(id).one(db).await
}

/// The report at `slug` (or a slug it had before its title changed).
pub async fn by_slug(db: &DatabaseConnection, slug: &str) -> Result<Option<entity::Model>, DbErr> {
    crate::addresses::find::<entity::Entity, _>(
        db,
        super::REPORT,
        slug,
        (entity::Column::Id, entity::Column::Slug),
        sea_orm::Condition::all(),
    )
    .await
}

pub async fn count(db: &DatabaseConnection) -> Result<u64, DbErr> {
    entity::Entity::find().count(db).await
}

/// A page of reports in id order, for rebuilding the index.
pub async fn page_after<C: ConnectionTrait>(
    db: &C,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<entity::Model>, DbErr> {
    let mut query = entity::Entity::find()
        .order_by_asc(entity::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(entity::Column::Id.gt(after));
    }
    query.all(db).await
}

/// The category ids of each report.
pub async fn categories_of<C: ConnectionTrait>(
    db: &C,
    report_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Uuid>>, DbErr> {
    let mut map: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in report_ids.chunks(500) {
        for row in report_category::Entity::find()
            .filter(report_category::Column::ReportId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            map.entry(row.report_id).or_default().push(row.category_id);
        }
    }
    Ok(map)
}

/// The reports of a workspace.
pub async fn in_workspace<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::WorkspaceId.eq(workspace_id))
        .select_only()
        .column(entity::Column::Id)
        .into_tuple::<Uuid>()
        .all(db)
        .await
}

/// How many reports wait for review (the header's count for those who review).
pub async fn waiting_count<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::Status.eq(Status::Granskas.as_str()))
        .count(db)
        .await
}

/// The reports `author` wrote that are not published: drafts, those waiting for review and
/// those sent back, the most recently changed first, a page at a time.
pub async fn unpublished_by<C: ConnectionTrait>(
    db: &C,
    author: Uuid,
    page: u64,
    per_page: u64,
) -> Result<(Vec<entity::Model>, u64), DbErr> {
    let query = entity::Entity::find()
        .filter(entity::Column::AuthorId.eq(author))
        .filter(entity::Column::Status.ne(Status::Publicerad.as_str()))
        .order_by_desc(entity::Column::UpdatedAt)
        .order_by_desc(entity::Column::Id);
    crate::db::page_of(db, query, page, per_page).await
}

/// The public reports as a whole, as the open-data catalogue describes them: counted and
/// dated in the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicReports {
    pub count: u64,
    /// The earliest day a public report gives as its publication day.
    pub first_published: Option<NaiveDate>,
    /// When a public report was last changed.
    pub last_changed: Option<chrono::DateTime<chrono::Utc>>,
}

/// [`PublicReports`]: the published reports a visitor may open, and nothing else.
pub async fn public_reports<C: ConnectionTrait>(
    db: &C,
    catalog: &CatalogData,
) -> Result<PublicReports, DbErr> {
    let public = || {
        entity::Entity::find().filter(crate::auth::policy::visible_condition(
            &Actor::Anonymous,
            &readers(),
            catalog,
        ))
    };
    let count = public().count(db).await?;
    let first_published = public()
        .select_only()
        .column(entity::Column::PublishedOn)
        .filter(entity::Column::PublishedOn.is_not_null())
        .order_by_asc(entity::Column::PublishedOn)
        .into_tuple::<Option<NaiveDate>>()
        .one(db)
        .await?
        .flatten();
    let last_changed = public()
        .select_only()
        .column(entity::Column::UpdatedAt)
        .order_by_desc(entity::Column::UpdatedAt)
        .into_tuple::<chrono::DateTime<chrono::Utc>>()
        .one(db)
        .await?;
    Ok(PublicReports {
        count,
        first_published,
        last_changed,
    })
}
