//! From procurement back to knowledge (issue 14, point 9): once the agreement is signed, a
//! lead publishes a summary of the procurement as a public report: what was procured, the
//! requirements, the parties, the supplier and the lessons learnt. It goes the way every
//! report goes (node staff publish at once; anyone else sends it for review), so the next
//! county finds it by search. The catalogue entry of the technology shows the contract from
//! the procurement's public facts ([`contracts_of_technology`]).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use super::contract::{award_of, kronor};
use super::requirements::entity as requirement;
use super::{Phase, public};
use crate::audit::By;
use crate::auth::{Action, Actor, Resource, can};
use crate::error::AppError;
use crate::reports::{self, Intent, ReportInput};
use crate::state::AppState;

/// What a lead writes for the summary: the lessons learnt, in Markdown.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryInput {
    #[validate(length(min = 1, max = 20000, message = "procurement-error-lessons-length"))]
    #[schema(min_length = 1, max_length = 20000)]
    pub lessons: String,
}

/// Whether a procurement in `phase` has a signed agreement to summarise.
pub fn summarisable(phase: &str) -> bool {
    matches!(Phase::parse(phase), Some(Phase::Avtal | Phase::Uppfoljning))
}

/// Publishes the summary of a signed agreement as a public report of the lead organisation
/// (its leads). Returns the report.
#[tracing::instrument(skip_all)]
pub async fn publish(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: &SummaryInput,
) -> Result<reports::entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let opened = super::readable(state, &by.actor, slug_or_id)
        .await?
        .into_inner();
    if !can(&by.actor, Action::Edit, &opened.resource()) {
        return Err(AppError::Forbidden(
            "procurement-error-summary-leads-only".to_owned(),
        ));
    }
    let p = opened.procurement;
    let mut issues = crate::error::issues_of(input);
    crate::privacy::check_fields(&[("lessons", &input.lessons)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let award = award_of(&state.db, p.id).await?;
    let (true, Some(award)) = (summarisable(&p.phase), award) else {
        return Err(AppError::Conflict(
            "procurement-error-summary-too-early".to_owned(),
        ));
    };
    let catalog = state.catalog.get();
    let today = crate::web::stockholm_date(state.clock.now());
    let (parties, _) =
        public::parties_and_milestones(&state.db, &catalog, std::slice::from_ref(&p), today)
            .await?
            .remove(&p.id)
            .unwrap_or_default();
    let requirements = requirement::Entity::find()
        .filter(requirement::Column::ProcurementId.eq(p.id))
        .order_by_asc(requirement::Column::Position)
        .all(&state.db)
        .await?;

    let mut body = String::from("## Vad som upphandlades\n\n");
    body.push_str(p.description_md.trim());
    body.push_str("\n\n## Krav\n\n");
    if requirements.is_empty() {
        body.push_str("Inga krav registrerade.\n");
    }
    // Names and titles are plain text: written so that nothing in them is taken as markup.
    let text = crate::web::markdown::escape_text;
    for r in &requirements {
        let kind = super::requirements::RequirementKind::label_of(&r.kind);
        let title = text(&r.title);
        match r.weight {
            Some(weight) => body.push_str(&format!("- {title} ({kind}, {weight} %)\n")),
            None => body.push_str(&format!("- {title} ({kind})\n")),
        }
    }
    body.push_str("\n## Avtalsparter\n\n");
    for party in &parties {
        body.push_str(&format!(
            "- {}: {}, takbelopp {}\n",
            text(&party.organisation.name),
            party.role_label,
            kronor(party.maximum_sek)
        ));
    }
    body.push_str(&format!(
        "\n## Leverantör\n\n{}, tilldelad {}{}.\n\n## Lärdomar\n\n{}\n",
        text(&award.supplier),
        crate::web::date_text(award.awarded_on),
        award
            .signed_on
            .map(|d| format!(", avtal tecknat {}", crate::web::date_text(d)))
            .unwrap_or_default(),
        input.lessons.trim()
    ));
    let lead = catalog
        .organisation_by_id(p.lead_organisation_id)
        .map(|o| o.code.clone());
    let title: String = format!("Upphandling: {}", p.title)
        .chars()
        .take(200)
        .collect();
    let summary = crate::web::markdown::first_paragraph(&p.description_md, 280);
    let report = ReportInput {
        title,
        summary: if summary.trim().is_empty() {
            format!("Gemensam upphandling med {} avtalsparter.", parties.len())
        } else {
            summary
        },
        body,
        kind: Some("erfarenhet".to_owned()),
        organisation: lead,
        categories: p
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(|c| vec![c.slug.clone()])
            .unwrap_or_default(),
        tags: vec!["upphandling".to_owned(), "ramavtal".to_owned()],
        visibility: Some("public".to_owned()),
        ..ReportInput::default()
    };
    // Node staff publish at once; a lead's summary is reviewed like any report.
    let intent = if can(&by.actor, Action::Review, &Resource::ReviewQueue) {
        Intent::Save
    } else {
        Intent::Submit
    };
    reports::create_with(state, by, report, intent).await
}

/// A framework agreement for a technology, as its catalogue page shows it.
#[derive(Debug, Clone)]
pub struct ContractLine {
    pub title: String,
    pub url: String,
    pub lead: String,
    pub supplier: String,
    pub signed_on: String,
    /// The parties' names, a later party with the date it may call off from.
    pub parties: Vec<String>,
}

/// The most agreements a catalogue page lists.
pub const CONTRACTS_MAX: u64 = 20;

/// The signed framework agreements procured for the catalogue entry `technology_id`: public
/// facts of procurements in the phase Avtal or later with an award, newest first.
pub async fn contracts_of_technology(
    state: &AppState,
    technology_id: Uuid,
) -> Result<Vec<ContractLine>, AppError> {
    let signed = [Phase::Avtal.as_str(), Phase::Uppfoljning.as_str()];
    let procurements = super::entity::Entity::find()
        .filter(super::entity::Column::TechnologyId.eq(technology_id))
        .filter(super::entity::Column::Phase.is_in(signed))
        .order_by_desc(super::entity::Column::UpdatedAt)
        .limit(CONTRACTS_MAX)
        .all(&state.db)
        .await?;
    let catalog = state.catalog.get();
    let today = crate::web::stockholm_date(state.clock.now());
    let mut facts =
        public::parties_and_milestones(&state.db, &catalog, &procurements, today).await?;
    let mut lines = Vec::new();
    for p in procurements {
        let Some(award) = award_of(&state.db, p.id).await? else {
            continue;
        };
        let (parties, _) = facts.remove(&p.id).unwrap_or_default();
        lines.push(ContractLine {
            url: super::url(&p),
            title: p.title,
            lead: catalog
                .organisation_by_id(p.lead_organisation_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            supplier: award.supplier,
            signed_on: award
                .signed_on
                .map(crate::web::date_text)
                .unwrap_or_default(),
            parties: parties
                .iter()
                .map(|party| match party.from_on {
                    Some(from) => crate::web::i18n::text_with(
                        crate::web::i18n::lang(),
                        "procurement-contract-party-from",
                        &[
                            ("name", party.organisation.name.clone().into()),
                            ("date", crate::web::date_text(from).into()),
                        ],
                    ),
                    None => party.organisation.name.clone(),
                })
                .collect(),
        });
    }
    Ok(lines)
}

pub mod routes {
    //! `/upphandlingar/{slug}/sammanfattning` and `POST /api/v1/procurements/{id}/summary`.

    use actix_web::{HttpRequest, HttpResponse, web};
    use askama::Template;
    use serde::Deserialize;

    use super::SummaryInput;
    use crate::audit::By;
    use crate::auth::{Action, Identity, SignedIn, can, csrf};
    use crate::error::{AppError, FieldIssue};
    use crate::state::AppState;
    use crate::web::{api_resource, frame, page};

    pub fn configure(cfg: &mut web::ServiceConfig) {
        cfg.route(
            "/upphandlingar/{slug}/sammanfattning",
            web::get().to(summary_page),
        )
        .route(
            "/upphandlingar/{slug}/sammanfattning",
            web::post().to(summary_form),
        )
        .service(api_resource!(
            "/api/v1/procurements/{id}/summary",
            post => publish
        ));
    }

    /// The procurement's name and address, for the heading and its navigation.
    pub struct Head {
        pub url: String,
        pub title: String,
    }

    #[derive(Template)]
    #[template(path = "procurement/summary.html")]
    pub struct SummaryPage {
        pub p: Head,
        pub csrf: String,
        /// The agreement is signed, so a summary can be published.
        pub ready: bool,
        pub lessons: String,
        pub errors: Vec<FieldIssue>,
    }

    impl SummaryPage {
        pub fn error_for(&self, field: &str) -> Option<String> {
            crate::error::message_of(&self.errors, field)
        }
    }

    /// The page for its leads; 404 to those outside, 403 to other members.
    async fn view(
        state: &AppState,
        identity: &Identity,
        slug: &str,
        lessons: String,
        errors: Vec<FieldIssue>,
    ) -> Result<SummaryPage, AppError> {
        let opened = crate::procurement::readable(state, &identity.actor, slug).await?;
        let Some(session) = identity.session.as_ref() else {
            return Err(AppError::SignInRequired);
        };
        if !can(&identity.actor, Action::Edit, &opened.resource()) {
            return Err(AppError::Forbidden(
                "procurement-error-summary-leads-only".to_owned(),
            ));
        }
        let awarded = super::award_of(&state.db, opened.procurement.id)
            .await?
            .is_some();
        Ok(SummaryPage {
            p: Head {
                url: crate::procurement::url(&opened.procurement),
                title: opened.procurement.title.clone(),
            },
            csrf: session.csrf.clone(),
            ready: awarded && super::summarisable(&opened.procurement.phase),
            lessons,
            errors,
        })
    }

    async fn summary_page(
        state: web::Data<AppState>,
        identity: Identity,
        slug: web::Path<String>,
    ) -> Result<HttpResponse, AppError> {
        let view = view(&state, &identity, &slug, String::new(), Vec::new()).await?;
        page(HttpResponse::Ok(), &view)
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct SummaryForm {
        csrf: String,
        lessons: String,
    }

    async fn summary_form(
        req: HttpRequest,
        state: web::Data<AppState>,
        identity: Identity,
        user: SignedIn,
        by: By,
        slug: web::Path<String>,
        form: web::Form<SummaryForm>,
    ) -> Result<HttpResponse, AppError> {
        let form = form.into_inner();
        csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
        let input = SummaryInput {
            lessons: form.lessons,
        };
        match super::publish(&state, &by, &slug, &input).await {
            Ok(report) => Ok(frame::see_other(
                &crate::reports::url(&report),
                &crate::web::i18n::t("procurement-flash-summary-saved"),
            )),
            Err(AppError::Invalid(errors)) => {
                let view = view(&state, &identity, &slug, input.lessons, errors).await?;
                page(HttpResponse::UnprocessableEntity(), &view)
            }
            Err(other) => Err(other),
        }
    }

    /// Where the published summary is.
    #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
    pub struct PublishedSummary {
        /// The report's id and address.
        pub report_id: uuid::Uuid,
        pub url: String,
        /// `published`, or `review` when node staff review it first.
        pub status: String,
    }

    /// Publishes the summary of a signed agreement (what was procured, the requirements, the
    /// parties, the supplier and the lessons) as a public report of the lead organisation
    /// (its leads): at once by node staff, otherwise after review. Requires a bearer token
    /// with the `write` scope.
    #[utoipa::path(
        post,
        path = "/api/v1/procurements/{id}/summary",
        tag = "procurements",
        params(("id" = String, Path, description = "The procurement's UUID or slug")),
        request_body = SummaryInput,
        security(("bearer" = [])),
        responses(
            (status = 201, body = PublishedSummary),
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
    pub async fn publish(
        state: web::Data<AppState>,
        by: By,
        id: web::Path<String>,
        input: web::Json<SummaryInput>,
    ) -> Result<HttpResponse, AppError> {
        let report = super::publish(&state, &by, &id, &input).await?;
        Ok(HttpResponse::Created().json(PublishedSummary {
            report_id: report.id,
            url: crate::reports::url(&report),
            status: report.status.clone(),
        }))
    }
}
