//! The audit trail: who did what, when and from where. Append-only: nothing in the portal
//! updates or deletes a row. Node administrators read, filter and export it.

pub mod client;
pub mod routes;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::auth::{Actor, Identity};
use crate::error::AppError;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor_id: Option<Uuid>,
        pub actor: String,
        pub action: String,
        pub target: String,
        pub detail: String,
        pub client: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The name the importer acts under.
const IMPORT: &str = "noden import";

/// Who acts, for the policy and for the audit trail: the actor, a readable name and the
/// client address the request came from.
#[derive(Debug, Clone)]
pub struct By {
    pub actor: Actor,
    pub name: String,
    pub client: Option<String>,
    /// Loading content (`noden import`) tells no one by e-mail; see [`By::sends_mail`].
    quiet: bool,
}

impl By {
    /// The node itself, acting from the command line (`noden import`, `noden users`).
    pub fn command(name: &str) -> By {
        By {
            actor: Actor::System,
            name: name.to_owned(),
            client: None,
            quiet: false,
        }
    }

    /// `noden import` loading content: it writes as the node and e-mails no one.
    pub fn import() -> By {
        By {
            quiet: true,
            ..By::command(IMPORT)
        }
    }

    /// `noden import` loading content written in the name of a demo user (`actor`): it e-mails
    /// no one.
    pub fn import_as(actor: Actor, name: &str) -> By {
        By {
            actor,
            name: name.to_owned(),
            client: None,
            quiet: true,
        }
    }

    /// Whether the changes this actor makes are told to the people they concern by e-mail.
    pub fn sends_mail(&self) -> bool {
        !self.quiet
    }

    /// Someone not signed in, e.g. asking for a sign-in link.
    pub fn visitor(name: &str, client: Option<String>) -> By {
        By {
            actor: Actor::Anonymous,
            name: name.to_owned(),
            client,
            quiet: false,
        }
    }
}

/// The client address of a request: the peer's, or the one a trusted proxy forwarded
/// (see [`client`]).
pub fn client_of(req: &actix_web::HttpRequest) -> Option<String> {
    client_ip(req).map(|ip| ip.to_string())
}

/// [`client_of`] as an address.
pub fn client_ip(req: &actix_web::HttpRequest) -> Option<std::net::IpAddr> {
    let peer = req.peer_addr()?.ip();
    let trusted = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map(|state| state.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    Some(client::client_address(peer, req.headers(), trusted))
}

impl actix_web::FromRequest for By {
    type Error = AppError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<By, AppError>>>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let identity = Identity::from_request(req, payload);
        let client = client_of(req);
        Box::pin(async move {
            let identity = identity.await?;
            let name = match (&identity.session, &identity.actor) {
                (Some(session), _) => session.label(),
                (None, Actor::User(m)) => format!("token för {}", m.user_id),
                (None, Actor::System) => "administratörsnyckeln".to_owned(),
                (None, Actor::Anonymous) => "besökare".to_owned(),
            };
            Ok(By {
                actor: identity.actor,
                name,
                client,
                quiet: false,
            })
        })
    }
}

/// One event for the trail: who did what to which target.
#[derive(Debug, Clone)]
pub struct Entry {
    pub by: By,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// Appends `entries` inside the transaction of the change they record; only the unit of work
/// calls it.
pub(crate) async fn record_many<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    entries: &[Entry],
) -> Result<(), DbErr> {
    if entries.is_empty() {
        return Ok(());
    }
    // A few hundred rows a statement stays well within every backend's parameter limit.
    for chunk in entries.chunks(500) {
        entity::Entity::insert_many(chunk.iter().map(|e| entity::ActiveModel {
            at: Set(at),
            actor_id: Set(e.by.actor.user_id()),
            actor: Set(e.by.name.clone()),
            action: Set(e.action.clone()),
            target: Set(e.target.clone()),
            detail: Set(e.detail.clone()),
            client: Set(e.by.client.clone()),
            ..Default::default()
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The action codes the trail describes in words (`audit-action-…` in the catalogues), as it
/// is shown and filtered; the codes themselves are kept in the CSV export. A code missing here
/// is shown as it is.
pub const ACTIONS: &[&str] = &[
    "signin",
    "signin.failed",
    "signin.link_sent",
    "user.role",
    "user.disable",
    "user.enable",
    "user.sessions_end",
    "user.rename",
    "token.create",
    "token.revoke",
    "organisation.domain_add",
    "organisation.domain_remove",
    "organisation.provider_set",
    "organisation.provider_remove",
    "workspace.save",
    "workspace.add_person",
    "technology.create",
    "technology.use",
    "technology.update",
    "technology.withdraw",
    "technology.restore",
    "technology.propose",
    "technology.approve",
    "technology.decline",
    "technology_use.withdraw",
    "technology_use.restore",
    "need.create",
    "need.endorse",
    "need.status",
    "need.edit",
    "need.withdraw",
    "need.restore",
    "endorsement.withdraw",
    "field_report.create",
    "field_report.promote",
    "trial.create",
    "trial.phase",
    "trial.edit",
    "trial.withdraw",
    "trial.restore",
    "trial.journal",
    "journal_entry.edit",
    "journal_entry.withdraw",
    "journal_entry.restore",
    "trial.indicator",
    "indicator.update",
    "indicator.withdraw",
    "indicator.restore",
    "trial.follow_up",
    "report.create",
    "report.update",
    "report.submit",
    "report.publish",
    "report.return",
    "report.edit_for_review",
    "report.publish_edit",
    "report.return_edit",
    "report.delete",
    "procurement.create",
    "procurement.edit",
    "procurement.phase",
    "procurement.milestones",
    "procurement.organisation_add",
    "procurement.organisation_remove",
    "procurement.invite",
    "procurement.invitation_withdraw",
    "procurement.accept",
    "procurement.remove_member",
    "procurement.requirement_add",
    "procurement.requirement_edit",
    "procurement.requirement_remove",
    "procurement.document_create",
    "procurement.document_edit",
    "procurement.party",
    "procurement.award",
    "procurement.calloff",
    "procurement.question",
    "procurement.reply",
    "procurement.decision",
    "procurement.reference_entry",
    "procurement.reference_meeting",
    "follow.add",
    "follow.remove",
    "notifications.settings",
    "coach.appoint",
    "coach.edit",
    "coach.end",
    "federation.peer_add",
    "federation.peer_change",
    "federation.peer_remove",
    "federation.pull_now",
    "federation.reconcile_now",
    "federation.request_refused",
    "job.retry",
    "attachment.add",
    "attachment.remove",
    "notifications.unsubscribe",
    "comment.add",
    "comment.edit",
    "comment.remove",
    "user.language",
    "freshness.confirm",
    "freshness.archive",
    "freshness.unarchive",
    "freshness.take_over",
    "freshness.hand_over",
];

/// The words for an action code in the page's language, or the code itself when it has none.
pub fn action_label(code: &str) -> String {
    if ACTIONS.contains(&code) {
        crate::web::i18n::t(&action_key(code))
    } else {
        code.to_owned()
    }
}

/// The catalogue key of an action code's words: "report.publish" → "audit-action-report-publish".
fn action_key(code: &str) -> String {
    format!("audit-action-{}", code.replace(['.', '_'], "-"))
}

/// The codes whose words, in either language, contain `words` (any case).
fn codes_described_by(words: &str) -> Vec<&'static str> {
    use crate::web::i18n::{Lang, text};
    let words = words.trim().to_lowercase();
    ACTIONS
        .iter()
        .filter(|code| {
            Lang::ALL.into_iter().any(|lang| {
                text(lang, &action_key(code))
                    .to_lowercase()
                    .contains(&words)
            })
        })
        .copied()
        .collect()
}

/// What a reader of the trail filters by; empty fields do not filter.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Part of the actor's name or e-mail.
    pub actor: String,
    /// Words of an action's description, in either language ("rapport" for every report event,
    /// "inloggning" for sign-ins), or the start of an action code (`report.`).
    pub action: String,
    /// On or after this day (YYYY-MM-DD, Swedish time is close enough for a filter).
    pub from: Option<chrono::NaiveDate>,
    /// On or before this day.
    pub to: Option<chrono::NaiveDate>,
    pub page: Option<u64>,
}

fn filtered(filter: &Filter) -> sea_orm::Select<entity::Entity> {
    let mut query = entity::Entity::find();
    if !filter.actor.trim().is_empty() {
        query = query.filter(entity::Column::Actor.contains(filter.actor.trim()));
    }
    let action = filter.action.trim();
    if !action.is_empty() {
        query = query.filter(
            sea_orm::Condition::any()
                .add(entity::Column::Action.starts_with(action))
                .add(entity::Column::Action.is_in(codes_described_by(action))),
        );
    }
    if let Some(from) = filter.from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        query = query.filter(entity::Column::At.gte(from.and_utc()));
    }
    if let Some(to) = filter
        .to
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        query = query.filter(entity::Column::At.lt(to.and_utc()));
    }
    query.order_by_desc(entity::Column::Id)
}

pub const PER_PAGE: u64 = 50;

/// One page of the trail, newest first, and how many entries match in all.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    filter: &Filter,
) -> Result<(Vec<entity::Model>, u64), DbErr> {
    let page = filter.page.unwrap_or(1).max(1);
    crate::db::page_of(db, filtered(filter), page, PER_PAGE).await
}

/// How many entries the CSV export reads from the database at a time.
pub const CSV_BATCH: u64 = 1000;

/// The CSV header row.
const CSV_HEADER: [&str; 8] = [
    "id", "at", "actor_id", "actor", "action", "target", "detail", "client",
];

/// One batch of the CSV export: the matching entries older than `before` (all when `None`),
/// newest first, at most [`CSV_BATCH`] of them, as CSV rows (with the header row first when
/// `before` is `None`), and where the next batch starts (`None` after the last).
pub async fn csv_batch<C: ConnectionTrait>(
    db: &C,
    filter: &Filter,
    before: Option<i64>,
) -> Result<(Vec<u8>, Option<i64>), AppError> {
    let mut query = filtered(filter);
    if let Some(before) = before {
        query = query.filter(entity::Column::Id.lt(before));
    }
    let rows = query.limit(CSV_BATCH).all(db).await?;
    let next = if rows.len() as u64 == CSV_BATCH {
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let mut out = crate::web::csv_out::CsvOut::default();
    if before.is_none() {
        out.row(CSV_HEADER)?;
    }
    for r in rows {
        out.row([
            r.id.to_string(),
            r.at.to_rfc3339(),
            r.actor_id.map(|u: Uuid| u.to_string()).unwrap_or_default(),
            r.actor,
            r.action,
            r.target,
            r.detail,
            r.client.unwrap_or_default(),
        ])?;
    }
    Ok((out.finish()?, next))
}

/// The CSV rows of the matching entries older than `before`, batch by batch, each handed on
/// as soon as it is read, so an export never holds the whole trail in memory.
pub fn csv_stream_from(
    db: sea_orm::DatabaseConnection,
    filter: Filter,
    before: i64,
) -> impl futures_util::Stream<Item = Result<actix_web::web::Bytes, AppError>> + 'static {
    futures_util::stream::try_unfold(Some(before), move |cursor| {
        let db = db.clone();
        let filter = filter.clone();
        async move {
            let Some(before) = cursor else {
                return Ok(None);
            };
            let (bytes, next) = csv_batch(&db, &filter, Some(before))
                .await
                .inspect_err(|e| tracing::error!(error = %e, "audit CSV export broke off"))?;
            Ok(Some((actix_web::web::Bytes::from(bytes), next)))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_distinct_words_and_unknown_codes_stay() {
        use crate::web::i18n::{Lang, text};
        assert_eq!(action_label("report.publish"), "Rapport publicerad");
        assert_eq!(action_label("something.new"), "something.new");
        for lang in Lang::ALL {
            let mut labels: Vec<String> =
                ACTIONS.iter().map(|c| text(lang, &action_key(c))).collect();
            assert!(
                labels.iter().all(|l| !l.starts_with("audit-action-")),
                "{labels:?}"
            );
            labels.sort_unstable();
            labels.dedup();
            assert_eq!(labels.len(), ACTIONS.len(), "{lang}");
        }
        assert_eq!(codes_described_by("RAPPORT").len(), 11);
        assert_eq!(codes_described_by("report").len(), 11);
        assert!(codes_described_by("inloggning").contains(&"signin.failed"));
    }
}
