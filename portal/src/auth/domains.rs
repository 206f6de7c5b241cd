//! How an organisation's staff sign in: its registered e-mail domains and its OpenID Connect
//! identity provider. Set by node administrators; every change is audited.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::entity::{email_domain, identity_provider};
use crate::audit::By;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// Lower-cased, without a leading `@`; refuses what cannot be a domain name.
pub fn normalise_domain(raw: &str) -> Result<String, AppError> {
    let domain = raw.trim().trim_start_matches('@').to_lowercase();
    let valid = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !valid {
        return Err(AppError::invalid("domain", "auth-error-domain-invalid"));
    }
    Ok(domain)
}

/// Registers `domain` for `organisation_id` as part of `unit`.
pub async fn add(unit: &mut Unit, organisation_id: Uuid, domain: &str) -> Result<(), AppError> {
    let now = unit.now();
    let db = unit.db();
    let domain = normalise_domain(domain)?;
    let mut issues = Vec::new();
    crate::privacy::check_fields(&[("domain", &domain)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    if let Some(existing) = email_domain::Entity::find_by_id(domain.clone())
        .one(db)
        .await?
    {
        if existing.organisation_id == organisation_id {
            return Ok(());
        }
        return Err(AppError::invalid("domain", "auth-error-domain-taken"));
    }
    email_domain::ActiveModel {
        domain: Set(domain.clone()),
        organisation_id: Set(organisation_id),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    unit.audit(
        "organisation.domain_add",
        format!("organisation:{organisation_id}"),
        domain,
    );
    Ok(())
}

pub async fn add_domain(
    state: &AppState,
    by: &By,
    organisation_id: Uuid,
    domain: &str,
) -> Result<(), AppError> {
    let mut unit = Unit::begin(state, by).await?;
    add(&mut unit, organisation_id, domain).await?;
    unit.commit().await?;
    Ok(())
}

pub async fn remove_domain(
    state: &AppState,
    by: &By,
    organisation_id: Uuid,
    domain: &str,
) -> Result<(), AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let removed = email_domain::Entity::delete_many()
        .filter(email_domain::Column::Domain.eq(domain.trim().to_lowercase()))
        .filter(email_domain::Column::OrganisationId.eq(organisation_id))
        .exec(unit.db())
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound("domänen"));
    }
    unit.audit(
        "organisation.domain_remove",
        format!("organisation:{organisation_id}"),
        domain,
    );
    unit.commit().await?;
    Ok(())
}

pub async fn domains_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: Uuid,
) -> Result<Vec<String>, AppError> {
    Ok(email_domain::Entity::find()
        .filter(email_domain::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(email_domain::Column::Domain)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.domain)
        .collect())
}

/// What an administrator enters for an organisation's identity provider.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ProviderInput {
    pub issuer: String,
    pub client_id: String,
    /// Blank keeps the secret already stored.
    #[serde(default)]
    pub client_secret: String,
}

pub async fn provider_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: Uuid,
) -> Result<Option<identity_provider::Model>, AppError> {
    Ok(identity_provider::Entity::find_by_id(organisation_id)
        .one(db)
        .await?)
}

/// The organisations that have an identity provider, for the sign-in page.
pub async fn organisations_with_provider<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<Uuid>, AppError> {
    Ok(identity_provider::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.organisation_id)
        .collect())
}

pub async fn set_provider(
    state: &AppState,
    by: &By,
    organisation_id: Uuid,
    input: ProviderInput,
) -> Result<(), AppError> {
    let issuer = input.issuer.trim().trim_end_matches('/').to_owned();
    let client_id = input.client_id.trim().to_owned();
    let mut issues = Vec::new();
    // The same rules the outbound client applies when it connects: https, and a public host.
    let refused = match url::Url::parse(&issuer) {
        Ok(url) => state.outbound.check_url(&url).err(),
        Err(e) => Some(crate::outbound::OutboundError::Refused(e.to_string())),
    };
    if let Some(why) = refused {
        tracing::info!(issuer, %why, "identity provider address refused");
        issues.push(crate::error::FieldIssue::new(
            "issuer",
            "auth-error-issuer-invalid",
        ));
    }
    if client_id.is_empty() {
        issues.push(crate::error::FieldIssue::new(
            "client_id",
            "auth-error-client-id-missing",
        ));
    }
    crate::privacy::check_fields(
        &[("issuer", &issuer), ("client_id", &client_id)],
        &mut issues,
    );
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let existing = provider_of(unit.db(), organisation_id).await?;
    let secret = match (input.client_secret.trim(), &existing) {
        ("", Some(old)) => old.client_secret.clone(),
        ("", None) => {
            issues.push(crate::error::FieldIssue::new(
                "client_secret",
                "auth-error-client-secret-missing",
            ));
            String::new()
        }
        (given, _) => given.to_owned(),
    };
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    match existing {
        Some(old) => {
            let mut active: identity_provider::ActiveModel = old.into();
            active.issuer = Set(issuer.clone());
            active.client_id = Set(client_id.clone());
            active.client_secret = Set(secret);
            active.updated_at = Set(now);
            active.update(unit.db()).await?;
        }
        None => {
            identity_provider::ActiveModel {
                organisation_id: Set(organisation_id),
                issuer: Set(issuer.clone()),
                client_id: Set(client_id.clone()),
                client_secret: Set(secret),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(unit.db())
            .await?;
        }
    }
    unit.audit(
        "organisation.provider_set",
        format!("organisation:{organisation_id}"),
        format!("{issuer} ({client_id})"),
    );
    unit.commit().await?;
    // A corrected provider is tried at once, not after the backoff of the old one's failures.
    state.outbound.forget_failures();
    Ok(())
}

pub async fn remove_provider(
    state: &AppState,
    by: &By,
    organisation_id: Uuid,
) -> Result<(), AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let removed = identity_provider::Entity::delete_by_id(organisation_id)
        .exec(unit.db())
        .await?;
    if removed.rows_affected > 0 {
        unit.audit(
            "organisation.provider_remove",
            format!("organisation:{organisation_id}"),
            "",
        );
    }
    unit.commit().await?;
    Ok(())
}
