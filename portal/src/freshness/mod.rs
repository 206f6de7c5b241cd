//! Living knowledge: every report, trial and catalogue entry has an owner and a date when it
//! was last confirmed to hold. What nobody has edited or confirmed for
//! `stale_after_months` (18 by default) is marked "Kan vara inaktuell" on its page, in the API
//! and in search; once a month its owners get one mail listing all of theirs, each with a
//! signed "stämmer fortfarande" link that needs no session ([`confirm`]), a link to update it
//! and one to its page, where it can be archived. Archived items stay readable and findable,
//! labelled, and are never reminded of.
//!
//! The owner is the item's `owner_id`; a report without one falls back to its author, a
//! catalogue entry to whoever proposed it; failing that (or when that user is gone or takes
//! no mail) the coordinators of the item's organisation answer for it, and node staff for
//! what has no organisation ([`crate::auth::users::answering_for`]).
//!
//! "Last confirmed" is the later of the last edit (`updated_at`) and the last explicit
//! confirmation (`confirmed_at`), so staleness is always worked out from stored dates at the
//! moment it is asked about, never stored as a flag that ages.

pub mod confirm;
pub mod hand_over;
pub mod reminders;
pub mod routes;

use std::collections::BTreeMap;

use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use uuid::Uuid;

use crate::changes;
use crate::config::Settings;
use crate::error::AppError;
use crate::{reports, technologies, trials};

pub use hand_over::hand_over;
pub use reminders::register_jobs;
pub use routes::{Panel, panel};

/// The kinds of item that have an owner and can go stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Report,
    Trial,
    Technology,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Report, ItemKind::Trial, ItemKind::Technology];

    /// The one-byte code a signed link carries.
    fn code(self) -> u8 {
        match self {
            ItemKind::Report => b'r',
            ItemKind::Trial => b't',
            ItemKind::Technology => b'k',
        }
    }

    fn from_code(code: u8) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// What the item is, in the language of the page or mail being made (Swedish in the
    /// audit trail, which is written while a write is open).
    pub fn label(self) -> String {
        crate::web::i18n::t(match self {
            ItemKind::Report => "freshness-kind-report",
            ItemKind::Trial => "freshness-kind-trial",
            ItemKind::Technology => "freshness-kind-technology",
        })
    }

    /// The change-log kind, so a confirmation or an archiving reaches the index and peers.
    fn change_kind(self) -> changes::Kind {
        match self {
            ItemKind::Report => reports::REPORT,
            ItemKind::Trial => trials::TRIAL,
            ItemKind::Technology => technologies::TECHNOLOGY,
        }
    }
}

/// How current an item is, as its page, its search hit and the API tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Freshness {
    /// When it was last edited or confirmed, whichever is later.
    pub confirmed_at: DateTime<Utc>,
    /// Neither edited nor confirmed for the configured time, and not archived.
    pub stale: bool,
    /// When it was archived.
    pub archived_at: Option<DateTime<Utc>>,
    /// Who answers for it in person, if anyone (see [`Freshness::answered_by`]); pages name
    /// them, the API does not.
    #[serde(skip)]
    owner_id: Option<Uuid>,
    /// The organisation whose coordinators answer for it without an owner.
    #[serde(skip)]
    organisation_id: Option<Uuid>,
}

impl Freshness {
    pub fn of(
        updated_at: DateTime<Utc>,
        confirmed_at: Option<DateTime<Utc>>,
        archived_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
        settings: &Settings,
    ) -> Freshness {
        let confirmed_at = last_confirmed(updated_at, confirmed_at);
        Freshness {
            confirmed_at,
            stale: archived_at.is_none()
                && confirmed_at < stale_before(now, settings.stale_after_months),
            archived_at,
            owner_id: None,
            organisation_id: None,
        }
    }

    /// The same, answered for by `owner` in person, else by `organisation`'s coordinators
    /// (see the module documentation).
    pub fn answered_by(self, owner: Option<Uuid>, organisation: Option<Uuid>) -> Freshness {
        Freshness {
            owner_id: owner,
            organisation_id: organisation,
            ..self
        }
    }

    /// Who answers for it in person, if anyone.
    pub fn owner_id(&self) -> Option<Uuid> {
        self.owner_id
    }

    /// Who answers for it, as its page names them for `actor`: the owner in person (by name
    /// for readers who may see contacts, else by organisation), else the coordinators of its
    /// organisation, else node staff.
    pub async fn owner_label<C: ConnectionTrait>(
        &self,
        db: &C,
        actor: &crate::auth::Actor,
        catalog: &crate::catalog::CatalogData,
    ) -> Result<String, AppError> {
        use crate::auth::{Action, Resource, can, entity::user};
        if let Some(owner) = self.owner_id
            && let Some(user) = user::Entity::find_by_id(owner).one(db).await?
            && !user.disabled
        {
            if can(actor, Action::Read, &Resource::Contacts) && !user.name.trim().is_empty() {
                return Ok(user.name);
            }
            if let Some(organisation) = catalog.organisation_by_id(user.organisation_id) {
                return Ok(organisation.name.clone());
            }
        }
        Ok(
            match self
                .organisation_id
                .and_then(|id| catalog.organisation_by_id(id))
            {
                Some(organisation) => crate::web::i18n::t_with(
                    "freshness-owner-coordinators",
                    "organisation",
                    &organisation.name,
                ),
                None => crate::web::i18n::t("freshness-owner-staff"),
            },
        )
    }

    /// The date it was last confirmed, in the page's language ("3 maj 2025", "3 May 2025").
    pub fn confirmed_text(&self) -> String {
        crate::web::date_text(crate::web::stockholm_date(self.confirmed_at))
    }

    /// The date it was archived, in the page's language.
    pub fn archived_text(&self) -> Option<String> {
        self.archived_at
            .map(|at| crate::web::date_text(crate::web::stockholm_date(at)))
    }
}

/// How current a search hit is, as a freshness facet value (`aktuell`, `inaktuell`,
/// `arkiverad`), for a hit that can go out of date.
pub fn of_hit(
    hit: &noden_search::Hit,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Option<&'static str> {
    let [current, stale, archived] = noden_search::FRESHNESS_VALUES;
    let confirmed_at = hit.confirmed_at?;
    Some(if hit.archived {
        archived
    } else if confirmed_at < stale_before(now, settings.stale_after_months).timestamp() {
        stale
    } else {
        current
    })
}

/// The label of a freshness facet value (`noden_search::FRESHNESS_VALUES`), in the page's
/// language.
pub fn label_of(value: &str) -> String {
    crate::web::i18n::t(match value {
        "inaktuell" => "freshness-stale",
        "arkiverad" => "freshness-archived",
        _ => "freshness-current",
    })
}

/// The later of the last edit and the last confirmation.
pub fn last_confirmed(
    updated_at: DateTime<Utc>,
    confirmed_at: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    confirmed_at.map_or(updated_at, |confirmed| confirmed.max(updated_at))
}

/// What was last confirmed before this moment is stale now.
pub fn stale_before(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The condition "stale before `before`" over an item table's columns: neither edited nor
/// confirmed since, and not archived.
fn stale_condition<C: ColumnTrait>(
    updated_at: C,
    confirmed_at: C,
    archived_at: C,
    before: DateTime<Utc>,
) -> Condition {
    Condition::all()
        .add(updated_at.lt(before))
        .add(
            Condition::any()
                .add(confirmed_at.is_null())
                .add(confirmed_at.lt(before)),
        )
        .add(archived_at.is_null())
}

/// An item with an owner and a freshness, whatever its kind.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub id: Uuid,
    pub title: String,
    /// Its page.
    pub path: String,
    /// Where it is edited.
    pub edit_path: String,
    /// Who answers for it in person, if anyone (see the module documentation).
    pub owner_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub archived_at: Option<DateTime<Utc>>,
}

impl Item {
    fn report(report: reports::entity::Model) -> Item {
        let path = reports::url(&report);
        Item {
            kind: ItemKind::Report,
            id: report.id,
            edit_path: format!("{path}/redigera"),
            path,
            title: report.title,
            owner_id: report.owner_id.or(report.author_id),
            organisation_id: report.organisation_id,
            updated_at: report.updated_at,
            confirmed_at: report.confirmed_at,
            archived_at: report.archived_at,
        }
    }

    fn trial(trial: trials::entity::Model) -> Item {
        let path = trials::url(&trial);
        Item {
            kind: ItemKind::Trial,
            id: trial.id,
            edit_path: format!("{path}/andra"),
            path,
            title: trial.title,
            owner_id: trial.owner_id,
            organisation_id: Some(trial.lead_organisation_id),
            updated_at: trial.updated_at,
            confirmed_at: trial.confirmed_at,
            archived_at: trial.archived_at,
        }
    }

    fn technology(entry: technologies::entity::Model) -> Item {
        let path = technologies::url(&entry);
        Item {
            kind: ItemKind::Technology,
            id: entry.id,
            edit_path: format!("{path}/andra"),
            path,
            title: entry.name,
            owner_id: entry.owner_id.or(entry.proposed_by),
            organisation_id: None,
            updated_at: entry.updated_at,
            confirmed_at: entry.confirmed_at,
            archived_at: entry.archived_at,
        }
    }

    /// When it was last edited or confirmed.
    pub fn last_confirmed(&self) -> DateTime<Utc> {
        last_confirmed(self.updated_at, self.confirmed_at)
    }

    pub fn freshness(&self, now: DateTime<Utc>, settings: &Settings) -> Freshness {
        Freshness::of(
            self.updated_at,
            self.confirmed_at,
            self.archived_at,
            now,
            settings,
        )
    }
}

/// The item of `kind` with `id`, as shared: a published report, a trial not withdrawn, a
/// catalogue entry in the catalogue.
pub async fn item<C: ConnectionTrait>(
    db: &C,
    kind: ItemKind,
    id: Uuid,
) -> Result<Option<Item>, AppError> {
    Ok(match kind {
        ItemKind::Report => reports::entity::Entity::find_by_id(id)
            .filter(reports::entity::Column::Status.eq(reports::model::Status::Publicerad.as_str()))
            .one(db)
            .await?
            .map(Item::report),
        ItemKind::Trial => trials::entity::Entity::find_by_id(id)
            .filter(trials::entity::Column::WithdrawnAt.is_null())
            .one(db)
            .await?
            .map(Item::trial),
        ItemKind::Technology => technologies::entity::Entity::find_by_id(id)
            .filter(technologies::entity::Column::WithdrawnAt.is_null())
            .filter(
                technologies::entity::Column::Status
                    .eq(technologies::EntryStatus::Katalog.as_str()),
            )
            .one(db)
            .await?
            .map(Item::technology),
    })
}

/// Every shared item last confirmed before `before` and not archived, of every kind.
pub async fn stale_items<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<Vec<Item>, AppError> {
    use reports::entity as report;
    use technologies::entity as technology;
    use trials::entity as trial;
    let mut items: Vec<Item> = report::Entity::find()
        .filter(report::Column::Status.eq(reports::model::Status::Publicerad.as_str()))
        .filter(stale_condition(
            report::Column::UpdatedAt,
            report::Column::ConfirmedAt,
            report::Column::ArchivedAt,
            before,
        ))
        .all(db)
        .await?
        .into_iter()
        .map(Item::report)
        .collect();
    items.extend(
        trial::Entity::find()
            .filter(trial::Column::WithdrawnAt.is_null())
            .filter(stale_condition(
                trial::Column::UpdatedAt,
                trial::Column::ConfirmedAt,
                trial::Column::ArchivedAt,
                before,
            ))
            .all(db)
            .await?
            .into_iter()
            .map(Item::trial),
    );
    items.extend(
        technology::Entity::find()
            .filter(technology::Column::WithdrawnAt.is_null())
            .filter(technology::Column::Status.eq(technologies::EntryStatus::Katalog.as_str()))
            .filter(stale_condition(
                technology::Column::UpdatedAt,
                technology::Column::ConfirmedAt,
                technology::Column::ArchivedAt,
                before,
            ))
            .all(db)
            .await?
            .into_iter()
            .map(Item::technology),
    );
    Ok(items)
}

/// Per organisation (a report's, a trial's lead), how many of the shared items `actor` may
/// open are current and how many may be out of date (`[current, stale]`), for the
/// organisations in `organisations` (all when `None`). Archived items are not counted;
/// catalogue entries belong to no organisation. Counted in the database.
pub async fn counts_per_organisation<C: ConnectionTrait>(
    db: &C,
    actor: &crate::auth::Actor,
    catalog: &crate::catalog::CatalogData,
    organisations: Option<&[Uuid]>,
    before: DateTime<Utc>,
) -> Result<BTreeMap<Uuid, [u64; 2]>, AppError> {
    use crate::auth::policy::visible_condition;
    use reports::entity as report;
    use sea_orm::{QuerySelect, sea_query::Expr as E};
    use trials::entity as trial;
    let mut totals: BTreeMap<Uuid, [u64; 2]> = BTreeMap::new();
    let mut add = |rows: Vec<(Uuid, i64)>, stale: bool| {
        for (organisation, n) in rows {
            let n = u64::try_from(n).unwrap_or(0);
            // All items first, then the stale ones among them.
            totals.entry(organisation).or_default()[usize::from(stale)] += n;
        }
    };
    for stale in [false, true] {
        let mut reports = report::Entity::find()
            .select_only()
            .column(report::Column::OrganisationId)
            .expr(E::cust("COUNT(*)"))
            .filter(report::Column::Status.eq(reports::model::Status::Publicerad.as_str()))
            .filter(report::Column::ArchivedAt.is_null())
            .filter(report::Column::OrganisationId.is_not_null())
            .filter(visible_condition(actor, &reports::readers(), catalog));
        let mut trials = trial::Entity::find()
            .select_only()
            .column(trial::Column::LeadOrganisationId)
            .expr(E::cust("COUNT(*)"))
            .filter(trials::live())
            .filter(trial::Column::ArchivedAt.is_null())
            .filter(visible_condition(actor, &trials::readers(), catalog));
        if let Some(set) = organisations {
            reports = reports.filter(report::Column::OrganisationId.is_in(set.iter().copied()));
            trials = trials.filter(trial::Column::LeadOrganisationId.is_in(set.iter().copied()));
        }
        if stale {
            reports = reports.filter(stale_condition(
                report::Column::UpdatedAt,
                report::Column::ConfirmedAt,
                report::Column::ArchivedAt,
                before,
            ));
            trials = trials.filter(stale_condition(
                trial::Column::UpdatedAt,
                trial::Column::ConfirmedAt,
                trial::Column::ArchivedAt,
                before,
            ));
        }
        add(
            reports
                .group_by(report::Column::OrganisationId)
                .into_tuple::<(Uuid, i64)>()
                .all(db)
                .await?,
            stale,
        );
        add(
            trials
                .group_by(trial::Column::LeadOrganisationId)
                .into_tuple::<(Uuid, i64)>()
                .all(db)
                .await?,
            stale,
        );
    }
    Ok(totals
        .into_iter()
        .map(|(organisation, [all, stale])| (organisation, [all.saturating_sub(stale), stale]))
        .collect())
}

/// Marks `item` confirmed at `now`, if it is still as `item` was read: not edited, confirmed or
/// archived since (so a link confirms once, and two clicks at once confirm once); whether it
/// did.
async fn mark_confirmed<C: ConnectionTrait>(
    db: &C,
    item: &Item,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    use reports::entity as report;
    use technologies::entity as technology;
    use trials::entity as trial;
    macro_rules! guarded {
        ($entity:ident) => {{
            let mut update = $entity::Entity::update_many()
                .col_expr($entity::Column::ConfirmedAt, Expr::value(now))
                .filter($entity::Column::Id.eq(item.id))
                .filter($entity::Column::UpdatedAt.eq(item.updated_at))
                .filter($entity::Column::ArchivedAt.is_null());
            update = match item.confirmed_at {
                Some(at) => update.filter($entity::Column::ConfirmedAt.eq(at)),
                None => update.filter($entity::Column::ConfirmedAt.is_null()),
            };
            update.exec(db).await?.rows_affected
        }};
    }
    let changed = match item.kind {
        ItemKind::Report => guarded!(report),
        ItemKind::Trial => guarded!(trial),
        ItemKind::Technology => guarded!(technology),
    };
    Ok(changed == 1)
}
