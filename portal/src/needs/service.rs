//! Raising a need, sharing it ("Vi har samma behov") and moving it to another status.

use super::*;

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
    let catalog = state.catalog.get();
    // First what decides whether the writer may raise the need, then the writer's right, and
    // only then the text.
    let mut issues = Vec::new();
    let visibility = Visibility::from_field(input.visibility.as_deref(), "visibility", &mut issues)
        .unwrap_or(Visibility::Network);
    if visibility == Visibility::Workspace {
        issues.push(FieldIssue::new(
            "visibility",
            "Ett behov delas med länet: välj public, network eller organisation.",
        ));
    }
    let organisation_id = crate::catalog::organisation_field(
        &by.actor,
        input.organisation.as_deref(),
        &catalog,
        "organisation",
        &mut issues,
    );
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
            "Du kan bara registrera behov för din egen organisation.".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(&input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(&title, "title", "Skriv en rubrik.", &mut issues);
    let target_group =
        CareGroup::from_field(Some(&input.target_group), "target_group", &mut issues);
    if target_group.is_none() && issues.iter().all(|i| i.field != "target_group") {
        issues.push(FieldIssue::new("target_group", "Välj en målgrupp."));
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
    let id = Uuid::now_v7();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let need = entity::ActiveModel {
        id: Set(id),
        slug: Set(crate::web::slug_with_tail(&title, id)),
        description_html: Set(description_html),
        description_md: Set(input.description),
        title: Set(title),
        target_group: Set(target_group.as_str().to_owned()),
        category_id: Set(category_id),
        organisation_id: Set(organisation_id),
        status: Set(NeedStatus::Ny.as_str().to_owned()),
        visibility: Set(visibility.as_str().to_owned()),
        created_by: Set(by.actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    unit.changed(NEED, id, Op::Upsert);
    unit.audit("need.create", format!("need:{id}"), need.title.clone());
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
    if !crate::auth::policy::endorses_as(
        &by.actor,
        &resource(&need, &state.catalog.get()),
        organisation_id,
    ) {
        return Err(AppError::Forbidden(
            if need.organisation_id == organisation_id {
                "Behovet är er organisations eget.".to_owned()
            } else {
                "Du kan inte instämma i behovet.".to_owned()
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
            active.update(unit.db()).await?;
        }
        None => {
            endorsement::ActiveModel {
                need_id: Set(need.id),
                organisation_id: Set(organisation_id),
                note: Set(note.clone()),
                user_id: Set(user_id),
                created_at: Set(now),
            }
            .insert(unit.db())
            .await?;
            tell_owner(state, &mut unit, &need, organisation_id, &note).await?;
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
            issues.push(FieldIssue::new("status", "Välj en status."));
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
            "Bara organisationen som registrerade behovet och nodens personal ändrar dess status."
                .to_owned(),
        ));
    }
    let mut unit = Unit::begin(state, by).await?;
    let need = mark(&mut unit, need, status).await?;
    unit.audit("need.status", format!("need:{}", need.id), status.as_str());
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

/// Tells whoever raised the need that another organisation shares it.
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
    let sharer = state
        .catalog
        .get()
        .organisation_by_id(organisation_id)
        .map_or_else(|| "En organisation".to_owned(), |o| o.name.clone());
    let mut lines = vec![format!(
        "{sharer} har samma behov som ni: \"{}\".",
        need.title
    )];
    if !note.is_empty() {
        lines.push(format!("De skriver: {note}"));
    }
    let settings = state.settings.public_link("/konto");
    unit.notify(
        &recipients,
        &crate::mail::notices::Notice {
            subject: format!("{sharer} delar ert behov: {}", need.title),
            lines,
            link: state.settings.public_link(&url(need)),
            settings: &settings,
        },
    )?;
    Ok(())
}
