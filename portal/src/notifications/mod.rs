//! Following and notifications: who hears of what, and how often by e-mail.
//!
//! A user follows topics: a trial, a need, a procurement, a technology, a category, an
//! organisation or a coach ([`Topic`]). A feature that changes something others should hear of
//! hands the unit of work an [`Event`]: the item it is about (its change-log kind, id and
//! principals), the topics it concerns and, where someone must hear of it whatever they
//! follow, those users. When the unit commits, [`record`] finds the followers, keeps those who
//! may read the item, and writes one notification per reader for the in-app list
//! (`/notiser`). Each user chooses per kind of event ([`EventKind`]) how the notice reaches
//! them by e-mail ([`Cadence`]): at once (queued with the change), in the daily or the weekly
//! digest, or not at all. Topics and items are named by strings the features choose; each
//! feature describes its own topics through a [`TopicSource`].

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::auth::entity::user;
use crate::changes::Kind;
use crate::error::AppError;
use crate::unit::{AtCommit, Committing};
use crate::web::i18n::{InEach, Lang};

pub mod digest;
pub mod unsubscribe;

pub mod entity {
    pub mod follow {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "follows")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            pub user_id: Uuid,
            pub topic_kind: String,
            pub topic_id: Uuid,
            /// The topic's title when it was followed, for the list of follows.
            pub label: String,
            /// The topic's page.
            pub path: String,
            /// Made for the user (a trial's participants follow it), not chosen by them.
            pub automatic: bool,
            pub created_at: DateTimeUtc,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod notification {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "notifications")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            pub user_id: Uuid,
            /// The [`EventKind`](super::super::EventKind).
            pub kind: String,
            /// The change-log kind and id of the item the event is about: its visibility is
            /// asked again before a digest names it.
            pub item_kind: String,
            pub item_id: Uuid,
            /// What the event concerns, as the reader knows it (the followed topic's title):
            /// digests group by it.
            pub concerns: String,
            pub title: String,
            #[sea_orm(column_type = "Text")]
            pub body: String,
            pub path: String,
            /// How the reader wanted this kind by e-mail when the notice was made.
            pub cadence: String,
            pub created_at: DateTimeUtc,
            pub read_at: Option<DateTimeUtc>,
            /// When it went out by e-mail (at once or in a digest); also set when it was left
            /// out of a digest because the reader may no longer read the item.
            pub mailed_at: Option<DateTimeUtc>,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod setting {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "notification_settings")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub user_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub kind: String,
            pub cadence: String,
            pub updated_at: DateTimeUtc,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod digest {
        use sea_orm::entity::prelude::*;

        /// One digest sent: the primary key makes a second one for the same user and period
        /// impossible, whichever instance tries.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "digests")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub user_id: Uuid,
            /// `daily:2026-12-04` or `weekly:2026-W49`.
            #[sea_orm(primary_key, auto_increment = false)]
            pub period: String,
            pub sent_at: DateTimeUtc,
            pub items: i32,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::{follow, notification, setting};

crate::web::vocabulary::vocabulary!(
    /// What a user can follow.
    TopicKind ("topic-kind") {
        Trial => "trial";
        Need => "need";
        Procurement => "procurement";
        Technology => "technology";
        Category => "category";
        Organisation => "organisation";
        Coach => "coach";
        FieldReport => "field_report";
        Report => "report";
        RemoteItem => "remote_item";
    }
);

crate::web::vocabulary::vocabulary!(
    /// The kinds of event a user chooses a cadence for.
    EventKind ("event-kind") {
        FieldReport => "field_report";
        Comment => "comment";
        Trial => "trial";
        Need => "need";
        Procurement => "procurement";
        Promoted => "promoted";
    }
);

crate::web::vocabulary::vocabulary!(
    /// How notices of one kind reach a user by e-mail.
    Cadence ("cadence") {
        Immediate => "immediate";
        Daily => "daily";
        Weekly => "weekly";
        Never => "never";
    }
);

impl EventKind {
    /// The cadence a user has until they choose: what is addressed to them comes at once,
    /// the rest in the weekly digest, so nobody drowns in mail.
    pub fn default_cadence(self) -> Cadence {
        match self {
            EventKind::Promoted | EventKind::Trial | EventKind::Procurement => Cadence::Immediate,
            EventKind::FieldReport | EventKind::Comment | EventKind::Need => Cadence::Weekly,
        }
    }
}

/// Something a user follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    pub kind: TopicKind,
    pub id: Uuid,
}

impl Topic {
    pub fn new(kind: TopicKind, id: Uuid) -> Topic {
        Topic { kind, id }
    }
}

/// Something that happened that followers should hear of; handed to
/// [`Unit::event`](crate::unit::Unit::event) and recorded at commit.
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: EventKind,
    /// The item the event is about, as the change log names it.
    pub item_kind: Kind,
    pub item_id: Uuid,
    /// Who may read the item now: only followers holding one of these are told.
    pub principals: Vec<String>,
    /// The topics the event concerns, most particular first (the trial before its
    /// technology): a reader's notice is grouped under the first one they follow.
    pub topics: Vec<(Topic, String)>,
    /// Users told whatever they follow (the coach whose field report was promoted), if they
    /// may read the item.
    pub users: Vec<Uuid>,
    /// What the notice says, in each language: each reader's notice is kept in theirs.
    pub words: InEach<Words>,
    /// The page to open, a path on this node.
    pub path: String,
}

/// What a notice says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// One line: the notice's title and the e-mail's subject.
    pub title: String,
    /// A few plain lines.
    pub lines: Vec<String>,
}

impl Words {
    /// What a notice says, made once per language with texts in that language (see
    /// [`InEach::make`]).
    pub fn each(make: impl Fn() -> Words) -> InEach<Words> {
        InEach::make(make)
    }
}

/// Follows `topic` for `user` (nothing happens when they already do). `label` and `path` name
/// the topic in the list of follows.
pub async fn follow<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user_id: Uuid,
    topic: Topic,
    label: &str,
    path: &str,
    automatic: bool,
) -> Result<(), DbErr> {
    let row = follow::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        topic_kind: Set(topic.kind.as_str().to_owned()),
        topic_id: Set(topic.id),
        label: Set(clip(label, 200)),
        path: Set(path.to_owned()),
        automatic: Set(automatic),
        created_at: Set(now),
    };
    follow::Entity::insert(row)
        .on_conflict_do_nothing_on([
            follow::Column::UserId,
            follow::Column::TopicKind,
            follow::Column::TopicId,
        ])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Stops `user` following `topic`; whether they did.
pub async fn unfollow<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    topic: Topic,
) -> Result<bool, DbErr> {
    let gone = follow::Entity::delete_many()
        .filter(follow::Column::UserId.eq(user_id))
        .filter(follow::Column::TopicKind.eq(topic.kind.as_str()))
        .filter(follow::Column::TopicId.eq(topic.id))
        .exec(db)
        .await?;
    Ok(gone.rows_affected > 0)
}

/// Whether `user` follows `topic`.
pub async fn follows<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    topic: Topic,
) -> Result<bool, DbErr> {
    Ok(follow::Entity::find()
        .filter(follow::Column::UserId.eq(user_id))
        .filter(follow::Column::TopicKind.eq(topic.kind.as_str()))
        .filter(follow::Column::TopicId.eq(topic.id))
        .one(db)
        .await?
        .is_some())
}

/// The cadence `user` chose for `kind`, or its default.
pub async fn cadence_of<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    kind: EventKind,
) -> Result<Cadence, DbErr> {
    let chosen = setting::Entity::find_by_id((user_id, kind.as_str().to_owned()))
        .one(db)
        .await?;
    Ok(chosen
        .and_then(|s| Cadence::parse(&s.cadence))
        .unwrap_or_else(|| kind.default_cadence()))
}

/// Sets how `user` hears of `kind` by e-mail.
pub async fn set_cadence<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user_id: Uuid,
    kind: EventKind,
    cadence: Cadence,
) -> Result<(), DbErr> {
    setting::Entity::insert(setting::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.as_str().to_owned()),
        cadence: Set(cadence.as_str().to_owned()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([setting::Column::UserId, setting::Column::Kind])
            .update_columns([setting::Column::Cadence, setting::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// One reader of an event: who they are, where mail goes, and what they read with.
struct Reader {
    user: user::Model,
    principals: Vec<String>,
}

async fn readers<C: ConnectionTrait>(
    db: &C,
    catalog: &crate::catalog::CatalogData,
    ids: &BTreeSet<Uuid>,
) -> Result<Vec<Reader>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .filter(user::Column::Disabled.eq(false))
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(users.len());
    for user in users {
        let Some(role) = crate::auth::Role::parse(&user.role) else {
            continue;
        };
        let workspaces =
            crate::auth::users::workspaces_of(db, catalog, user.id, user.organisation_id).await?;
        let principals =
            crate::auth::policy::member_principals(role, user.organisation_id, &workspaces)
                .to_vec();
        out.push(Reader { user, principals });
    }
    Ok(out)
}

/// An event is recorded when its unit of work commits: [`record`].
impl AtCommit for Event {
    fn record<'a>(
        self: Box<Self>,
        db: &'a sea_orm::DatabaseTransaction,
        at: &'a Committing<'a>,
    ) -> crate::indexer::BoxFuture<'a, Result<Vec<crate::mail::Mail>, AppError>> {
        Box::pin(async move { record(db, at, &self).await })
    }
}

/// Writes the notifications of `event` in the unit's transaction and returns the e-mail to
/// send at once. Called by the unit of work at commit, nowhere else.
async fn record<C: ConnectionTrait>(
    db: &C,
    at: &Committing<'_>,
    event: &Event,
) -> Result<Vec<crate::mail::Mail>, AppError> {
    let mut mails = Vec::new();
    let mut signer: Option<unsubscribe::Signer> = None;
    let mut wanted: BTreeSet<Uuid> = event.users.iter().copied().collect();
    // Who follows which of the event's topics.
    let mut concerns: Vec<(Uuid, String)> = Vec::new();
    if !event.topics.is_empty() {
        let mut any = Condition::any();
        for (topic, _) in &event.topics {
            any = any.add(
                Condition::all()
                    .add(follow::Column::TopicKind.eq(topic.kind.as_str()))
                    .add(follow::Column::TopicId.eq(topic.id)),
            );
        }
        for row in follow::Entity::find().filter(any).all(db).await? {
            wanted.insert(row.user_id);
            let label = event
                .topics
                .iter()
                .find(|(t, _)| t.kind.as_str() == row.topic_kind && t.id == row.topic_id)
                .map(|(_, label)| label.clone())
                .unwrap_or_default();
            concerns.push((row.user_id, label));
        }
    }
    if let Some(actor) = at.actor {
        wanted.remove(&actor);
    }
    for reader in readers(db, at.catalog, &wanted).await? {
        // The reader's notice, kept and mailed in the language they read.
        let lang = Lang::of_setting(reader.user.language.as_deref());
        let words = event.words.get(lang);
        if !reader
            .principals
            .iter()
            .any(|p| event.principals.contains(p))
        {
            continue;
        }
        // The most particular topic the reader follows names what the notice concerns.
        let concern = event
            .topics
            .iter()
            .find(|(_, label)| {
                concerns
                    .iter()
                    .any(|(u, l)| *u == reader.user.id && l == label)
            })
            .or(event.topics.first())
            .map(|(_, label)| label.clone())
            .unwrap_or_else(|| words.title.clone());
        let cadence = cadence_of(db, reader.user.id, event.kind).await?;
        let immediate = cadence == Cadence::Immediate
            && at.sends_mail
            && reader.user.notify_by_email
            && reader.user.email.is_some();
        let row = notification::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(reader.user.id),
            kind: Set(event.kind.as_str().to_owned()),
            item_kind: Set(event.item_kind.as_str().to_owned()),
            item_id: Set(event.item_id),
            concerns: Set(clip(&concern, 200)),
            title: Set(clip(&words.title, 200)),
            body: Set(words.lines.join("\n")),
            path: Set(event.path.clone()),
            cadence: Set(cadence.as_str().to_owned()),
            created_at: Set(at.now),
            read_at: Set(None),
            // Mailed now, or never to be mailed: the digest looks only for the rest.
            mailed_at: Set(match cadence {
                Cadence::Daily | Cadence::Weekly => None,
                Cadence::Immediate | Cadence::Never => Some(at.now),
            }),
        };
        row.insert(db).await?;
        if immediate && let Some(to) = reader.user.email.clone() {
            if signer.is_none() {
                signer = Some(unsubscribe::Signer::load(db, at.now).await?);
            }
            if let Some(signer) = &signer {
                let user = reader.user.id;
                let mail = crate::web::frame::speaking(lang, || {
                    digest::immediate_mail(at.settings, signer, user, to, event, words, &concern)
                })?;
                mails.push(mail);
            }
        }
    }
    Ok(mails)
}

/// `text` cut to at most `max` characters, on a character boundary.
fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A followed topic's title and page, as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub label: String,
    pub path: String,
}

/// What a feature tells notifications about the topics it owns: their titles and pages, for a
/// reader who may open them. Registered once, in `lib.rs`.
pub trait TopicSource: Send + Sync {
    /// The kinds of topic this source describes.
    fn kinds(&self) -> &'static [TopicKind];

    /// Topic `id` of `kind` as `actor` sees it; `None` when it does not exist or `actor` may
    /// not open it (so nobody can follow what they cannot read).
    fn describe<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        actor: &'a crate::auth::Actor,
        kind: TopicKind,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<Described>, AppError>>;
}

/// The registered topic sources.
#[derive(Clone, Default)]
pub struct TopicSources(std::sync::Arc<Vec<std::sync::Arc<dyn TopicSource>>>);

impl TopicSources {
    pub fn new(sources: Vec<std::sync::Arc<dyn TopicSource>>) -> TopicSources {
        TopicSources(std::sync::Arc::new(sources))
    }

    /// Topic `id` of `kind` as `actor` sees it, asked of the feature that owns the kind.
    pub async fn describe(
        &self,
        state: &crate::state::AppState,
        actor: &crate::auth::Actor,
        kind: TopicKind,
        id: Uuid,
    ) -> Result<Option<Described>, AppError> {
        match self.0.iter().find(|s| s.kinds().contains(&kind)) {
            Some(source) => source.describe(state, actor, kind, id).await,
            None => Ok(None),
        }
    }
}

pub mod api;
pub mod routes;
pub mod service;

/// A feature's answer for [`TopicSource::describe`]: the topic as described, or none when it
/// is unknown or the reader may not open it (the feature's readers say so as "not found",
/// "forbidden" or "sign in").
pub fn described(found: Result<Described, AppError>) -> Result<Option<Described>, AppError> {
    match found {
        Ok(described) => Ok(Some(described)),
        Err(hidden) if hidden.hides_from_reader() => Ok(None),
        Err(other) => Err(other),
    }
}
