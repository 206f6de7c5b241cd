//! Catalogue entries in search: each entry is a document, found by its text, supplier and
//! standards, and by the organisations that use it.

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{TECHNOLOGY, entity, standards, url, uses_of};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::technologies::{EntryStatus, TECHNOLOGY_KIND};
use crate::web::markdown;

/// The search documents of the given entries; missing ones were deleted, and withdrawn
/// entries and proposals count as missing, so neither the indexer nor `noden reindex` keeps them.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = Documents::new();
    if ids.is_empty() {
        return Ok(docs);
    }
    let mut uses = uses_of(db, ids).await?;
    for entry in entity::Entity::find()
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .filter(super::in_catalogue())
        .all(db)
        .await?
    {
        let users: Vec<Uuid> = uses
            .remove(&entry.id)
            .unwrap_or_default()
            .into_iter()
            .map(|u| u.organisation_id)
            .collect();
        docs.insert(
            entry.id,
            noden_search::Document {
                id: entry.id.to_string(),
                kind: TECHNOLOGY_KIND.to_owned(),
                title: entry.name.clone(),
                summary: markdown::first_paragraph(&entry.description_md, 300),
                body: format!(
                    "{}\n{} {}",
                    markdown::plain_text(&entry.description_md),
                    entry.supplier,
                    standards(&entry).join(" ")
                ),
                url: url(&entry),
                organisation: None,
                categories: entry
                    .category_id
                    .and_then(|c| catalog.category_by_id(c))
                    .map(|c| vec![c.slug.clone()])
                    .unwrap_or_default(),
                tags: standards(&entry),
                outcome: None,
                county: None,
                phase: None,
                target_groups: Vec::new(),
                node: crate::indexer::LOCAL_NODE.to_owned(),
                status: None,
                participants: catalog.codes(&users),
                group: None,
                principals: vec!["public".to_owned()],
                published_at: entry.created_at.timestamp(),
                // The entry's own feed (`/teknik/{slug}/flode.atom`) shows the entry too.
                technologies: vec![entry.id.to_string()],
                updated_at: entry.updated_at.timestamp(),
                // Only what is in the catalogue can go out of date.
                confirmed_at: (entry.status == EntryStatus::Katalog.as_str()).then(|| {
                    crate::freshness::last_confirmed(entry.updated_at, entry.confirmed_at)
                        .timestamp()
                }),
                archived: entry.archived_at.is_some(),
            },
        );
    }
    Ok(docs)
}

search_source!(Source {
    TECHNOLOGY => entity::Entity, entity::Column::Id;
} documents: documents);
