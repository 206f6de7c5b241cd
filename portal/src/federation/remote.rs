//! Items pulled from peer nodes: stored read-only with their origin, one row per peer and
//! remote id, indexed like local items with the peer's name as the node facet, and shown at
//! `/fran/{id}` with "Från <nodens namn>" and a link to the original.
//!
//! What is stored was checked by [`super::pull`] as if a user had typed it; its Markdown is
//! rendered and sanitised here, never taken as HTML from the peer.

use std::collections::HashMap;

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::peers;
use crate::auth::policy::{Readable, Resource};
use crate::auth::{Actor, Identity};
use crate::catalog::CatalogData;
use crate::changes::Kind;
use crate::comments::{CommentTarget, ItemRef};
use crate::error::AppError;
use crate::indexer::{BoxFuture, Documents};
use crate::notifications::{Described, Topic, TopicKind, TopicSource, described};
use crate::state::AppState;
use crate::web::markdown::SafeHtml;

/// The change-log kind of a remote item.
pub const REMOTE_ITEM: Kind = Kind::new("remote_item");

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// An item pulled from a peer node.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "remote_items")]
    pub struct Model {
        /// This node's id of the item (its pages, search, change log).
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub peer_id: Uuid,
        /// The item's id at its origin.
        pub remote_id: Uuid,
        pub kind: String,
        pub title: String,
        pub summary: String,
        pub body_md: String,
        /// `body_md` rendered and sanitised here.
        pub body_html: String,
        /// The original's page at its origin.
        pub url: String,
        pub organisation_code: Option<String>,
        pub organisation_name: String,
        pub county: Option<String>,
        /// JSON arrays of strings.
        pub categories: String,
        pub tags: String,
        pub outcome: Option<String>,
        pub phase: Option<String>,
        pub status: Option<String>,
        pub target_groups: String,
        /// `public` or `network`: who may open it here.
        pub visibility: String,
        pub published_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// The SHA-256 of the item as received, for reconciliation with the origin.
        pub hash: String,
        pub received_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub use entity::Model as RemoteItem;

fn strings(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Who may open a remote item here: what its visibility says, read by the policy.
pub fn resource(item: &RemoteItem) -> Resource {
    Resource::Item {
        principals: vec![item.visibility.clone()],
        organisation_id: None,
        partners: Vec::new(),
    }
}

crate::indexer::search_source!(Source {
    REMOTE_ITEM => entity::Entity, entity::Column::Id;
} documents: documents);

async fn documents(
    db: &DatabaseConnection,
    _catalog: &CatalogData,
    _kind: Kind,
    ids: &[Uuid],
) -> Result<Documents, DbErr> {
    let rows = entity::Entity::find()
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut peer_ids: Vec<Uuid> = rows.iter().map(|r| r.peer_id).collect();
    peer_ids.sort();
    peer_ids.dedup();
    let names: HashMap<Uuid, String> = peers::entity::Entity::find()
        .filter(peers::entity::Column::Id.is_in(peer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            // An item whose peer is gone leaves the index with it.
            let node = names.get(&row.peer_id)?.clone();
            Some((
                row.id,
                noden_search::Document {
                    confirmed_at: None,
                    archived: false,
                    id: row.id.to_string(),
                    kind: row.kind.clone(),
                    title: row.title.clone(),
                    summary: row.summary.clone(),
                    body: crate::web::markdown::plain_text(&row.body_md),
                    url: format!("/fran/{}", row.id),
                    organisation: None,
                    categories: strings(&row.categories),
                    tags: strings(&row.tags),
                    outcome: row.outcome.clone(),
                    county: row.county.clone(),
                    phase: row.phase.clone(),
                    target_groups: strings(&row.target_groups),
                    node,
                    status: row.status.clone(),
                    participants: Vec::new(),
                    group: None,
                    technologies: Vec::new(),
                    principals: vec![row.visibility.clone()],
                    published_at: row.published_at.timestamp(),
                    updated_at: row.updated_at.timestamp(),
                },
            ))
        })
        .collect())
}

/// How many items each of `peers` has here, counted in the database.
pub async fn held_by<C: sea_orm::ConnectionTrait>(
    db: &C,
    peers: &[Uuid],
) -> Result<HashMap<Uuid, i64>, DbErr> {
    use sea_orm::QuerySelect;
    let counts: Vec<(Uuid, i64)> = entity::Entity::find()
        .select_only()
        .column(entity::Column::PeerId)
        .column_as(entity::Column::Id.count(), "held")
        .filter(entity::Column::PeerId.is_in(peers.iter().copied()))
        .group_by(entity::Column::PeerId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts.into_iter().collect())
}

/// A remote item's page here.
pub fn path(item: &RemoteItem) -> String {
    format!("/fran/{}", item.id)
}

/// The remote item as its comments see it: who reads it here, its page and title.
pub fn item_ref(item: &RemoteItem) -> ItemRef {
    ItemRef {
        kind: TopicKind::RemoteItem,
        id: item.id,
        principals: vec![item.visibility.clone()],
        path: path(item),
        title: item.title.clone(),
    }
}

/// Opens remote items for the comment routes: local comments on what another node published.
pub struct CommentsOn;

impl CommentTarget for CommentsOn {
    fn kind(&self) -> TopicKind {
        TopicKind::RemoteItem
    }

    fn open<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        id: Uuid,
    ) -> BoxFuture<'a, Result<Option<ItemRef>, AppError>> {
        Box::pin(async move {
            match readable(state, actor, &id.to_string()).await {
                Ok(item) => Ok(Some(item_ref(&item.into_inner()))),
                Err(hidden) if hidden.hides_from_reader() => Ok(None),
                Err(other) => Err(other),
            }
        })
    }
}

/// Tells the notifications feature what a followed remote item is called and where it is.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::RemoteItem]
    }

    fn describe<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        _kind: TopicKind,
        id: Uuid,
    ) -> BoxFuture<'a, Result<Option<Described>, AppError>> {
        Box::pin(async move {
            described(readable(state, actor, &id.to_string()).await.map(|item| {
                let item = item.into_inner();
                Described {
                    path: path(&item),
                    label: item.title,
                }
            }))
        })
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/fran/{id}", web::get().to(remote_page));
}

/// A category of a remote item, linked when this node knows it.
pub struct CategoryLink {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "federation/remote.html")]
pub struct RemotePage {
    pub title: String,
    pub kind_label: String,
    pub node_name: String,
    pub node_url: String,
    pub original: String,
    pub organisation: String,
    pub county: String,
    pub summary: String,
    pub body_html: SafeHtml,
    pub categories: Vec<CategoryLink>,
    pub updated_at: DateTime<Utc>,
    pub updated_label: String,
    /// How to cite the item: its title, organisation, node, date and original address.
    pub citation: String,
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    /// Comments written on this node about the item ("Kommentarer").
    pub comments: crate::comments::Section,
}

/// The remote item `id` if `actor` may read it here.
pub async fn readable(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> Result<Readable<RemoteItem>, AppError> {
    let not_found = || AppError::NotFound("sidan du söker");
    let id = Uuid::parse_str(id).map_err(|_| not_found())?;
    let item = entity::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(not_found)?;
    let resource = resource(&item);
    Readable::check_or(actor, &resource, item, "sidan du söker")
}

async fn remote_page(
    state: web::Data<AppState>,
    identity: Identity,
    id: web::Path<String>,
) -> Result<RemotePage, AppError> {
    let actor = &identity.actor;
    let item = readable(&state, actor, &id).await?.into_inner();
    let reference = item_ref(&item);
    let follow = crate::notifications::routes::button(
        &state,
        actor,
        Topic::new(TopicKind::RemoteItem, item.id),
        &reference.title,
        &reference.path,
    )
    .await?;
    let comments = crate::comments::section(&state, &identity, reference).await?;
    let peer = peers::find(&state.db, item.peer_id)
        .await?
        .ok_or(AppError::NotFound("sidan du söker"))?;
    let catalog = state.catalog.get();
    let categories = strings(&item.categories)
        .into_iter()
        .map(|slug| match catalog.category_by_slug(&slug) {
            Some(c) => CategoryLink {
                name: c.name.clone(),
                url: Some(format!("/kategorier/{}", c.slug)),
            },
            None => CategoryLink {
                name: slug,
                url: None,
            },
        })
        .collect();
    let updated_label = crate::web::date_text(crate::web::stockholm_date(item.updated_at));
    let citation = [
        (!item.organisation_name.is_empty()).then(|| format!("{}.", item.organisation_name)),
        Some(format!("{}.", item.title.trim_end_matches('.'))),
        Some(format!("{}, {updated_label}.", peer.name)),
        Some(item.url.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    Ok(RemotePage {
        citation,
        follow,
        comments,
        kind_label: crate::search::kind_label(&item.kind),
        node_name: peer.name,
        node_url: peer.url,
        original: item.url,
        organisation: item.organisation_name,
        county: item
            .county
            .as_deref()
            .and_then(|c| catalog.county_name(c))
            .unwrap_or_default()
            .to_owned(),
        summary: item.summary,
        // Rendered and sanitised when it was received.
        body_html: SafeHtml::trusted(item.body_html),
        categories,
        updated_label,
        updated_at: item.updated_at,
        title: item.title,
    })
}
