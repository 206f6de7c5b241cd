//! Old addresses keep working. An item's slug follows its title; when it changes, the unit of
//! work that saves the item keeps the old slug here ([`keep_former`]). Every lookup of an item
//! by its address goes through [`find`], which also finds an item by a slug it had; a page
//! that then answers successfully at the old address is turned by [`redirect_moved`] into a
//! permanent redirect to the same address (sub-page, feed and query string alike) with the new
//! slug in place of the old. Only a reader the page answered gets the redirect, so a new title
//! is never revealed to someone who may not see the item; a form sent to an old address (say,
//! from a page opened before the rename) is simply handled.

use std::sync::Mutex;

use actix_web::HttpResponse;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::LOCATION;
use actix_web::middleware::Next;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, ModelTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::changes::Kind;
use crate::unit::Unit;

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A slug an item of `kind` had before its title changed: the last item that had it.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "former_slugs")]
    pub struct Model {
        /// The change-log kind of the item ("report", "need", ...).
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub slug: String,
        pub entity_id: Uuid,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Keeps `old`, the slug item `id` of `kind` had until this unit of work gave it `new`, so the
/// old address redirects. Nothing is kept when the slug stays.
pub async fn keep_former(
    unit: &Unit,
    kind: Kind,
    id: Uuid,
    old: &str,
    new: &str,
) -> Result<(), DbErr> {
    if old == new || old.is_empty() {
        return Ok(());
    }
    let row = entity::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        slug: Set(old.to_owned()),
        entity_id: Set(id),
        at: Set(unit.now()),
    };
    entity::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([entity::Column::Kind, entity::Column::Slug])
                .update_columns([entity::Column::EntityId, entity::Column::At])
                .to_owned(),
        )
        .exec(unit.db())
        .await?;
    Ok(())
}

/// The slug of item `id` (slugs made by `web::slug_with_tail`) once its title goes from
/// `old.0` to `new_title`: a new slug when the title changed, the old one (`old.1`) kept as a
/// former address; else the slug it has.
pub async fn retitled(
    unit: &Unit,
    kind: Kind,
    id: Uuid,
    old: (&str, &str),
    new_title: &str,
) -> Result<String, DbErr> {
    let (old_title, old_slug) = old;
    if old_title == new_title {
        return Ok(old_slug.to_owned());
    }
    let new = crate::web::slug_with_tail(new_title, id);
    keep_former(unit, kind, id, old_slug, &new).await?;
    Ok(new)
}

/// The item of `kind` that last had `slug` before a change of title, if any. Ask only when no
/// item has `slug` now: an item that has it now owns the address.
pub async fn now_at<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    slug: &str,
) -> Result<Option<Uuid>, DbErr> {
    Ok(
        entity::Entity::find_by_id((kind.as_str().to_owned(), slug.to_owned()))
            .one(db)
            .await?
            .map(|row| row.entity_id),
    )
}

/// The row of `kind` an address names (pages use slugs, the API either) that also meets
/// `narrow`: by its UUID, by its slug, else by a slug it had before its title changed, which
/// is noted for [`redirect_moved`].
pub async fn find<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    slug_or_id: &str,
    (id, slug): (E::Column, E::Column),
    narrow: Condition,
) -> Result<Option<E::Model>, DbErr> {
    if let Ok(uuid) = Uuid::parse_str(slug_or_id) {
        return E::find().filter(id.eq(uuid)).filter(narrow).one(db).await;
    }
    let current = E::find()
        .filter(slug.eq(slug_or_id))
        .filter(narrow.clone())
        .one(db)
        .await?;
    if current.is_some() {
        return Ok(current);
    }
    let Some(entity_id) = now_at(db, kind, slug_or_id).await? else {
        return Ok(None);
    };
    let row = E::find()
        .filter(id.eq(entity_id))
        .filter(narrow)
        .one(db)
        .await?;
    if let Some(row) = &row
        && let sea_orm::Value::String(Some(now)) = row.get(slug)
    {
        let now = now.to_string();
        // Outside a request (a job, the CLI) there is nothing to redirect.
        let _ = MOVED.try_with(|moved| {
            if let Ok(mut moved) = moved.lock() {
                moved.push((slug_or_id.to_owned(), now));
            }
        });
    }
    Ok(row)
}

tokio::task_local! {
    /// The (former, current) slugs the lookups of the request being answered went through.
    static MOVED: Mutex<Vec<(String, String)>>;
}

/// `path` (with `query`) with its first segment that is `from` replaced by `to`, if it has one.
pub fn moved_path(path: &str, query: &str, from: &str, to: &str) -> Option<String> {
    let mut replaced = false;
    let mut location = path
        .split('/')
        .map(|segment| {
            if !replaced && segment == from {
                replaced = true;
                to
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    if !replaced {
        return None;
    }
    if !query.is_empty() {
        location.push('?');
        location.push_str(query);
    }
    Some(location)
}

/// Middleware: a page or feed read at an item's former address, and answered, becomes a
/// permanent redirect to the address with the item's slug now.
pub async fn redirect_moved(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let reads = matches!(*req.method(), Method::GET | Method::HEAD);
    let (res, moved) = MOVED
        .scope(Mutex::new(Vec::new()), async {
            let res = next.call(req).await;
            let moved = MOVED.with(|moved| {
                std::mem::take(&mut *moved.lock().unwrap_or_else(|p| p.into_inner()))
            });
            (res, moved)
        })
        .await;
    let res = res?;
    let location = if reads && res.status().is_success() {
        let request = res.request();
        moved
            .iter()
            .find_map(|(from, to)| moved_path(request.path(), request.query_string(), from, to))
    } else {
        None
    };
    Ok(match location {
        Some(location) => {
            let (request, _) = res.into_parts();
            let redirect = HttpResponse::PermanentRedirect()
                .insert_header((LOCATION, location))
                .finish();
            ServiceResponse::new(request, redirect).map_into_right_body()
        }
        None => res.map_into_left_body(),
    })
}

#[cfg(test)]
mod tests {
    use super::moved_path;

    #[test]
    fn the_new_slug_takes_the_old_ones_place_and_the_rest_stays() {
        assert_eq!(
            moved_path("/rapporter/gammal", "", "gammal", "ny").as_deref(),
            Some("/rapporter/ny")
        );
        assert_eq!(
            moved_path("/teknik/gammal/flode.atom", "sida=2", "gammal", "ny").as_deref(),
            Some("/teknik/ny/flode.atom?sida=2")
        );
        assert_eq!(
            moved_path("/rapporter/gammal/gammal", "", "gammal", "ny").as_deref(),
            Some("/rapporter/ny/gammal"),
            "only the item's own segment"
        );
        assert_eq!(
            moved_path("/faltrapporter/ny", "test=gammal", "gammal", "ny"),
            None,
            "an old slug in the query is only looked up"
        );
    }
}
