//! The steering group's overview: what is tested, what was implemented or rejected, which
//! follow-ups are due or overdue, which needs are shared most and how far each technology has
//! spread. Counted over what the reader may open, filtered by county, organisation and period;
//! each view is a chart (SVG, drawn on the server), a table with the same numbers and a CSV.

pub mod routes;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::{Action, Actor, can};
use crate::catalog::CatalogData;
use crate::error::{AppError, FieldIssue};
use crate::reports::model::Outcome;
use crate::state::AppState;
use crate::technologies::UseStatus;
use crate::trials::TrialPhase;
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
}

/// One view: its key (for the CSV address), heading, series names and rows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct View {
    pub key: &'static str,
    pub title: &'static str,
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

/// Every view of the overview.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Overview {
    pub views: Vec<View>,
    pub follow_ups_due: Vec<DueFollowUp>,
}

/// The checked filters.
struct Scope {
    /// Organisations in scope (county or one organisation); `None` means all.
    organisations: Option<HashSet<Uuid>>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Scope {
    fn any_of(&self, orgs: &[Uuid]) -> bool {
        self.organisations
            .as_ref()
            .is_none_or(|set| orgs.iter().any(|o| set.contains(o)))
    }

    fn in_period(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
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
                format!("Okänt län {}.", crate::privacy::quoted(&county)),
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
        organisations,
        from,
        to,
    })
}

fn single(
    key: &'static str,
    title: &'static str,
    series: &str,
    counts: Vec<(String, u64)>,
) -> View {
    View {
        key,
        title,
        series: vec![series.to_owned()],
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

/// The overview as `actor` may see it.
#[tracing::instrument(skip_all)]
pub async fn build(
    state: &AppState,
    actor: &Actor,
    filter: &OverviewFilter,
) -> Result<Overview, AppError> {
    let catalog = state.catalog.get();
    let scope = scope(filter, &catalog)?;
    let today = crate::web::stockholm_date(state.clock.now());
    let name_of = |id: Uuid| {
        catalog
            .organisation_by_id(id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    };

    // Trials: by phase, category and organisation.
    let mut phases: BTreeMap<usize, u64> = BTreeMap::new();
    let mut categories: HashMap<String, u64> = HashMap::new();
    let mut organisations: HashMap<String, u64> = HashMap::new();
    let mut in_scope: HashMap<Uuid, trials::entity::Model> = HashMap::new();
    let all_trials = trials::entity::Entity::find().all(&state.db).await?;
    let mut all_parties = trials::parties_of(&state.db, &all_trials).await?;
    for trial in all_trials {
        let Some(parties) = all_parties.remove(&trial.id) else {
            continue;
        };
        let started = trial
            .starts_on
            .unwrap_or_else(|| trial.created_at.date_naive());
        if !can(actor, Action::Read, &trials::resource(&trial, &parties))
            || !scope.any_of(&parties.all())
            || !scope.in_period(started)
        {
            continue;
        }
        if let Some(i) = TrialPhase::ALL
            .iter()
            .position(|p| p.as_str() == trial.phase)
        {
            *phases.entry(i).or_default() += 1;
        }
        let category = trial
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map_or_else(|| "Ingen kategori".to_owned(), |c| c.name.clone());
        *categories.entry(category).or_default() += 1;
        for org in parties.all().into_iter().filter(|o| scope.any_of(&[*o])) {
            *organisations.entry(name_of(org)).or_default() += 1;
        }
        in_scope.insert(trial.id, trial);
    }
    let by_phase = TrialPhase::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| (p.label().to_owned(), phases.get(&i).copied().unwrap_or(0)))
        .collect();

    // Reports by outcome.
    let mut outcomes: HashMap<String, u64> = HashMap::new();
    for report in reports::entity::Entity::find()
        .filter(reports::entity::Column::Outcome.is_not_null())
        .all(&state.db)
        .await?
    {
        let orgs: Vec<Uuid> = report.organisation_id.into_iter().collect();
        if !reports::is_published(&report)
            || !can(actor, Action::Read, &reports::resource(&report, &catalog))
            || !scope.any_of(&orgs)
            || !scope.in_period(reports::date(&report))
        {
            continue;
        }
        if let Some(outcome) = report.outcome.as_deref().and_then(Outcome::parse) {
            *outcomes.entry(outcome.label().to_owned()).or_default() += 1;
        }
    }
    let by_outcome = Outcome::ALL
        .iter()
        .map(|o| {
            (
                o.label().to_owned(),
                outcomes.get(o.label()).copied().unwrap_or(0),
            )
        })
        .collect();

    // Follow-ups due and overdue, of the trials in scope.
    let mut follow_ups_due = Vec::new();
    for f in followups::open_follow_ups(&state.db).await? {
        let Some(trial) = in_scope.get(&f.trial_id) else {
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
            "Dags att följa upp".to_owned(),
            follow_ups_due
                .iter()
                .filter(|f| f.state == "aktuell")
                .count() as u64,
        ),
        (
            "Försenad".to_owned(),
            follow_ups_due
                .iter()
                .filter(|f| f.state == "forsenad")
                .count() as u64,
        ),
    ];

    // Needs by the number of organisations sharing them.
    let all_needs = needs::entity::Entity::find().all(&state.db).await?;
    let ids: Vec<Uuid> = all_needs.iter().map(|n| n.id).collect();
    let mut endorsements = needs::endorsements_of(&state.db, &ids).await?;
    let mut shared: Vec<(String, u64)> = Vec::new();
    for need in all_needs {
        let mut orgs = vec![need.organisation_id];
        orgs.extend(
            endorsements
                .remove(&need.id)
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.organisation_id),
        );
        if !can(actor, Action::Read, &needs::resource(&need, &catalog))
            || !scope.any_of(&orgs)
            || !scope.in_period(need.created_at.date_naive())
        {
            continue;
        }
        shared.push((need.title, orgs.len() as u64));
    }
    shared.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    shared.truncate(10);

    // The spread of each technology, by status of use.
    let entries = technologies::entity::Entity::find().all(&state.db).await?;
    let entry_ids: Vec<Uuid> = entries.iter().map(|e| e.id).collect();
    let mut uses = technologies::uses_of(&state.db, &entry_ids).await?;
    let mut spread: Vec<Row> = entries
        .into_iter()
        .map(|entry| {
            let mut values = vec![0u64; UseStatus::ALL.len()];
            for u in uses.remove(&entry.id).unwrap_or_default() {
                let counted = scope.any_of(&[u.organisation_id])
                    && u.since.is_none_or(|d| scope.in_period(d));
                if let (true, Some(i)) = (
                    counted,
                    UseStatus::ALL.iter().position(|s| s.as_str() == u.status),
                ) && let Some(slot) = values.get_mut(i)
                {
                    *slot += 1;
                }
            }
            Row {
                label: entry.name,
                values,
            }
        })
        .filter(|r| r.total() > 0)
        .collect();
    spread.sort_by(|a, b| {
        b.total()
            .cmp(&a.total())
            .then_with(|| a.label.cmp(&b.label))
    });

    Ok(Overview {
        views: vec![
            single("faser", "Tester per fas", "Tester", by_phase),
            single("utfall", "Rapporternas utfall", "Rapporter", by_outcome),
            single(
                "kategorier",
                "Tester per kategori",
                "Tester",
                ranked(categories),
            ),
            single(
                "organisationer",
                "Tester per organisation (ledande eller deltagande)",
                "Tester",
                ranked(organisations),
            ),
            single(
                "uppfoljningar",
                "Uppföljningar att göra",
                "Uppföljningar",
                due_counts,
            ),
            single(
                "behov",
                "De mest delade behoven",
                "Organisationer med behovet",
                shared,
            ),
            View {
                key: "spridning",
                title: "Teknikens spridning i länet",
                series: UseStatus::ALL
                    .iter()
                    .map(|s| s.label().to_owned())
                    .collect(),
                rows: spread,
            },
        ],
        follow_ups_due,
    })
}

/// A view as CSV: the label column, then one column per series (the numbers of the table).
pub fn csv(view: &View) -> Result<Vec<u8>, AppError> {
    let mut writer = crate::web::csv_out::CsvOut::default();
    let mut header = vec![view.title.to_owned()];
    header.extend(view.series.iter().cloned());
    writer.row(&header)?;
    for row in &view.rows {
        let mut record = vec![row.label.clone()];
        record.extend(row.values.iter().map(u64::to_string));
        writer.row(&record)?;
    }
    writer.finish()
}

/// One bar segment of a chart, in SVG user units.
#[derive(Debug, Clone)]
pub struct Segment {
    pub x: u32,
    pub width: u32,
    pub series: usize,
}

/// One bar of a chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub y: u32,
    pub total: u64,
    pub segments: Vec<Segment>,
    /// Where the total is written, just right of the bar.
    pub total_x: u32,
}

/// A horizontal bar chart laid out for an SVG drawn by the page template.
#[derive(Debug, Clone)]
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub label_width: u32,
    pub bars: Vec<Bar>,
}

pub const BAR_HEIGHT: u32 = 22;
const ROW_HEIGHT: u32 = 30;
const CHART_WIDTH: u32 = 640;
const LABEL_WIDTH: u32 = 240;
const PLOT_WIDTH: u32 = 340;

/// Lays out `view` as stacked horizontal bars scaled to the largest total.
pub fn chart(view: &View) -> Chart {
    let max = view.rows.iter().map(Row::total).max().unwrap_or(0).max(1);
    let scale = |n: u64| -> u32 {
        u32::try_from(n.saturating_mul(u64::from(PLOT_WIDTH)) / max).unwrap_or(PLOT_WIDTH)
    };
    let bars = view
        .rows
        .iter()
        .zip(0u32..)
        .map(|(row, i)| {
            let mut x = LABEL_WIDTH;
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
                label: row.label.chars().take(40).collect(),
                y: i * ROW_HEIGHT + 4,
                total: row.total(),
                segments,
                total_x: x + 6,
            }
        })
        .collect::<Vec<_>>();
    Chart {
        width: CHART_WIDTH,
        height: (bars.len() as u32).max(1) * ROW_HEIGHT + 8,
        label_width: LABEL_WIDTH,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_total_and_stacked_by_series() {
        let view = View {
            key: "spridning",
            title: "Spridning",
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
        assert_eq!(first.segments[0].x, LABEL_WIDTH);
        assert_eq!(
            first.segments[0].width + first.segments[1].width,
            PLOT_WIDTH,
            "the largest bar fills the plot"
        );
        assert_eq!(drawn.bars[1].segments.len(), 1, "empty series draw nothing");
        assert_eq!(drawn.bars[1].segments[0].width, PLOT_WIDTH / 2);
        let csv = String::from_utf8(csv(&view).unwrap()).unwrap();
        assert_eq!(csv, "Spridning,Testas,Infört\nKamera,1,3\nAutomat,2,0\n");
    }
}
