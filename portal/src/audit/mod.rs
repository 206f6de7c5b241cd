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

/// The Swedish words for each action code, as the trail is shown and filtered; the codes
/// themselves are kept in the CSV export. A code missing here is shown as it is.
pub const ACTIONS: &[(&str, &str)] = &[
    ("signin", "Inloggning"),
    ("signin.failed", "Misslyckad inloggning"),
    ("signin.link_sent", "Inloggningslänk skickad"),
    ("user.role", "Roll ändrad"),
    ("user.disable", "Konto spärrat"),
    ("user.enable", "Konto öppnat igen"),
    ("user.sessions_end", "Inloggningar avslutade"),
    ("user.rename", "Visningsnamn ändrat"),
    ("token.create", "Åtkomstnyckel skapad"),
    ("token.revoke", "Åtkomstnyckel återkallad"),
    ("organisation.domain_add", "E-postdomän tillagd"),
    ("organisation.domain_remove", "E-postdomän borttagen"),
    ("organisation.provider_set", "Inloggningstjänst inställd"),
    (
        "organisation.provider_remove",
        "Inloggningstjänst borttagen",
    ),
    ("workspace.save", "Arbetsrum sparat"),
    ("workspace.add_person", "Person tillagd i arbetsrum"),
    ("technology.create", "Teknik tillagd i katalogen"),
    ("technology.use", "Teknikens användning angiven"),
    ("technology.update", "Teknik i katalogen ändrad"),
    ("technology.withdraw", "Teknik dragen tillbaka ur katalogen"),
    ("technology.restore", "Teknik återställd i katalogen"),
    ("technology.propose", "Teknik föreslagen till katalogen"),
    ("technology.approve", "Föreslagen teknik godkänd"),
    ("technology.decline", "Föreslagen teknik avböjd"),
    (
        "technology_use.withdraw",
        "Teknikens användning tillbakadragen",
    ),
    ("technology_use.restore", "Teknikens användning återställd"),
    ("need.create", "Behov registrerat"),
    ("need.endorse", "Behov delat av fler"),
    ("need.status", "Behovets status ändrad"),
    ("need.edit", "Behov ändrat"),
    ("need.withdraw", "Behov tillbakadraget"),
    ("need.restore", "Behov återställt"),
    ("endorsement.withdraw", "Delat behov tillbakadraget"),
    ("field_report.create", "Fältrapport skickad"),
    ("field_report.promote", "Fältrapport förd vidare"),
    ("trial.create", "Test startat"),
    ("trial.phase", "Testets fas ändrad"),
    ("trial.edit", "Test ändrat"),
    ("trial.withdraw", "Test tillbakadraget"),
    ("trial.restore", "Test återställt"),
    ("trial.journal", "Journalanteckning skriven"),
    ("journal_entry.edit", "Journalanteckning ändrad"),
    ("journal_entry.withdraw", "Journalanteckning tillbakadragen"),
    ("journal_entry.restore", "Journalanteckning återställd"),
    ("trial.indicator", "Indikator tillagd"),
    ("indicator.update", "Indikator ändrad"),
    ("indicator.withdraw", "Indikator tillbakadragen"),
    ("indicator.restore", "Indikator återställd"),
    ("trial.follow_up", "Uppföljning registrerad"),
    ("report.create", "Rapport skapad"),
    ("report.update", "Rapport ändrad"),
    ("report.submit", "Rapport skickad till granskning"),
    ("report.publish", "Rapport publicerad"),
    ("report.return", "Rapport returnerad"),
    (
        "report.edit_for_review",
        "Ändring av publicerad rapport skickad till granskning",
    ),
    (
        "report.publish_edit",
        "Ändring av publicerad rapport publicerad",
    ),
    (
        "report.return_edit",
        "Ändring av publicerad rapport returnerad",
    ),
    ("report.delete", "Rapport borttagen"),
    ("procurement.create", "Upphandling startad"),
    ("procurement.edit", "Upphandling ändrad"),
    ("procurement.phase", "Upphandlingens fas ändrad"),
    ("procurement.milestones", "Upphandlingens tidslinje ändrad"),
    (
        "procurement.organisation_add",
        "Organisation tillagd i upphandling",
    ),
    (
        "procurement.organisation_remove",
        "Organisation borttagen ur upphandling",
    ),
    ("procurement.invite", "Inbjudan till upphandling skickad"),
    (
        "procurement.invitation_withdraw",
        "Inbjudan till upphandling tillbakadragen",
    ),
    ("procurement.accept", "Inbjudan till upphandling antagen"),
    (
        "procurement.remove_member",
        "Medlem borttagen ur upphandling",
    ),
    ("procurement.requirement_add", "Krav tillagt i upphandling"),
    ("procurement.requirement_edit", "Krav ändrat i upphandling"),
    (
        "procurement.requirement_remove",
        "Krav borttaget ur upphandling",
    ),
    (
        "procurement.document_create",
        "Upphandlingsdokument skrivet",
    ),
    ("procurement.document_edit", "Upphandlingsdokument ändrat"),
    ("procurement.party", "Avtalspart sparad"),
    ("procurement.award", "Tilldelning registrerad"),
    ("procurement.calloff", "Avrop registrerat"),
    ("procurement.question", "Fråga ställd i upphandling"),
    ("procurement.reply", "Fråga i upphandling besvarad"),
    (
        "procurement.decision",
        "Beslut infört i upphandlingens beslutslogg",
    ),
    (
        "procurement.reference_entry",
        "Referensgruppens sammansättning ändrad",
    ),
    (
        "procurement.reference_meeting",
        "Referensgruppsmöte antecknat",
    ),
    ("follow.add", "Bevakning tillagd"),
    ("follow.remove", "Bevakning borttagen"),
    ("notifications.settings", "Notisinställningar ändrade"),
    ("coach.appoint", "Teknikcoach utsedd"),
    ("coach.edit", "Teknikcoachens profil ändrad"),
    ("coach.end", "Uppdrag som teknikcoach avslutat"),
    ("federation.peer_add", "Nod betrodd för federation"),
    (
        "federation.peer_change",
        "Federationsinställningar för nod ändrade",
    ),
    ("federation.peer_remove", "Nod borttagen ur federationen"),
    ("federation.pull_now", "Hämtning från nod begärd nu"),
    ("federation.reconcile_now", "Avstämning med noder begärd nu"),
    (
        "federation.request_refused",
        "Förfrågan från nod avvisad (federation)",
    ),
    ("job.retry", "Jobb körs igen"),
    ("attachment.add", "Fil bifogad"),
    ("attachment.remove", "Bifogad fil borttagen"),
    (
        "notifications.unsubscribe",
        "E-post om notiser avstängd med avregistreringslänk",
    ),
    ("comment.add", "Kommentar skriven"),
    ("comment.edit", "Kommentar ändrad"),
    ("comment.remove", "Kommentar borttagen av noden"),
];

/// The Swedish words for an action code, or the code itself when it has none.
pub fn action_label(code: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, label)| label)
}

/// The codes whose Swedish words contain `words` (any case).
fn codes_described_by(words: &str) -> Vec<&'static str> {
    let words = words.trim().to_lowercase();
    ACTIONS
        .iter()
        .filter(|(_, label)| label.to_lowercase().contains(&words))
        .map(|(code, _)| *code)
        .collect()
}

/// What a reader of the trail filters by; empty fields do not filter.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Part of the actor's name or e-mail.
    pub actor: String,
    /// Words of an action's Swedish description ("rapport" for every report event,
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
    fn every_action_has_distinct_swedish_words_and_unknown_codes_stay() {
        assert_eq!(action_label("report.publish"), "Rapport publicerad");
        assert_eq!(action_label("something.new"), "something.new");
        let mut labels: Vec<&str> = ACTIONS.iter().map(|(_, l)| *l).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), ACTIONS.len());
        assert_eq!(codes_described_by("RAPPORT").len(), 11);
        assert!(codes_described_by("inloggning").contains(&"signin.failed"));
    }
}
