//! The trial pages (`/tester`) and `/api/v1/trials`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{EntryInput, EntryView, TrialFilter, TrialInput, TrialList, TrialView};
use crate::audit::By;
use crate::auth::Confirmed;
use crate::auth::Visibility;
use crate::auth::{Action, Actor, Identity, SignedIn, can, csrf};
use crate::blobs::routes::Files as _;
use crate::catalog::TargetGroup;
use crate::error::{AppError, FieldIssue};
use crate::followups::Direction;
use crate::revisions::{CompareQuery, History};
use crate::state::AppState;
use crate::trials::EntryType;
use crate::trials::TrialPhase;
use crate::web::api_resource;
use crate::web::confirm::ConfirmPage;
use crate::web::frame;
use crate::web::page;
use crate::web::{Choice, choices};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tester", web::get().to(list_page))
        .route("/tester/ny", web::get().to(new_form))
        .route("/tester/ny", web::post().to(create_form))
        .route("/tester/{slug}", web::get().to(trial_page))
        .route("/tester/{slug}/journal", web::post().to(entry_form))
        .route("/tester/{slug}/fas", web::post().to(phase_form))
        .route("/tester/{slug}/andra", web::get().to(edit_form))
        .route("/tester/{slug}/andra", web::post().to(update_form))
        .route(
            "/tester/{slug}/dra-tillbaka",
            web::get().to(withdraw_confirm),
        )
        .route("/tester/{slug}/dra-tillbaka", web::post().to(withdraw_form))
        .route("/tester/{slug}/aterstall", web::post().to(restore_form))
        .route("/tester/{slug}/historik", web::get().to(history_page))
        .route(
            "/tester/{slug}/journal/{entry}/andra",
            web::get().to(entry_edit_form),
        )
        .route(
            "/tester/{slug}/journal/{entry}/andra",
            web::post().to(entry_update_form),
        )
        .route(
            "/tester/{slug}/journal/{entry}/dra-tillbaka",
            web::post().to(entry_withdraw_form),
        )
        .route(
            "/tester/{slug}/journal/{entry}/aterstall",
            web::post().to(entry_restore_form),
        )
        .service(api_resource!("/api/v1/trials", get => list, post => create))
        .service(api_resource!(
            "/api/v1/trials/{id}",
            get => get,
            put => update,
            patch => patch,
            delete => withdraw
        ))
        .service(api_resource!("/api/v1/trials/{id}/restore", post => restore))
        .service(api_resource!("/api/v1/trials/{id}/revisions", get => revisions))
        .service(api_resource!("/api/v1/trials/{id}/journal", get => journal, post => add_entry))
        .service(api_resource!(
            "/api/v1/trials/{id}/journal/{entry_id}",
            put => update_entry,
            patch => patch_entry,
            delete => withdraw_entry
        ))
        .service(api_resource!(
            "/api/v1/trials/{id}/journal/{entry_id}/restore",
            post => restore_entry
        ))
        .service(api_resource!("/api/v1/trials/{id}/phase", put => set_phase));
}

#[derive(Template, WebTemplate)]
#[template(path = "trials/index.html")]
pub struct ListPage {
    pub list: TrialList,
    pub phases: Vec<Choice>,
    pub signed_in: bool,
    pub pager: crate::web::Pager,
}

impl ListPage {
    /// Who runs the trial `t`: "Leds av A med B, C", in the page's language.
    pub fn parties(&self, t: &super::TrialSummary) -> String {
        let participants = t
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let who = match (&t.lead, participants.is_empty()) {
            (None, true) => return String::new(),
            (Some(_), true) => "lead",
            (Some(_), false) => "both",
            (None, false) => "participants",
        };
        let lead = t.lead.as_ref().map_or("", |l| l.name.as_str());
        let args = [
            ("who", who.into()),
            ("lead", lead.into()),
            ("participants", participants.as_str().into()),
        ];
        let lang = crate::web::i18n::lang();
        let text = crate::web::i18n::text_with(lang, "trials-parties", &args);
        // Without a lead the participants follow on: " med B, C".
        if who == "participants" {
            format!(" {text}")
        } else {
            text
        }
    }
}

async fn list_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<TrialFilter>,
) -> Result<ListPage, AppError> {
    let list = super::list(&state, &actor, &filter).await?;
    let filters = [
        ("phase", filter.phase.as_ref()),
        ("target_group", filter.target_group.as_ref()),
        ("organisation", filter.organisation.as_ref()),
    ];
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        crate::web::list_page_link("/tester", &filters, n)
    });
    Ok(ListPage {
        pager,
        phases: choices(
            TrialPhase::ALL,
            TrialPhase::as_str,
            TrialPhase::label,
            filter.phase.as_deref().unwrap_or(""),
        ),
        signed_in: actor != Actor::Anonymous,
        list,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "trials/show.html")]
pub struct TrialPage {
    pub trial: TrialView,
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    pub csrf: Option<String>,
    pub may_write: bool,
    pub may_lead: bool,
    pub may_withdraw: bool,
    pub may_restore: bool,
    pub entry_types: Vec<Choice>,
    pub phases: Vec<Choice>,
    pub journal: Vec<JournalRow>,
    /// The start and end dates as Swedish dates.
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub follow_ups: crate::followups::TrialFollowUps,
    pub directions: Vec<Choice>,
    /// The catalogue entry under test, as (name, address).
    pub technology_entry: Option<(String, String)>,
    /// The journal form as typed, shown again with its errors.
    pub entry: EntryForm,
    pub entry_errors: Vec<FieldIssue>,
    /// The indicator form as typed, shown again with its errors.
    pub indicator: crate::followups::IndicatorFields,
    pub indicator_errors: Vec<FieldIssue>,
    /// The trial's own files ("Bilagor").
    pub attachments: crate::blobs::pages::Section,
    /// The files of each journal entry on the page.
    pub entry_files: std::collections::HashMap<uuid::Uuid, crate::blobs::pages::Section>,
    /// The trial's comments ("Kommentarer").
    pub comments: crate::comments::Section,
    /// How current the trial is, with the forms to keep it so.
    pub freshness_panel: Option<crate::freshness::Panel>,
}

/// A journal entry on the trial page, with what the reader may do with it.
pub struct JournalRow {
    pub entry: EntryView,
    /// The day it happened, in Swedish.
    pub day: String,
    pub may_edit: bool,
    pub may_withdraw: bool,
}

impl TrialPage {
    /// The label of an indicator's field in the follow-up form: "Besök i dag (besök; före: 12
    /// besök)".
    pub fn value_today(&self, i: &crate::followups::IndicatorView) -> String {
        let args = [
            ("name", i.name.as_str().into()),
            ("unit", i.unit.as_str().into()),
            ("baseline", i.baseline_text.as_str().into()),
        ];
        let lang = crate::web::i18n::lang();
        crate::web::i18n::text_with(lang, "trials-value-today", &args)
    }

    /// The files of the journal entry `id`.
    pub fn files_of(&self, id: &uuid::Uuid) -> Option<&crate::blobs::pages::Section> {
        self.entry_files.get(id)
    }

    pub fn entry_error(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.entry_errors, field)
    }

    pub fn indicator_error(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.indicator_errors, field)
    }
}

/// The trial page with the indicator form as typed and its errors (the follow-up feature's
/// form failing).
pub(crate) async fn page_with_indicator_form(
    state: &AppState,
    identity: Identity,
    slug: &str,
    indicator: crate::followups::IndicatorFields,
    errors: Vec<FieldIssue>,
) -> Result<TrialPage, AppError> {
    let mut page = trial_view(state, identity, slug, EntryForm::default(), Vec::new()).await?;
    page.directions = choices(
        Direction::ALL,
        Direction::as_str,
        Direction::label,
        &indicator.direction,
    );
    page.indicator = indicator;
    page.indicator_errors = errors;
    Ok(page)
}

async fn trial_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<TrialPage, AppError> {
    trial_view(&state, identity, &slug, EntryForm::default(), Vec::new()).await
}

/// The trial page, with the journal form as typed and its errors (empty when none).
async fn trial_view(
    state: &AppState,
    identity: Identity,
    slug: &str,
    entry: EntryForm,
    entry_errors: Vec<FieldIssue>,
) -> Result<TrialPage, AppError> {
    let actor = identity.actor.clone();
    let (trial, parties) = super::readable_with_parties(state, &actor, slug).await?;
    let holder =
        super::attachments::TrialFiles::holder(state, &actor, &trial.id.to_string()).await?;
    let attachments = crate::blobs::pages::Section::of(state, &identity, &holder).await?;
    let comments = crate::comments::section(
        state,
        &identity,
        super::comments::item_ref(&trial, &parties),
    )
    .await?;
    let resource = super::resource(&trial, &parties);
    let follow_ups = crate::followups::for_trial_as(state, &actor, &trial, &resource).await?;
    let technology_entry = match trial.technology_id {
        Some(id) => crate::technologies::find(state, &id.to_string())
            .await
            .ok()
            .map(|e| (e.name.clone(), crate::technologies::url(&e))),
        None => None,
    };
    let view = super::view(state, &actor, trial, &parties).await?;
    let entry_ids: Vec<uuid::Uuid> = view.journal.iter().map(|e| e.id).collect();
    let entry_files =
        super::attachments::entry_sections(state, &identity, &holder, &entry_ids).await?;
    let follow = crate::notifications::routes::button(
        state,
        &actor,
        crate::notifications::Topic::new(crate::notifications::TopicKind::Trial, view.id),
        &view.title,
        &view.url,
    )
    .await?;
    let catalog = state.catalog.get();
    let csrf = identity.session.map(|s| s.csrf);
    let may_lead = can(&actor, Action::Edit, &resource);
    let freshness_panel = if view.withdrawn_at.is_none() {
        Some(
            crate::freshness::panel(
                state,
                &actor,
                view.freshness,
                &view.url,
                may_lead,
                csrf.as_ref(),
            )
            .await?,
        )
    } else {
        None
    };
    Ok(TrialPage {
        freshness_panel,
        follow,
        attachments,
        comments,
        entry_files,
        may_write: can(&actor, Action::Contribute, &resource),
        may_lead,
        may_withdraw: can(&actor, Action::Withdraw, &resource),
        may_restore: can(&actor, Action::Restore, &resource),
        csrf,
        entry_types: choices(
            EntryType::ALL,
            EntryType::as_str,
            EntryType::label,
            if entry.entry_type.is_empty() {
                "steg"
            } else {
                &entry.entry_type
            },
        ),
        entry,
        entry_errors,
        indicator: crate::followups::IndicatorFields::default(),
        indicator_errors: Vec::new(),
        phases: choices(
            TrialPhase::ALL,
            TrialPhase::as_str,
            TrialPhase::label,
            &view.phase,
        ),
        journal: view
            .journal
            .iter()
            .map(|e| {
                // What each entry's writer (or the lead, or node staff) may do with it.
                let written_by = e
                    .organisation
                    .as_ref()
                    .and_then(|o| catalog.organisation_by_code(&o.code))
                    .map_or(uuid::Uuid::nil(), |o| o.id);
                let amends = |action| {
                    crate::auth::policy::amends_contribution(&actor, action, &resource, written_by)
                };
                JournalRow {
                    day: crate::web::date_text(e.happened_on),
                    may_edit: amends(Action::Edit),
                    may_withdraw: amends(Action::Withdraw),
                    entry: e.clone(),
                }
            })
            .collect(),
        follow_ups,
        directions: choices(Direction::ALL, Direction::as_str, Direction::label, "hogre"),
        technology_entry,
        starts: view.starts_on.map(crate::web::date_text),
        ends: view.ends_on.map(crate::web::date_text),
        trial: view,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TrialForm {
    csrf: String,
    title: String,
    description: String,
    lead: String,
    /// The proposed participants ticked (SCB codes); a value may also list several, with commas.
    participants: Vec<String>,
    /// Further participants by name, comma-separated.
    more_participants: String,
    technology: String,
    product: String,
    supplier: String,
    target_group: String,
    category: String,
    starts_on: String,
    ends_on: String,
    visibility: String,
    /// The needs ticked (slugs); a value may also list several, with commas.
    needs: Vec<String>,
    /// The needs the form offered (slugs), so it offers them again when shown with errors.
    offered_needs: Vec<String>,
    /// The catalogue entry (slug) under test.
    technology_entry: String,
    /// Set by the new form (not posted): proposed participants start ticked.
    #[serde(skip)]
    fresh: bool,
}

#[derive(Template)]
#[template(path = "trials/form.html")]
pub struct FormPage {
    pub heading: String,
    pub action: String,
    pub button: String,
    pub csrf: String,
    /// The description as typed (the one-line fields are in `text_fields`).
    pub description: String,
    pub leads: Vec<Choice>,
    pub target_groups: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub visibilities: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
    pub title: TextField,
    pub text_fields: Vec<TextField>,
    pub date_fields: Vec<TextField>,
    /// The catalogue's entries.
    pub technology_entries: Vec<Choice>,
    /// The technology in free text, for when the catalogue has none.
    pub technology: String,
    /// The needs the trial answers, by title.
    pub needs: Vec<Choice>,
    /// The organisations proposed as participants (those sharing the needs), by name.
    pub proposed: Vec<Choice>,
    pub more_participants: String,
    /// Whether the user may add entries to the catalogue (else they ask the node to).
    pub curates: bool,
}

/// A one-line field of the form.
pub struct TextField {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub required: bool,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

/// Every value of a list field, a value listing several with commas counting as several.
fn values_of(list: &[String]) -> Vec<String> {
    list.iter().flat_map(|v| list_of(v)).collect()
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &TrialForm,
    errors: Vec<FieldIssue>,
    editing: Option<&str>,
) -> Result<FormPage, AppError> {
    let technology_entries = crate::technologies::choices(state)
        .await?
        .into_iter()
        .map(|(slug, name)| Choice {
            selected: slug == form.technology_entry,
            value: slug,
            label: name,
        })
        .collect();
    let catalog = state.catalog.get();
    let actor = user.actor();
    let member = &user.0.member;
    let own = catalog
        .organisation_by_id(member.organisation_id)
        .map(|o| o.code.clone())
        .unwrap_or_default();
    let lead = if form.lead.is_empty() {
        own
    } else {
        form.lead.clone()
    };
    // The needs offered, by title, and the organisations that share them as participants.
    let ticked_needs = values_of(&form.needs);
    let ticked = values_of(&form.participants);
    let mut needs = Vec::new();
    let mut proposed: Vec<Choice> = Vec::new();
    let mut offered = values_of(&form.offered_needs);
    for slug in &ticked_needs {
        if !offered.contains(slug) {
            offered.push(slug.clone());
        }
    }
    for slug in &offered {
        let Ok(need) = crate::needs::show(state, &actor, slug).await else {
            continue;
        };
        let sharing = need.organisation.iter().chain(
            need.endorsements
                .iter()
                .filter_map(|e| e.organisation.as_ref()),
        );
        for o in sharing {
            if o.code != lead && proposed.iter().all(|p| p.value != o.code) {
                proposed.push(Choice {
                    // Proposed participants are ticked until the writer unticks them.
                    selected: form.fresh || ticked.contains(&o.code),
                    value: o.code.clone(),
                    label: o.name.clone(),
                });
            }
        }
        needs.push(Choice {
            selected: ticked_needs.contains(&need.slug),
            value: need.slug,
            label: need.title,
        });
    }
    // Participants named in a list that were not proposed stay with the names typed.
    let mut more: Vec<String> = ticked
        .iter()
        .filter(|code| proposed.iter().all(|p| &p.value != *code))
        .map(|code| {
            catalog
                .organisation_named(code, "participants", &mut Vec::new())
                .map_or_else(|| code.clone(), |o| o.name.clone())
        })
        .collect();
    if !form.more_participants.trim().is_empty() {
        more.push(form.more_participants.trim().to_owned());
    }
    let field = |name, label: String, value: &String, required| TextField {
        name,
        label,
        value: value.clone(),
        required,
    };
    Ok(FormPage {
        heading: if editing.is_some() {
            crate::web::i18n::t("trials-form-edit-heading")
        } else {
            crate::web::i18n::t("trials-form-new-heading")
        },
        action: editing.map_or_else(|| "/tester/ny".to_owned(), |url| format!("{url}/andra")),
        button: if editing.is_some() {
            crate::web::i18n::t("trials-form-save")
        } else {
            crate::web::i18n::t("trials-form-start")
        },
        technology_entries,
        technology: form.technology.clone(),
        title: field(
            "title",
            crate::web::i18n::t("trials-form-title"),
            &form.title,
            true,
        ),
        text_fields: vec![
            field(
                "product",
                crate::web::i18n::t("trials-product"),
                &form.product,
                false,
            ),
            field(
                "supplier",
                crate::web::i18n::t("trials-supplier"),
                &form.supplier,
                false,
            ),
        ],
        date_fields: vec![
            field(
                "starts_on",
                crate::web::i18n::t("trials-starts"),
                &form.starts_on,
                false,
            ),
            field(
                "ends_on",
                crate::web::i18n::t("trials-ends"),
                &form.ends_on,
                false,
            ),
        ],
        needs,
        proposed,
        more_participants: more.join(", "),
        curates: can(
            &actor,
            Action::Curate,
            &crate::auth::policy::Resource::Catalogue,
        ),
        csrf: user.0.csrf.clone(),
        leads: catalog
            .organisations
            .iter()
            .filter(|o| crate::auth::policy::writes_for(&actor, o.id))
            .map(|o| Choice {
                value: o.code.clone(),
                label: o.name.clone(),
                selected: o.code == lead,
            })
            .collect(),
        target_groups: choices(
            TargetGroup::ALL,
            TargetGroup::as_str,
            TargetGroup::label,
            &form.target_group,
        ),
        categories: crate::web::category_choices(&catalog, |slug| slug == form.category),
        visibilities: choices(
            &[
                Visibility::Public,
                Visibility::Network,
                Visibility::Organisation,
            ],
            Visibility::as_str,
            Visibility::label,
            if form.visibility.is_empty() {
                "public"
            } else {
                &form.visibility
            },
        )
        .into_iter()
        .map(|mut c| {
            // A trial's own organisations are its participants.
            if c.value == Visibility::Organisation.as_str() {
                c.label = crate::web::i18n::t("trials-visibility-participants");
            }
            c
        })
        .collect(),
        description: form.description.clone(),
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NewQuery {
    /// A need (slug) to answer.
    behov: String,
}

/// The form to start a trial; from a need (`?behov=`), it starts from the need: the need
/// itself, its target group and category, and the organisations that share it as proposed
/// participants.
async fn new_form(
    state: web::Data<AppState>,
    user: SignedIn,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let mut form = TrialForm {
        fresh: true,
        ..TrialForm::default()
    };
    if !query.behov.trim().is_empty() {
        let need = crate::needs::show(&state, &user.actor(), query.behov.trim()).await?;
        form.target_group = need.target_group.clone();
        form.category = need.category.map(|c| c.slug).unwrap_or_default();
        form.needs = vec![need.slug.clone()];
        form.offered_needs = vec![need.slug];
    }
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &form, Vec::new(), None).await?,
    )
}

fn list_of(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: TrialForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (input, issues) = input_of(&form);
    let created = if issues.is_empty() {
        super::create(&state, &by, input).await
    } else {
        Err(AppError::Invalid(issues))
    };
    match created {
        Ok(trial) => Ok(frame::see_other(
            &format!("{}#test", super::url(&trial)),
            &crate::web::i18n::t("trials-started"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors, None).await?,
        ),
        Err(other) => Err(other),
    }
}

/// What the trial form says, as the service reads it, with the dates that could not be read.
fn input_of(form: &TrialForm) -> (TrialInput, Vec<FieldIssue>) {
    let mut issues = Vec::new();
    let starts_on = crate::web::date_field(&form.starts_on, "starts_on", &mut issues);
    let ends_on = crate::web::date_field(&form.ends_on, "ends_on", &mut issues);
    let mut participants = values_of(&form.participants);
    participants.extend(list_of(&form.more_participants));
    let input = TrialInput {
        title: form.title.clone(),
        description: form.description.clone(),
        lead: Some(form.lead.clone()).filter(|l| !l.is_empty()),
        participants,
        technology: form.technology.clone(),
        product: form.product.clone(),
        supplier: form.supplier.clone(),
        target_group: form.target_group.clone(),
        category: Some(form.category.clone()),
        starts_on,
        ends_on,
        phase: None,
        visibility: Some(form.visibility.clone()).filter(|v| !v.is_empty()),
        needs: values_of(&form.needs),
        technology_entry: Some(form.technology_entry.clone()).filter(|t| !t.is_empty()),
    };
    (input, issues)
}

/// The journal form, as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EntryForm {
    pub csrf: String,
    pub entry_type: String,
    pub happened_on: String,
    pub text: String,
}

async fn entry_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let happened_on = crate::web::date_field(&form.happened_on, "happened_on", &mut issues);
    let added = if issues.is_empty() {
        super::add_entry(
            &state,
            &by,
            &slug,
            EntryInput {
                entry_type: form.entry_type.clone(),
                happened_on,
                text: form.text.clone(),
            },
        )
        .await
    } else {
        Err(AppError::Invalid(issues))
    };
    match added {
        Ok(entry) => Ok(crate::web::frame::see_other(
            &format!("/tester/{slug}#anteckning-{}", entry.id),
            &crate::web::i18n::t("trials-entry-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &trial_view(&state, identity, &slug, form.into_inner(), errors).await?,
        ),
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PhaseForm {
    csrf: String,
    phase: String,
}

async fn phase_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<PhaseForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let trial = super::set_phase(&state, &by, &slug, &form.phase).await?;
    Ok(crate::web::frame::see_other(
        &format!("{}#test", super::url(&trial)),
        &crate::web::i18n::t("trials-phase-changed"),
    ))
}

/// Trials the caller may follow, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/trials",
    tag = "trials",
    params(TrialFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = TrialList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<TrialFilter>,
) -> Result<web::Json<TrialList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Starts a trial (its lead's staff or node staff). Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/trials",
    tag = "trials",
    request_body = TrialInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = TrialView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    by: By,
    input: web::Json<TrialInput>,
) -> Result<HttpResponse, AppError> {
    let trial = super::create(&state, &by, input.into_inner()).await?;
    let view = super::show(&state, &by.actor, &trial.id.to_string()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/trials/{}", view.id)))
        .json(view))
}

/// One trial with its participants, journal and reports.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = TrialView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 410, response = crate::openapi::Gone),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<TrialView>, AppError> {
    let trial = super::show(&state, &actor, &id).await?;
    // Only node staff get this far with a withdrawn trial; the API says it is gone.
    if trial.withdrawn_at.is_some() {
        return Err(AppError::Gone("Testet"));
    }
    Ok(web::Json(trial))
}

/// The trial's journal, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/journal",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = [EntryView]),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn journal(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<Vec<EntryView>>, AppError> {
    Ok(web::Json(super::show(&state, &actor, &id).await?.journal))
}

/// Writes a journal entry (participants). Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/journal",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body = EntryInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = EntryView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn add_entry(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<EntryInput>,
) -> Result<HttpResponse, AppError> {
    let entry = super::add_entry(&state, &by, &id, input.into_inner()).await?;
    Ok(HttpResponse::Created().json(super::entry_view(&state.catalog.get(), entry)))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseInput {
    /// planerad, pagar, avslutad or avbruten.
    #[schema(schema_with = crate::trials::TrialPhase::field_schema)]
    pub phase: String,
}

/// Moves a trial to another phase (its lead or node staff); participants are e-mailed.
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/phase",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body = PhaseInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = TrialView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn set_phase(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<PhaseInput>,
) -> Result<web::Json<TrialView>, AppError> {
    let trial = super::set_phase(&state, &by, &id, &input.phase).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &trial.id.to_string()).await?,
    ))
}

/// The trial behind `slug` with its parties if `user` may do `action` to it; refused otherwise.
async fn amendable(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    action: Action,
) -> Result<(super::entity::Model, super::Parties), AppError> {
    let actor = user.actor();
    let (trial, parties) = super::readable_with_parties(state, &actor, slug).await?;
    let trial = trial.into_inner();
    if !can(&actor, action, &super::resource(&trial, &parties)) {
        return Err(AppError::Forbidden(
            "trials-error-edit-forbidden".to_owned(),
        ));
    }
    super::not_withdrawn(&trial)?;
    Ok((trial, parties))
}

async fn edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (trial, parties) = amendable(&state, &user, &slug, Action::Edit).await?;
    let view = super::view(
        &state,
        &user.actor(),
        super::readable_by_slug(&state, &user.actor(), &trial.id.to_string()).await?,
        &parties,
    )
    .await?;
    let catalog = state.catalog.get();
    let technology_entry = match trial.technology_id {
        Some(id) => crate::technologies::find(&state, &id.to_string())
            .await
            .ok()
            .map(|e| e.slug.clone())
            .unwrap_or_default(),
        None => String::new(),
    };
    let needs: Vec<String> = view
        .needs
        .iter()
        .filter_map(|n| n.url.strip_prefix("/behov/"))
        .map(str::to_owned)
        .collect();
    let form = TrialForm {
        csrf: String::new(),
        title: trial.title.clone(),
        description: trial.description_md.clone(),
        lead: catalog
            .organisation_by_id(trial.lead_organisation_id)
            .map(|o| o.code.clone())
            .unwrap_or_default(),
        participants: view.participants.iter().map(|p| p.code.clone()).collect(),
        more_participants: String::new(),
        technology: trial.technology.clone(),
        product: trial.product.clone(),
        supplier: trial.supplier.clone(),
        target_group: trial.target_group.clone(),
        category: trial
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(|c| c.slug.clone())
            .unwrap_or_default(),
        starts_on: trial.starts_on.map(|d| d.to_string()).unwrap_or_default(),
        ends_on: trial.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        visibility: trial.visibility.clone(),
        needs: needs.clone(),
        offered_needs: needs,
        technology_entry,
        fresh: false,
    };
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &form, Vec::new(), Some(&super::url(&trial))).await?,
    )
}

async fn update_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: TrialForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (trial, _) = amendable(&state, &user, &slug, Action::Edit).await?;
    let (input, issues) = input_of(&form);
    let updated = if issues.is_empty() {
        super::update(&state, &by, &trial.id.to_string(), input).await
    } else {
        Err(AppError::Invalid(issues))
    };
    match updated {
        Ok(trial) => Ok(frame::see_other(
            &super::url(&trial),
            &crate::web::i18n::t("trials-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors, Some(&super::url(&trial))).await?,
        ),
        Err(other) => Err(other),
    }
}

async fn withdraw_confirm(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (trial, _) = amendable(&state, &user, &slug, Action::Withdraw).await?;
    page(
        HttpResponse::Ok(),
        &ConfirmPage::withdrawal(
            crate::web::i18n::t_with("trials-withdraw-heading", "title", &trial.title),
            crate::web::i18n::t("trials-withdraw-text"),
            crate::web::i18n::t("trials-withdraw-button"),
            super::url(&trial),
            &user.0.csrf,
        ),
    )
}

async fn withdraw_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::withdraw(&state, &by, &slug).await?;
    Ok(frame::see_other(
        "/tester",
        &crate::web::i18n::t("trials-withdrawn-done"),
    ))
}

async fn restore_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let trial = super::restore(&state, &by, &slug).await?;
    Ok(frame::see_other(
        &super::url(&trial),
        &crate::web::i18n::t("trials-restored"),
    ))
}

async fn history_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<crate::revisions::HistoryPage, AppError> {
    let trial = super::readable_by_slug(&state, &actor, &slug)
        .await?
        .into_inner();
    crate::revisions::page(
        &state.db,
        super::TRIAL,
        trial.id,
        trial.title.clone(),
        super::url(&trial),
        query.into_inner(),
        crate::web::i18n::t("trials-history-empty"),
    )
    .await
}

#[derive(Template)]
#[template(path = "trials/entry_form.html")]
pub struct EntryEditPage {
    pub trial_title: String,
    pub trial_url: String,
    pub entry_id: String,
    pub action: String,
    pub csrf: String,
    pub entry: EntryForm,
    pub entry_types: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl EntryEditPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

/// The journal entry `entry` of the trial `slug` if `user` may change it.
async fn amendable_entry(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    entry: &str,
) -> Result<(super::entity::Model, super::entity::journal::Model), AppError> {
    let actor = user.actor();
    let (trial, parties, entry) = super::readable_entry(state, &actor, slug, entry).await?;
    if !super::may_amend(&actor, Action::Edit, &trial, &parties, &entry) {
        return Err(AppError::Forbidden(
            "trials-error-entry-edit-forbidden".to_owned(),
        ));
    }
    super::not_withdrawn(&trial)?;
    Ok((trial, entry))
}

fn entry_edit_page(
    user: &SignedIn,
    trial: &super::entity::Model,
    entry_id: uuid::Uuid,
    form: EntryForm,
    errors: Vec<FieldIssue>,
) -> EntryEditPage {
    let url = super::url(trial);
    EntryEditPage {
        trial_title: trial.title.clone(),
        action: format!("{url}/journal/{entry_id}/andra"),
        trial_url: url,
        entry_id: entry_id.to_string(),
        csrf: user.0.csrf.clone(),
        entry_types: choices(
            EntryType::ALL,
            EntryType::as_str,
            EntryType::label,
            &form.entry_type,
        ),
        entry: form,
        errors,
    }
}

async fn entry_edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, entry) = path.into_inner();
    let (trial, entry) = amendable_entry(&state, &user, &slug, &entry).await?;
    let form = EntryForm {
        csrf: String::new(),
        entry_type: entry.entry_type.clone(),
        happened_on: entry.happened_on.to_string(),
        text: entry.body_md.clone(),
    };
    page(
        HttpResponse::Ok(),
        &entry_edit_page(&user, &trial, entry.id, form, Vec::new()),
    )
}

async fn entry_update_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, String)>,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, entry) = path.into_inner();
    let (trial, entry) = amendable_entry(&state, &user, &slug, &entry).await?;
    let mut issues = Vec::new();
    let happened_on = crate::web::date_field(&form.happened_on, "happened_on", &mut issues);
    let updated = if issues.is_empty() {
        super::update_entry(
            &state,
            &by,
            &trial.id.to_string(),
            &entry.id.to_string(),
            EntryInput {
                entry_type: form.entry_type.clone(),
                happened_on,
                text: form.text.clone(),
            },
        )
        .await
    } else {
        Err(AppError::Invalid(issues))
    };
    match updated {
        Ok(entry) => Ok(frame::see_other(
            &format!("{}#anteckning-{}", super::url(&trial), entry.id),
            &crate::web::i18n::t("trials-entry-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &entry_edit_page(&user, &trial, entry.id, form.into_inner(), errors),
        ),
        Err(other) => Err(other),
    }
}

async fn entry_withdraw_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, entry) = path.into_inner();
    super::set_entry_withdrawn(&state, &by, &slug, &entry, true).await?;
    Ok(frame::see_other(
        &format!("/tester/{slug}#journal"),
        &crate::web::i18n::t("trials-entry-withdrawn-done"),
    ))
}

async fn entry_restore_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, entry) = path.into_inner();
    let entry = super::set_entry_withdrawn(&state, &by, &slug, &entry, false).await?;
    Ok(frame::see_other(
        &format!("/tester/{slug}#anteckning-{}", entry.id),
        &crate::web::i18n::t("trials-entry-restored"),
    ))
}

/// Replaces a trial's facts, participants and period (its lead or node staff); same body as
/// starting it. A later `ends_on` extends the trial and moves its follow-ups; lead, visibility
/// and phase stay when left out. Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body = TrialInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = TrialView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<TrialInput>,
) -> Result<web::Json<TrialView>, AppError> {
    let trial = super::update(&state, &by, &id, input.into_inner()).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &trial.id.to_string()).await?,
    ))
}

/// Changes the fields sent and keeps the rest: a JSON Merge Patch (RFC 7396) of the body `PUT`
/// takes, applied to the trial as it stands (its participants by code, the needs it answers
/// that the writer may open, its catalogue entry) and then saved as that `PUT` would be (same
/// rights, checks and history). Requires a bearer token with the `write` scope.
#[utoipa::path(
    patch,
    path = "/api/v1/trials/{id}",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body(content(
        (super::TrialPatch = "application/merge-patch+json"),
        (super::TrialPatch = "application/json"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, body = TrialView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn patch(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    patch: web::Json<serde_json::Value>,
) -> Result<web::Json<TrialView>, AppError> {
    let current = super::current_input(&state, &by, &id).await?;
    let input = crate::web::merge_patch::patched(&current, patch.into_inner())?;
    let trial = super::update(&state, &by, &id, input).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &trial.id.to_string()).await?,
    ))
}

/// Withdraws a trial with its journal (its lead or node staff): it leaves lists, search and
/// the overview, and answers 404 to everyone but node staff, who can restore it. Requires a
/// bearer token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/trials/{id}",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn (or already withdrawn)"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn withdraw(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::withdraw(&state, &by, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Restores a withdrawn trial with its journal (node staff). Requires a bearer token with the
/// `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/restore",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = TrialView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn restore(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<web::Json<TrialView>, AppError> {
    let trial = super::restore(&state, &by, &id).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &trial.id.to_string()).await?,
    ))
}

/// The trial's revisions, newest first, and what changed between two of them (by default the
/// newest and the one before).
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/revisions",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug"), CompareQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = History),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn revisions(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<web::Json<History>, AppError> {
    let trial = super::readable_by_slug(&state, &actor, &id)
        .await?
        .into_inner();
    Ok(web::Json(
        crate::revisions::api_history(&state.db, super::TRIAL, trial.id, query.into_inner())
            .await?,
    ))
}

/// Changes a journal entry (the organisation that wrote it, the trial's lead or node staff).
/// Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/journal/{entry_id}",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("entry_id" = String, Path, description = "The entry's UUID"),
    ),
    request_body = EntryInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = EntryView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn update_entry(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
    input: web::Json<EntryInput>,
) -> Result<web::Json<EntryView>, AppError> {
    let (id, entry_id) = path.into_inner();
    let entry = super::update_entry(&state, &by, &id, &entry_id, input.into_inner()).await?;
    Ok(web::Json(super::entry_view(&state.catalog.get(), entry)))
}

/// Changes the fields sent and keeps the rest: a JSON Merge Patch (RFC 7396) of the body `PUT`
/// takes, applied to the entry as it stands and then saved as that `PUT` would be. Requires a
/// bearer token with the `write` scope.
#[utoipa::path(
    patch,
    path = "/api/v1/trials/{id}/journal/{entry_id}",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("entry_id" = String, Path, description = "The entry's UUID"),
    ),
    request_body(content(
        (super::EntryPatch = "application/merge-patch+json"),
        (super::EntryPatch = "application/json"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, body = EntryView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn patch_entry(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
    patch: web::Json<serde_json::Value>,
) -> Result<web::Json<EntryView>, AppError> {
    let (id, entry_id) = path.into_inner();
    let current = super::current_entry_input(&state, &by, &id, &entry_id).await?;
    let input = crate::web::merge_patch::patched(&current, patch.into_inner())?;
    let entry = super::update_entry(&state, &by, &id, &entry_id, input).await?;
    Ok(web::Json(super::entry_view(&state.catalog.get(), entry)))
}

/// Withdraws a journal entry (the organisation that wrote it, the trial's lead or node staff).
/// Requires a bearer token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/trials/{id}/journal/{entry_id}",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("entry_id" = String, Path, description = "The entry's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn (or already withdrawn)"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn withdraw_entry(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, entry_id) = path.into_inner();
    super::set_entry_withdrawn(&state, &by, &id, &entry_id, true).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Restores a withdrawn journal entry (node staff). Requires a bearer token with the `write`
/// scope.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/journal/{entry_id}/restore",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("entry_id" = String, Path, description = "The entry's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = EntryView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn restore_entry(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<web::Json<EntryView>, AppError> {
    let (id, entry_id) = path.into_inner();
    let entry = super::set_entry_withdrawn(&state, &by, &id, &entry_id, false).await?;
    Ok(web::Json(super::entry_view(&state.catalog.get(), entry)))
}
