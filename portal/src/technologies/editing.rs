//! Fixing a catalogue entry or taking it back: node staff edit an entry (each saved state is
//! kept as a revision), withdraw it (hidden from the catalogue, search, the trial form's
//! choices and the overview, kept for node staff to restore) and restore it; an organisation
//! withdraws its own use of an entry.

use super::*;

use crate::revisions;

/// Who a revision kept from before the history began is by.
const EARLIER: &str = "Tidigare version";

/// The stable plain-text rendering of an entry for its revisions.
fn revision_body(state: &AppState, entry: &entity::Model) -> String {
    let catalog = state.catalog.get();
    let category = entry
        .category_id
        .and_then(|c| catalog.category_by_id(c))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    revisions::render(
        &[
            ("Kategori", &category),
            ("Leverantör", &entry.supplier),
            ("Närhet", &Proximity::label_of(&entry.proximity)),
            ("Standarder och system", &standards(entry).join(", ")),
        ],
        &entry.description_md,
    )
}

/// Keeps the entry's current state as a revision (nothing when unchanged), in the unit that
/// saves it.
pub(crate) async fn keep_revision(
    unit: &Unit,
    state: &AppState,
    entry: &entity::Model,
) -> Result<(), AppError> {
    revisions::keep(
        unit.db(),
        TECHNOLOGY,
        entry.id,
        &entry.name,
        &revision_body(state, entry),
        &unit.by().name,
        unit.now(),
    )
    .await?;
    Ok(())
}

/// The refusal for someone who may not do `what` to the catalogue.
fn refused(actor: &Actor, what: &str) -> AppError {
    match actor {
        Actor::Anonymous => AppError::Unauthorized,
        _ => AppError::Forbidden(what.to_owned()),
    }
}

/// Refuses a change to a withdrawn entry: it must be restored first.
fn not_withdrawn(entry: &entity::Model) -> Result<(), AppError> {
    if entry.withdrawn_at.is_some() {
        return Err(AppError::Conflict(
            "technologies-error-withdrawn".to_owned(),
        ));
    }
    Ok(())
}

/// What [`update`] would be sent to leave the entry as it is, for a `PATCH` to merge into;
/// refused as [`update`] refuses.
#[tracing::instrument(skip_all)]
pub async fn current_input(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<TechnologyInput, AppError> {
    if !can(&by.actor, Action::Curate, &Resource::Catalogue) {
        return Err(refused(&by.actor, "technologies-error-staff-only-edit"));
    }
    let existing = find_for(state, &by.actor, slug_or_id).await?;
    not_withdrawn(&existing)?;
    Ok(TechnologyInput::of(&existing, &state.catalog.get()))
}

/// Replaces an entry's content (node staff). A new name gives it a new address; the old one
/// redirects there.
#[tracing::instrument(skip_all)]
pub async fn update(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: TechnologyInput,
) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Curate, &Resource::Catalogue) {
        return Err(refused(&by.actor, "technologies-error-staff-only-edit"));
    }
    let existing = find_for(state, &by.actor, slug_or_id).await?;
    not_withdrawn(&existing)?;
    let r = resolve(state, input).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    // Entries saved before revisions were kept get their state before this edit as the first.
    revisions::keep(
        unit.db(),
        TECHNOLOGY,
        existing.id,
        &existing.name,
        &revision_body(state, &existing),
        EARLIER,
        existing.updated_at,
    )
    .await?;
    let id = existing.id;
    let slug = crate::addresses::retitled(
        &unit,
        TECHNOLOGY,
        id,
        (&existing.name, &existing.slug),
        &r.name,
    )
    .await?;
    let mut active: entity::ActiveModel = existing.into();
    active.slug = Set(slug);
    active.name = Set(r.name);
    active.description_md = Set(r.description_md);
    active.description_html = Set(r.description_html);
    active.category_id = Set(r.category_id);
    active.supplier = Set(r.supplier);
    active.proximity = Set(r.proximity.as_str().to_owned());
    active.standards = Set(serde_json::Value::from(r.standards).to_string());
    active.updated_at = Set(now);
    let saved = active.update(unit.db()).await?;
    keep_revision(&unit, state, &saved).await?;
    unit.changed(TECHNOLOGY, id, Op::Upsert);
    unit.audit(
        "technology.update",
        format!("technology:{id}"),
        saved.name.clone(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Withdraws an entry (node staff): it leaves the catalogue, search, the trial form's choices
/// and the overview, and only node staff open it, to restore it.
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Withdraw, &Resource::Catalogue) {
        return Err(refused(&by.actor, "technologies-error-staff-only-withdraw"));
    }
    let existing = find_for(state, &by.actor, slug_or_id).await?;
    if existing.withdrawn_at.is_some() {
        return Ok(existing);
    }
    let mut unit = Unit::begin(state, by).await?;
    let id = existing.id;
    let mut active: entity::ActiveModel = existing.into();
    active.withdrawn_at = Set(Some(unit.now()));
    active.withdrawn_by = Set(by.actor.member().map(|m| m.user_id));
    let saved = active.update(unit.db()).await?;
    unit.changed(TECHNOLOGY, id, Op::Delete);
    unit.audit(
        "technology.withdraw",
        format!("technology:{id}"),
        saved.name.clone(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Brings a withdrawn entry back into the catalogue (node staff).
#[tracing::instrument(skip_all)]
pub async fn restore(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Restore, &Resource::Catalogue) {
        return Err(refused(&by.actor, "technologies-error-staff-only-restore"));
    }
    let existing = find_for(state, &by.actor, slug_or_id).await?;
    if existing.withdrawn_at.is_none() {
        return Ok(existing);
    }
    let mut unit = Unit::begin(state, by).await?;
    let id = existing.id;
    let mut active: entity::ActiveModel = existing.into();
    active.withdrawn_at = Set(None);
    active.withdrawn_by = Set(None);
    let saved = active.update(unit.db()).await?;
    unit.changed(TECHNOLOGY, id, Op::Upsert);
    unit.audit(
        "technology.restore",
        format!("technology:{id}"),
        saved.name.clone(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Withdraws an organisation's use of an entry: its own staff, or node staff
/// (`organisation` names it; by default the writer's own). The entry's "who uses it" and the
/// overview's spread drop it; recording the use again brings it back.
#[tracing::instrument(skip_all)]
pub async fn withdraw_use(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    organisation: Option<&str>,
) -> Result<(), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let entry = find(state, slug_or_id).await?;
    let catalog = state.catalog.get();
    let mut issues = Vec::new();
    let Some(organisation_id) = crate::catalog::organisation_field(
        &by.actor,
        organisation,
        &catalog,
        "organisation",
        &mut issues,
    ) else {
        return Err(AppError::NotFound("organisationen"));
    };
    if !can(
        &by.actor,
        Action::Withdraw,
        &Resource::TechnologyUse { organisation_id },
    ) {
        return Err(AppError::Forbidden(
            "technologies-error-withdraw-own-use-only".to_owned(),
        ));
    }
    let mut unit = Unit::begin(state, by).await?;
    let Some(found) = usage::Entity::find_by_id((entry.id, organisation_id))
        .filter(usage::Column::WithdrawnAt.is_null())
        .one(unit.db())
        .await?
    else {
        return Err(AppError::NotFound("användningen"));
    };
    let mut active: usage::ActiveModel = found.into();
    active.withdrawn_at = Set(Some(unit.now()));
    active.withdrawn_by = Set(by.actor.member().map(|m| m.user_id));
    active.update(unit.db()).await?;
    // The entry's search document lists the organisations using it.
    unit.changed(TECHNOLOGY, entry.id, Op::Upsert);
    unit.audit(
        "technology_use.withdraw",
        format!("technology:{}", entry.id),
        catalog
            .organisation_by_id(organisation_id)
            .map(|o| o.code.clone())
            .unwrap_or_default(),
    );
    unit.commit().await?;
    Ok(())
}

/// The organisations whose use of the entry `technology_id` is withdrawn (for node staff,
/// who may restore them), by code.
pub async fn withdrawn_uses<C: ConnectionTrait>(
    db: &C,
    technology_id: Uuid,
) -> Result<Vec<usage::Model>, AppError> {
    Ok(usage::Entity::find()
        .filter(usage::Column::TechnologyId.eq(technology_id))
        .filter(usage::Column::WithdrawnAt.is_not_null())
        .order_by_asc(usage::Column::OrganisationId)
        .all(db)
        .await?)
}

/// Brings an organisation's withdrawn use of an entry back (node staff).
#[tracing::instrument(skip_all)]
pub async fn restore_use(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    organisation: &str,
) -> Result<(), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let entry = find(state, slug_or_id).await?;
    let catalog = state.catalog.get();
    let mut issues = Vec::new();
    let Some(found) = catalog.organisation_named(organisation, "organisation", &mut issues) else {
        return Err(AppError::NotFound("organisationen"));
    };
    let organisation_id = found.id;
    if !can(
        &by.actor,
        Action::Restore,
        &Resource::TechnologyUse { organisation_id },
    ) {
        return Err(AppError::Forbidden(
            "technologies-error-staff-only-restore-use".to_owned(),
        ));
    }
    let mut unit = Unit::begin(state, by).await?;
    let Some(withdrawn) = usage::Entity::find_by_id((entry.id, organisation_id))
        .filter(usage::Column::WithdrawnAt.is_not_null())
        .one(unit.db())
        .await?
    else {
        return Err(AppError::NotFound("användningen"));
    };
    let mut active: usage::ActiveModel = withdrawn.into();
    active.withdrawn_at = Set(None);
    active.withdrawn_by = Set(None);
    active.update(unit.db()).await?;
    unit.changed(TECHNOLOGY, entry.id, Op::Upsert);
    unit.audit(
        "technology_use.restore",
        format!("technology:{}", entry.id),
        found.code.clone(),
    );
    unit.commit().await?;
    Ok(())
}

/// An entry's history for the API, if `actor` may open the entry.
pub async fn history(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
    query: revisions::CompareQuery,
) -> Result<revisions::History, AppError> {
    let entry = find_for(state, actor, slug_or_id).await?;
    revisions::api_history(&state.db, TECHNOLOGY, entry.id, query).await
}

/// An entry's history page, if `actor` may open the entry.
pub async fn history_page(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
    query: revisions::CompareQuery,
) -> Result<revisions::HistoryPage, AppError> {
    let entry = find_for(state, actor, slug_or_id).await?;
    revisions::page(
        &state.db,
        TECHNOLOGY,
        entry.id,
        entry.name.clone(),
        url(&entry),
        query,
        crate::web::i18n::t("technologies-history-empty"),
    )
    .await
}
