//! Field reports in search (kind `faltrapport`): found by their text and their photos' alt
//! texts, readable by the principals of their visibility.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entity::{self, photo};
use super::{FIELD_REPORT, FIELD_REPORT_KIND, principals, title_of, url_of};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::indexer::{Documents, search_source};
use crate::web::markdown;

/// The search documents of the given reports; missing or withdrawn ones have none.
async fn documents(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let mut docs = HashMap::new();
    for chunk in ids.chunks(500) {
        let reports = entity::Entity::find()
            .filter(entity::Column::Id.is_in(chunk.iter().copied()))
            .filter(super::live())
            .all(db)
            .await?;
        let mut alts: HashMap<Uuid, Vec<String>> = HashMap::new();
        for p in photo::Entity::find()
            .filter(photo::Column::FieldReportId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            alts.entry(p.field_report_id).or_default().push(p.alt);
        }
        for r in reports {
            let organisation = catalog.organisation_by_id(r.organisation_id);
            let mut body = markdown::plain_text(&r.text_md);
            for alt in alts.remove(&r.id).unwrap_or_default() {
                body.push('\n');
                body.push_str(&alt);
            }
            docs.insert(
                r.id,
                noden_search::Document {
                    confirmed_at: None,
                    archived: false,
                    id: r.id.to_string(),
                    kind: FIELD_REPORT_KIND.to_owned(),
                    title: title_of(&r.text_md),
                    summary: markdown::first_paragraph(&r.text_md, 300),
                    body,
                    url: url_of(r.id),
                    organisation: organisation.map(|o| o.code.clone()),
                    categories: r
                        .category_id
                        .and_then(|c| catalog.category_by_id(c))
                        .map(|c| vec![c.slug.clone()])
                        .unwrap_or_default(),
                    tags: Vec::new(),
                    outcome: None,
                    county: organisation.map(|o| o.county_code.clone()),
                    phase: None,
                    target_groups: Vec::new(),
                    node: crate::indexer::LOCAL_NODE.to_owned(),
                    status: None,
                    participants: catalog.codes(&[r.organisation_id]),
                    group: None,
                    principals: principals(&r, catalog),
                    published_at: r.created_at.timestamp(),
                    technologies: r.technology_id.map(|t| t.to_string()).into_iter().collect(),
                    updated_at: r.created_at.timestamp(),
                },
            );
        }
    }
    Ok(docs)
}

search_source!(Source {
    FIELD_REPORT => entity::Entity, entity::Column::Id;
} documents: documents);
