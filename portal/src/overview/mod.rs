//! The steering group's overview: what is tested, what was implemented or rejected, which
//! follow-ups are due or overdue, which needs are shared most and how far each technology has
//! spread. Counted over what the reader may open, filtered by county, organisation and period;
//! each view is a chart (SVG, drawn on the server), a table with the same numbers and a CSV.
//! Benefit realisation (nyttorealisering) is a table and a CSV of its own: per technology,
//! what the follow-ups at 12 and 24 months found.

pub mod routes;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::{Actor, policy};
use crate::catalog::CatalogData;
use crate::error::{AppError, FieldIssue};
use crate::followups::entity::follow_up;
use crate::reports::model::{Outcome, Status};
use crate::state::AppState;
use crate::technologies::UseStatus;
use crate::trials::TrialPhase;
use crate::trials::entity::participant;
use crate::web::csv_out::{CsvOut, Flavour};
use crate::{followups, needs, reports, technologies, trials};

/// The filters every view takes.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct OverviewFilter {
    /// County code ("04").
    pub county: Option<String>,
    /// SCB code of one organisation.
    pub organisation: Option<String>,
    /// First day of the period (ÅÅÅÅ-MM-DD).
    pub from: Option<String>,
    /// Last day of the period (ÅÅÅÅ-MM-DD).
    pub to: Option<String>,
}

/// One row of a view: a label and one number per series.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Row {
    pub label: String,
    pub values: Vec<u64>,
}

impl Row {
    pub fn total(&self) -> u64 {
        self.values.iter().sum()
    }

    /// The share of the total in series `i`, in whole per cent ("0" for an empty row).
    pub fn percent(&self, i: usize) -> u64 {
        let total = self.total();
        let part = self.values.get(i).copied().unwrap_or(0);
        (part * 100 + total / 2).checked_div(total).unwrap_or(0)
    }
}

/// One view: its key (for the CSV address), heading, series names and rows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct View {
    pub key: &'static str,
    pub title: String,
    /// What the numbers count, one name per series.
    pub series: Vec<String>,
    pub rows: Vec<Row>,
}

/// A follow-up that is due or overdue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DueFollowUp {
    pub trial: String,
    pub url: String,
    pub months: i32,
    pub due_on: NaiveDate,
    /// `aktuell` or `forsenad`.
    pub state: String,
    pub state_label: String,
}

/// Benefit realisation of one technology (a catalogue entry, or else the technology a trial
/// names), over the recorded follow-ups of the trials of it in scope.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Benefit {
    pub technology: String,
    /// Organisations leading a trial of it that has a recorded follow-up.
    pub organisations: u64,
    /// Recorded follow-ups.
    pub follow_ups: u64,
    /// Mean change of the indicators from their baseline at the 12-month follow-up, in per
    /// cent of the baseline, positive when better (whichever way the indicator improves).
    /// Missing without recorded values (or with a baseline of 0).
    pub change_12: Option<f64>,
    /// The same at the 24-month follow-up.
    pub change_24: Option<f64>,
    /// Share of the follow-ups that answered it which found the technology still in use, in
    /// per cent.
    pub still_in_use: Option<f64>,
    /// Follow-ups with the effects written down.
    pub effects: u64,
}

/// Where benefit realisation is downloaded, in the overview's CSV and zip.
pub const BENEFITS_KEY: &str = "nyttorealisering";
pub const BENEFITS_TITLE: &str = "overview-view-benefits";

/// What a view is called: its key (its CSV is `/oversikt/{key}.csv`) and the catalogue key of
/// its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    pub key: &'static str,
    pub title_key: &'static str,
}

impl Heading {
    /// The heading in `lang`.
    pub fn title_in(self, lang: crate::web::i18n::Lang) -> String {
        crate::web::i18n::text(lang, self.title_key)
    }

    /// The heading in the language of the page being rendered.
    pub fn title(self) -> String {
        self.title_in(crate::web::i18n::lang())
    }
}

pub const PHASES: Heading = Heading {
    key: "faser",
    title_key: "overview-view-phases",
};
pub const OUTCOMES: Heading = Heading {
    key: "utfall",
    title_key: "overview-view-outcomes",
};
pub const CATEGORIES: Heading = Heading {
    key: "kategorier",
    title_key: "overview-view-categories",
};
pub const ORGANISATIONS: Heading = Heading {
    key: "organisationer",
    title_key: "overview-view-organisations",
};
pub const FOLLOW_UPS: Heading = Heading {
    key: "uppfoljningar",
    title_key: "overview-view-follow-ups",
};
pub const NEEDS: Heading = Heading {
    key: "behov",
    title_key: "overview-view-needs",
};
pub const SPREAD: Heading = Heading {
    key: "spridning",
    title_key: "overview-view-spread",
};
pub const FRESHNESS: Heading = Heading {
    key: "aktualitet",
    title_key: "overview-view-freshness",
};

/// Every view, in the overview's order. Each is downloaded as `/oversikt/{key}.csv`, and so is
/// benefit realisation ([`BENEFITS`]); `/oversikt/alla.zip` holds them all.
pub const VIEWS: [Heading; 8] = [
    PHASES,
    OUTCOMES,
    CATEGORIES,
    ORGANISATIONS,
    FOLLOW_UPS,
    NEEDS,
    SPREAD,
    FRESHNESS,
];

/// Benefit realisation, a table and CSV of its own beside the views.
pub const BENEFITS: Heading = Heading {
    key: BENEFITS_KEY,
    title_key: BENEFITS_TITLE,
};

/// Every view of the overview.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Overview {
    pub views: Vec<View>,
    pub follow_ups_due: Vec<DueFollowUp>,
    /// Benefit realisation, most widely followed-up technology first.
    pub benefits: Vec<Benefit>,
}

/// The checked filters.
struct Scope {
    /// Organisations in scope (county or one organisation); `None` means all.
    organisations: Option<Vec<Uuid>>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Scope {
    /// "The organisation in `column` is in scope".
    fn organisation<C: ColumnTrait>(&self, column: C) -> Condition {
        match &self.organisations {
            None => Condition::all(),
            Some(set) => Condition::all().add(column.is_in(set.iter().copied())),
        }
    }

    /// The first instant of the period and the first instant after it, in UTC.
    fn instants(&self) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        (
            self.from.and_then(start),
            self.to.and_then(|d| d.succ_opt()).and_then(start),
        )
    }

    /// "The day in the date column `day` is in the period".
    fn day<C: ColumnTrait>(&self, day: C) -> Condition {
        let mut c = Condition::all();
        if let Some(from) = self.from {
            c = c.add(day.gte(from));
        }
        if let Some(to) = self.to {
            c = c.add(day.lte(to));
        }
        c
    }

    /// "The UTC day of the timestamp column `at` is in the period".
    fn instant<C: ColumnTrait>(&self, at: C) -> Condition {
        let (from, until) = self.instants();
        let mut c = Condition::all();
        if let Some(from) = from {
            c = c.add(at.gte(from));
        }
        if let Some(until) = until {
            c = c.add(at.lt(until));
        }
        c
    }

    /// "The day in `day`, or else the UTC day of `at`, is in the period".
    fn day_or_instant<C: ColumnTrait>(&self, day: C, at: C) -> Condition {
        if self.from.is_none() && self.to.is_none() {
            return Condition::all();
        }
        Condition::any()
            .add(Condition::all().add(day.is_not_null()).add(self.day(day)))
            .add(Condition::all().add(day.is_null()).add(self.instant(at)))
    }
}

fn scope(filter: &OverviewFilter, catalog: &CatalogData) -> Result<Scope, AppError> {
    let mut issues = Vec::new();
    let blank = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let mut organisations: Option<HashSet<Uuid>> = None;
    if let Some(county) = blank(&filter.county) {
        if catalog.county_name(&county).is_none() {
            issues.push(FieldIssue::new(
                "county",
                crate::web::i18n::t_with(
                    "overview-error-unknown-county",
                    "county",
                    &crate::privacy::quoted(&county),
                ),
            ));
        }
        organisations = Some(
            catalog
                .organisations
                .iter()
                .filter(|o| o.county_code == county)
                .map(|o| o.id)
                .collect(),
        );
    }
    if let Some(code) = blank(&filter.organisation)
        && let Some(o) = catalog.organisation_named(&code, "organisation", &mut issues)
    {
        let one: HashSet<Uuid> = [o.id].into();
        organisations = Some(match organisations {
            Some(set) => set.intersection(&one).copied().collect(),
            None => one,
        });
    }
    let from = crate::web::date_field(filter.from.as_deref().unwrap_or(""), "from", &mut issues);
    let to = crate::web::date_field(filter.to.as_deref().unwrap_or(""), "to", &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    Ok(Scope {
        organisations: organisations.map(|set| {
            let mut ids: Vec<Uuid> = set.into_iter().collect();
            ids.sort_unstable();
            ids
        }),
        from,
        to,
    })
}

/// A view of one series (named by its catalogue key), in the language of the request.
fn single(heading: Heading, series: &str, counts: Vec<(String, u64)>) -> View {
    View {
        key: heading.key,
        title: heading.title(),
        series: vec![crate::web::i18n::t(series)],
        rows: counts
            .into_iter()
            .map(|(label, n)| Row {
                label,
                values: vec![n],
            })
            .collect(),
    }
}

/// Counts by label, largest first (then by label).
fn ranked(counts: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The trials counted: those `actor` may open, led by or taken part in by an organisation in
/// scope, started (or else created) in the period.
fn trials_in_scope(actor: &Actor, catalog: &CatalogData, scope: &Scope) -> Condition {
    use sea_orm::sea_query::ExprTrait;
    use trials::entity::Column;
    let mut c = Condition::all()
        .add(trials::live())
        .add(policy::visible_condition(
            actor,
            &trials::readers(),
            catalog,
        ))
        .add(scope.day_or_instant(Column::StartsOn, Column::CreatedAt));
    if let Some(set) = &scope.organisations {
        c = c.add(
            Condition::any()
                .add(Column::LeadOrganisationId.is_in(set.iter().copied()))
                .add(
                    Expr::col((trials::entity::Entity, Column::Id)).in_subquery(
                        Query::select()
                            .column(participant::Column::TrialId)
                            .from(participant::Entity)
                            .and_where(
                                participant::Column::OrganisationId.is_in(set.iter().copied()),
                            )
                            .to_owned(),
                    ),
                ),
        );
    }
    c
}

/// The overview as `actor` may see it: every number counted in the database over what the
/// reader may open.
#[tracing::instrument(skip_all)]
pub async fn build(
    state: &AppState,
    actor: &Actor,
    filter: &OverviewFilter,
) -> Result<Overview, AppError> {
    // Counting every view takes tens of milliseconds on a county's data; the answer stands
    // until anything is written, for every reader with the same principals.
    let head = crate::changes::head(&state.db).await?;
    let mut principals = crate::auth::policy::principals(actor);
    principals.sort();
    let key = format!(
        "overview {} {:?} {:?} {:?} {:?} {}",
        principals.join(","),
        filter.county,
        filter.organisation,
        filter.from,
        filter.to,
        crate::web::stockholm_date(state.clock.now()),
    );
    if let Some(kept) = state.memo.get::<Overview>(&key, head) {
        return Ok((*kept).clone());
    }
    let overview = build_views(state, actor, filter, None).await?;
    state
        .memo
        .put(key, head, std::sync::Arc::new(overview.clone()));
    Ok(overview)
}

/// The overview as `actor` may see it, counting only the view `only` when given (the other
/// views are left without rows): a CSV export counts just its own view.
#[tracing::instrument(skip_all)]
pub async fn build_views(
    state: &AppState,
    actor: &Actor,
    filter: &OverviewFilter,
    only: Option<&str>,
) -> Result<Overview, AppError> {
    use sea_orm::sea_query::ExprTrait;
    let want = |key: &str| only.is_none_or(|k| k == key);
    let catalog = state.catalog.get();
    let scope = scope(filter, &catalog)?;
    let today = crate::web::stockholm_date(state.clock.now());
    let db = &state.db;
    let name_of = |id: Uuid| {
        catalog
            .organisation_by_id(id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    };
    let counted = trials_in_scope(actor, &catalog, &scope);
    let counted_ids = || {
        trials::entity::Entity::find()
            .select_only()
            .column(trials::entity::Column::Id)
            .filter(counted.clone())
            .into_query()
    };

    // Trials: by phase, category and organisation.
    let phases: HashMap<String, i64> = if want(PHASES.key) {
        trials::entity::Entity::find()
            .select_only()
            .column(trials::entity::Column::Phase)
            .expr(Expr::cust("COUNT(*)"))
            .filter(counted.clone())
            .group_by(trials::entity::Column::Phase)
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    } else {
        HashMap::new()
    };
    let by_phase = TrialPhase::ALL
        .iter()
        .map(|p| {
            (
                p.label().to_owned(),
                count(phases.get(p.as_str()).copied().unwrap_or(0)),
            )
        })
        .collect();
    let mut categories: HashMap<String, u64> = HashMap::new();
    let by_category = if want(CATEGORIES.key) {
        trials::entity::Entity::find()
            .select_only()
            .column(trials::entity::Column::CategoryId)
            .expr(Expr::cust("COUNT(*)"))
            .filter(counted.clone())
            .group_by(trials::entity::Column::CategoryId)
            .into_tuple::<(Option<Uuid>, i64)>()
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    for (category, n) in by_category {
        let name = category
            .and_then(|c| catalog.category_by_id(c))
            .map_or_else(
                || crate::web::i18n::t("overview-no-category"),
                |c| c.name.clone(),
            );
        *categories.entry(name).or_default() += count(n);
    }
    let mut organisations: HashMap<String, u64> = HashMap::new();
    let leads = if want(ORGANISATIONS.key) {
        trials::entity::Entity::find()
            .select_only()
            .column(trials::entity::Column::LeadOrganisationId)
            .expr(Expr::cust("COUNT(*)"))
            .filter(counted.clone())
            .filter(scope.organisation(trials::entity::Column::LeadOrganisationId))
            .group_by(trials::entity::Column::LeadOrganisationId)
            .into_tuple::<(Uuid, i64)>()
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let partners = if want(ORGANISATIONS.key) {
        participant::Entity::find()
            .select_only()
            .column(participant::Column::OrganisationId)
            .expr(Expr::cust("COUNT(*)"))
            .filter(participant::Column::TrialId.in_subquery(counted_ids()))
            .filter(scope.organisation(participant::Column::OrganisationId))
            // A lead counts once, as the lead.
            .filter(
                Expr::col((participant::Entity, participant::Column::OrganisationId))
                    .not_in_subquery(
                        Query::select()
                            .column(trials::entity::Column::LeadOrganisationId)
                            .from(trials::entity::Entity)
                            .and_where(
                                Expr::col((trials::entity::Entity, trials::entity::Column::Id))
                                    .equals((participant::Entity, participant::Column::TrialId)),
                            )
                            .to_owned(),
                    ),
            )
            .group_by(participant::Column::OrganisationId)
            .into_tuple::<(Uuid, i64)>()
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    for (org, n) in leads.into_iter().chain(partners) {
        *organisations.entry(name_of(org)).or_default() += count(n);
    }

    // Reports by outcome.
    let outcomes: HashMap<String, i64> = if want(OUTCOMES.key) {
        {
            use reports::entity::Column;
            reports::entity::Entity::find()
                .select_only()
                .column(Column::Outcome)
                .expr(Expr::cust("COUNT(*)"))
                .filter(Column::Outcome.is_not_null())
                .filter(Column::Status.eq(Status::Publicerad.as_str()))
                .filter(policy::visible_condition(
                    actor,
                    &reports::readers(),
                    &catalog,
                ))
                .filter(scope.organisation(Column::OrganisationId))
                .filter(scope.day_or_instant(Column::PublishedOn, Column::CreatedAt))
                .group_by(Column::Outcome)
                .into_tuple::<(String, i64)>()
                .all(db)
                .await?
                .into_iter()
                .collect()
        }
    } else {
        HashMap::new()
    };
    let by_outcome = Outcome::ALL
        .iter()
        .map(|o| {
            (
                o.label().to_owned(),
                count(outcomes.get(o.as_str()).copied().unwrap_or(0)),
            )
        })
        .collect();

    // Follow-ups due and overdue, of the trials in scope.
    let due = if want(FOLLOW_UPS.key) {
        follow_up::Entity::find()
            .filter(follow_up::Column::RecordedAt.is_null())
            .filter(follow_up::Column::DueOn.lte(today))
            .filter(follow_up::Column::TrialId.in_subquery(counted_ids()))
            .order_by_asc(follow_up::Column::DueOn)
            .order_by_asc(follow_up::Column::Id)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let mut due_trials: HashMap<Uuid, trials::entity::Model> = HashMap::new();
    let wanted: Vec<Uuid> = due
        .iter()
        .map(|f| f.trial_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    for chunk in wanted.chunks(500) {
        for trial in trials::entity::Entity::find()
            .filter(trials::entity::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            due_trials.insert(trial.id, trial);
        }
    }
    let mut follow_ups_due = Vec::new();
    for f in due {
        let Some(trial) = due_trials.get(&f.trial_id) else {
            continue;
        };
        let (code, label) = followups::state_of(&f, today);
        if code == "kommande" {
            continue;
        }
        follow_ups_due.push(DueFollowUp {
            trial: trial.title.clone(),
            url: format!("{}#uppfoljning", trials::url(trial)),
            months: f.months,
            due_on: f.due_on,
            state: code.to_owned(),
            state_label: label.to_owned(),
        });
    }
    let due_counts = vec![
        (
            crate::web::i18n::t("follow-up-due"),
            follow_ups_due
                .iter()
                .filter(|f| f.state == "aktuell")
                .count() as u64,
        ),
        (
            crate::web::i18n::t("follow-up-overdue"),
            follow_ups_due
                .iter()
                .filter(|f| f.state == "forsenad")
                .count() as u64,
        ),
    ];

    // The ten needs shared by the most organisations (then by title, in code point order on
    // both backends).
    let shared: Vec<(String, u64)> = if want(NEEDS.key) {
        {
            use needs::entity::Column;
            let mut query = needs::entity::Entity::find()
                .select_only()
                .column(Column::Title)
                .expr(needs::endorsement_count())
                .filter(needs::live())
                .filter(policy::visible_condition(
                    actor,
                    &needs::readers(),
                    &catalog,
                ))
                .filter(scope.instant(Column::CreatedAt));
            if let Some(set) = &scope.organisations {
                query = query.filter(
                    Condition::any()
                        .add(Column::OrganisationId.is_in(set.iter().copied()))
                        .add(needs::endorsed_by_any(set)),
                );
            }
            let by_title = match db.get_database_backend() {
                sea_orm::DatabaseBackend::Postgres => {
                    Expr::cust("\"needs\".\"title\" COLLATE \"C\"")
                }
                _ => Expr::col((needs::entity::Entity, Column::Title)),
            };
            query
                .order_by(needs::endorsement_count(), Order::Desc)
                .order_by(by_title, Order::Asc)
                .limit(10)
                .into_tuple::<(String, i64)>()
                .all(db)
                .await?
                .into_iter()
                .map(|(title, n)| (title, 1 + count(n)))
                .collect()
        }
    } else {
        Vec::new()
    };

    // The spread of each technology, by status of use.
    let uses = if want(SPREAD.key) {
        {
            use technologies::entity::usage::Column;
            technologies::entity::usage::Entity::find()
                .select_only()
                .column(Column::TechnologyId)
                .column(Column::Status)
                .expr(Expr::cust("COUNT(*)"))
                .filter(scope.organisation(Column::OrganisationId))
                .filter(Column::WithdrawnAt.is_null())
                .filter(
                    Condition::any()
                        .add(Column::Since.is_null())
                        .add(scope.day(Column::Since)),
                )
                .group_by(Column::TechnologyId)
                .group_by(Column::Status)
                .into_tuple::<(Uuid, String, i64)>()
                .all(db)
                .await?
        }
    } else {
        Vec::new()
    };
    let mut by_entry: HashMap<Uuid, Vec<u64>> = HashMap::new();
    for (entry, status, n) in uses {
        if let Some(i) = UseStatus::ALL.iter().position(|s| s.as_str() == status) {
            let values = by_entry
                .entry(entry)
                .or_insert_with(|| vec![0u64; UseStatus::ALL.len()]);
            if let Some(slot) = values.get_mut(i) {
                *slot += count(n);
            }
        }
    }
    let entry_ids: Vec<Uuid> = by_entry.keys().copied().collect();
    let mut spread: Vec<Row> = Vec::new();
    for chunk in entry_ids.chunks(500) {
        for (id, name) in technologies::entity::Entity::find()
            .select_only()
            .column(technologies::entity::Column::Id)
            .column(technologies::entity::Column::Name)
            .filter(technologies::entity::Column::Id.is_in(chunk.iter().copied()))
            // Withdrawn entries and proposals are not in the catalogue's spread.
            .filter(technologies::in_catalogue())
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
        {
            if let Some(values) = by_entry.remove(&id) {
                spread.push(Row {
                    label: name,
                    values,
                });
            }
        }
    }
    spread.retain(|r| r.total() > 0);
    spread.sort_by(|a, b| {
        b.total()
            .cmp(&a.total())
            .then_with(|| a.label.cmp(&b.label))
    });

    let benefits = if want(BENEFITS_KEY) {
        benefits(db, counted_ids()).await?
    } else {
        Vec::new()
    };

    // How current each organisation's reports and trials are.
    let mut freshness: Vec<Row> = if want(FRESHNESS.key) {
        crate::freshness::counts_per_organisation(
            db,
            actor,
            &catalog,
            scope.organisations.as_deref(),
            crate::freshness::stale_before(state.clock.now(), state.settings.stale_after_months),
        )
        .await?
        .into_iter()
        .map(|(organisation, values)| Row {
            label: name_of(organisation),
            values: values.to_vec(),
        })
        .collect()
    } else {
        Vec::new()
    };
    freshness.sort_by(|a, b| {
        b.percent(1)
            .cmp(&a.percent(1))
            .then_with(|| a.label.cmp(&b.label))
    });

    Ok(Overview {
        benefits,
        views: vec![
            single(PHASES, "overview-series-trials", by_phase),
            single(OUTCOMES, "overview-series-reports", by_outcome),
            single(CATEGORIES, "overview-series-trials", ranked(categories)),
            single(
                ORGANISATIONS,
                "overview-series-trials",
                ranked(organisations),
            ),
            single(FOLLOW_UPS, "overview-series-follow-ups", due_counts),
            single(NEEDS, "overview-series-organisations-with-need", shared),
            View {
                key: SPREAD.key,
                title: SPREAD.title(),
                series: UseStatus::ALL
                    .iter()
                    .map(|s| s.label().to_owned())
                    .collect(),
                rows: spread,
            },
            View {
                key: FRESHNESS.key,
                title: FRESHNESS.title(),
                series: vec![
                    crate::web::i18n::t("overview-series-current"),
                    crate::web::i18n::t("overview-series-maybe-outdated"),
                ],
                rows: freshness,
            },
        ],
        follow_ups_due,
    })
}

/// The technology a trial is of: its catalogue entry's name, else the name it gives.
fn technology_label() -> sea_orm::sea_query::SimpleExpr {
    Expr::cust("COALESCE(\"technologies\".\"name\", \"trials\".\"technology\")")
}

/// The follow-ups of the trials in `counted`, joined to their trial and its catalogue entry.
fn recorded_follow_ups(
    from: sea_orm::sea_query::SelectStatement,
    counted: sea_orm::sea_query::SelectStatement,
) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    let mut query = from;
    query
        .inner_join(
            trials::entity::Entity,
            Expr::col((trials::entity::Entity, trials::entity::Column::Id))
                .equals((follow_up::Entity, follow_up::Column::TrialId)),
        )
        .left_join(
            technologies::entity::Entity,
            Expr::col((
                technologies::entity::Entity,
                technologies::entity::Column::Id,
            ))
            .equals((trials::entity::Entity, trials::entity::Column::TechnologyId)),
        )
        .and_where(Expr::col((follow_up::Entity, follow_up::Column::RecordedAt)).is_not_null())
        .and_where(Expr::col((follow_up::Entity, follow_up::Column::TrialId)).in_subquery(counted));
    query
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct ChangeRow {
    label: String,
    months: i32,
    change: Option<f64>,
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct FollowUpRow {
    label: String,
    organisations: i64,
    follow_ups: i64,
    in_use: Option<i64>,
    answered: i64,
    effects: Option<i64>,
}

/// Benefit realisation per technology, counted in the database over the recorded follow-ups
/// of the trials `counted` selects.
async fn benefits(
    db: &sea_orm::DatabaseConnection,
    counted: sea_orm::sea_query::SelectStatement,
) -> Result<Vec<Benefit>, AppError> {
    use sea_orm::FromQueryResult;
    use sea_orm::sea_query::{Alias, ExprTrait};

    use crate::followups::entity::{indicator, value};
    let backend = db.get_database_backend();
    // Better is positive: a falling indicator that should fall has improved.
    let change = Expr::cust(
        "AVG((CASE WHEN \"trial_indicators\".\"direction\" = 'lagre' \
         THEN \"trial_indicators\".\"baseline\" - \"follow_up_values\".\"value\" \
         ELSE \"follow_up_values\".\"value\" - \"trial_indicators\".\"baseline\" END) \
         * 100.0 / ABS(\"trial_indicators\".\"baseline\"))",
    );
    let mut changes = Query::select();
    changes
        .expr_as(technology_label(), Alias::new("label"))
        .expr_as(
            Expr::col((follow_up::Entity, follow_up::Column::Months)),
            Alias::new("months"),
        )
        .expr_as(change, Alias::new("change"))
        .from(value::Entity)
        .inner_join(
            follow_up::Entity,
            Expr::col((follow_up::Entity, follow_up::Column::Id))
                .equals((value::Entity, value::Column::FollowUpId)),
        )
        .inner_join(
            indicator::Entity,
            Expr::col((indicator::Entity, indicator::Column::Id))
                .equals((value::Entity, value::Column::IndicatorId)),
        )
        .and_where(Expr::col((indicator::Entity, indicator::Column::Baseline)).ne(0.0))
        // A withdrawn indicator counts nowhere.
        .and_where(Expr::col((indicator::Entity, indicator::Column::WithdrawnAt)).is_null());
    let mut changes = recorded_follow_ups(changes, counted.clone());
    changes.add_group_by([
        technology_label(),
        Expr::col((follow_up::Entity, follow_up::Column::Months)),
    ]);
    let changes = ChangeRow::find_by_statement(backend.build(&changes))
        .all(db)
        .await?;

    let mut follow_ups = Query::select();
    follow_ups
        .expr_as(technology_label(), Alias::new("label"))
        .expr_as(
            Expr::cust("COUNT(DISTINCT \"trials\".\"lead_organisation_id\")"),
            Alias::new("organisations"),
        )
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("follow_ups"))
        .expr_as(
            Expr::cust("SUM(CASE WHEN \"follow_ups\".\"still_in_use\" THEN 1 ELSE 0 END)"),
            Alias::new("in_use"),
        )
        .expr_as(
            Expr::cust("COUNT(\"follow_ups\".\"still_in_use\")"),
            Alias::new("answered"),
        )
        .expr_as(
            Expr::cust(
                "SUM(CASE WHEN TRIM(\"follow_ups\".\"effects_md\") <> '' THEN 1 ELSE 0 END)",
            ),
            Alias::new("effects"),
        )
        .from(follow_up::Entity);
    let mut follow_ups = recorded_follow_ups(follow_ups, counted);
    follow_ups.add_group_by([technology_label()]);
    let rows = FollowUpRow::find_by_statement(backend.build(&follow_ups))
        .all(db)
        .await?;

    let mut out: Vec<Benefit> = rows
        .into_iter()
        .map(|r| {
            let change_at = |months: i32| {
                changes
                    .iter()
                    .find(|c| c.label == r.label && c.months == months)
                    .and_then(|c| c.change)
            };
            let in_use = r.in_use.unwrap_or(0);
            Benefit {
                change_12: change_at(12),
                change_24: change_at(24),
                still_in_use: (r.answered > 0).then(|| in_use as f64 * 100.0 / r.answered as f64),
                organisations: count(r.organisations),
                follow_ups: count(r.follow_ups),
                effects: count(r.effects.unwrap_or(0)),
                technology: r.label,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.organisations
            .cmp(&a.organisations)
            .then_with(|| a.technology.cmp(&b.technology))
    });
    Ok(out)
}

/// A view as CSV: the label column, then one column per series (the numbers of the table).
pub fn csv(view: &View, flavour: Flavour) -> Result<Vec<u8>, AppError> {
    let mut writer = CsvOut::new(flavour);
    let mut header = vec![view.title.clone()];
    header.extend(view.series.iter().cloned());
    writer.row(&header)?;
    for row in &view.rows {
        let mut record = vec![row.label.clone()];
        record.extend(row.values.iter().map(u64::to_string));
        writer.row_with_numbers(&record)?;
    }
    writer.finish()
}

/// The catalogue keys of the column headings of benefit realisation, in the table and the CSV.
const BENEFIT_COLUMNS: [&str; 7] = [
    "overview-benefits-technology",
    "overview-benefits-organisations",
    "overview-benefits-follow-ups",
    "overview-benefits-change-12",
    "overview-benefits-change-24",
    "overview-benefits-still-in-use",
    "overview-benefits-effects",
];

/// The column headings of benefit realisation in the language of the request.
pub fn benefit_columns() -> [String; 7] {
    BENEFIT_COLUMNS.map(crate::web::i18n::t)
}

/// The cells of one technology's benefit realisation (blank where nothing was recorded).
pub fn benefit_cells(b: &Benefit, flavour: Flavour) -> [String; 7] {
    let decimal = |v: Option<f64>| v.map(|v| flavour.decimal(v, 1)).unwrap_or_default();
    [
        b.technology.clone(),
        b.organisations.to_string(),
        b.follow_ups.to_string(),
        decimal(b.change_12),
        decimal(b.change_24),
        decimal(b.still_in_use),
        b.effects.to_string(),
    ]
}

/// Benefit realisation as CSV.
pub fn benefits_csv(benefits: &[Benefit], flavour: Flavour) -> Result<Vec<u8>, AppError> {
    let mut writer = CsvOut::new(flavour);
    writer.row(benefit_columns())?;
    for b in benefits {
        writer.row_with_numbers(benefit_cells(b, flavour))?;
    }
    writer.finish()
}

/// Every view and benefit realisation, one CSV file each, in one zip archive.
pub fn zip_of(
    overview: &Overview,
    flavour: Flavour,
    at: chrono::NaiveDateTime,
) -> Result<Vec<u8>, AppError> {
    use std::io::Write;

    use chrono::{Datelike, Timelike};
    let failed = |e: zip::result::ZipError| AppError::internal_from("zip", e);
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(at.year()).unwrap_or(1980),
        u8::try_from(at.month()).unwrap_or(1),
        u8::try_from(at.day()).unwrap_or(1),
        u8::try_from(at.hour()).unwrap_or(0),
        u8::try_from(at.minute()).unwrap_or(0),
        u8::try_from(at.second()).unwrap_or(0),
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for view in &overview.views {
        files.push((format!("noden-{}.csv", view.key), csv(view, flavour)?));
    }
    files.push((
        format!("noden-{BENEFITS_KEY}.csv"),
        benefits_csv(&overview.benefits, flavour)?,
    ));
    for (name, bytes) in files {
        archive.start_file(name, options).map_err(failed)?;
        archive
            .write_all(&bytes)
            .map_err(|e| AppError::internal_from("zip", e))?;
    }
    let cursor = archive.finish().map_err(failed)?;
    Ok(cursor.into_inner())
}

/// One bar segment of a chart, in SVG user units.
#[derive(Debug, Clone)]
pub struct Segment {
    pub x: u32,
    pub width: u32,
    pub series: usize,
}

/// One bar of a chart: its label, wrapped onto lines above it (never cut), then the bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The full label.
    pub label: String,
    /// The label's lines with the baseline of each.
    pub lines: Vec<(u32, String)>,
    /// The top of the bar.
    pub y: u32,
    pub total: u64,
    pub segments: Vec<Segment>,
    /// Where the total is written, just right of the bar.
    pub total_x: u32,
}

/// A horizontal bar chart laid out for an SVG drawn by the page template. It is drawn
/// narrow (about a phone's width in user units), so its text stays readable when the SVG is
/// scaled down to a phone, with each label on whole lines above its bar.
#[derive(Debug, Clone)]
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub bar_height: u32,
    pub bars: Vec<Bar>,
}

pub const BAR_HEIGHT: u32 = 18;
const CHART_WIDTH: u32 = 360;
const PLOT_WIDTH: u32 = 312;
const LINE_HEIGHT: u32 = 16;
const FONT_ASCENT: u32 = 13;
const GAP: u32 = 12;
/// Characters on one label line: 13-unit text of this font averages under 7 units a letter.
const WRAP_AT: usize = 44;

/// `text` broken between words into lines of at most `width` characters; a longer word is
/// broken inside. Nothing is left out.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let rest = word.split_off(width);
            lines.push(word.into_iter().collect());
            word = rest;
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays out `view` as stacked horizontal bars scaled to the largest total.
pub fn chart(view: &View) -> Chart {
    let max = view.rows.iter().map(Row::total).max().unwrap_or(0).max(1);
    let scale = |n: u64| -> u32 {
        u32::try_from(n.saturating_mul(u64::from(PLOT_WIDTH)) / max).unwrap_or(PLOT_WIDTH)
    };
    let mut top = 4;
    let bars = view
        .rows
        .iter()
        .map(|row| {
            let lines: Vec<(u32, String)> = wrap(&row.label, WRAP_AT)
                .into_iter()
                .map(|line| {
                    let baseline = top + FONT_ASCENT;
                    top += LINE_HEIGHT;
                    (baseline, line)
                })
                .collect();
            let y = top + 2;
            top = y + BAR_HEIGHT + GAP;
            let mut x = 0;
            let segments = row
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .map(|(series, v)| {
                    let width = scale(*v).max(2);
                    let segment = Segment { x, width, series };
                    x += width;
                    segment
                })
                .collect();
            Bar {
                label: row.label.clone(),
                lines,
                y,
                total: row.total(),
                segments,
                total_x: x + 6,
            }
        })
        .collect::<Vec<_>>();
    Chart {
        width: CHART_WIDTH,
        height: top.max(LINE_HEIGHT),
        bar_height: BAR_HEIGHT,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_and_column_has_words_in_both_languages() {
        use crate::web::i18n::{Lang, keys};
        let named: Vec<&str> = VIEWS
            .iter()
            .chain(std::iter::once(&BENEFITS))
            .map(|h| h.title_key)
            .chain(BENEFIT_COLUMNS)
            .collect();
        for lang in Lang::ALL {
            let known = keys(lang);
            for key in &named {
                assert!(known.contains(key), "{key} is missing in {lang:?}");
            }
        }
        assert_eq!(PHASES.title_in(Lang::En), "Trials by phase");
        assert_eq!(PHASES.title_in(Lang::Sv), "Tester per fas");
    }

    #[test]
    fn bars_are_scaled_to_the_largest_total_and_stacked_by_series() {
        let view = View {
            key: "spridning",
            title: "Spridning".into(),
            series: vec!["Testas".into(), "Infört".into()],
            rows: vec![
                Row {
                    label: "Kamera".into(),
                    values: vec![1, 3],
                },
                Row {
                    label: "Automat".into(),
                    values: vec![2, 0],
                },
            ],
        };
        let drawn = chart(&view);
        let first = &drawn.bars[0];
        assert_eq!(first.total, 4);
        assert_eq!(first.segments.len(), 2);
        assert_eq!(first.segments[0].x, 0);
        assert_eq!(first.lines, vec![(17, "Kamera".to_owned())]);
        assert!(drawn.bars[1].y > first.y + BAR_HEIGHT);
        assert_eq!(
            first.segments[0].width + first.segments[1].width,
            PLOT_WIDTH,
            "the largest bar fills the plot"
        );
        assert_eq!(drawn.bars[1].segments.len(), 1, "empty series draw nothing");
        assert_eq!(drawn.bars[1].segments[0].width, PLOT_WIDTH / 2);
        let csv = String::from_utf8(csv(&view, Flavour::Comma).unwrap()).unwrap();
        assert_eq!(csv, "Spridning,Testas,Infört\nKamera,1,3\nAutomat,2,0\n");
        let excel = csv_bytes_without_bom(&view);
        assert_eq!(excel, "Spridning;Testas;Infört\nKamera;1;3\nAutomat;2;0\n");
    }

    #[test]
    fn long_labels_wrap_onto_lines_and_keep_every_word() {
        let label = "Läkemedelsautomater med påminnelse i ordinärt boende och på korttidsboende";
        let lines = wrap(label, 30);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert_eq!(lines.join(" "), label);
        let long = "Välfärdsteknikkompetenscentrumsamordningsfunktionen";
        let lines = wrap(long, 20);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(wrap("", 10), vec![String::new()]);
    }

    fn csv_bytes_without_bom(view: &View) -> String {
        let bytes = csv(view, Flavour::Excel).unwrap();
        assert!(bytes.starts_with(crate::web::csv_out::BOM));
        String::from_utf8(bytes[3..].to_vec()).unwrap()
    }
}

/// The technology-coach network as the overview shows it: the active coaches in all and, per
/// organisation, how many, the hours a year they have set aside and the field reports posted
/// in the last [`FIELD_REPORT_DAYS`] days.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct CoachNetwork {
    pub active_coaches: u64,
    pub hours_per_year: i64,
    pub field_reports: i64,
    pub organisations: Vec<CoachNetworkRow>,
}

/// One organisation's part of the coach network.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoachNetworkRow {
    pub organisation: String,
    pub coaches: u64,
    pub hours_per_year: i64,
    /// Field reports posted in the last [`FIELD_REPORT_DAYS`] days.
    pub field_reports: i64,
}

/// The window of the coach network's "field reports a month".
pub const FIELD_REPORT_DAYS: i64 = 30;

/// The coach network's figures, counted in the database, as of `now`: one row for each
/// organisation with an active coach or a field report in the window, by name.
pub async fn coach_network<C: sea_orm::ConnectionTrait>(
    db: &C,
    catalog: &CatalogData,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<CoachNetwork, AppError> {
    let coaches = crate::coaches::network(db, catalog).await?;
    let since = now - chrono::Duration::days(FIELD_REPORT_DAYS);
    // Field reports by the name of their organisation, as the rows are keyed.
    let mut posted: std::collections::BTreeMap<String, i64> = Default::default();
    for (id, n) in crate::fieldreports::posted_per_organisation(db, since).await? {
        let name = catalog
            .organisation_by_id(id)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        *posted.entry(name).or_default() += n;
    }
    let mut rows: std::collections::BTreeMap<String, CoachNetworkRow> = Default::default();
    for r in coaches {
        let name = r.organisation.map(|o| o.name).unwrap_or_default();
        rows.insert(
            name.clone(),
            CoachNetworkRow {
                field_reports: posted.get(&name).copied().unwrap_or(0),
                organisation: name,
                coaches: r.coaches,
                hours_per_year: r.hours_per_year,
            },
        );
    }
    for (name, n) in posted {
        rows.entry(name.clone()).or_insert(CoachNetworkRow {
            organisation: name,
            coaches: 0,
            hours_per_year: 0,
            field_reports: n,
        });
    }
    let organisations: Vec<CoachNetworkRow> = rows.into_values().collect();
    Ok(CoachNetwork {
        active_coaches: organisations.iter().map(|r| r.coaches).sum(),
        hours_per_year: organisations.iter().map(|r| r.hours_per_year).sum(),
        field_reports: organisations.iter().map(|r| r.field_reports).sum(),
        organisations,
    })
}
