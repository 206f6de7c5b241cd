//! Raising a need, sharing it ("Vi har samma behov") and moving it to another status.

use super::*;
use crate::notifications::Words;
use crate::web::i18n::{self, InEach};

/// A need's fields as checked for saving.
struct Checked {
    visibility: Visibility,
    organisation_id: Uuid,
    title: String,
    target_group: TargetGroup,
    category_id: Option<Uuid>,
    description_html: String,
}

/// Checks what a writer sends to raise a need or to change one (`current`: the need as it is).
/// First what decides whether the writer may write the need, then the writer's right, and only
/// then the text.
async fn check(
    state: &AppState,
    by: &By,
    input: &NeedInput,
    current: Option<&entity::Model>,
) -> Result<Checked, AppError> {
    let catalog = state.catalog.get();
    let mut issues = Vec::new();
    let visibility = Visibility::from_field(input.visibility.as_deref(), "visibility", &mut issues)
        .unwrap_or(Visibility::Network);
    if visibility == Visibility::Workspace {
        issues.push(FieldIssue::new("visibility", "needs-error-visibility"));
    }
    // A change keeps the need's organisation unless another is named.
    let named = input
        .organisation
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let organisation_id = match (named, current) {
        (None, Some(need)) => Some(need.organisation_id),
        _ => crate::catalog::organisation_field(
            &by.actor,
            named,
            &catalog,
            "organisation",
            &mut issues,
        ),
    };
    let (Some(organisation_id), true) = (organisation_id, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let becomes = Resource::Item {
        principals: crate::auth::principals_for(
            Some(visibility),
            Some(organisation_id),
            None,
            &catalog,
        ),
        organisation_id: Some(organisation_id),
        partners: Vec::new(),
    };
    if !can(&by.actor, Action::Create, &becomes) {
        return Err(AppError::Forbidden(
            "needs-error-only-own-organisation".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(&title, "title", "needs-error-title-missing", &mut issues);
    let target_group =
        TargetGroup::from_field(Some(&input.target_group), "target_group", &mut issues);
    if target_group.is_none() && issues.iter().all(|i| i.field != "target_group") {
        issues.push(FieldIssue::new(
            "target_group",
            "needs-error-target-group-missing",
        ));
    }
    let category_id =
        crate::catalog::category_field(input.category.as_deref(), &catalog, &mut issues);
    crate::privacy::check_fields(
        &[("title", &title), ("description", &input.description)],
        &mut issues,
    );
    let (Some(target_group), true) = (target_group, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let description_html = markdown::render_field("description", input.description.clone())
        .await?
        .into_string();
    Ok(Checked {
        visibility,
        organisation_id,
        title,
        target_group,
        category_id,
        description_html,
    })
}

/// The need as its history keeps it: its facts, one per line, then its description.
pub fn revision_body(need: &entity::Model, catalog: &CatalogData) -> String {
    let organisation = catalog
        .organisation_by_id(need.organisation_id)
        .map(|o| o.name.clone())
        .unwrap_or_default();
    let category = need
        .category_id
        .and_then(|c| catalog.category_by_id(c))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let visibility = Visibility::parse(&need.visibility).map_or("", Visibility::label);
    crate::revisions::render(
        &[
            ("Registrerat av", &organisation),
            ("Målgrupp", &TargetGroup::label_of(&need.target_group)),
            ("Kategori", &category),
            ("Vem får läsa", visibility),
        ],
        &need.description_md,
    )
}

/// Keeps the need's current state in its history, in `unit`.
async fn keep_revision(
    state: &AppState,
    unit: &Unit,
    need: &entity::Model,
) -> Result<(), AppError> {
    let body = revision_body(need, &state.catalog.get());
    crate::revisions::keep(
        unit.db(),
        NEED,
        need.id,
        &need.title,
        &body,
        &unit.by().name,
        unit.now(),
    )
    .await?;
    Ok(())
}

/// Raises a need for the writer's organisation.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    input: NeedInput,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let checked = check(state, by, &input, None).await?;
    let id = Uuid::now_v7();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let need = entity::ActiveModel {
        id: Set(id),
        slug: Set(crate::web::slug_with_tail(&checked.title, id)),
        description_html: Set(checked.description_html),
        description_md: Set(input.description),
        title: Set(checked.title),
        target_group: Set(checked.target_group.as_str().to_owned()),
        category_id: Set(checked.category_id),
        organisation_id: Set(checked.organisation_id),
        status: Set(NeedStatus::Ny.as_str().to_owned()),
        visibility: Set(checked.visibility.as_str().to_owned()),
        created_by: Set(by.actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
    }
    .insert(unit.db())
    .await?;
    keep_revision(state, &unit, &need).await?;
    // Whoever raises a need follows it; they may stop.
    if let Some(raiser) = by.actor.user_id() {
        crate::notifications::service::follow_for_users(
            &unit,
            &[raiser],
            Topic::new(TopicKind::Need, id),
            &need.title,
            &url(&need),
        )
        .await?;
    }
    unit.changed(NEED, id, Op::Upsert);
    unit.audit("need.create", format!("need:{id}"), need.title.clone());
    unit.commit().await?;
    Ok(need)
}

/// Replaces a need's fields with `input` (its organisation or node staff); its status,
/// address and endorsements stay. The earlier state stays in its history.
#[tracing::instrument(skip_all)]
pub async fn update(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: NeedInput,
) -> Result<entity::Model, AppError> {
    let need = editable(state, by, slug_or_id).await?;
    let checked = check(state, by, &input, Some(&need)).await?;
    let mut unit = Unit::begin(state, by).await?;
    let id = need.id;
    let slug =
        crate::addresses::retitled(&unit, NEED, id, (&need.title, &need.slug), &checked.title)
            .await?;
    let mut active: entity::ActiveModel = need.into();
    active.slug = Set(slug);
    active.title = Set(checked.title);
    active.description_md = Set(input.description);
    active.description_html = Set(checked.description_html);
    active.target_group = Set(checked.target_group.as_str().to_owned());
    active.category_id = Set(checked.category_id);
    active.organisation_id = Set(checked.organisation_id);
    active.visibility = Set(checked.visibility.as_str().to_owned());
    active.updated_at = Set(unit.now());
    let need = active.update(unit.db()).await?;
    keep_revision(state, &unit, &need).await?;
    unit.changed(NEED, id, Op::Upsert);
    unit.audit("need.edit", format!("need:{id}"), need.title.clone());
    unit.commit().await?;
    Ok(need)
}

/// The need behind `slug_or_id`, if `by` may change it (its organisation or node staff) and it
/// is not withdrawn; refused as [`update`] refuses.
async fn editable(state: &AppState, by: &By, slug_or_id: &str) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let need = readable(state, &by.actor, slug_or_id).await?.into_inner();
    if !can(
        &by.actor,
        Action::Edit,
        &resource(&need, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden("needs-error-edit-forbidden".to_owned()));
    }
    not_withdrawn(&need)?;
    Ok(need)
}

/// What [`update`] would be sent to leave the need as it is, for a `PATCH` to merge into;
/// refused as [`update`] refuses.
#[tracing::instrument(skip_all)]
pub async fn current_input(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<NeedInput, AppError> {
    let need = editable(state, by, slug_or_id).await?;
    Ok(NeedInput::of(&need, &state.catalog.get()))
}

/// Takes a need back (its organisation or node staff): it leaves lists, search and the
/// overview, and its page opens to node staff only, who can bring it back.
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let need = readable(state, &by.actor, slug_or_id).await?.into_inner();
    if !can(
        &by.actor,
        Action::Withdraw,
        &resource(&need, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden(
            "needs-error-withdraw-forbidden".to_owned(),
        ));
    }
    if need.withdrawn_at.is_some() {
        return Ok(need);
    }
    let mut unit = Unit::begin(state, by).await?;
    let id = need.id;
    let mut active: entity::ActiveModel = need.into();
    active.withdrawn_at = Set(Some(unit.now()));
    active.withdrawn_by = Set(by.actor.user_id());
    let need = active.update(unit.db()).await?;
    unit.changed(NEED, id, Op::Delete);
    unit.audit("need.withdraw", format!("need:{id}"), need.title.clone());
    unit.commit().await?;
    Ok(need)
}

/// Brings a withdrawn need back (node staff): it is listed and found again.
#[tracing::instrument(skip_all)]
pub async fn restore(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let need = readable(state, &by.actor, slug_or_id).await?.into_inner();
    if !can(
        &by.actor,
        Action::Restore,
        &resource(&need, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden(
            "needs-error-restore-forbidden".to_owned(),
        ));
    }
    if need.withdrawn_at.is_none() {
        return Ok(need);
    }
    let mut unit = Unit::begin(state, by).await?;
    let id = need.id;
    let mut active: entity::ActiveModel = need.into();
    active.withdrawn_at = Set(None);
    active.withdrawn_by = Set(None);
    let need = active.update(unit.db()).await?;
    unit.changed(NEED, id, Op::Upsert);
    unit.audit("need.restore", format!("need:{id}"), need.title.clone());
    unit.commit().await?;
    Ok(need)
}

/// Takes back an organisation's "Vi har samma behov" (`organisation`: its SCB code; default the
/// writer's own). Those who may say it for the organisation may take it back; saying it again
/// brings it back.
#[tracing::instrument(skip_all)]
pub async fn withdraw_endorsement(
    state: &AppState,
    by: &By,
    need: &str,
    organisation: Option<&str>,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let need = readable(state, &by.actor, need).await?.into_inner();
    let catalog = state.catalog.get();
    let organisation_id = match organisation.map(str::trim).filter(|o| !o.is_empty()) {
        Some(code) => catalog.organisation_by_code(code).map(|o| o.id),
        None => by.actor.member().map(|m| m.organisation_id),
    };
    let Some(organisation_id) = organisation_id else {
        return Err(AppError::NotFound("instämmandet"));
    };
    if !crate::auth::policy::endorses_as(&by.actor, &resource(&need, &catalog), organisation_id) {
        return Err(AppError::Forbidden(
            "needs-error-unendorse-forbidden".to_owned(),
        ));
    }
    not_withdrawn(&need)?;
    let mut unit = Unit::begin(state, by).await?;
    let Some(existing) = endorsement::Entity::find_by_id((need.id, organisation_id))
        .one(unit.db())
        .await?
        .filter(|e| e.withdrawn_at.is_none())
    else {
        return Err(AppError::NotFound("instämmandet"));
    };
    let mut active: endorsement::ActiveModel = existing.into();
    active.withdrawn_at = Set(Some(unit.now()));
    active.withdrawn_by = Set(by.actor.user_id());
    active.update(unit.db()).await?;
    unit.changed(NEED, need.id, Op::Upsert);
    unit.audit(
        "endorsement.withdraw",
        format!("need:{}", need.id),
        catalog
            .organisation_by_id(organisation_id)
            .map_or_else(|| organisation_id.to_string(), |o| o.code.clone()),
    );
    unit.commit().await?;
    Ok(need)
}

/// Says the actor's organisation shares the need; saying it again updates the note.
#[tracing::instrument(skip_all, fields(need))]
pub async fn endorse(
    state: &AppState,
    by: &By,
    need: &str,
    input: EndorsementInput,
) -> Result<entity::Model, AppError> {
    let Some(member) = by.actor.member() else {
        return Err(AppError::Unauthorized);
    };
    endorse_for(state, by, need, member.organisation_id, input).await
}

/// Records that `organisation_id` shares the need, on behalf of `by` (a member of it, or the
/// node itself, e.g. when loading demo content).
pub async fn endorse_for(
    state: &AppState,
    by: &By,
    need: &str,
    organisation_id: Uuid,
    input: EndorsementInput,
) -> Result<entity::Model, AppError> {
    let need = readable(state, &by.actor, need).await?.into_inner();
    not_withdrawn(&need)?;
    if !crate::auth::policy::endorses_as(
        &by.actor,
        &resource(&need, &state.catalog.get()),
        organisation_id,
    ) {
        return Err(AppError::Forbidden(
            if need.organisation_id == organisation_id {
                "needs-error-endorse-own".to_owned()
            } else {
                "needs-error-endorse-forbidden".to_owned()
            },
        ));
    }
    let mut issues = crate::error::issues_of(&input);
    let note = input.note.trim().to_owned();
    crate::privacy::check_fields(&[("note", &note)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let user_id = by.actor.user_id();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let existing = endorsement::Entity::find_by_id((need.id, organisation_id))
        .one(unit.db())
        .await?;
    match existing {
        Some(e) => {
            let mut active: endorsement::ActiveModel = e.into();
            active.note = Set(note);
            active.user_id = Set(user_id);
            // Saying it again after taking it back brings it back.
            active.withdrawn_at = Set(None);
            active.withdrawn_by = Set(None);
            active.update(unit.db()).await?;
        }
        None => {
            endorsement::ActiveModel {
                need_id: Set(need.id),
                organisation_id: Set(organisation_id),
                note: Set(note.clone()),
                user_id: Set(user_id),
                created_at: Set(now),
                withdrawn_at: Set(None),
                withdrawn_by: Set(None),
            }
            .insert(unit.db())
            .await?;
            tell_owner(state, &mut unit, &need, organisation_id, &note).await?;
            let sharer = sharer_name(state, organisation_id);
            tell_followers(
                state,
                &mut unit,
                &need,
                Words::each(|| {
                    let organisation = sharer();
                    let args = [
                        ("organisation", organisation.as_str()),
                        ("title", need.title.as_str()),
                    ];
                    Words {
                        title: i18n::t_args("needs-notice-shared-title", &args),
                        lines: vec![i18n::t_args("needs-notice-shared", &args)],
                    }
                }),
            );
        }
    }
    unit.changed(NEED, need.id, Op::Upsert);
    unit.audit(
        "need.endorse",
        format!("need:{}", need.id),
        need.title.clone(),
    );
    unit.commit().await?;
    Ok(need)
}

/// Moves a need to another status (its own organisation or node staff).
#[tracing::instrument(skip_all, fields(need))]
pub async fn set_status(
    state: &AppState,
    by: &By,
    need: &str,
    status: &str,
) -> Result<entity::Model, AppError> {
    let mut issues = Vec::new();
    let status = NeedStatus::from_field(Some(status), "status", &mut issues);
    let Some(status) = status else {
        if issues.is_empty() {
            issues.push(FieldIssue::new("status", "needs-error-status-missing"));
        }
        return Err(AppError::Invalid(issues));
    };
    let need = readable(state, &by.actor, need).await?.into_inner();
    if !can(
        &by.actor,
        Action::Edit,
        &resource(&need, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden(
            "needs-error-status-forbidden".to_owned(),
        ));
    }
    not_withdrawn(&need)?;
    let mut unit = Unit::begin(state, by).await?;
    let need = mark(&mut unit, need, status).await?;
    unit.audit("need.status", format!("need:{}", need.id), status.as_str());
    tell_followers(
        state,
        &mut unit,
        &need,
        Words::each(|| {
            let label = status.label();
            let lower = label.to_lowercase();
            let args = [
                ("status", label),
                ("status_lower", lower.as_str()),
                ("title", need.title.as_str()),
            ];
            Words {
                title: i18n::t_args("needs-notice-status-title", &args),
                lines: vec![i18n::t_args("needs-notice-status", &args)],
            }
        }),
    );
    unit.commit().await?;
    Ok(need)
}

/// Writes a need's status as part of `unit`.
pub async fn mark(
    unit: &mut Unit,
    need: entity::Model,
    status: NeedStatus,
) -> Result<entity::Model, AppError> {
    let id = need.id;
    let mut active: entity::ActiveModel = need.into();
    active.status = Set(status.as_str().to_owned());
    active.updated_at = Set(unit.now());
    let need = active.update(unit.db()).await?;
    unit.changed(NEED, id, Op::Upsert);
    Ok(need)
}

/// Tells the need's followers (its raiser follows it automatically) and those of its category,
/// each as they chose, if they may read the need; not the one who acted.
fn tell_followers(state: &AppState, unit: &mut Unit, need: &entity::Model, words: InEach<Words>) {
    let catalog = state.catalog.get();
    let mut topics = vec![(Topic::new(TopicKind::Need, need.id), need.title.clone())];
    if let Some(category) = need.category_id.and_then(|c| catalog.category_by_id(c)) {
        topics.push((
            Topic::new(TopicKind::Category, category.id),
            category.name.clone(),
        ));
    }
    unit.event(Event {
        kind: EventKind::Need,
        item_kind: NEED,
        item_id: need.id,
        principals: principals(need, &catalog),
        topics,
        users: Vec::new(),
        words,
        path: url(need),
    });
}

/// The name of the organisation that shares a need, in the language of the frame when the
/// catalogue has no such organisation.
fn sharer_name(state: &AppState, organisation_id: Uuid) -> impl Fn() -> String {
    let name = state
        .catalog
        .get()
        .organisation_by_id(organisation_id)
        .map(|o| o.name.clone());
    move || {
        name.clone()
            .unwrap_or_else(|| i18n::t("needs-notice-an-organisation"))
    }
}

/// Tells whoever raised the need that another organisation shares it: addressed to them, so
/// at once by e-mail whatever they chose for notices of needs.
async fn tell_owner(
    state: &AppState,
    unit: &mut Unit,
    need: &entity::Model,
    organisation_id: Uuid,
    note: &str,
) -> Result<(), AppError> {
    let Some(owner) = need
        .created_by
        .filter(|&o| Some(o) != unit.by().actor.user_id())
    else {
        return Ok(());
    };
    if !unit.sends_mail() {
        return Ok(());
    }
    let recipients = crate::auth::users::to_notify_users(unit.db(), &[owner]).await?;
    let sharer = sharer_name(state, organisation_id);
    let settings = state.settings.public_link("/konto");
    unit.notify(&recipients, || {
        let organisation = sharer();
        let args = [
            ("organisation", organisation.as_str()),
            ("title", need.title.as_str()),
        ];
        let mut lines = vec![i18n::t_args("needs-notice-shares-yours", &args)];
        if !note.is_empty() {
            lines.push(i18n::t_with("needs-notice-they-write", "note", note));
        }
        crate::mail::notices::Notice {
            subject: i18n::t_args("needs-notice-shares-yours-subject", &args),
            lines,
            link: state.settings.public_link(&url(need)),
            settings: &settings,
        }
    })?;
    Ok(())
}
