//! Contract parties and call-offs in search: each a document of kind `upphandling` that only
//! the procurement's members find (the workspace's principal), with its phase as a facet.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entity::{calloff, party};
use super::{CALLOFF, PARTY, PartyRole, kronor};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::procurement::{PROCUREMENT_KIND, entity as procurement_entity, url};

/// One document of a procurement's register.
struct Part {
    id: Uuid,
    procurement_id: Uuid,
    organisation_id: Uuid,
    title: String,
    summary: String,
    body: String,
    at: i64,
}

async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(500) {
        let name = |id: Uuid| {
            catalog
                .organisation_by_id(id)
                .map_or_else(String::new, |o| o.name.clone())
        };
        let parts: Vec<Part> = if kind == PARTY {
            party::Entity::find()
                .filter(party::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|r| Part {
                    id: r.id,
                    procurement_id: r.procurement_id,
                    organisation_id: r.organisation_id,
                    title: format!("Avtalspart: {}", name(r.organisation_id)),
                    summary: format!(
                        "{}, uppskattat värde {}, takbelopp {}.",
                        PartyRole::label_of(&r.role),
                        kronor(r.estimated_sek),
                        kronor(r.maximum_sek)
                    ),
                    body: r.quantity,
                    at: r.added_at.timestamp(),
                })
                .collect()
        } else if kind == CALLOFF {
            calloff::Entity::find()
                .filter(calloff::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|c| Part {
                    id: c.id,
                    procurement_id: c.procurement_id,
                    organisation_id: c.organisation_id,
                    title: format!(
                        "Avrop: {}, {}",
                        name(c.organisation_id),
                        crate::web::date_text(c.called_on)
                    ),
                    summary: format!("{} {}", kronor(c.value_sek), c.note),
                    body: c.note,
                    at: c.created_at.timestamp(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let procurements: HashMap<Uuid, procurement_entity::Model> =
            procurement_entity::Entity::find()
                .filter(
                    procurement_entity::Column::Id.is_in(parts.iter().map(|p| p.procurement_id)),
                )
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        for part in parts {
            let Some(p) = procurements.get(&part.procurement_id) else {
                continue;
            };
            let org = catalog.organisation_by_id(part.organisation_id);
            docs.insert(
                part.id,
                noden_search::Document {
                    confirmed_at: None,
                    archived: false,
                    id: part.id.to_string(),
                    kind: PROCUREMENT_KIND.to_owned(),
                    title: part.title,
                    summary: part.summary,
                    body: part.body,
                    url: format!("{}/avtalsparter", url(p)),
                    organisation: org.map(|o| o.code.clone()),
                    categories: Vec::new(),
                    tags: Vec::new(),
                    outcome: None,
                    county: org.map(|o| o.county_code.clone()),
                    phase: Some(p.phase.clone()),
                    target_groups: Vec::new(),
                    node: crate::indexer::LOCAL_NODE.to_owned(),
                    status: None,
                    participants: Vec::new(),
                    group: None,
                    principals: crate::auth::policy::procurement_principals(p.workspace_id),
                    published_at: part.at,
                    technologies: Vec::new(),
                    updated_at: 0,
                },
            );
        }
    }
    Ok(docs)
}

search_source!(Source {
    PARTY => party::Entity, party::Column::Id;
    CALLOFF => calloff::Entity, calloff::Column::Id;
} documents: documents);
