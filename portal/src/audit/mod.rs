//! The audit trail: who did what, when and from where. Append-only: nothing in the portal
//! updates or deletes a row. Node administrators read, filter and export it.

pub mod routes;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
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

/// The client address of a request: the peer's IP. Proxies are not trusted.
pub fn client_of(req: &actix_web::HttpRequest) -> Option<String> {
    req.peer_addr().map(|a| a.ip().to_string())
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
    entity::Entity::insert_many(entries.iter().map(|e| entity::ActiveModel {
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
    Ok(())
}

/// What a reader of the trail filters by; empty fields do not filter.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Part of the actor's name or e-mail.
    pub actor: String,
    /// An action, or the start of one (`report.` for every report action).
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
    if !filter.action.trim().is_empty() {
        query = query.filter(entity::Column::Action.starts_with(filter.action.trim()));
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
    let total = filtered(filter).count(db).await?;
    let page = filter.page.unwrap_or(1).max(1);
    let rows = filtered(filter)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Every matching entry as CSV (UTF-8, a header row, times in UTC RFC 3339).
pub async fn csv<C: ConnectionTrait>(db: &C, filter: &Filter) -> Result<Vec<u8>, AppError> {
    let rows = filtered(filter).all(db).await?;
    let mut out = crate::web::csv_out::CsvOut::default();
    out.row([
        "id", "at", "actor_id", "actor", "action", "target", "detail", "client",
    ])?;
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
    out.finish()
}
