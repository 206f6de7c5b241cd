//! Keeping an item current from its page: those who may edit it confirm that it still holds,
//! archive it, or take it out of the archive (`POST …/{slug}/bekrafta`, `/arkivera`,
//! `/ur-arkivet` under `/rapporter`, `/tester` and `/teknik`; a form with only its CSRF token).

use actix_web::web;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Freshness, Item, ItemKind};
use crate::audit::By;
use crate::auth::{Action, Actor, Confirmed, Resource, can};
use crate::changes::Op;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::frame;
use crate::{reports, technologies, trials};

/// What a form on an item's page, or `POST …/freshness` in the API, does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = FreshnessStepName)]
pub enum Step {
    /// It still holds: confirmed now.
    Confirm,
    /// No longer kept current: archived, still readable and findable.
    Archive,
    /// Out of the archive, confirmed now.
    Unarchive,
    /// The one who sends it answers for it from now on (taking it over from its owner).
    TakeOver,
    /// Someone else who may keep it current answers for it from now on ([`super::hand_over`];
    /// the API names them in `email`).
    HandOver,
}

impl Step {
    const ALL: [Step; 4] = [
        Step::Confirm,
        Step::Archive,
        Step::Unarchive,
        Step::TakeOver,
    ];

    /// The last segment of the form's address.
    pub(super) fn segment(self) -> &'static str {
        match self {
            Step::Confirm => "bekrafta",
            Step::Archive => "arkivera",
            Step::Unarchive => "ur-arkivet",
            Step::TakeOver => "ta-ansvar",
            Step::HandOver => "lamna-over",
        }
    }

    fn audit_action(self) -> &'static str {
        match self {
            Step::Confirm => super::confirm::AUDIT_ACTION,
            Step::Archive => "freshness.archive",
            Step::Unarchive => "freshness.unarchive",
            Step::TakeOver => "freshness.take_over",
            Step::HandOver => "freshness.hand_over",
        }
    }

    /// What the page says once the step is done.
    pub(super) fn done(self) -> String {
        match self {
            Step::Confirm => crate::web::i18n::t("freshness-done-confirm"),
            Step::Archive => crate::web::i18n::t("freshness-done-archive"),
            Step::Unarchive => crate::web::i18n::t("freshness-done-unarchive"),
            Step::TakeOver => crate::web::i18n::t("freshness-done-take-over"),
            Step::HandOver => crate::web::i18n::t("freshness-done-hand-over"),
        }
    }
}

/// The freshness of an item as its page shows it, with the forms when the reader may keep
/// it current.
pub struct Panel {
    pub freshness: Freshness,
    /// Who answers for it (see [`Freshness::owner_label`]).
    pub owner: String,
    /// Whether the reader is that person.
    pub is_owner: bool,
    /// The item's address, under which its forms post, when the reader may use them.
    pub action: Option<String>,
    pub csrf: String,
}

/// The panel of an item at `path` as `actor` sees it; the forms only for a signed-in reader
/// who `may_keep` it.
pub async fn panel(
    state: &AppState,
    actor: &Actor,
    freshness: Freshness,
    path: &str,
    may_keep: bool,
    csrf: Option<&String>,
) -> Result<Panel, AppError> {
    Ok(Panel {
        owner: freshness
            .owner_label(&state.db, actor, &state.catalog.get())
            .await?,
        is_owner: actor.user_id().is_some() && actor.user_id() == freshness.owner_id(),
        freshness,
        action: (may_keep && csrf.is_some()).then(|| path.to_owned()),
        csrf: csrf.cloned().unwrap_or_default(),
    })
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    for (prefix, kind) in [
        ("/rapporter", ItemKind::Report),
        ("/tester", ItemKind::Trial),
        ("/teknik", ItemKind::Technology),
    ] {
        for step in Step::ALL {
            cfg.route(
                &format!("{prefix}/{{slug}}/{}", step.segment()),
                web::post().to(
                    move |state: web::Data<AppState>,
                          _: Confirmed,
                          by: By,
                          slug: web::Path<String>| async move {
                        let item = keep(&state, &by, kind, &slug, step).await?;
                        Ok::<_, AppError>(frame::see_other(
                            &format!("{}#aktualitet", item.path),
                            &step.done(),
                        ))
                    },
                ),
            );
        }
    }
}

/// The shared item behind `slug` if `actor` may keep it current: those who may edit it (node
/// staff for catalogue entries). Unknown or unreadable items are "not found", readable ones
/// the actor may not change "forbidden", items not yet shared a conflict.
pub(super) async fn keepable(
    state: &AppState,
    actor: &Actor,
    kind: ItemKind,
    slug: &str,
) -> Result<Item, AppError> {
    let item = match kind {
        ItemKind::Report => {
            let report = reports::editable(state, actor, slug).await?;
            if !reports::is_published(&report) {
                return Err(AppError::Conflict(
                    "freshness-error-report-not-published".to_owned(),
                ));
            }
            Item::report(report)
        }
        ItemKind::Trial => {
            let (trial, parties) = trials::readable_with_parties(state, actor, slug).await?;
            let trial = trial.into_inner();
            trials::not_withdrawn(&trial)?;
            if !can(actor, Action::Edit, &trials::resource(&trial, &parties)) {
                return Err(AppError::Forbidden(
                    "freshness-error-trial-lead-only".to_owned(),
                ));
            }
            Item::trial(trial)
        }
        ItemKind::Technology => {
            if !can(actor, Action::Curate, &Resource::Catalogue) {
                return Err(AppError::Forbidden(
                    "freshness-error-catalogue-staff-only".to_owned(),
                ));
            }
            let entry = technologies::find_for(state, actor, slug).await?;
            if entry.withdrawn_at.is_some()
                || entry.status != technologies::EntryStatus::Katalog.as_str()
            {
                return Err(AppError::Conflict(
                    "freshness-error-technology-not-listed".to_owned(),
                ));
            }
            Item::technology(entry)
        }
    };
    Ok(item)
}

/// Confirms, archives, unarchives or takes over the item behind `slug` in the name of `by`
/// (handing it over to someone else is [`super::hand_over`]).
#[tracing::instrument(skip(state, by))]
pub async fn keep(
    state: &AppState,
    by: &By,
    kind: ItemKind,
    slug: &str,
    step: Step,
) -> Result<Item, AppError> {
    let item = keepable(state, &by.actor, kind, slug).await?;
    let owner = match step {
        Step::TakeOver | Step::HandOver => {
            let Some(user_id) = by.actor.user_id() else {
                return Err(AppError::Forbidden(
                    "freshness-error-owner-signed-in".to_owned(),
                ));
            };
            Some(user_id)
        }
        Step::Confirm | Step::Archive | Step::Unarchive => None,
    };
    write(state, by, item, step, owner).await
}

/// Does `step` to `item` in one unit of work, `owner` answering for it from now on when the
/// step changes who does.
pub(super) async fn write(
    state: &AppState,
    by: &By,
    item: Item,
    step: Step,
    owner: Option<uuid::Uuid>,
) -> Result<Item, AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let changed = match (step, owner) {
        (Step::Confirm, _) => super::mark_confirmed(unit.db(), &item, now).await?,
        (Step::Archive, _) => set_archived(&unit, &item, Some(now)).await?,
        (Step::Unarchive, _) => set_archived(&unit, &item, None).await?,
        (Step::TakeOver | Step::HandOver, Some(owner)) => set_owner(&unit, &item, owner).await?,
        (Step::TakeOver | Step::HandOver, None) => false,
    };
    if !changed {
        return Err(AppError::Conflict(match step {
            Step::Unarchive => "freshness-error-not-archived".to_owned(),
            Step::Confirm | Step::Archive if item.archived_at.is_some() => {
                "freshness-error-already-archived".to_owned()
            }
            _ => "freshness-error-changed-meanwhile".to_owned(),
        }));
    }
    unit.changed(item.kind.change_kind(), item.id, Op::Upsert);
    unit.audit(
        step.audit_action(),
        format!("{}:{}", item.kind.change_kind().as_str(), item.id),
        format!("{}: {}", item.kind.label(), item.title),
    );
    unit.commit().await?;
    Ok(item)
}

/// Makes `owner` the one who answers for the item; whether it changed.
async fn set_owner(unit: &Unit, item: &Item, owner: uuid::Uuid) -> Result<bool, AppError> {
    use reports::entity as report;
    use technologies::entity as technology;
    use trials::entity as trial;
    macro_rules! set {
        ($entity:ident) => {{
            $entity::Entity::update_many()
                .col_expr($entity::Column::OwnerId, Expr::value(owner))
                .filter($entity::Column::Id.eq(item.id))
                .exec(unit.db())
                .await?
                .rows_affected
        }};
    }
    let changed = match item.kind {
        ItemKind::Report => set!(report),
        ItemKind::Trial => set!(trial),
        ItemKind::Technology => set!(technology),
    };
    Ok(changed == 1)
}

/// Archives the item at `at`, or (`None`) takes it out of the archive and confirms it now;
/// whether it changed.
async fn set_archived(
    unit: &Unit,
    item: &Item,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<bool, AppError> {
    use reports::entity as report;
    use technologies::entity as technology;
    use trials::entity as trial;
    let now = unit.now();
    macro_rules! set {
        ($entity:ident) => {{
            let mut update = $entity::Entity::update_many()
                .col_expr($entity::Column::ArchivedAt, Expr::value(at))
                .filter($entity::Column::Id.eq(item.id));
            update = match at {
                Some(_) => update.filter($entity::Column::ArchivedAt.is_null()),
                None => update
                    .col_expr($entity::Column::ConfirmedAt, Expr::value(now))
                    .filter($entity::Column::ArchivedAt.is_not_null()),
            };
            update.exec(unit.db()).await?.rows_affected
        }};
    }
    let changed = match item.kind {
        ItemKind::Report => set!(report),
        ItemKind::Trial => set!(trial),
        ItemKind::Technology => set!(technology),
    };
    Ok(changed == 1)
}
