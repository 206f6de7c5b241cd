//! Promoting a field report (point 7): a coordinator or the trial's lead turns a report, or a
//! part of it, into an entry of a trial's journal (hinder, möjlighet, steg) or into a new need,
//! through those features' own service functions. The link is kept in
//! `field_report_promotions`; the report lists what it became, the new item's page says where
//! it came from ([`promoted_from`]), and the coach is told.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use uuid::Uuid;

use super::entity::{self, promotion};
use super::views::LinkView;
use crate::audit::By;
use crate::auth::{Actor, SignedIn, csrf};
use crate::error::{AppError, FieldIssue};
use crate::notifications::{Event, EventKind};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::{Choice, choices, page};

/// The kind a journal entry has in the promotions table.
pub const JOURNAL_ENTRY: &str = "journal_entry";
/// The kind a need has in the promotions table.
pub const NEED: &str = "need";

/// What a promoter sends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PromoteInput {
    /// `journal` or `need`.
    pub into: String,
    /// For a journal entry: the trial (slug or id; default the report's) and the kind of entry.
    pub trial: String,
    pub entry_type: String,
    /// For a need: its title and target group.
    pub title: String,
    pub target_group: String,
    /// The text of the new item (prefilled with the report's, editable).
    pub text: String,
}

/// The trial's policy resource for the report's trial, when it has one `actor` may read.
async fn trial_resource(
    state: &AppState,
    actor: &Actor,
    trial: &str,
) -> Result<Option<(crate::trials::entity::Model, crate::auth::Resource)>, AppError> {
    match crate::trials::readable_with_parties(state, actor, trial).await {
        Ok((trial, parties)) => {
            let resource = crate::trials::resource(&trial, &parties);
            Ok(Some((trial.into_inner(), resource)))
        }
        Err(AppError::NotFound(_) | AppError::SignInRequired) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `actor` may promote report `id` in some way (the button on its page).
pub async fn may_promote_any(state: &AppState, actor: &Actor, id: &str) -> Result<bool, AppError> {
    if *actor == Actor::Anonymous {
        return Ok(false);
    }
    let report = super::readable(state, actor, id).await?.into_inner();
    let resource = super::resource(&report, &state.catalog.get());
    let trial = match report.trial_id {
        Some(t) => trial_resource(state, actor, &t.to_string()).await?,
        None => None,
    };
    Ok(crate::auth::policy::promotes_field_report(
        actor,
        &resource,
        trial.as_ref().map(|(_, r)| r),
    ))
}

/// Turns report `id` into a journal entry or a need as `input` says; returns the new item's
/// (title, page).
#[tracing::instrument(skip_all)]
pub async fn promote(
    state: &AppState,
    by: &By,
    id: &str,
    input: PromoteInput,
) -> Result<LinkView, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let report = super::readable(state, &by.actor, id).await?.into_inner();
    let catalog = state.catalog.get();
    let resource = super::resource(&report, &catalog);
    let (kind, item_id, link) = match input.into.as_str() {
        "journal" => {
            let trial_key = match input.trial.trim() {
                "" => report.trial_id.map(|t| t.to_string()).unwrap_or_default(),
                t => t.to_owned(),
            };
            let trial = match trial_resource(state, &by.actor, &trial_key).await? {
                Some(t) => t,
                None => {
                    return Err(AppError::Invalid(vec![FieldIssue::new(
                        "trial",
                        "fieldreports-error-trial-missing",
                    )]));
                }
            };
            if !crate::auth::policy::promotes_field_report(&by.actor, &resource, Some(&trial.1)) {
                return Err(AppError::Forbidden(
                    "fieldreports-error-promote-refused".to_owned(),
                ));
            }
            if !["hinder", "mojlighet", "steg"].contains(&input.entry_type.as_str()) {
                return Err(AppError::Invalid(vec![FieldIssue::new(
                    "entry_type",
                    "fieldreports-error-entry-type",
                )]));
            }
            let entry = crate::trials::add_entry(
                state,
                by,
                &trial.0.id.to_string(),
                crate::trials::EntryInput {
                    entry_type: input.entry_type.clone(),
                    happened_on: None,
                    text: input.text.clone(),
                },
            )
            .await?;
            let label = crate::trials::EntryType::label_of(&entry.entry_type);
            (
                JOURNAL_ENTRY,
                entry.id,
                LinkView {
                    title: format!("{label} i journalen för {}", trial.0.title),
                    url: format!("{}#journal", crate::trials::url(&trial.0)),
                },
            )
        }
        "need" => {
            if !crate::auth::policy::promotes_field_report(&by.actor, &resource, None) {
                return Err(AppError::Forbidden(
                    "fieldreports-error-need-refused".to_owned(),
                ));
            }
            let need = crate::needs::create(
                state,
                by,
                crate::needs::NeedInput {
                    title: input.title.clone(),
                    description: input.text.clone(),
                    target_group: input.target_group.clone(),
                    category: report
                        .category_id
                        .and_then(|c| catalog.category_by_id(c))
                        .map(|c| c.slug.clone()),
                    organisation: None,
                    visibility: Some(report.visibility.clone()),
                },
            )
            .await?;
            (
                NEED,
                need.id,
                LinkView {
                    title: format!("Behov: {}", need.title),
                    url: crate::needs::url(&need),
                },
            )
        }
        _ => {
            return Err(AppError::Invalid(vec![FieldIssue::new(
                "into",
                "fieldreports-error-into-missing",
            )]));
        }
    };
    let mut unit = Unit::begin(state, by).await?;
    promotion::ActiveModel {
        field_report_id: Set(report.id),
        item_kind: Set(kind.to_owned()),
        item_id: Set(item_id),
        title: Set(link.title.chars().take(300).collect()),
        path: Set(link.url.clone()),
        created_by: Set(by.actor.user_id()),
        created_at: Set(unit.now()),
    }
    .insert(unit.db())
    .await?;
    unit.changed(super::FIELD_REPORT, report.id, crate::changes::Op::Upsert);
    unit.audit(
        "field_report.promote",
        format!("field_report:{}", report.id),
        format!("{kind}:{item_id}"),
    );
    let title = super::title_of(&report.text_md);
    unit.event(Event {
        kind: EventKind::Promoted,
        item_kind: super::FIELD_REPORT,
        item_id: report.id,
        principals: super::principals(&report, &catalog),
        topics: Vec::new(),
        users: vec![report.author_id],
        words: crate::notifications::Words::each(|| {
            use crate::web::i18n;
            let args = [
                ("title", title.as_str()),
                ("by", by.name.as_str()),
                ("became", link.title.as_str()),
            ];
            crate::notifications::Words {
                title: i18n::t_args("fieldreports-notice-promoted-title", &args),
                lines: vec![
                    i18n::t_args("fieldreports-notice-promoted", &args),
                    i18n::t_args("fieldreports-notice-promoted-became", &args),
                ],
            }
        }),
        path: link.url.clone(),
    });
    unit.commit().await?;
    Ok(link)
}

/// The field report item `item_kind`/`item_id` came from, if any and `actor` may read it: for
/// the new item's page ("Från fältrapport: …").
pub async fn promoted_from(
    state: &AppState,
    actor: &Actor,
    item_kind: &str,
    item_id: Uuid,
) -> Result<Option<LinkView>, AppError> {
    let Some(row) = promotion::Entity::find()
        .filter(promotion::Column::ItemKind.eq(item_kind))
        .filter(promotion::Column::ItemId.eq(item_id))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    match super::readable(state, actor, &row.field_report_id.to_string()).await {
        Ok(report) => Ok(Some(LinkView {
            title: super::title_of(&report.text_md),
            url: super::url_of(report.id),
        })),
        Err(AppError::NotFound(_) | AppError::SignInRequired) => Ok(None),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "fieldreports/promote.html")]
pub struct PromotePage {
    pub report_url: String,
    pub report_title: String,
    pub csrf: String,
    pub input: PromoteInput,
    pub entry_types: Vec<Choice>,
    pub target_groups: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl PromotePage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn promote_page(
    report: &entity::Model,
    user: &SignedIn,
    input: PromoteInput,
    errors: Vec<FieldIssue>,
) -> PromotePage {
    let entry_types = ["steg", "hinder", "mojlighet"]
        .iter()
        .map(|v| Choice {
            value: (*v).to_owned(),
            label: crate::trials::EntryType::label_of(v),
            selected: input.entry_type == *v,
        })
        .collect();
    PromotePage {
        report_url: super::url_of(report.id),
        report_title: super::title_of(&report.text_md),
        csrf: user.0.csrf.clone(),
        target_groups: choices(
            crate::catalog::TargetGroup::ALL,
            crate::catalog::TargetGroup::as_str,
            crate::catalog::TargetGroup::label,
            &input.target_group,
        ),
        entry_types,
        input,
        errors,
    }
}

pub async fn promote_form(
    state: web::Data<AppState>,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    if !may_promote_any(&state, &actor, &id).await? {
        return Err(AppError::Forbidden(
            "fieldreports-error-promote-refused".to_owned(),
        ));
    }
    let report = super::readable(&state, &actor, &id).await?.into_inner();
    let input = PromoteInput {
        into: if report.trial_id.is_some() {
            "journal".to_owned()
        } else {
            "need".to_owned()
        },
        trial: report.trial_id.map(|t| t.to_string()).unwrap_or_default(),
        entry_type: "hinder".to_owned(),
        title: super::title_of(&report.text_md),
        target_group: String::new(),
        text: report.text_md.clone(),
    };
    page(
        HttpResponse::Ok(),
        &promote_page(&report, &user, input, Vec::new()),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PromoteForm {
    csrf: String,
    #[serde(flatten)]
    input: PromoteInput,
}

pub async fn promote_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    id: web::Path<String>,
    form: web::Form<PromoteForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let form = form.into_inner();
    match promote(&state, &by, &id, form.input.clone()).await {
        Ok(link) => Ok(crate::web::frame::see_other(
            &link.url,
            &crate::web::i18n::t("fieldreports-promoted"),
        )),
        Err(AppError::Invalid(errors)) => {
            let report = super::readable(&state, &user.actor(), &id)
                .await?
                .into_inner();
            page(
                HttpResponse::UnprocessableEntity(),
                &promote_page(&report, &user, form.input, errors),
            )
        }
        Err(other) => Err(other),
    }
}
