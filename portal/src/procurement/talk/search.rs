//! A procurement's questions (with their replies) and decisions in search: each is a document
//! of kind "upphandling" that only the procurement's members find, with its phase as a facet.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::entity::{decision, question, reply};
use super::{DECISION, QUESTION, decision_count, decision_url, question_url};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::procurement::{PROCUREMENT_KIND, entity as procurement};
use crate::web::markdown;

/// The procurements `ids` by id.
async fn procurements(
    db: &DatabaseConnection,
    ids: impl Iterator<Item = Uuid>,
) -> Result<HashMap<Uuid, procurement::Model>, DbErr> {
    let ids: HashSet<Uuid> = ids.collect();
    Ok(procurement::Entity::find()
        .filter(procurement::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// What every document inside the procurement `p` carries: its kind, phase and principals
/// (its members alone), its lead and category; the caller fills in id, title, text and address.
fn inside(catalog: &CatalogData, p: &procurement::Model) -> noden_search::Document {
    let lead = catalog.organisation_by_id(p.lead_organisation_id);
    noden_search::Document {
        confirmed_at: None,
        archived: false,
        id: String::new(),
        kind: PROCUREMENT_KIND.to_owned(),
        title: String::new(),
        summary: String::new(),
        body: String::new(),
        url: String::new(),
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
        published_at: p.created_at.timestamp(),
        technologies: Vec::new(),
        updated_at: 0,
    }
}

async fn question_documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(200) {
        let questions = question::Entity::find()
            .filter(question::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        let owners = procurements(db, questions.iter().map(|q| q.procurement_id)).await?;
        let mut replies: HashMap<Uuid, Vec<String>> = HashMap::new();
        for r in reply::Entity::find()
            .filter(reply::Column::QuestionId.is_in(chunk.iter().copied()))
            .order_by_asc(reply::Column::CreatedAt)
            .all(db)
            .await?
        {
            replies
                .entry(r.question_id)
                .or_default()
                .push(markdown::plain_text(&r.text_md));
        }
        for q in questions {
            let Some(p) = owners.get(&q.procurement_id) else {
                continue;
            };
            let mut body = markdown::plain_text(&q.text_md);
            for text in replies.remove(&q.id).unwrap_or_default() {
                body.push_str("\n\n");
                body.push_str(&text);
            }
            docs.insert(
                q.id,
                noden_search::Document {
                    id: q.id.to_string(),
                    title: format!("Fråga: {}", q.title),
                    summary: markdown::first_paragraph(&q.text_md, 300),
                    body,
                    url: question_url(p, q.id),
                    published_at: q.created_at.timestamp(),
                    ..inside(catalog, p)
                },
            );
        }
    }
    Ok(docs)
}

async fn decision_documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(200) {
        let decisions = decision::Entity::find()
            .filter(decision::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        let owners = procurements(db, decisions.iter().map(|d| d.procurement_id)).await?;
        let mut totals = HashMap::new();
        for &id in owners.keys() {
            totals.insert(id, decision_count(db, id).await?);
        }
        let corrected: HashSet<Uuid> = decision::Entity::find()
            .filter(decision::Column::CorrectsId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|d| d.corrects_id)
            .collect();
        for d in decisions {
            let Some(p) = owners.get(&d.procurement_id) else {
                continue;
            };
            let what = markdown::first_paragraph(&d.decision_md, 120);
            let title = if corrected.contains(&d.id) {
                format!("Beslut: {what} (rättat)")
            } else {
                format!("Beslut: {what}")
            };
            let body = format!(
                "{}\n\n{}\n\n{}",
                markdown::plain_text(&d.decision_md),
                markdown::plain_text(&d.rationale_md),
                d.decided_by
            );
            docs.insert(
                d.id,
                noden_search::Document {
                    id: d.id.to_string(),
                    title,
                    summary: markdown::first_paragraph(&d.rationale_md, 300),
                    body,
                    url: decision_url(p, d.number, totals.get(&p.id).copied().unwrap_or(0)),
                    published_at: d.recorded_at.timestamp(),
                    ..inside(catalog, p)
                },
            );
        }
    }
    Ok(docs)
}

/// The search documents of the given questions or decisions; missing ones were deleted.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    if kind == QUESTION {
        question_documents(db, catalog, ids).await
    } else if kind == DECISION {
        decision_documents(db, catalog, ids).await
    } else {
        Ok(HashMap::new())
    }
}

search_source!(Source {
    QUESTION => question::Entity, question::Column::Id;
    DECISION => decision::Entity, decision::Column::Id;
} documents: documents);
