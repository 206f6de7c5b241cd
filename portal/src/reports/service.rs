//! Saving a report (create, update, import, send for review) and deleting it.

use super::*;

/// Whether a save made a new report or changed an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
    /// Imported again from a file that has not changed: nothing was written.
    Unchanged,
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
pub(crate) enum Target {
    New,
    Id(Uuid),
    /// The report imported from this file, or a new one.
    Source(String),
}

pub(crate) async fn save(
    state: &AppState,
    by: &By,
    input: ReportInput,
    target: Target,
    intent: Intent,
) -> Result<(entity::Model, Saved), AppError> {
    let prepared = prepare(state, by, input, target, intent).await?;
    let mut unit = Unit::begin(state, by).await?;
    let saved = apply(&mut unit, state, by, prepared).await?;
    unit.commit().await?;
    Ok(saved)
}

/// A save checked and resolved before its transaction, ready to be written in a unit of work.
pub(crate) struct Prepared {
    catalog: std::sync::Arc<CatalogData>,
    partners: Vec<Uuid>,
    partner_edit: bool,
    becomes: Resource,
    target: Target,
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
pub(crate) async fn prepare(
    state: &AppState,
    by: &By,
    input: ReportInput,
    target: Target,
    intent: Intent,
) -> Result<Prepared, AppError> {
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
                "reports-error-only-own-organisation-edit".to_owned(),
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
            Target::New => "reports-error-only-own-organisation-write".to_owned(),
            _ => "reports-error-only-own-organisation-edit".to_owned(),
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
                        crate::web::i18n::t_with(
                            "reports-error-trial-unknown",
                            "value",
                            &privacy::quoted(slug),
                        ),
                    )])
                })?;
            if !can(&by.actor, Action::Contribute, &resource) {
                return Err(AppError::Forbidden(
                    "reports-error-final-report-participants-only".to_owned(),
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
    prepared: Prepared,
) -> Result<(entity::Model, Saved), AppError> {
    // A trial has one final report: its parties work on it together.
    if let Some(trial_id) = prepared.trial_id {
        let this = match prepared.target {
            Target::Id(id) => Some(id),
            _ => None,
        };
        if let Some(other) = final_report_of(unit.db(), trial_id).await?
            && Some(other.id) != this
            && other
                .source_path
                .as_deref()
                .zip(source_path_of(&prepared.target))
                .is_none_or(|(a, b)| a != b)
        {
            return Err(AppError::Conflict(crate::web::i18n::t_with(
                "reports-error-final-report-exists",
                "title",
                &other.title,
            )));
        }
    }
    let existing = match &prepared.target {
        Target::New => None,
        Target::Id(id) => Some(
            entity::Entity::find_by_id(*id)
                .one(unit.db())
                .await?
                .ok_or(AppError::NotFound("rapporten"))?,
        ),
        Target::Source(path) => {
            entity::Entity::find()
                .filter(entity::Column::SourcePath.eq(path.as_str()))
                .one(unit.db())
                .await?
        }
    };
    let plan = plan(by, existing.as_ref(), &prepared)?;
    if let (true, Some(old)) = (plan.held, existing.as_ref()) {
        let report = review::hold_edit(unit, old.clone(), &prepared.raw).await?;
        unit.audit(
            "report.edit_for_review",
            format!("report:{}", report.id),
            report.title.clone(),
        );
        review::notify_reviewers(state, unit, &report, true).await?;
        return Ok((report, plan.saved));
    }
    let was = existing.as_ref().and_then(|r| Status::parse(&r.status));
    let mut saved = write_all(unit, by, vec![(existing, prepared, plan)]).await?;
    let (report, saved) = saved
        .pop()
        .ok_or_else(|| AppError::internal("no report written"))?;
    let status = Status::parse(&report.status);
    if status == Some(Status::Granskas) && was != Some(Status::Granskas) {
        review::notify_reviewers(state, unit, &report, false).await?;
    }
    Ok((report, saved))
}

/// What a save does to the report, decided from the report as stored and the writer's rights;
/// refused as [`apply`] refuses.
struct Plan {
    saved: Saved,
    status: Status,
    /// A member's edit of a published report: it waits beside the report for review.
    held: bool,
}

fn plan(by: &By, existing: Option<&entity::Model>, p: &Prepared) -> Result<Plan, AppError> {
    let saved = match existing {
        Some(old) => {
            let now = resource_with(old, &p.catalog, &p.partners);
            if !can(&by.actor, Action::Read, &now) {
                return Err(AppError::NotFound("rapporten"));
            }
            if !may_edit(&by.actor, old, &now) || !may_become(&by.actor, p.partner_edit, &p.becomes)
            {
                return Err(AppError::Forbidden(
                    "reports-error-only-own-organisation-edit".to_owned(),
                ));
            }
            Saved::Updated
        }
        None => {
            if !can(&by.actor, Action::Create, &p.becomes) {
                return Err(AppError::Forbidden(
                    "reports-error-only-own-organisation-write".to_owned(),
                ));
            }
            Saved::Created
        }
    };
    let reviewer = can(&by.actor, Action::Review, &Resource::ReviewQueue);
    let status = match (existing.and_then(|r| Status::parse(&r.status)), p.intent) {
        (None, _) if reviewer => Status::Publicerad,
        (None, Intent::Save) => Status::Utkast,
        (None | Some(Status::Utkast | Status::Returnerad), Intent::Submit) => Status::Granskas,
        (Some(status), _) => status,
    };
    // Review means review: a member's edit of a published report waits beside it until node
    // staff approve it (staff and imports publish directly).
    let held = !reviewer && existing.is_some_and(is_published);
    Ok(Plan {
        saved,
        status,
        held,
    })
}

/// Writes planned saves that need no one told and no edit held: their rows, categories and
/// revisions in a few statements for all of them, and an audit entry each. The reports
/// written, in order.
async fn write_all(
    unit: &mut Unit,
    by: &By,
    saves: Vec<(Option<entity::Model>, Prepared, Plan)>,
) -> Result<Vec<(entity::Model, Saved)>, AppError> {
    let mut befores = Vec::with_capacity(saves.len());
    let mut rows = Vec::with_capacity(saves.len());
    let mut outcomes = Vec::with_capacity(saves.len());
    for (existing, prepared, plan) in saves {
        befores.push(existing.clone().filter(is_published));
        outcomes.push(plan.saved);
        let Prepared {
            target,
            resolved,
            trial_id,
            ..
        } = prepared;
        rows.push((
            existing,
            match target {
                Target::Source(path) => Some(path),
                _ => None,
            },
            resolved,
            Written {
                status: plan.status,
                trial_id,
                author_id: by.actor.user_id(),
                clear_pending: false,
            },
        ));
    }
    let reports = write_many(unit, rows).await?;
    let keeps: Vec<review::Keep<'_>> = reports
        .iter()
        .zip(befores.iter().zip(&outcomes))
        .filter(|(report, _)| is_published(report))
        .map(|(report, (before, saved))| review::Keep {
            report,
            edited_by: &by.name,
            at: report.updated_at,
            before: before.as_ref(),
            created: *saved == Saved::Created,
        })
        .collect();
    review::keep_revisions(unit.db(), &keeps).await?;
    for (report, saved) in reports.iter().zip(&outcomes) {
        let action = match saved {
            Saved::Created => "report.create",
            Saved::Updated | Saved::Unchanged => "report.update",
        };
        unit.audit(
            action,
            format!("report:{}", report.id),
            report.title.clone(),
        );
    }
    Ok(reports.into_iter().zip(outcomes).collect())
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
        None => Ok(ReportInput::of(&view(state, report).await?)),
    }
}

/// Creates or updates the report imported from `source_path`: importing a file again updates
/// it (and leaves it be when the file has not changed).
#[tracing::instrument(skip_all, fields(source_path))]
pub async fn save_imported(
    state: &AppState,
    source_path: &str,
    input: ReportInput,
) -> Result<Saved, AppError> {
    let by = By::import();
    let prepared = prepare(
        state,
        &by,
        input,
        Target::Source(source_path.to_owned()),
        Intent::Save,
    )
    .await?;
    let mut unit = Unit::begin(state, &by).await?;
    let saved = apply_imported(&mut unit, state, &by, vec![(0, prepared)]).await?;
    unit.commit().await?;
    saved
        .first()
        .map(|&(_, saved)| saved)
        .ok_or_else(|| AppError::internal("an imported file was left unsaved"))
}

/// Imported files checked and rendered by [`prepare_imported`], for [`write_imported`].
pub struct ImportBatch {
    files: Vec<(String, ReportInput)>,
    results: Vec<Option<Result<Saved, AppError>>>,
    prepared: Vec<(usize, Prepared)>,
}

/// Checks and renders imported files (source path and input) before their batch is written:
/// the CPU's share of an import, which can run while the batch before is written.
pub async fn prepare_imported(state: &AppState, files: Vec<(String, ReportInput)>) -> ImportBatch {
    use futures_util::StreamExt;
    let by = By::import();
    // Two files at a time keep both cores of a small server busy.
    let checked: Vec<Result<Prepared, AppError>> =
        futures_util::stream::iter(files.iter().map(|(path, input)| {
            prepare(
                state,
                &by,
                input.clone(),
                Target::Source(path.clone()),
                Intent::Save,
            )
        }))
        .buffered(PREPARED_AT_ONCE)
        .collect()
        .await;
    let mut results = Vec::with_capacity(files.len());
    let mut prepared = Vec::with_capacity(files.len());
    for (n, checked) in checked.into_iter().enumerate() {
        match checked {
            Ok(ready) => {
                results.push(None);
                prepared.push((n, ready));
            }
            Err(e) => results.push(Some(Err(e))),
        }
    }
    ImportBatch {
        files,
        results,
        prepared,
    }
}

/// Writes a prepared batch of imported files in one unit of work, so it costs one commit and
/// a few statements. When one of them fails inside that unit, it rolls back and each file is
/// saved on its own, so a broken file is reported and the rest import. One result per file,
/// in order.
pub async fn write_imported(state: &AppState, batch: ImportBatch) -> Vec<Result<Saved, AppError>> {
    let ImportBatch {
        files,
        mut results,
        prepared,
    } = batch;
    let by = By::import();
    let together = async {
        let mut unit = Unit::begin(state, &by).await?;
        let saved = apply_imported(&mut unit, state, &by, prepared).await?;
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
            for (n, (path, input)) in files.into_iter().enumerate() {
                if results[n].is_none() {
                    results[n] = Some(save_imported(state, &path, input).await);
                }
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(AppError::internal("an imported file was left unsaved"))))
        .collect()
}

/// The categories of each of the reports `ids` that has any.
async fn categories_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Uuid>>, DbErr> {
    let mut of: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = report_category::Entity::find()
            .filter(report_category::Column::ReportId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for row in rows {
            of.entry(row.report_id).or_default().push(row.category_id);
        }
    }
    Ok(of)
}

/// Whether saving `resolved` with `status` would leave the report `stored` (with its
/// `categories`) as it is.
fn reads_as_stored(
    stored: &entity::Model,
    categories: &[Uuid],
    resolved: &Resolved,
    status: Status,
) -> bool {
    let mut wanted = resolved.category_ids.clone();
    let mut have = categories.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    have.sort_unstable();
    if wanted != have || stored.title != resolved.title {
        return false;
    }
    let written = Written {
        status,
        trial_id: None,
        author_id: None,
        clear_pending: false,
    };
    let (row, _) = row(
        Some(stored.clone()),
        stored.id,
        stored.slug.clone(),
        None,
        resolved.clone(),
        &written,
        stored.updated_at,
    );
    sea_orm::TryIntoModel::try_into_model(row).is_ok_and(|saved| &saved == stored)
}

/// Files an import checks and renders at the same time.
const PREPARED_AT_ONCE: usize = 2;

/// Writes the prepared saves of imported files (numbered by the caller) in `unit`: the reports
/// they made before (and their categories) are read in one query each; a report that already
/// reads as its file does is left be; those that need no one told and no edit held (all of
/// them, when node staff import) are written together by [`write_all`]; the others as
/// [`apply`] writes one.
async fn apply_imported(
    unit: &mut Unit,
    state: &AppState,
    by: &By,
    prepared: Vec<(usize, Prepared)>,
) -> Result<Vec<(usize, Saved)>, AppError> {
    let paths: Vec<&str> = prepared
        .iter()
        .filter_map(|(_, p)| source_path_of(&p.target))
        .collect();
    let mut existing: HashMap<String, entity::Model> = HashMap::with_capacity(paths.len());
    for chunk in paths.chunks(500) {
        let found = entity::Entity::find()
            .filter(entity::Column::SourcePath.is_in(chunk.iter().copied()))
            .all(unit.db())
            .await?;
        existing.extend(
            found
                .into_iter()
                .filter_map(|r| Some((r.source_path.clone()?, r))),
        );
    }
    let ids: Vec<Uuid> = existing.values().map(|r| r.id).collect();
    let categories = categories_of(unit.db(), &ids).await?;
    let mut together = Vec::with_capacity(prepared.len());
    let mut alone = Vec::new();
    let mut done = Vec::with_capacity(prepared.len());
    for (n, p) in prepared {
        let old = source_path_of(&p.target).and_then(|path| existing.remove(path));
        let plan = plan(by, old.as_ref(), &p)?;
        let was = old.as_ref().and_then(|r| Status::parse(&r.status));
        let tells = plan.status == Status::Granskas && was != Some(Status::Granskas);
        let simple = p.trial_id.is_none() && !plan.held && !tells;
        if simple && let Some(old) = &old {
            let stored = categories.get(&old.id).map_or(&[][..], Vec::as_slice);
            if reads_as_stored(old, stored, &p.resolved, plan.status) {
                done.push((n, Saved::Unchanged));
                continue;
            }
        }
        if simple && source_path_of(&p.target).is_some() {
            together.push((n, (old, p, plan)));
        } else {
            alone.push((n, p));
        }
    }
    let (order, saves): (Vec<usize>, Vec<_>) = together.into_iter().unzip();
    let written = write_all(unit, by, saves).await?;
    done.extend(
        order
            .into_iter()
            .zip(written.into_iter().map(|(_, saved)| saved)),
    );
    for (n, p) in alone {
        done.push((n, apply(unit, state, by, p).await?.1));
    }
    Ok(done)
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
            "reports-error-delete-not-allowed".to_owned(),
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

fn source_path_of(target: &Target) -> Option<&str> {
    match target {
        Target::Source(path) => Some(path),
        _ => None,
    }
}

/// Writes a report: `existing` changed, or a new one (imported from `source_path`).
pub(crate) async fn write(
    unit: &mut Unit,
    existing: Option<entity::Model>,
    source_path: Option<&str>,
    r: Resolved,
    w: Written,
) -> Result<entity::Model, AppError> {
    write_many(unit, vec![(existing, source_path.map(str::to_owned), r, w)])
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("no report written"))
}

/// One report for [`write_many`]: as stored (none for a new one), the file it is imported
/// from, the input resolved and what the save decided.
pub(crate) type ToWrite = (Option<entity::Model>, Option<String>, Resolved, Written);

/// Writes reports and their categories, new ones in one statement, and records the changes.
/// A report keeps its slug while its title stays; new and renamed reports get one. The
/// reports as written, in order.
pub(crate) async fn write_many(
    unit: &mut Unit,
    reports: Vec<ToWrite>,
) -> Result<Vec<entity::Model>, AppError> {
    let now = unit.now();
    let ids: Vec<Uuid> = reports
        .iter()
        .map(|(old, ..)| old.as_ref().map_or_else(Uuid::now_v7, |o| o.id))
        .collect();
    let wants: Vec<(&str, Uuid)> = reports
        .iter()
        .zip(&ids)
        .filter(|((old, _, r, _), _)| old.as_ref().is_none_or(|o| o.title != r.title))
        .map(|((_, _, r, _), &id)| (r.title.as_str(), id))
        .collect();
    let mut slugs = unique_slugs(unit.db(), &wants).await?.into_iter();
    let mut rows = Vec::with_capacity(reports.len());
    let mut categories = Vec::new();
    let mut replaced = Vec::new();
    let mut renamed = Vec::new();
    for ((old, source_path, r, w), id) in reports.into_iter().zip(&ids) {
        let slug = match &old {
            Some(old) if old.title == r.title => old.slug.clone(),
            _ => slugs
                .next()
                .ok_or_else(|| AppError::internal("a report was left without a slug"))?,
        };
        if let Some(old) = &old
            && old.slug != slug
        {
            renamed.push((*id, old.slug.clone(), slug.clone()));
        }
        categories.extend(
            r.category_ids
                .iter()
                .map(|&category_id| report_category::ActiveModel {
                    report_id: Set(*id),
                    category_id: Set(category_id),
                }),
        );
        if old.is_some() {
            replaced.push(*id);
        }
        rows.push(row(old, *id, slug, source_path, r, &w, now));
    }
    for (id, old, new) in &renamed {
        crate::addresses::keep_former(unit, REPORT, *id, old, new).await?;
    }
    let txn = unit.db();
    for chunk in replaced.chunks(500) {
        report_category::Entity::delete_many()
            .filter(report_category::Column::ReportId.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    let mut written: HashMap<Uuid, entity::Model> = HashMap::with_capacity(rows.len());
    let (new, mut changed): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(_, is_new)| *is_new);
    if changed.len() == 1
        && let Some((row, _)) = changed.pop()
    {
        let report = row.update(txn).await?;
        written.insert(report.id, report);
    }
    // Several changed reports (a batch of an import) are written back by id a few hundred to a
    // statement, rather than one UPDATE each. Every column is set, so the rows as written are
    // known here and need not be sent back.
    let mut changed = changed.into_iter().map(|(row, _)| row).peekable();
    while changed.peek().is_some() {
        let every_column = <entity::Column as sea_orm::Iterable>::iter()
            .filter(|column| !matches!(column, entity::Column::Id));
        let by_id = sea_orm::sea_query::OnConflict::column(entity::Column::Id)
            .update_columns(every_column)
            .to_owned();
        let chunk = as_written(changed.by_ref().take(500), &mut written)?;
        entity::Entity::insert_many(chunk)
            .on_conflict(by_id)
            .exec_without_returning(txn)
            .await?;
    }
    // Thirty columns a row: a few hundred rows a statement stay within every backend's limit.
    let mut new = new.into_iter().map(|(row, _)| row).peekable();
    while new.peek().is_some() {
        let chunk = as_written(new.by_ref().take(500), &mut written)?;
        entity::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    let mut categories = categories.into_iter().peekable();
    while categories.peek().is_some() {
        report_category::Entity::insert_many(categories.by_ref().take(1000))
            .exec(txn)
            .await?;
    }
    let mut reports = Vec::with_capacity(ids.len());
    for id in ids {
        unit.changed(REPORT, id, Op::Upsert);
        reports.push(
            written
                .remove(&id)
                .ok_or_else(|| AppError::internal("a written report did not come back"))?,
        );
    }
    Ok(reports)
}

/// The rows `rows` (every column set) as they will read once written, into `written` by id;
/// the rows themselves, to write.
fn as_written(
    rows: impl Iterator<Item = entity::ActiveModel>,
    written: &mut HashMap<Uuid, entity::Model>,
) -> Result<Vec<entity::ActiveModel>, AppError> {
    let rows: Vec<entity::ActiveModel> = rows.collect();
    for row in &rows {
        let report = sea_orm::TryIntoModel::try_into_model(row.clone())
            .map_err(|e| AppError::internal(format!("a report row was left incomplete: {e}")))?;
        written.insert(report.id, report);
    }
    Ok(rows)
}

/// The row of a report as a save leaves it, and whether it is new.
fn row(
    existing: Option<entity::Model>,
    id: Uuid,
    slug: String,
    source_path: Option<String>,
    r: Resolved,
    w: &Written,
    now: chrono::DateTime<chrono::Utc>,
) -> (entity::ActiveModel, bool) {
    let tags = serde_json::Value::from(r.tags);
    let target_groups = r
        .target_groups
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    match existing {
        Some(old) => {
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
            (active, false)
        }
        None => (
            entity::ActiveModel {
                id: Set(id),
                slug: Set(slug),
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
                source_path: Set(source_path),
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
                // Its author answers for it until someone else is named.
                owner_id: Set(None),
                confirmed_at: Set(None),
                archived_at: Set(None),
            },
            true,
        ),
    }
}

/// The reports (by id) holding any of `slugs`.
async fn slug_owners<C: ConnectionTrait>(
    db: &C,
    slugs: sea_orm::sea_query::SimpleExpr,
) -> Result<HashMap<String, Uuid>, DbErr> {
    Ok(entity::Entity::find()
        .filter(slugs)
        .select_only()
        .column(entity::Column::Slug)
        .column(entity::Column::Id)
        .into_tuple::<(String, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Key of the lock that lets one writer at a time choose a report's slug (PostgreSQL).
pub(crate) const SLUG_LOCK: i64 = 0x6e6f_6465_6e01;

/// A slug made from the title of each report (title and id), in order, with `-2`, `-3`, …
/// appended when another report has it (two of these with one title get different slugs too).
/// Two reports with one title written at the same moment get different slugs: the choice is
/// made under a lock held until the writer's transaction ends.
pub(crate) async fn unique_slugs<C: ConnectionTrait>(
    db: &C,
    wants: &[(&str, Uuid)],
) -> Result<Vec<String>, DbErr> {
    if wants.is_empty() {
        return Ok(Vec::new());
    }
    crate::db::serialise(db, SLUG_LOCK).await?;
    let bases: Vec<String> = wants.iter().map(|(title, _)| slug_base(title)).collect();
    // The first few candidates of every title are looked up by the slug's unique index: titles
    // that are new, or shared by a few reports, cost one indexed query whatever the number of
    // reports.
    let candidates: Vec<String> = bases
        .iter()
        .flat_map(|base| (1..=SLUG_CANDIDATES).map(|n| numbered(base, n)))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut owners = HashMap::new();
    for chunk in candidates.chunks(4000) {
        owners.extend(slug_owners(db, entity::Column::Slug.is_in(chunk.iter().cloned())).await?);
    }
    let mut chosen = Vec::with_capacity(wants.len());
    for ((_, id), base) in wants.iter().zip(&bases) {
        let free = |owners: &HashMap<String, Uuid>, slug: &String| {
            owners.get(slug).is_none_or(|owner| owner == id)
        };
        let mut slug = (1..=SLUG_CANDIDATES)
            .map(|n| numbered(base, n))
            .find(|s| free(&owners, s));
        if slug.is_none() {
            // A title shared by more reports than that: every slug it starts.
            owners.extend(slug_owners(db, entity::Column::Slug.starts_with(base)).await?);
            slug = (1..).map(|n| numbered(base, n)).find(|s| free(&owners, s));
        }
        let slug = slug.unwrap_or_else(|| base.clone());
        owners.insert(slug.clone(), *id);
        chosen.push(slug);
    }
    Ok(chosen)
}

/// The slug a title starts from: its words in lower-case ASCII joined by `-`.
fn slug_base(title: &str) -> String {
    let mut base = slug::slugify(title);
    if base.is_empty() {
        base = "dokument".to_owned();
    }
    base.truncate(80);
    base.trim_end_matches('-').to_owned()
}

/// `base` for the first report with it, `base-n` for the n-th.
fn numbered(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_owned()
    } else {
        format!("{base}-{n}")
    }
}

/// Slugs `base`, `base-2`, … `base-16` looked up by index before all that start with `base`.
const SLUG_CANDIDATES: usize = 16;
