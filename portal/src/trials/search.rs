//! Trials in search: each trial is a document, and so is each entry of its journal, carrying
//! the trial's phase and who may read it.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entity::{self, journal};
use super::{JOURNAL_ENTRY, Parties, TRIAL, parties_of, principals, url};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::trials::EntryType;
use crate::trials::JOURNAL_KIND;
use crate::trials::TRIAL_KIND;
use crate::web::markdown;

/// The search documents of the given trials and journal entries; missing ones were deleted.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let (trial_ids, entry_ids) = if kind == JOURNAL_ENTRY {
        (&[][..], ids)
    } else {
        (ids, &[][..])
    };
    let mut docs = HashMap::new();
    let entries = if entry_ids.is_empty() {
        Vec::new()
    } else {
        journal::Entity::find()
            .filter(journal::Column::Id.is_in(entry_ids.iter().copied()))
            .filter(journal::Column::WithdrawnAt.is_null())
            .all(db)
            .await?
    };
    let mut wanted: Vec<Uuid> = trial_ids.to_vec();
    wanted.extend(entries.iter().map(|e| e.trial_id));
    wanted.sort_unstable();
    wanted.dedup();
    let mut trials: HashMap<Uuid, (entity::Model, Parties)> = HashMap::new();
    let found = entity::Entity::find()
        .filter(entity::Column::Id.is_in(wanted))
        // A withdrawn trial has no documents, nor has its journal: the index drops them and a
        // rebuild leaves them out.
        .filter(super::live())
        .all(db)
        .await?;
    let mut parties = parties_of(db, &found).await?;
    for trial in found {
        if let Some(p) = parties.remove(&trial.id) {
            trials.insert(trial.id, (trial, p));
        }
    }
    let base = |trial: &entity::Model, parties: &Parties| {
        let lead = catalog.organisation_by_id(trial.lead_organisation_id);
        noden_search::Document {
            id: trial.id.to_string(),
            kind: TRIAL_KIND.to_owned(),
            title: trial.title.clone(),
            summary: markdown::first_paragraph(&trial.description_md, 300),
            body: format!(
                "{}\n{} {} {}",
                markdown::plain_text(&trial.description_md),
                trial.technology,
                trial.product,
                trial.supplier
            ),
            url: url(trial),
            organisation: lead.map(|o| o.code.clone()),
            categories: trial
                .category_id
                .and_then(|c| catalog.category_by_id(c))
                .map(|c| vec![c.slug.clone()])
                .unwrap_or_default(),
            tags: Vec::new(),
            outcome: None,
            county: lead.map(|o| o.county_code.clone()),
            phase: Some(trial.phase.clone()),
            target_groups: vec![trial.target_group.clone()],
            node: crate::indexer::LOCAL_NODE.to_owned(),
            status: None,
            participants: catalog.codes(&parties.all()),
            group: Some(trial.id.to_string()),
            principals: principals(trial, parties),
            published_at: trial
                .starts_on
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map_or(trial.created_at.timestamp(), |d| d.and_utc().timestamp()),
            technologies: trial
                .technology_id
                .map(|t| t.to_string())
                .into_iter()
                .collect(),
            updated_at: trial.updated_at.timestamp(),
            confirmed_at: Some(
                crate::freshness::last_confirmed(trial.updated_at, trial.confirmed_at).timestamp(),
            ),
            archived: trial.archived_at.is_some(),
        }
    };
    for id in trial_ids {
        if let Some((trial, parties)) = trials.get(id) {
            docs.insert(*id, base(trial, parties));
        }
    }
    for entry in entries {
        let Some((trial, parties)) = trials.get(&entry.trial_id) else {
            continue;
        };
        let label = EntryType::parse(&entry.entry_type).map_or("Anteckning", EntryType::label);
        let mut doc = base(trial, parties);
        doc.id = entry.id.to_string();
        doc.kind = JOURNAL_KIND.to_owned();
        doc.title = format!("{label}: {}", trial.title);
        doc.summary = markdown::first_paragraph(&entry.body_md, 300);
        doc.body = markdown::plain_text(&entry.body_md);
        doc.url = format!("{}#anteckning-{}", url(trial), entry.id);
        doc.organisation = catalog
            .organisation_by_id(entry.organisation_id)
            .map(|o| o.code.clone());
        doc.published_at = entry
            .happened_on
            .and_hms_opt(12, 0, 0)
            .map_or(entry.created_at.timestamp(), |d| d.and_utc().timestamp());
        doc.updated_at = entry.created_at.timestamp();
        // An entry of the journal is a record of its day: it does not go out of date.
        doc.confirmed_at = None;
        doc.archived = false;
        docs.insert(entry.id, doc);
    }
    Ok(docs)
}

search_source!(Source {
    TRIAL => entity::Entity, entity::Column::Id;
    JOURNAL_ENTRY => journal::Entity, journal::Column::Id;
} documents: documents);
