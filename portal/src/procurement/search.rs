//! Procurements in search: each is a document that only its members find (the workspace's
//! principal, as the policy reads it) until it is advertised, when its public facts (title
//! and description) are everyone's; with its phase as a facet.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entity::{self, organisation};
use super::{PROCUREMENT, PROCUREMENT_KIND, url};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::web::markdown;

/// The search documents of the given procurements; missing ones were deleted.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(500) {
        let procurements = entity::Entity::find()
            .filter(entity::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        let mut members: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for row in organisation::Entity::find()
            .filter(organisation::Column::ProcurementId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            members
                .entry(row.procurement_id)
                .or_default()
                .push(row.organisation_id);
        }
        for p in procurements {
            let lead = catalog.organisation_by_id(p.lead_organisation_id);
            let participants = members.remove(&p.id).unwrap_or_default();
            docs.insert(
                p.id,
                noden_search::Document {
                    confirmed_at: None,
                    archived: false,
                    id: p.id.to_string(),
                    kind: PROCUREMENT_KIND.to_owned(),
                    title: p.title.clone(),
                    summary: markdown::first_paragraph(&p.description_md, 300),
                    body: markdown::plain_text(&p.description_md),
                    url: url(&p),
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
                    participants: catalog.codes(&participants),
                    group: None,
                    // Its public facts (title, description) are everyone's once advertised.
                    principals: crate::auth::policy::procurement_fact_principals(
                        p.workspace_id,
                        super::public::is_published(&p.phase),
                    ),
                    published_at: p.created_at.timestamp(),
                    technologies: p.technology_id.map(|t| t.to_string()).into_iter().collect(),
                    updated_at: p.updated_at.timestamp(),
                },
            );
        }
    }
    Ok(docs)
}

search_source!(Source {
    PROCUREMENT => entity::Entity, entity::Column::Id;
} documents: documents);

/// Everything inside a procurement that search holds as documents of their own (its
/// requirements, documents, questions, decisions, contract parties and call-offs): they carry
/// the procurement's phase as a facet, so they are indexed again when the phase moves.
pub async fn inner_documents<C: sea_orm::ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<(Kind, Uuid)>, DbErr> {
    use super::{contract, documents, requirements, talk};
    let mut inner = Vec::new();
    let tagged = |kind: Kind, ids: Vec<Uuid>| ids.into_iter().map(move |id| (kind, id));
    inner.extend(tagged(
        requirements::REQUIREMENT,
        requirements::requirement_ids_of(db, procurement_id).await?,
    ));
    inner.extend(tagged(
        documents::DOCUMENT,
        documents::document_ids_of(db, procurement_id).await?,
    ));
    inner.extend(tagged(
        talk::QUESTION,
        talk::question_ids_of(db, procurement_id).await?,
    ));
    inner.extend(tagged(
        talk::DECISION,
        talk::decision_ids_of(db, procurement_id).await?,
    ));
    inner.extend(tagged(
        contract::PARTY,
        contract::party_ids_of(db, procurement_id).await?,
    ));
    inner.extend(tagged(
        contract::CALLOFF,
        contract::calloff_ids_of(db, procurement_id).await?,
    ));
    Ok(inner)
}
