//! Needs in search: each need is a document, found by its text and by the organisations that
//! share it.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entity::{self, endorsement};
use super::{NEED, principals, url};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::needs::NEED_KIND;
use crate::web::markdown;

/// The search documents of the given needs; missing ones were deleted.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(500) {
        let needs = entity::Entity::find()
            .filter(entity::Column::Id.is_in(chunk.iter().copied()))
            // A withdrawn need has no document: the index drops it, a rebuild leaves it out.
            .filter(super::live())
            .all(db)
            .await?;
        let mut endorsed: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for row in endorsement::Entity::find()
            .filter(endorsement::Column::NeedId.is_in(chunk.iter().copied()))
            .filter(endorsement::Column::WithdrawnAt.is_null())
            .all(db)
            .await?
        {
            endorsed
                .entry(row.need_id)
                .or_default()
                .push(row.organisation_id);
        }
        for need in needs {
            let organisation = catalog.organisation_by_id(need.organisation_id);
            let mut participants = vec![need.organisation_id];
            participants.extend(endorsed.remove(&need.id).unwrap_or_default());
            docs.insert(
                need.id,
                noden_search::Document {
                    confirmed_at: None,
                    archived: false,
                    id: need.id.to_string(),
                    kind: NEED_KIND.to_owned(),
                    title: need.title.clone(),
                    summary: markdown::first_paragraph(&need.description_md, 300),
                    body: markdown::plain_text(&need.description_md),
                    url: url(&need),
                    organisation: organisation.map(|o| o.code.clone()),
                    categories: need
                        .category_id
                        .and_then(|c| catalog.category_by_id(c))
                        .map(|c| vec![c.slug.clone()])
                        .unwrap_or_default(),
                    tags: Vec::new(),
                    outcome: None,
                    county: organisation.map(|o| o.county_code.clone()),
                    phase: None,
                    target_groups: vec![need.target_group.clone()],
                    node: crate::indexer::LOCAL_NODE.to_owned(),
                    status: Some(need.status.clone()),
                    participants: catalog.codes(&participants),
                    group: None,
                    principals: principals(&need, catalog),
                    published_at: need.created_at.timestamp(),
                    technologies: Vec::new(),
                    updated_at: need.updated_at.timestamp(),
                },
            );
        }
    }
    Ok(docs)
}

search_source!(Source {
    NEED => entity::Entity, entity::Column::Id;
} documents: documents);
