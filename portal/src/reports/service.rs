//! Saving a report (create, update, import, send for review) and deleting it.

use super::*;

/// Whether a save made a new report or changed an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
}

/// What the writer asks for besides saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Save: a new report is a draft (published at once when node staff or the node write it);
    /// an existing one keeps its status.
    Save,
    /// Save and send for review.
    Submit,
}

/// Which report a save writes to.
pub(crate) enum Target<'a> {
    New,
    Id(Uuid),
    /// The report imported from this file, or a new one.
    Source(&'a str),
}

pub(crate) async fn save(
    state: &AppState,
    by: &By,
    input: ReportInput,
    target: Target<'_>,
    intent: Intent,
) -> Result<(entity::Model, Saved), AppError> {
    let prepared = prepare(state, by, input, target, intent).await?;
    let mut unit = Unit::begin(state, by).await?;
    let saved = apply(&mut unit, state, by, prepared).await?;
    unit.commit().await?;
    Ok(saved)
}

/// A save checked and resolved before its transaction, ready to be written in a unit of work.
pub(crate) struct Prepared<'a> {
    catalog: std::sync::Arc<CatalogData>,
    partners: Vec<Uuid>,
    partner_edit: bool,
    becomes: Resource,
    target: Target<'a>,
    resolved: Resolved,
    raw: ReportInput,
    intent: Intent,
    trial_id: Option<Uuid>,
}

/// Whether `actor` may give the report what it `becomes`: as a partner of its trial working
/// on it (`partner_edit`), or as its writer.
fn may_become(actor: &Actor, partner_edit: bool, becomes: &Resource) -> bool {
    if partner_edit {
        can(actor, Action::Contribute, becomes)
    } else {
        can(actor, Action::Create, becomes)
    }
}

/// Everything a save decides before its transaction: who writes to which report, the input
/// resolved and its texts checked, the trial it concludes.
pub(crate) async fn prepare<'a>(
    state: &AppState,
    by: &By,
    input: ReportInput,
    target: Target<'a>,
    intent: Intent,
) -> Result<Prepared<'a>, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let catalog = state.catalog.get();
    // Whether the report exists and the writer may change it is decided before its text is
    // read; the transaction below decides it again on the row it writes.
    let mut partners = Vec::new();
    let mut partner_edit = false;
    let mut organisation_before = None;
    if let Target::Id(id) = target {
        let Some(old) = entity::Entity::find_by_id(id).one(&state.db).await? else {
            return Err(AppError::NotFound("rapporten"));
        };
        partners = super::partners(&state.db, &old).await?;
        let now = resource_with(&old, &catalog, &partners);
        if !can(&by.actor, Action::Read, &now) {
            return Err(AppError::NotFound("rapporten"));
        }
        if !may_edit(&by.actor, &old, &now) {
            return Err(AppError::Forbidden(
                "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
            ));
        }
        // Another organisation of the trial works on the final report as it is: it stays the
        // report of the organisation that wrote it.
        partner_edit = !can(&by.actor, Action::Edit, &now);
        organisation_before = old.organisation_id;
    }
    let mut raw = input.clone();
    if partner_edit {
        // Kept with an edit waiting for review too, so approving it cannot move the report.
        raw.organisation = organisation_before
            .and_then(|o| catalog.organisation_by_id(o))
            .map(|o| o.code.clone());
    }
    let texts = Texts::of(&input);
    let mut resolved = match resolve(input, &catalog, state.settings.markdown_max_bytes) {
        Ok(resolved) => resolved,
        // Every mistake at once, the text's too: who writes, and to which report, is decided.
        Err(AppError::Invalid(mut issues)) => {
            issues.extend(texts.refusals());
            return Err(AppError::Invalid(issues));
        }
        Err(e) => return Err(e),
    };
    if partner_edit {
        resolved.organisation_id = organisation_before;
    }
    let becomes = Resource::Item {
        principals: principals_for(
            Some(resolved.visibility),
            resolved.organisation_id,
            resolved.workspace_id,
            &catalog,
        ),
        organisation_id: resolved.organisation_id,
        partners: partners.clone(),
    };
    if !may_become(&by.actor, partner_edit, &becomes) {
        return Err(AppError::Forbidden(match target {
            Target::New => "Du kan bara skriva rapporter för din egen organisation.".to_owned(),
            _ => "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
        }));
    }
    let trial_id = match &resolved.trial {
        None => None,
        Some(slug) => {
            let (trial, resource) = crate::trials::with_resource(state, &by.actor, slug)
                .await
                .map_err(|_| {
                    AppError::Invalid(vec![FieldIssue::new(
                        "trial",
                        format!("Okänt test {}.", privacy::quoted(slug)),
                    )])
                })?;
            if !can(&by.actor, Action::Contribute, &resource) {
                return Err(AppError::Forbidden(
                    "Bara de organisationer som deltog i testet skriver dess slutrapport."
                        .to_owned(),
                ));
            }
            Some(trial.id)
        }
    };
    let issues = texts.refusals();
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    resolved.body_html = markdown::render_field(
        "body",
        markdown::without_title_heading(&resolved.body_md, &resolved.title).to_owned(),
    )
    .await?;
    Ok(Prepared {
        catalog,
        partners,
        partner_edit,
        becomes,
        target,
        resolved,
        raw,
        intent,
        trial_id,
    })
}

/// Writes a prepared save in `unit` (which the caller commits): the report, its revision, the
/// audit entry and who must review it.
pub(crate) async fn apply(
    unit: &mut Unit,
    state: &AppState,
    by: &By,
    prepared: Prepared<'_>,
) -> Result<(entity::Model, Saved), AppError> {
    let Prepared {
        catalog,
        partners,
        partner_edit,
        becomes,
        target,
        resolved,
        raw,
        intent,
        trial_id,
    } = prepared;
    // A trial has one final report: its parties work on it together.
    if let Some(trial_id) = trial_id {
        let this = match target {
            Target::Id(id) => Some(id),
            _ => None,
        };
        if let Some(other) = final_report_of(unit.db(), trial_id).await?
            && Some(other.id) != this
            && other
                .source_path
                .as_deref()
                .zip(source_path_of(&target))
                .is_none_or(|(a, b)| a != b)
        {
            return Err(AppError::Conflict(format!(
                "Testet har redan en slutrapport: \"{}\". Öppna den och arbeta vidare i den.",
                other.title
            )));
        }
    }
    let (existing, source_path) = match target {
        Target::New => (None, None),
        Target::Id(id) => {
            let report = entity::Entity::find_by_id(id).one(unit.db()).await?;
            (Some(report.ok_or(AppError::NotFound("rapporten"))?), None)
        }
        Target::Source(path) => {
            let report = entity::Entity::find()
                .filter(entity::Column::SourcePath.eq(path))
                .one(unit.db())
                .await?;
            (report, Some(path))
        }
    };
    let saved = match &existing {
        Some(old) => {
            let now = resource_with(old, &catalog, &partners);
            if !can(&by.actor, Action::Read, &now) {
                return Err(AppError::NotFound("rapporten"));
            }
            if !may_edit(&by.actor, old, &now) || !may_become(&by.actor, partner_edit, &becomes) {
                return Err(AppError::Forbidden(
                    "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
                ));
            }
            Saved::Updated
        }
        None => {
            if !can(&by.actor, Action::Create, &becomes) {
                return Err(AppError::Forbidden(
                    "Du kan bara skriva rapporter för din egen organisation.".to_owned(),
                ));
            }
            Saved::Created
        }
    };
    let reviewer = can(&by.actor, Action::Review, &Resource::ReviewQueue);
    let status = match (
        existing.as_ref().and_then(|r| Status::parse(&r.status)),
        intent,
    ) {
        (None, _) if reviewer => Status::Publicerad,
        (None, Intent::Save) => Status::Utkast,
        (None | Some(Status::Utkast | Status::Returnerad), Intent::Submit) => Status::Granskas,
        (Some(status), _) => status,
    };
    // Review means review: a member's edit of a published report waits beside it until node
    // staff approve it (staff and imports publish directly).
    if !reviewer && let Some(old) = existing.as_ref().filter(|r| is_published(r)) {
        let report = review::hold_edit(unit, old.clone(), &raw).await?;
        unit.audit(
            "report.edit_for_review",
            format!("report:{}", report.id),
            report.title.clone(),
        );
        review::notify_reviewers(state, unit, &report, true).await?;
        return Ok((report, saved));
    }
    // A report published before the history was kept gets its first state as revision 1.
    if let Some(old) = existing.as_ref().filter(|r| is_published(r)) {
        review::keep_first_revision(unit.db(), old).await?;
    }
    let was = existing.as_ref().and_then(|r| Status::parse(&r.status));
    let report = write(
        unit,
        existing,
        source_path,
        resolved,
        Written {
            status,
            trial_id,
            author_id: by.actor.user_id(),
            clear_pending: false,
        },
    )
    .await?;
    if status == Status::Granskas && was != Some(Status::Granskas) {
        review::notify_reviewers(state, unit, &report, false).await?;
    }
    if status == Status::Publicerad {
        review::keep_revision(unit.db(), &report, &by.name, report.updated_at).await?;
    }
    let action = match saved {
        Saved::Created => "report.create",
        Saved::Updated => "report.update",
    };
    unit.audit(
        action,
        format!("report:{}", report.id),
        report.title.clone(),
    );
    Ok((report, saved))
}

/// Creates a report.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    input: ReportInput,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::New, Intent::Save).await?.0)
}

/// Creates a report, or saves and sends it for review with [`Intent::Submit`].
#[tracing::instrument(skip_all)]
pub async fn create_with(
    state: &AppState,
    by: &By,
    input: ReportInput,
    intent: Intent,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::New, intent).await?.0)
}

/// Replaces the content of the report `id`, then does what `intent` asks.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn update_with(
    state: &AppState,
    by: &By,
    id: Uuid,
    input: ReportInput,
    intent: Intent,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::Id(id), intent).await?.0)
}

/// Replaces the content of the report `id`.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn update(
    state: &AppState,
    by: &By,
    id: Uuid,
    input: ReportInput,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::Id(id), Intent::Save)
        .await?
        .0)
}

/// What [`update`] would be sent to leave the report `id` as it stands for `by`, for a `PATCH`
/// to merge into: a member whose organisation's edit of the published report waits for review
/// goes on from that edit (as the edit form does); anyone else from the report as stored.
/// Refused as [`update`] refuses.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn current_input(state: &AppState, by: &By, id: Uuid) -> Result<ReportInput, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let report = editable_by_id(state, &by.actor, id).await?;
    let reviewer = can(&by.actor, Action::Review, &Resource::ReviewQueue);
    let waiting = report
        .pending_input
        .as_deref()
        .filter(|_| !reviewer)
        .and_then(|json| serde_json::from_str::<ReportInput>(json).ok());
    match waiting {
        Some(edit) => Ok(edit),
        None => Ok(ReportInput::of(
            &view(&state.db, &state.catalog.get(), report).await?,
        )),
    }
}

/// Creates or updates the report imported from `source_path`: importing a file again updates it.
#[tracing::instrument(skip_all, fields(source_path))]
pub async fn save_imported(
    state: &AppState,
    source_path: &str,
    input: ReportInput,
) -> Result<(entity::Model, Saved), AppError> {
    save(
        state,
        &By::import(),
        input,
        Target::Source(source_path),
        Intent::Save,
    )
    .await
}

/// Creates or updates the reports imported from these files (source path and input) in one
/// unit of work, so a batch costs one commit. When one of them fails inside that unit, it rolls
/// back and each file is saved on its own, so a broken file is reported and the rest import.
/// One result per file, in order.
pub async fn save_imported_batch(
    state: &AppState,
    files: &[(String, ReportInput)],
) -> Vec<Result<Saved, AppError>> {
    let by = By::import();
    let mut results: Vec<Option<Result<Saved, AppError>>> = Vec::with_capacity(files.len());
    let mut prepared = Vec::new();
    for (n, (path, input)) in files.iter().enumerate() {
        match prepare(
            state,
            &by,
            input.clone(),
            Target::Source(path),
            Intent::Save,
        )
        .await
        {
            Ok(ready) => {
                results.push(None);
                prepared.push((n, ready));
            }
            Err(e) => results.push(Some(Err(e))),
        }
    }
    let together = async {
        let mut unit = Unit::begin(state, &by).await?;
        let mut saved = Vec::with_capacity(prepared.len());
        for (n, ready) in prepared {
            saved.push((n, apply(&mut unit, state, &by, ready).await?.1));
        }
        unit.commit().await?;
        Ok::<_, AppError>(saved)
    }
    .await;
    match together {
        Ok(saved) => {
            for (n, done) in saved {
                results[n] = Some(Ok(done));
            }
        }
        Err(error) => {
            tracing::info!(%error, "a batch of the import failed; saving its files one by one");
            for (n, (path, input)) in files.iter().enumerate() {
                if results[n].is_none() {
                    results[n] = Some(
                        save_imported(state, path, input.clone())
                            .await
                            .map(|(_, s)| s),
                    );
                }
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(AppError::internal("an imported file was left unsaved"))))
        .collect()
}

/// Deletes the report `id`.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn delete(state: &AppState, by: &By, id: Uuid) -> Result<(), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let mut unit = Unit::begin(state, by).await?;
    let Some(report) = entity::Entity::find_by_id(id).one(unit.db()).await? else {
        return Err(AppError::NotFound("rapporten"));
    };
    let current = resource(&report, &state.catalog.get());
    if !can(&by.actor, Action::Read, &current) {
        return Err(AppError::NotFound("rapporten"));
    }
    // A draft was never shared: those who may take it back (its writers' organisation)
    // delete it for good; a report sent for review or published needs the right to delete.
    let draft = matches!(
        Status::parse(&report.status),
        Some(Status::Utkast | Status::Returnerad)
    );
    if !(can(&by.actor, Action::Delete, &current)
        || (draft && can(&by.actor, Action::Withdraw, &current)))
    {
        return Err(AppError::Forbidden(
            "Bara organisationens samordnare och nodens administratörer får ta bort rapporter som har skickats in; utkast tar skribenternas organisation bort."
                .to_owned(),
        ));
    }
    // Its files go with it: nothing could reach them any more.
    let owner = crate::blobs::attachments::Owner::new(super::attachments::OWNER_KIND, id);
    let removed = crate::blobs::attachments::remove_all(&mut unit, owner).await?;
    entity::Entity::delete_by_id(id).exec(unit.db()).await?;
    unit.audit("report.delete", format!("report:{id}"), report.title);
    unit.changed(REPORT, id, Op::Delete);
    unit.commit().await?;
    crate::blobs::attachments::delete_bytes(state, &removed).await;
    Ok(())
}

/// What a save decides besides the writer's input.
pub(crate) struct Written {
    pub(crate) status: Status,
    pub(crate) trial_id: Option<Uuid>,
    pub(crate) author_id: Option<Uuid>,
    /// Whether the edit that waited for review is done with (it was just published).
    pub(crate) clear_pending: bool,
}

/// The final report of the trial `trial_id`, if it has one.
pub async fn final_report_of<C: ConnectionTrait>(
    db: &C,
    trial_id: Uuid,
) -> Result<Option<entity::Model>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::TrialId.eq(trial_id))
        .order_by_asc(entity::Column::CreatedAt)
        .one(db)
        .await
}

fn source_path_of<'a>(target: &Target<'a>) -> Option<&'a str> {
    match target {
        Target::Source(path) => Some(path),
        _ => None,
    }
}

pub(crate) async fn write(
    unit: &mut Unit,
    existing: Option<entity::Model>,
    source_path: Option<&str>,
    r: Resolved,
    w: Written,
) -> Result<entity::Model, AppError> {
    let now = unit.now();
    let txn = unit.db();
    let tags = serde_json::Value::from(r.tags);
    let target_groups = r
        .target_groups
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let report = match existing {
        Some(old) => {
            let id = old.id;
            let slug = if old.title == r.title {
                old.slug.clone()
            } else {
                unique_slug(txn, &r.title, Some(id)).await?
            };
            let mut active: entity::ActiveModel = old.into();
            active.slug = Set(slug);
            active.title = Set(r.title);
            active.summary = Set(r.summary);
            active.body_md = Set(r.body_md);
            active.body_html = Set(r.body_html.into_string());
            active.kind = Set(r.kind.as_str().to_owned());
            active.organisation_id = Set(r.organisation_id);
            active.tags = Set(tags);
            active.outcome = Set(r.outcome.map(|o| o.as_str().to_owned()));
            active.phase = Set(r.phase.map(|p| p.as_str().to_owned()));
            active.target_groups = Set(target_groups);
            active.visibility = Set(r.visibility.as_str().to_owned());
            active.workspace_id = Set(r.workspace_id);
            active.published_on = Set(r.published_on);
            active.updated_at = Set(now);
            active.status = Set(w.status.as_str().to_owned());
            if w.status == Status::Granskas {
                // Sent for review again: the reviewer's earlier comments were answered.
                active.review_comment = Set(None);
            }
            active.sections = Set(r.sections);
            if w.clear_pending {
                active.pending_input = Set(None);
                active.pending_by = Set(None);
                active.pending_author_id = Set(None);
                active.pending_at = Set(None);
                active.pending_status = Set(None);
                active.review_comment = Set(None);
            }
            if w.trial_id.is_some() {
                active.trial_id = Set(w.trial_id);
            }
            report_category::Entity::delete_many()
                .filter(report_category::Column::ReportId.eq(id))
                .exec(txn)
                .await?;
            active.update(txn).await?
        }
        None => {
            let id = Uuid::now_v7();
            entity::ActiveModel {
                id: Set(id),
                slug: Set(unique_slug(txn, &r.title, None).await?),
                title: Set(r.title),
                summary: Set(r.summary),
                body_md: Set(r.body_md),
                body_html: Set(r.body_html.into_string()),
                kind: Set(r.kind.as_str().to_owned()),
                organisation_id: Set(r.organisation_id),
                tags: Set(tags),
                outcome: Set(r.outcome.map(|o| o.as_str().to_owned())),
                phase: Set(r.phase.map(|p| p.as_str().to_owned())),
                target_groups: Set(target_groups),
                visibility: Set(r.visibility.as_str().to_owned()),
                workspace_id: Set(r.workspace_id),
                source_path: Set(source_path.map(str::to_owned)),
                published_on: Set(r.published_on),
                created_at: Set(now),
                updated_at: Set(now),
                status: Set(w.status.as_str().to_owned()),
                trial_id: Set(w.trial_id),
                sections: Set(r.sections),
                review_comment: Set(None),
                author_id: Set(w.author_id),
                pending_input: Set(None),
                pending_by: Set(None),
                pending_author_id: Set(None),
                pending_at: Set(None),
                pending_status: Set(None),
            }
            .insert(txn)
            .await?
        }
    };
    if !r.category_ids.is_empty() {
        report_category::Entity::insert_many(r.category_ids.iter().map(|&category_id| {
            report_category::ActiveModel {
                report_id: Set(report.id),
                category_id: Set(category_id),
            }
        }))
        .exec(txn)
        .await?;
    }
    unit.changed(REPORT, report.id, Op::Upsert);
    Ok(report)
}

/// The slugs of the reports matching `slugs` and `others`.
async fn slugs_taken<C: ConnectionTrait>(
    db: &C,
    slugs: sea_orm::sea_query::SimpleExpr,
    others: sea_orm::sea_query::SimpleExpr,
) -> Result<HashSet<String>, DbErr> {
    Ok(entity::Entity::find()
        .filter(slugs)
        .filter(others)
        .select_only()
        .column(entity::Column::Slug)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Key of the lock that lets one writer at a time choose a report's slug (PostgreSQL).
pub(crate) const SLUG_LOCK: i64 = 0x6e6f_6465_6e01;

/// A slug made from the title, with `-2`, `-3`, … appended when another report has it. Two
/// reports with one title written at the same moment get different slugs: the choice is made
/// under a lock held until the writer's transaction ends.
pub(crate) async fn unique_slug<C: ConnectionTrait>(
    db: &C,
    title: &str,
    except: Option<Uuid>,
) -> Result<String, DbErr> {
    crate::db::serialise(db, SLUG_LOCK).await?;
    let mut base = slug::slugify(title);
    if base.is_empty() {
        base = "dokument".to_owned();
    }
    base.truncate(80);
    let base = base.trim_end_matches('-').to_owned();
    let numbered = |n: usize| {
        if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        }
    };
    let others = entity::Column::Id.ne(except.unwrap_or(Uuid::nil()));
    // The first few candidates are looked up by the slug's unique index: a title that is new,
    // or shared by a few reports, costs one indexed query whatever the number of reports.
    let candidates: Vec<String> = (1..=SLUG_CANDIDATES).map(numbered).collect();
    let taken = slugs_taken(
        db,
        entity::Column::Slug.is_in(candidates.iter().cloned()),
        others.clone(),
    )
    .await?;
    if let Some(free) = candidates.into_iter().find(|s| !taken.contains(s)) {
        return Ok(free);
    }
    // A title shared by more reports than that: every slug it starts.
    let taken = slugs_taken(db, entity::Column::Slug.starts_with(&base), others).await?;
    Ok((1..)
        .map(numbered)
        .find(|s| !taken.contains(s))
        .unwrap_or(base.clone()))
}

/// Slugs `base`, `base-2`, … `base-16` looked up by index before all that start with `base`.
const SLUG_CANDIDATES: usize = 16;
