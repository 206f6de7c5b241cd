//! Reading requirements as a member sees them: each with the needs it answers (and the
//! organisations that have them) and its evidence, only what the reader may open; the needs of
//! the procurement with the requirements covering each; the sum of the weights; the CSV.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use uuid::Uuid;

use super::entity::{self, evidence, need};
use super::{EvidenceKind, MAX_REQUIREMENTS, RequirementKind};
use crate::auth::{Action, Actor, Readable, can};
use crate::catalog::OrganisationRef;
use crate::error::AppError;
use crate::procurement::Opened;
use crate::state::AppState;

/// The most needs of the procurement's category the "Behov och krav" section lists.
pub const MAX_CATEGORY_NEEDS: u64 = 200;

/// A need a requirement answers, with the organisations that have it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LinkedNeed {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub url: String,
    /// The organisation that raised it.
    pub raised_by: Option<OrganisationRef>,
    /// The organisations that share it ("Vi har samma behov").
    pub shared_by: Vec<OrganisationRef>,
}

impl LinkedNeed {
    /// Every organisation that has the need, the one that raised it first.
    pub fn organisations(&self) -> Vec<&OrganisationRef> {
        self.raised_by.iter().chain(self.shared_by.iter()).collect()
    }

    /// Their names, joined for a sentence or a cell.
    pub fn organisation_names(&self) -> String {
        self.organisations()
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A report, trial or follow-up a requirement rests on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvidenceView {
    /// `report`, `trial` or `follow_up`.
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub url: String,
    /// The address that names it in `evidence` when writing (a follow-up's is
    /// `/tester/…/uppfoljning/12`).
    pub address: String,
}

/// A requirement as members see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RequirementView {
    pub id: Uuid,
    /// Its number in the list.
    pub number: i32,
    pub title: String,
    /// `ska` or `bor`.
    pub kind: String,
    pub kind_label: String,
    /// A bör-krav's weight in percent.
    pub weight: Option<i32>,
    pub text_markdown: String,
    pub text_html: String,
    /// The needs it answers that the reader may open, by title.
    pub needs: Vec<LinkedNeed>,
    /// What it rests on, that the reader may open.
    pub evidence: Vec<EvidenceView>,
    /// How many of its links (needs, evidence) the reader may not open: counted, not named.
    pub hidden_links: usize,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl RequirementView {
    pub fn is_bor(&self) -> bool {
        self.kind == RequirementKind::Bor.as_str()
    }

    /// The weight as shown ("30 %"), empty for a ska-krav.
    pub fn weight_text(&self) -> String {
        self.weight.map(|w| format!("{w} %")).unwrap_or_default()
    }
}

/// A requirement by number and title, under a need it covers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RequirementRef {
    pub id: Uuid,
    pub number: i32,
    pub title: String,
    pub kind_label: String,
}

/// A need of the procurement and the requirements covering it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedCoverage {
    pub need: LinkedNeed,
    pub requirements: Vec<RequirementRef>,
    /// Some requirement covers it.
    pub covered: bool,
}

/// The weights of the bör-krav against 100 %.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Weights {
    /// The sum of the bör-krav's weights, in percent.
    pub total: i32,
    /// Percentage points missing up to 100 (0 when there are none missing).
    pub missing: i32,
    /// Percentage points over 100 (0 when not over).
    pub excess: i32,
    /// Whether they add up to exactly 100 %.
    pub balanced: bool,
    /// How many bör-krav there are.
    pub count: usize,
    /// In words, as the page says it.
    pub message: String,
}

impl Weights {
    pub fn of(weights: &[i32]) -> Weights {
        let total: i32 = weights.iter().fold(0, |a, w| a.saturating_add(*w));
        let points = |n: i32| {
            if n == 1 {
                "1 procentenhet".to_owned()
            } else {
                format!("{n} procentenheter")
            }
        };
        let message = if weights.is_empty() {
            "Det finns inga bör-krav ännu, så inga vikter att summera.".to_owned()
        } else if total == 100 {
            "Vikterna summerar till 100 %.".to_owned()
        } else if total < 100 {
            format!(
                "Vikterna summerar till {total} %, {} saknas",
                points(100 - total)
            )
        } else {
            format!(
                "Vikterna summerar till {total} %, {} för mycket",
                points(total - 100)
            )
        };
        Weights {
            total,
            missing: (100 - total).max(0),
            excess: (total - 100).max(0),
            balanced: total == 100,
            count: weights.len(),
            message,
        }
    }
}

/// A procurement's requirements as a member sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RequirementList {
    pub requirements: Vec<RequirementView>,
    pub weights: Weights,
    /// "Behov och krav": the needs the requirements link and the needs of the procurement's
    /// category that member organisations raised or share, each with the requirements covering
    /// it.
    pub needs: Vec<NeedCoverage>,
}

impl RequirementList {
    /// The needs no requirement covers.
    pub fn uncovered(&self) -> usize {
        self.needs.iter().filter(|n| !n.covered).count()
    }
}

/// The ids of a procurement's requirements (to index them again, e.g. when its phase moves).
pub async fn requirement_ids_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    entity::Entity::find()
        .select_only()
        .column(entity::Column::Id)
        .filter(entity::Column::ProcurementId.eq(procurement_id))
        .into_tuple()
        .all(db)
        .await
}

/// The needs among `models` that `actor` may read (not withdrawn), with the organisations that
/// have them, by id.
async fn readable_needs(
    state: &AppState,
    actor: &Actor,
    models: Vec<crate::needs::entity::Model>,
) -> Result<HashMap<Uuid, LinkedNeed>, AppError> {
    let catalog = state.catalog.get();
    let models: Vec<_> = models
        .into_iter()
        .filter(|n| {
            n.withdrawn_at.is_none()
                && can(actor, Action::Read, &crate::needs::resource(n, &catalog))
        })
        .collect();
    let ids: Vec<Uuid> = models.iter().map(|n| n.id).collect();
    let mut endorsements = crate::needs::endorsements_of(&state.db, &ids).await?;
    let org = |id: Uuid| catalog.organisation_by_id(id).map(OrganisationRef::from);
    Ok(models
        .into_iter()
        .map(|n| {
            let shared_by = endorsements
                .remove(&n.id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|e| org(e.organisation_id))
                .collect();
            let linked = LinkedNeed {
                id: n.id,
                url: crate::needs::url(&n),
                raised_by: org(n.organisation_id),
                shared_by,
                slug: n.slug,
                title: n.title,
            };
            (linked.id, linked)
        })
        .collect())
}

/// The needs `ids` that `actor` may read.
async fn needs_by_id(
    state: &AppState,
    actor: &Actor,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, LinkedNeed>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let models = crate::needs::entity::Entity::find()
        .filter(crate::needs::entity::Column::Id.is_in(ids.iter().copied()))
        .all(&state.db)
        .await?;
    readable_needs(state, actor, models).await
}

/// The needs of the procurement's subject category that a member organisation raised or
/// shares, that `actor` may read, by title (none when the procurement has no category).
pub async fn category_needs(
    state: &AppState,
    actor: &Actor,
    procurement: &crate::procurement::entity::Model,
) -> Result<Vec<LinkedNeed>, AppError> {
    use crate::needs::entity as needs;
    let Some(category) = procurement.category_id else {
        return Ok(Vec::new());
    };
    let organisations: Vec<Uuid> = crate::procurement::organisations_of(&state.db, procurement.id)
        .await?
        .into_iter()
        .map(|o| o.organisation_id)
        .collect();
    let catalog = state.catalog.get();
    let models = needs::Entity::find()
        .filter(crate::needs::live())
        .filter(needs::Column::CategoryId.eq(category))
        .filter(
            Condition::any()
                .add(needs::Column::OrganisationId.is_in(organisations.iter().copied()))
                .add(crate::needs::endorsed_by_any(&organisations)),
        )
        .filter(crate::auth::policy::visible_condition(
            actor,
            &crate::needs::readers(),
            &catalog,
        ))
        .order_by_asc(needs::Column::Title)
        .order_by_asc(needs::Column::Id)
        .limit(MAX_CATEGORY_NEEDS)
        .all(&state.db)
        .await?;
    drop(catalog);
    let mut found: Vec<LinkedNeed> = readable_needs(state, actor, models)
        .await?
        .into_values()
        .collect();
    found.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
    Ok(found)
}

/// What a stored evidence link is, if `actor` may open it.
async fn evidence_view(
    state: &AppState,
    actor: &Actor,
    kind: &str,
    id: Uuid,
) -> Result<Option<EvidenceView>, AppError> {
    let Some(kind) = EvidenceKind::parse(kind) else {
        return Ok(None);
    };
    let found = match kind {
        EvidenceKind::Report => match crate::reports::get(&state.db, id).await? {
            Some(r) => crate::reports::readable_by_slug(state, actor, &r.slug)
                .await
                .map(|r| {
                    let url = crate::reports::url(&r);
                    (r.title.clone(), url.clone(), url)
                }),
            None => Err(AppError::NotFound("rapporten")),
        },
        EvidenceKind::Trial => crate::trials::readable_by_slug(state, actor, &id.to_string())
            .await
            .and_then(|t| {
                if t.withdrawn_at.is_some() {
                    Err(AppError::NotFound("testet"))
                } else {
                    let url = crate::trials::url(&t);
                    Ok((t.title.clone(), url.clone(), url))
                }
            }),
        EvidenceKind::FollowUp => crate::followups::readable_follow_up_by_id(state, actor, id)
            .await
            .map(|(f, t)| {
                let url = crate::trials::url(&t);
                (
                    format!("{}, uppföljning efter {} månader", t.title, f.months),
                    format!("{url}#uppfoljning"),
                    format!("{url}/uppfoljning/{}", f.months),
                )
            }),
    };
    match found {
        Ok((title, url, address)) => Ok(Some(EvidenceView {
            kind: kind.as_str().to_owned(),
            kind_label: kind.label().to_owned(),
            title,
            url,
            address,
        })),
        Err(e) if super::service::unreadable(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The links of requirement `id` that `actor` may not open: the needs and the evidence,
/// kept as they are when `actor` changes it.
pub(super) async fn unseen_links(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(Vec<Uuid>, Vec<(String, Uuid)>), AppError> {
    let need_ids: Vec<Uuid> = need::Entity::find()
        .filter(need::Column::RequirementId.eq(id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|n| n.need_id)
        .collect();
    let seen = needs_by_id(state, actor, &need_ids).await?;
    let needs = need_ids
        .into_iter()
        .filter(|n| !seen.contains_key(n))
        .collect();
    let mut kept = Vec::new();
    for e in evidence::Entity::find()
        .filter(evidence::Column::RequirementId.eq(id))
        .all(&state.db)
        .await?
    {
        if evidence_view(state, actor, &e.kind, e.item_id)
            .await?
            .is_none()
        {
            kept.push((e.kind, e.item_id));
        }
    }
    Ok((needs, kept))
}

/// The requirements `rows` as `actor` sees them, and the linked needs `actor` may read.
async fn views_of(
    state: &AppState,
    actor: &Actor,
    rows: Vec<entity::Model>,
) -> Result<(Vec<RequirementView>, HashMap<Uuid, LinkedNeed>), AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut need_links: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    let mut evidence_links: HashMap<Uuid, Vec<evidence::Model>> = HashMap::new();
    if !ids.is_empty() {
        for l in need::Entity::find()
            .filter(need::Column::RequirementId.is_in(ids.iter().copied()))
            .all(&state.db)
            .await?
        {
            need_links
                .entry(l.requirement_id)
                .or_default()
                .push(l.need_id);
        }
        for e in evidence::Entity::find()
            .filter(evidence::Column::RequirementId.is_in(ids.iter().copied()))
            .all(&state.db)
            .await?
        {
            evidence_links.entry(e.requirement_id).or_default().push(e);
        }
    }
    let mut all_needs: Vec<Uuid> = need_links.values().flatten().copied().collect();
    all_needs.sort();
    all_needs.dedup();
    let needs = needs_by_id(state, actor, &all_needs).await?;
    let mut evidence_seen: HashMap<(String, Uuid), Option<EvidenceView>> = HashMap::new();
    let mut views = Vec::with_capacity(rows.len());
    for r in rows {
        let mut hidden = 0;
        let mut linked: Vec<LinkedNeed> = Vec::new();
        for n in need_links.remove(&r.id).unwrap_or_default() {
            match needs.get(&n) {
                Some(found) => linked.push(found.clone()),
                None => hidden += 1,
            }
        }
        linked.sort_by(|a, b| a.title.cmp(&b.title));
        let mut shown = Vec::new();
        for e in evidence_links.remove(&r.id).unwrap_or_default() {
            let key = (e.kind.clone(), e.item_id);
            let view = match evidence_seen.get(&key) {
                Some(v) => v.clone(),
                None => {
                    let v = evidence_view(state, actor, &e.kind, e.item_id).await?;
                    evidence_seen.insert(key, v.clone());
                    v
                }
            };
            match view {
                Some(v) => shown.push(v),
                None => hidden += 1,
            }
        }
        shown.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.title.cmp(&b.title)));
        views.push(RequirementView {
            id: r.id,
            number: r.position,
            kind_label: RequirementKind::label_of(&r.kind),
            kind: r.kind,
            weight: r.weight,
            title: r.title,
            text_markdown: r.text_md,
            text_html: r.text_html,
            needs: linked,
            evidence: shown,
            hidden_links: hidden,
            created_at: r.created_at,
            updated_at: r.updated_at,
        });
    }
    Ok((views, needs))
}

/// The requirements of the procurement `actor` has opened, in their order, with the weights
/// and the needs of the procurement.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    opened: &Readable<Opened>,
) -> Result<RequirementList, AppError> {
    let p = &opened.procurement;
    let rows = entity::Entity::find()
        .filter(entity::Column::ProcurementId.eq(p.id))
        .order_by_asc(entity::Column::Position)
        .order_by_asc(entity::Column::CreatedAt)
        .order_by_asc(entity::Column::Id)
        .limit(MAX_REQUIREMENTS)
        .all(&state.db)
        .await?;
    let weights: Vec<i32> = rows
        .iter()
        .filter(|r| r.kind == RequirementKind::Bor.as_str())
        .map(|r| r.weight.unwrap_or_default())
        .collect();
    let (requirements, linked) = views_of(state, actor, rows).await?;
    // The needs of the procurement: those linked, and those of its category.
    let mut needs: BTreeMap<(String, Uuid), LinkedNeed> = linked
        .into_values()
        .map(|n| ((n.title.clone(), n.id), n))
        .collect();
    for n in category_needs(state, actor, p).await? {
        needs.entry((n.title.clone(), n.id)).or_insert(n);
    }
    let needs = needs
        .into_values()
        .map(|need| {
            let covering: Vec<RequirementRef> = requirements
                .iter()
                .filter(|r| r.needs.iter().any(|n| n.id == need.id))
                .map(|r| RequirementRef {
                    id: r.id,
                    number: r.number,
                    title: r.title.clone(),
                    kind_label: r.kind_label.clone(),
                })
                .collect();
            NeedCoverage {
                covered: !covering.is_empty(),
                requirements: covering,
                need,
            }
        })
        .collect();
    Ok(RequirementList {
        requirements,
        weights: Weights::of(&weights),
        needs,
    })
}

/// One requirement of the procurement `actor` has opened.
pub async fn one(
    state: &AppState,
    actor: &Actor,
    opened: &Readable<Opened>,
    id: Uuid,
) -> Result<RequirementView, AppError> {
    let row = super::service::requirement_of(&state.db, opened.procurement.id, id).await?;
    let (mut views, _) = views_of(state, actor, vec![row]).await?;
    views.pop().ok_or(AppError::NotFound("kravet"))
}

/// The requirements as CSV, as the reader sees them (each cell that could run as a formula
/// neutralised).
pub fn csv(
    list: &RequirementList,
    flavour: crate::web::csv_out::Flavour,
) -> Result<Vec<u8>, AppError> {
    let mut out = crate::web::csv_out::CsvOut::new(flavour);
    out.row([
        "Nummer",
        "Typ",
        "Rubrik",
        "Vikt (%)",
        "Krav",
        "Behov",
        "Organisationer med behoven",
        "Underlag",
    ])?;
    for r in &list.requirements {
        let needs: Vec<&str> = r.needs.iter().map(|n| n.title.as_str()).collect();
        let mut organisations: Vec<&str> = r
            .needs
            .iter()
            .flat_map(|n| n.organisations())
            .map(|o| o.name.as_str())
            .collect();
        organisations.sort_unstable();
        organisations.dedup();
        let evidence: Vec<String> = r
            .evidence
            .iter()
            .map(|e| format!("{}: {}", e.kind_label, e.title))
            .collect();
        out.row([
            r.number.to_string(),
            r.kind_label.clone(),
            r.title.clone(),
            r.weight.map(|w| w.to_string()).unwrap_or_default(),
            r.text_markdown.clone(),
            needs.join("; "),
            organisations.join(", "),
            evidence.join("; "),
        ])?;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_say_how_far_from_100_they_are() {
        assert_eq!(
            Weights::of(&[60, 30]).message,
            "Vikterna summerar till 90 %, 10 procentenheter saknas"
        );
        assert_eq!(
            Weights::of(&[60, 41]).message,
            "Vikterna summerar till 101 %, 1 procentenhet för mycket"
        );
        let even = Weights::of(&[60, 40]);
        assert!(even.balanced);
        assert_eq!(even.missing, 0);
        assert!(Weights::of(&[]).message.contains("inga bör-krav"));
    }
}
