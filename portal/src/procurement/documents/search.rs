//! Procurement documents in search: each is a document of the kind "upphandling" that only
//! the procurement's members find, titled "Dokument: …", with the procurement's phase as a
//! facet.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{DOCUMENT, DocumentType, entity};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::procurement::PROCUREMENT_KIND;
use crate::web::markdown;

/// The search documents of the given procurement documents; missing ones were deleted.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = entity::Entity::find()
            .filter(entity::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        let procurements: HashMap<Uuid, crate::procurement::entity::Model> =
            crate::procurement::entity::Entity::find()
                .filter(
                    crate::procurement::entity::Column::Id
                        .is_in(rows.iter().map(|d| d.procurement_id)),
                )
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        for d in rows {
            let Some(p) = procurements.get(&d.procurement_id) else {
                continue;
            };
            let lead = catalog.organisation_by_id(p.lead_organisation_id);
            docs.insert(
                d.id,
                noden_search::Document {
                    confirmed_at: None,
                    archived: false,
                    id: d.id.to_string(),
                    kind: PROCUREMENT_KIND.to_owned(),
                    title: format!("Dokument: {}", d.title),
                    summary: format!(
                        "{} i upphandlingen {}. {}",
                        DocumentType::label_of(&d.document_type),
                        p.title,
                        markdown::first_paragraph(&d.body_md, 240)
                    )
                    .trim_end()
                    .to_owned(),
                    body: markdown::plain_text(&d.body_md),
                    url: super::url(p, &d),
                    organisation: lead.map(|o| o.code.clone()),
                    categories: p
                        .category_id
                        .and_then(|c| catalog.category_by_id(c))
                        .map(|c| vec![c.slug.clone()])
                        .unwrap_or_default(),
                    tags: Vec::new(),
                    outcome: None,
                    county: lead.map(|o| o.county_code.clone()),
                    phase: Some(p.phase.clone()),
                    target_groups: Vec::new(),
                    node: crate::indexer::LOCAL_NODE.to_owned(),
                    status: None,
                    participants: Vec::new(),
                    group: None,
                    principals: crate::auth::policy::procurement_principals(p.workspace_id),
                    published_at: d.created_at.timestamp(),
                    technologies: Vec::new(),
                    updated_at: 0,
                },
            );
        }
    }
    Ok(docs)
}

search_source!(Source {
    DOCUMENT => entity::Entity, entity::Column::Id;
} documents: documents);
