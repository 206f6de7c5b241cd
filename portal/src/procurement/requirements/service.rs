//! Writing requirements (leads and members): each write on one unit of work.

use std::collections::BTreeSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use super::entity::{self, evidence, need};
use super::{EvidenceKind, MAX_REQUIREMENTS, REQUIREMENT, RequirementKind};
use crate::audit::By;
use crate::auth::{Action, Actor, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::procurement::entity as procurement;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

/// What a client sends to add a requirement or change one.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementInput {
    #[validate(length(min = 1, max = 200, message = "procurement-error-title-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// The requirement itself, in Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "procurement-error-text-length"))]
    #[schema(max_length = 20000)]
    pub text: String,
    /// `ska` (mandatory: met or not) or `bor` (an evaluation criterion with a weight).
    #[schema(schema_with = RequirementKind::field_schema)]
    pub kind: String,
    /// A bör-krav's weight in percent (1–100). A ska-krav has none; a bör-krav must have one.
    #[serde(default, deserialize_with = "crate::web::whole::option_i32")]
    #[validate(range(min = 1, max = 100, message = "procurement-error-weight-range"))]
    #[schema(minimum = 1, maximum = 100)]
    pub weight: Option<i32>,
    /// Its number in the list; left out, after the last (when changing: as it was).
    #[serde(default, deserialize_with = "crate::web::whole::option_i32")]
    #[validate(range(min = 1, max = 999, message = "procurement-error-number-range"))]
    #[schema(minimum = 1, maximum = 999)]
    pub number: Option<i32>,
    /// The needs it answers: slugs, ids or addresses (`/behov/…`) of needs the writer may read.
    #[serde(default)]
    #[validate(length(max = 50, message = "procurement-error-max-needs"))]
    #[schema(max_items = 50)]
    pub needs: Vec<String>,
    /// What it rests on, by address: a report (`/rapporter/…`), a trial (`/tester/…`) or a
    /// trial's follow-up (`/tester/…/uppfoljning/12`), each one the writer may read.
    #[serde(default)]
    #[validate(length(max = 50, message = "procurement-error-max-evidence"))]
    #[schema(max_items = 50)]
    pub evidence: Vec<String>,
}

/// A requirement's fields as checked for saving.
struct Checked {
    title: String,
    kind: RequirementKind,
    weight: Option<i32>,
    text_html: String,
    needs: Vec<Uuid>,
    evidence: Vec<(EvidenceKind, Uuid)>,
}

/// Whether an error means "the writer may not read this" (or it is not there), which a link
/// field reports at the field rather than as the answer.
pub(super) fn unreadable(error: &AppError) -> bool {
    matches!(
        error,
        AppError::NotFound(_)
            | AppError::Gone(_)
            | AppError::Forbidden(_)
            | AppError::Unauthorized
            | AppError::SignInRequired
    )
}

/// The path of an address (`https://host/behov/x?y#z` → `behov/x`), without slashes at the
/// ends.
fn path_of(address: &str) -> &str {
    let address = address.trim();
    let address = match address.find("://") {
        Some(i) => {
            let rest = &address[i + 3..];
            rest.find('/').map_or("", |p| &rest[p..])
        }
        None => address,
    };
    let end = address.find(['?', '#']).unwrap_or(address.len());
    address[..end].trim_matches('/')
}

/// A need named by slug, id or address.
fn need_ref(named: &str) -> &str {
    let path = path_of(named);
    path.strip_prefix("behov/").unwrap_or(path)
}

/// What an evidence address names: its kind, the slug (or id) and, for a follow-up, its months.
fn evidence_ref(address: &str) -> Option<(EvidenceKind, &str, i32)> {
    let parts: Vec<&str> = path_of(address).split('/').collect();
    match parts.as_slice() {
        ["rapporter", slug] if !slug.is_empty() => Some((EvidenceKind::Report, *slug, 0)),
        ["tester", slug] if !slug.is_empty() => Some((EvidenceKind::Trial, *slug, 0)),
        ["tester", slug, "uppfoljning", months] if !slug.is_empty() => months
            .parse()
            .ok()
            .map(|m| (EvidenceKind::FollowUp, *slug, m)),
        _ => None,
    }
}

/// The needs named, each one `actor` may read and not withdrawn.
async fn needs_field(
    state: &AppState,
    actor: &Actor,
    named: &[String],
    issues: &mut Vec<FieldIssue>,
) -> Result<Vec<Uuid>, AppError> {
    let mut found = Vec::new();
    for raw in named {
        let name = need_ref(raw);
        if name.is_empty() {
            continue;
        }
        match crate::needs::readable(state, actor, name).await {
            Ok(n) if n.withdrawn_at.is_none() => {
                if !found.contains(&n.id) {
                    found.push(n.id);
                }
            }
            Ok(_) => issues.push(FieldIssue::new(
                "needs",
                crate::web::i18n::t_with(
                    "procurement-error-need-withdrawn",
                    "need",
                    &crate::privacy::quoted(name),
                ),
            )),
            Err(e) if unreadable(&e) => issues.push(FieldIssue::new(
                "needs",
                crate::web::i18n::t_with(
                    "procurement-error-need-not-found",
                    "need",
                    &crate::privacy::quoted(name),
                ),
            )),
            Err(e) => return Err(e),
        }
    }
    Ok(found)
}

/// One evidence address as a stored link, if `actor` may read what it names; `Ok(None)` when
/// not.
pub(super) async fn resolve_evidence_address(
    state: &AppState,
    actor: &Actor,
    address: &str,
) -> Result<Option<(EvidenceKind, Uuid)>, AppError> {
    let Some((kind, name, months)) = evidence_ref(address) else {
        return Ok(None);
    };
    let found = match kind {
        EvidenceKind::Report => {
            let slug = match Uuid::parse_str(name) {
                Ok(id) => crate::reports::get(&state.db, id)
                    .await?
                    .map_or_else(|| name.to_owned(), |r| r.slug),
                Err(_) => name.to_owned(),
            };
            crate::reports::readable_by_slug(state, actor, &slug)
                .await
                .map(|r| r.id)
        }
        EvidenceKind::Trial => crate::trials::readable_by_slug(state, actor, name)
            .await
            .and_then(|t| {
                if t.withdrawn_at.is_some() {
                    Err(AppError::NotFound("testet"))
                } else {
                    Ok(t.id)
                }
            }),
        EvidenceKind::FollowUp => crate::followups::readable_follow_up(state, actor, name, months)
            .await
            .map(|(f, _)| f.id),
    };
    match found {
        Ok(id) => Ok(Some((kind, id))),
        Err(e) if unreadable(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The evidence named, each one `actor` may read.
async fn evidence_field(
    state: &AppState,
    actor: &Actor,
    named: &[String],
    issues: &mut Vec<FieldIssue>,
) -> Result<Vec<(EvidenceKind, Uuid)>, AppError> {
    let mut found = Vec::new();
    for raw in named {
        if path_of(raw).is_empty() {
            continue;
        }
        match resolve_evidence_address(state, actor, raw).await? {
            Some(link) => {
                if !found.contains(&link) {
                    found.push(link);
                }
            }
            None => issues.push(FieldIssue::new(
                "evidence",
                crate::web::i18n::t_with(
                    "procurement-error-evidence-not-found",
                    "address",
                    &crate::privacy::quoted(raw.trim()),
                ),
            )),
        }
    }
    Ok(found)
}

/// Checks what a writer sends.
async fn check(
    state: &AppState,
    actor: &Actor,
    input: &RequirementInput,
) -> Result<Checked, AppError> {
    let mut issues = crate::error::issues_of(input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(
        &title,
        "title",
        "procurement-error-title-missing",
        &mut issues,
    );
    let kind = RequirementKind::from_field(Some(input.kind.as_str()), "kind", &mut issues);
    if kind.is_none() && issues.iter().all(|i| i.field != "kind") {
        issues.push(FieldIssue::new(
            "kind",
            "procurement-error-requirement-kind",
        ));
    }
    let weight = match kind {
        Some(RequirementKind::Ska) => {
            if input.weight.is_some() {
                issues.push(FieldIssue::new(
                    "weight",
                    "procurement-error-mandatory-weight",
                ));
            }
            None
        }
        Some(RequirementKind::Bor) => {
            if input.weight.is_none() {
                issues.push(FieldIssue::new(
                    "weight",
                    "procurement-error-desirable-weight",
                ));
            }
            input.weight
        }
        None => None,
    };
    crate::privacy::check_fields(&[("title", &title), ("text", &input.text)], &mut issues);
    crate::privacy::check_list("needs", &input.needs, &mut issues);
    crate::privacy::check_list("evidence", &input.evidence, &mut issues);
    let (needs, evidence) = if issues
        .iter()
        .any(|i| i.field == "needs" || i.field == "evidence")
    {
        (Vec::new(), Vec::new())
    } else {
        (
            needs_field(state, actor, &input.needs, &mut issues).await?,
            evidence_field(state, actor, &input.evidence, &mut issues).await?,
        )
    };
    let (Some(kind), true) = (kind, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let text_html = markdown::render_field("text", input.text.clone())
        .await?
        .into_string();
    Ok(Checked {
        title,
        kind,
        weight,
        text_html,
        needs,
        evidence,
    })
}

const MEMBERS_ONLY: &str = "procurement-error-requirements-members-only";

/// The procurement behind `slug_or_id` if `by` may add and change its requirements; 404 to
/// those who may not read it, 403 to its observers.
pub async fn contributable(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<procurement::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let opened = crate::procurement::readable(state, &by.actor, slug_or_id)
        .await?
        .into_inner();
    if !can(&by.actor, Action::Contribute, &opened.resource()) {
        return Err(AppError::Forbidden(MEMBERS_ONLY.to_owned()));
    }
    Ok(opened.procurement)
}

/// The requirement `id` of the procurement, or "not found".
pub async fn requirement_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
    id: Uuid,
) -> Result<entity::Model, AppError> {
    entity::Entity::find_by_id(id)
        .filter(entity::Column::ProcurementId.eq(procurement_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("kravet"))
}

/// Writes the links of requirement `id`: the needs and evidence checked, and those kept.
async fn write_links(
    unit: &Unit,
    id: Uuid,
    needs: &BTreeSet<Uuid>,
    evidence: &BTreeSet<(String, Uuid)>,
) -> Result<(), AppError> {
    need::Entity::delete_many()
        .filter(need::Column::RequirementId.eq(id))
        .exec(unit.db())
        .await?;
    evidence::Entity::delete_many()
        .filter(evidence::Column::RequirementId.eq(id))
        .exec(unit.db())
        .await?;
    if !needs.is_empty() {
        need::Entity::insert_many(needs.iter().map(|&need_id| need::ActiveModel {
            requirement_id: Set(id),
            need_id: Set(need_id),
        }))
        .exec(unit.db())
        .await?;
    }
    if !evidence.is_empty() {
        evidence::Entity::insert_many(evidence.iter().map(|(kind, item_id)| {
            evidence::ActiveModel {
                requirement_id: Set(id),
                kind: Set(kind.clone()),
                item_id: Set(*item_id),
            }
        }))
        .exec(unit.db())
        .await?;
    }
    Ok(())
}

/// Adds a requirement (leads and members). Returns the procurement and the requirement.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: RequirementInput,
) -> Result<(procurement::Model, entity::Model), AppError> {
    let p = contributable(state, by, slug_or_id).await?;
    let checked = check(state, &by.actor, &input).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let count = entity::Entity::find()
        .filter(entity::Column::ProcurementId.eq(p.id))
        .count(unit.db())
        .await?;
    if count >= MAX_REQUIREMENTS {
        return Err(AppError::Conflict(crate::web::i18n::t_with(
            "procurement-error-too-many-requirements",
            "max",
            &MAX_REQUIREMENTS.to_string(),
        )));
    }
    let position = match input.number {
        Some(n) => n,
        None => {
            let last: Option<i32> = entity::Entity::find()
                .select_only()
                .column(entity::Column::Position)
                .filter(entity::Column::ProcurementId.eq(p.id))
                .order_by_desc(entity::Column::Position)
                .limit(1)
                .into_tuple()
                .one(unit.db())
                .await?;
            last.map_or(1, |l| l.saturating_add(1))
        }
    };
    let id = Uuid::now_v7();
    let requirement = entity::ActiveModel {
        id: Set(id),
        procurement_id: Set(p.id),
        position: Set(position),
        title: Set(checked.title),
        kind: Set(checked.kind.as_str().to_owned()),
        weight: Set(checked.weight),
        text_md: Set(input.text),
        text_html: Set(checked.text_html),
        created_by: Set(by.actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    let needs: BTreeSet<Uuid> = checked.needs.into_iter().collect();
    let evidence: BTreeSet<(String, Uuid)> = checked
        .evidence
        .into_iter()
        .map(|(k, i)| (k.as_str().to_owned(), i))
        .collect();
    write_links(&unit, id, &needs, &evidence).await?;
    unit.changed(REQUIREMENT, id, Op::Upsert);
    unit.audit(
        "procurement.requirement_add",
        format!("procurement:{}", p.id),
        format!("{}: {}", p.title, requirement.title),
    );
    unit.commit().await?;
    Ok((p, requirement))
}

/// Changes a requirement (leads and members). The links to needs and evidence the writer may
/// not read (another member made them) stay as they are.
#[tracing::instrument(skip_all)]
pub async fn update(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    id: Uuid,
    input: RequirementInput,
) -> Result<(procurement::Model, entity::Model), AppError> {
    let p = contributable(state, by, slug_or_id).await?;
    let current = requirement_of(&state.db, p.id, id).await?;
    let checked = check(state, &by.actor, &input).await?;
    let (hidden_needs, hidden_evidence) =
        super::queries::unseen_links(state, &by.actor, id).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let mut active: entity::ActiveModel = current.clone().into();
    active.position = Set(input.number.unwrap_or(current.position));
    active.title = Set(checked.title);
    active.kind = Set(checked.kind.as_str().to_owned());
    active.weight = Set(checked.weight);
    active.text_md = Set(input.text);
    active.text_html = Set(checked.text_html);
    active.updated_at = Set(now);
    let requirement = active.update(unit.db()).await?;
    let needs: BTreeSet<Uuid> = checked.needs.into_iter().chain(hidden_needs).collect();
    let evidence: BTreeSet<(String, Uuid)> = checked
        .evidence
        .into_iter()
        .map(|(k, i)| (k.as_str().to_owned(), i))
        .chain(hidden_evidence)
        .collect();
    write_links(&unit, id, &needs, &evidence).await?;
    unit.changed(REQUIREMENT, id, Op::Upsert);
    unit.audit(
        "procurement.requirement_edit",
        format!("procurement:{}", p.id),
        format!("{}: {}", p.title, requirement.title),
    );
    unit.commit().await?;
    Ok((p, requirement))
}

/// Removes a requirement (leads and members). Returns the procurement.
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    id: Uuid,
) -> Result<procurement::Model, AppError> {
    let p = contributable(state, by, slug_or_id).await?;
    let mut unit = Unit::begin(state, by).await?;
    let current = requirement_of(unit.db(), p.id, id).await?;
    write_links(&unit, id, &BTreeSet::new(), &BTreeSet::new()).await?;
    entity::Entity::delete_by_id(id).exec(unit.db()).await?;
    unit.changed(REQUIREMENT, id, Op::Delete);
    unit.audit(
        "procurement.requirement_remove",
        format!("procurement:{}", p.id),
        format!("{}: {}", p.title, current.title),
    );
    unit.commit().await?;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_needs_and_evidence() {
        assert_eq!(
            need_ref("https://noden.se/behov/natt-abc123?x=1"),
            "natt-abc123"
        );
        assert_eq!(need_ref("/behov/natt-abc123/"), "natt-abc123");
        assert_eq!(need_ref("natt-abc123"), "natt-abc123");
        assert_eq!(
            evidence_ref("/rapporter/kamera"),
            Some((EvidenceKind::Report, "kamera", 0))
        );
        assert_eq!(
            evidence_ref("http://localhost:8080/tester/flen#uppfoljning"),
            Some((EvidenceKind::Trial, "flen", 0))
        );
        assert_eq!(
            evidence_ref("/tester/flen/uppfoljning/12"),
            Some((EvidenceKind::FollowUp, "flen", 12))
        );
        assert_eq!(evidence_ref("/behov/flen"), None);
        assert_eq!(evidence_ref("/tester/flen/uppfoljning/tolv"), None);
    }
}
