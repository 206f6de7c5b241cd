//! Rows written straight into the database in bulk, for the list benchmark and for the tests
//! that need many rows: deterministic, spread over the given organisations, no request each.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use noden_portal::{followups, needs, reports, technologies, trials};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, EntityTrait, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

/// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound values.
const CHUNK: usize = 300;

/// How many rows of each kind to write.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub reports: usize,
    pub needs: usize,
    pub trials: usize,
    pub technologies: usize,
}

/// A small deterministic spread: the same `i` always gives the same number below `n`.
fn pick(i: usize, salt: usize, n: usize) -> usize {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (salt as u64);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    (x % n.max(1) as u64) as usize
}

/// public 60 %, network 25 %, organisation 15 %.
fn visibility(i: usize, salt: usize) -> &'static str {
    match pick(i, salt, 100) {
        0..60 => "public",
        60..85 => "network",
        _ => "organisation",
    }
}

fn id(kind: u128, i: usize) -> Uuid {
    Uuid::from_u128((kind << 96) | i as u128)
}

async fn insert_all<E, C>(db: &C, rows: Vec<E::ActiveModel>)
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<E::ActiveModel> = rows.by_ref().take(CHUNK).collect();
        E::insert_many(chunk)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
}

fn day(i: usize, salt: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(pick(i, salt, 2400) as i64)
}

fn report(
    i: usize,
    organisation: Uuid,
    status: &str,
    at: DateTime<Utc>,
    title: String,
) -> reports::entity::ActiveModel {
    const OUTCOMES: [Option<&str>; 6] = [
        None,
        Some("inford"),
        Some("ej-inford"),
        Some("forkastad"),
        Some("fortsatt-test"),
        Some("pagar"),
    ];
    reports::entity::ActiveModel {
        id: Set(id(1, i)),
        slug: Set(format!("lista-rapport-{i}")),
        title: Set(title),
        summary: Set("En rapport om välfärdsteknik i hemtjänsten.".to_owned()),
        body_md: Set("Vi testade tekniken i ett halvår.".to_owned()),
        body_html: Set("<p>Vi testade tekniken i ett halvår.</p>".to_owned()),
        kind: Set("testrapport".to_owned()),
        organisation_id: Set(Some(organisation)),
        tags: Set(serde_json::json!([])),
        outcome: Set(OUTCOMES[pick(i, 3, OUTCOMES.len())].map(str::to_owned)),
        phase: Set(None),
        target_groups: Set("ordinart-boende".to_owned()),
        visibility: Set(visibility(i, 4).to_owned()),
        workspace_id: Set(None),
        source_path: Set(None),
        published_on: Set((status == "publicerad").then(|| day(i, 5))),
        created_at: Set(at),
        updated_at: Set(at),
        status: Set(status.to_owned()),
        trial_id: Set(None),
        sections: Set(None),
        review_comment: Set(None),
        author_id: Set(None),
        pending_input: Set(None),
        pending_by: Set(None),
        pending_author_id: Set(None),
        pending_at: Set(None),
        pending_status: Set(None),
        owner_id: Set(None),
        confirmed_at: Set(None),
        archived_at: Set(None),
    }
}

/// `n` reports of `organisation` waiting for review, titled "Väntande rapport {i}", sent one
/// second apart from `now` on (the first is the oldest).
pub async fn waiting_reports<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    n: usize,
    now: DateTime<Utc>,
) {
    let rows = (0..n)
        .map(|i| {
            let mut row = report(
                1_000_000 + i,
                organisation,
                "granskas",
                now + Duration::seconds(i as i64),
                format!("Väntande rapport {i}"),
            );
            row.visibility = Set("public".to_owned());
            row
        })
        .collect();
    insert_all::<reports::entity::Entity, _>(db, rows).await;
}

/// Reports, needs (with endorsements), trials (with participants and some follow-ups due) and
/// catalogue entries (with uses) spread over `organisations`.
pub async fn seed<C: TransactionTrait>(
    db: &C,
    organisations: &[Uuid],
    categories: &[Uuid],
    counts: &Counts,
    now: DateTime<Utc>,
) {
    let org = |i: usize, salt: usize| organisations[pick(i, salt, organisations.len())];
    let category = |i: usize| (!categories.is_empty()).then(|| categories[i % categories.len()]);
    let at = |i: usize| now - Duration::minutes(pick(i, 7, 3_000_000) as i64);
    const GROUPS: [&str; 6] = [
        "ordinart-boende",
        "sarskilt-boende",
        "lss",
        "socialpsykiatri",
        "ifo",
        "hemsjukvard",
    ];

    let txn = db.begin().await.unwrap();
    // Reports: 2 % wait for review, 1 % are drafts, the rest are published.
    let rows = (0..counts.reports)
        .map(|i| {
            let status = match pick(i, 8, 100) {
                0..2 => "granskas",
                2..3 => "utkast",
                _ => "publicerad",
            };
            report(i, org(i, 1), status, at(i), format!("Rapport {i}"))
        })
        .collect();
    insert_all::<reports::entity::Entity, _>(&txn, rows).await;

    // Needs, each shared by up to four other organisations.
    const NEED_STATUSES: [&str; 5] = ["ny", "bedoms", "i-test", "atgardad", "avslutad"];
    let rows = (0..counts.needs)
        .map(|i| needs::entity::ActiveModel {
            id: Set(id(2, i)),
            slug: Set(format!("lista-behov-{i}")),
            title: Set(format!("Behov {i}")),
            description_md: Set("Vi behöver stöd nattetid.".to_owned()),
            description_html: Set("<p>Vi behöver stöd nattetid.</p>".to_owned()),
            target_group: Set(GROUPS[pick(i, 9, GROUPS.len())].to_owned()),
            category_id: Set(category(i)),
            organisation_id: Set(org(i, 10)),
            status: Set(NEED_STATUSES[pick(i, 11, NEED_STATUSES.len())].to_owned()),
            visibility: Set(visibility(i, 12).to_owned()),
            created_by: Set(None),
            created_at: Set(at(i)),
            updated_at: Set(at(i)),
            withdrawn_at: Set(None),
            withdrawn_by: Set(None),
        })
        .collect();
    insert_all::<needs::entity::Entity, _>(&txn, rows).await;
    let mut endorsements = Vec::new();
    for i in 0..counts.needs {
        let owner = org(i, 10);
        let mut seen = vec![owner];
        for k in 0..pick(i, 13, 5) {
            let other = org(i * 7 + k, 14);
            if !seen.contains(&other) {
                seen.push(other);
                endorsements.push(needs::entity::endorsement::ActiveModel {
                    need_id: Set(id(2, i)),
                    organisation_id: Set(other),
                    note: Set(String::new()),
                    user_id: Set(None),
                    created_at: Set(at(i)),
                    withdrawn_at: Set(None),
                    withdrawn_by: Set(None),
                });
            }
        }
    }
    insert_all::<needs::entity::endorsement::Entity, _>(&txn, endorsements).await;

    // Trials, a third of them joint, every 50th with a follow-up due.
    const PHASES: [&str; 4] = ["planerad", "pagar", "avslutad", "avbruten"];
    let rows = (0..counts.trials)
        .map(|i| trials::entity::ActiveModel {
            id: Set(id(3, i)),
            slug: Set(format!("lista-test-{i}")),
            title: Set(format!("Test {i}")),
            description_md: Set("Ett test i hemtjänsten.".to_owned()),
            description_html: Set("<p>Ett test i hemtjänsten.</p>".to_owned()),
            lead_organisation_id: Set(org(i, 15)),
            technology: Set("Nattkamera".to_owned()),
            product: Set(String::new()),
            supplier: Set(String::new()),
            target_group: Set(GROUPS[pick(i, 16, GROUPS.len())].to_owned()),
            category_id: Set(category(i)),
            starts_on: Set((pick(i, 17, 4) > 0).then(|| day(i, 18))),
            ends_on: Set(None),
            phase: Set(PHASES[pick(i, 19, PHASES.len())].to_owned()),
            visibility: Set(visibility(i, 20).to_owned()),
            created_at: Set(at(i)),
            updated_at: Set(at(i)),
            technology_id: Set(None),
            withdrawn_at: Set(None),
            withdrawn_by: Set(None),
            owner_id: Set(None),
            confirmed_at: Set(None),
            archived_at: Set(None),
        })
        .collect();
    insert_all::<trials::entity::Entity, _>(&txn, rows).await;
    let mut participants = Vec::new();
    let mut follow_ups = Vec::new();
    for i in 0..counts.trials {
        let lead = org(i, 15);
        let mut seen = vec![lead];
        if pick(i, 21, 3) == 0 {
            for k in 0..1 + pick(i, 22, 3) {
                let other = org(i * 5 + k, 23);
                if !seen.contains(&other) {
                    seen.push(other);
                    participants.push(trials::entity::participant::ActiveModel {
                        trial_id: Set(id(3, i)),
                        organisation_id: Set(other),
                    });
                }
            }
        }
        if i % 50 == 0 {
            follow_ups.push(followups::entity::follow_up::ActiveModel {
                id: Set(id(4, i)),
                trial_id: Set(id(3, i)),
                months: Set(12),
                due_on: Set(now.date_naive() - Duration::days(pick(i, 24, 60) as i64)),
                recorded_at: Set(None),
                recorded_by: Set(None),
                still_in_use: Set(None),
                effects_md: Set(String::new()),
                reminded_at: Set(None),
                overdue_reminded_at: Set(None),
                created_at: Set(at(i)),
            });
        }
    }
    insert_all::<trials::entity::participant::Entity, _>(&txn, participants).await;
    insert_all::<followups::entity::follow_up::Entity, _>(&txn, follow_ups).await;

    // The catalogue, each entry used by up to 30 organisations.
    const USES: [&str; 3] = ["test", "infort", "avvecklat"];
    let rows = (0..counts.technologies)
        .map(|i| technologies::entity::ActiveModel {
            id: Set(id(5, i)),
            slug: Set(format!("lista-teknik-{i}")),
            name: Set(format!("Teknik {i:04}")),
            description_md: Set("Ett hjälpmedel.".to_owned()),
            description_html: Set("<p>Ett hjälpmedel.</p>".to_owned()),
            category_id: Set(category(i)),
            supplier: Set("Leverantör AB".to_owned()),
            proximity: Set("brukarnara".to_owned()),
            standards: Set("[]".to_owned()),
            created_at: Set(at(i)),
            updated_at: Set(at(i)),
            withdrawn_at: Set(None),
            withdrawn_by: Set(None),
            status: Set("katalog".to_owned()),
            proposed_by: Set(None),
            decline_reason: Set(String::new()),
            owner_id: Set(None),
            confirmed_at: Set(None),
            archived_at: Set(None),
        })
        .collect();
    insert_all::<technologies::entity::Entity, _>(&txn, rows).await;
    let mut uses = Vec::new();
    for i in 0..counts.technologies {
        let mut seen = Vec::new();
        for k in 0..pick(i, 25, 30) {
            let user = org(i * 31 + k, 26);
            if !seen.contains(&user) {
                seen.push(user);
                uses.push(technologies::entity::usage::ActiveModel {
                    technology_id: Set(id(5, i)),
                    organisation_id: Set(user),
                    status: Set(USES[pick(i + k, 27, USES.len())].to_owned()),
                    since: Set(Some(day(i + k, 28))),
                    product: Set(String::new()),
                    contact: Set(String::new()),
                    updated_at: Set(at(i)),
                    withdrawn_at: Set(None),
                    withdrawn_by: Set(None),
                });
            }
        }
    }
    insert_all::<technologies::entity::usage::Entity, _>(&txn, uses).await;
    txn.commit().await.unwrap();
}
