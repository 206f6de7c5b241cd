//! Reports in search: each published report is a document; drafts and reports waiting for
//! review are not found.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{
    REPORT, categories_of, date, entity, is_published, principals, tags, target_groups, url,
};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, LOCAL_NODE, search_source};
use crate::web::markdown;

/// The documents of the given reports that are published; the others leave the index.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let reports = entity::Entity::find()
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let categories = categories_of(db, ids).await?;
    let technologies = technologies_of(db, &reports).await?;
    Ok(reports
        .iter()
        .filter(|r| is_published(r))
        .map(|r| {
            let cats = categories.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
            let technology = r.trial_id.and_then(|t| technologies.get(&t).copied());
            (r.id, search_document(r, cats, technology, catalog))
        })
        .collect())
}

/// The catalogue entry each of the reports' trials tests, by trial.
async fn technologies_of(
    db: &DatabaseConnection,
    reports: &[entity::Model],
) -> Result<HashMap<Uuid, Uuid>, DbErr> {
    let mut trial_ids: Vec<Uuid> = reports.iter().filter_map(|r| r.trial_id).collect();
    trial_ids.sort_unstable();
    trial_ids.dedup();
    if trial_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(crate::trials::entity::Entity::find()
        .filter(crate::trials::entity::Column::Id.is_in(trial_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| t.technology_id.map(|technology| (t.id, technology)))
        .collect())
}

/// The report as the search engine sees it; `technology` is the catalogue entry its trial
/// tests, if any.
pub fn search_document(
    report: &entity::Model,
    category_ids: &[Uuid],
    technology: Option<Uuid>,
    catalog: &CatalogData,
) -> noden_search::Document {
    noden_search::Document {
        id: report.id.to_string(),
        kind: report.kind.clone(),
        title: report.title.clone(),
        summary: report.summary.clone(),
        body: markdown::plain_text(markdown::without_title_heading(
            &report.body_md,
            &report.title,
        )),
        url: url(report),
        organisation: report
            .organisation_id
            .and_then(|id| catalog.organisation_by_id(id))
            .map(|o| o.code.clone()),
        categories: category_ids
            .iter()
            .filter_map(|&id| catalog.category_by_id(id))
            .map(|c| c.slug.clone())
            .collect(),
        tags: tags(report),
        outcome: report.outcome.clone(),
        county: report
            .organisation_id
            .and_then(|id| catalog.organisation_by_id(id))
            .map(|o| o.county_code.clone()),
        phase: report.phase.clone(),
        target_groups: target_groups(report),
        node: LOCAL_NODE.to_owned(),
        status: None,
        participants: Vec::new(),
        group: None,
        principals: principals(report, catalog),
        published_at: date(report)
            .and_hms_opt(12, 0, 0)
            .map(|d| d.and_utc().timestamp())
            .unwrap_or_default(),
        technologies: technology.map(|t| t.to_string()).into_iter().collect(),
        updated_at: report.updated_at.timestamp(),
        // Only what is published can go out of date.
        confirmed_at: super::is_published(report).then(|| {
            crate::freshness::last_confirmed(report.updated_at, report.confirmed_at).timestamp()
        }),
        archived: report.archived_at.is_some(),
    }
}

search_source!(Source {
    REPORT => entity::Entity, entity::Column::Id;
} documents: documents);
