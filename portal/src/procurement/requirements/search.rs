//! Requirements in search: each is a document of the kind "upphandling" ("Krav: …") that only
//! the procurement's members find, with the procurement's phase as its facet.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entity;
use super::{REQUIREMENT, RequirementKind};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::procurement::{PROCUREMENT_KIND, entity as procurement, url};
use crate::web::markdown;

/// The search documents of the given requirements; missing ones were removed.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(500) {
        let requirements = entity::Entity::find()
            .filter(entity::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        let procurements: HashMap<Uuid, procurement::Model> = procurement::Entity::find()
            .filter(procurement::Column::Id.is_in(requirements.iter().map(|r| r.procurement_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        for r in requirements {
            let Some(p) = procurements.get(&r.procurement_id) else {
                continue;
            };
            let lead = catalog.organisation_by_id(p.lead_organisation_id);
            let kind = RequirementKind::label_of(&r.kind);
            let weight = r
                .weight
                .map(|w| format!(", vikt {w} %"))
                .unwrap_or_default();
            docs.insert(
                r.id,
                noden_search::Document {
                    confirmed_at: None,
                    archived: false,
                    id: r.id.to_string(),
                    kind: PROCUREMENT_KIND.to_owned(),
                    title: format!("Krav: {}", r.title),
                    summary: format!(
                        "{kind}{weight} i {}. {}",
                        p.title,
                        markdown::first_paragraph(&r.text_md, 250)
                    ),
                    body: markdown::plain_text(&r.text_md),
                    url: format!("{}/krav#krav-{}", url(p), r.id),
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
                    published_at: r.created_at.timestamp(),
                    technologies: Vec::new(),
                    updated_at: r.updated_at.timestamp(),
                },
            );
        }
    }
    Ok(docs)
}

search_source!(Source {
    REQUIREMENT => entity::Entity, entity::Column::Id;
} documents: documents);
