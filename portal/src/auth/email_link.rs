//! Sign-in by a one-time link sent to an address in an organisation's registered e-mail
//! domains. Links are stored hashed, work once, and expire after 15 minutes.

use askama::Template;
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::entity::{sign_in_link, user};
use super::{secret, session, users};
use crate::audit::By;
use crate::error::AppError;
use crate::mail::Mail;
use crate::state::AppState;
use crate::unit::Unit;

pub const VALID_FOR: Duration = Duration::minutes(15);

#[derive(Template)]
#[template(path = "mail/sign_in.txt")]
struct LinkText<'a> {
    link: &'a str,
    organisation: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/sign_in.html")]
struct LinkHtml<'a> {
    link: &'a str,
    organisation: &'a str,
    minutes: i64,
}

/// Sends a sign-in link to `email`, if its domain belongs to an organisation.
#[tracing::instrument(skip_all)]
pub async fn request(
    state: &AppState,
    client: Option<String>,
    email: &str,
    return_to: &str,
) -> Result<(), AppError> {
    state.limits.sign_in_from(client.as_deref())?;
    let email = users::normalise_email(email)?;
    state.limits.sign_in_link_for(&email)?;
    let by = By::visitor(&email, client.clone());
    // The link's mail is the asker's own: in the language they read in.
    let lang = crate::web::i18n::lang();
    let mut unit = Unit::begin(state, &by).await?;
    let now = unit.now();
    let Some(organisation_id) = users::organisation_for_email(unit.db(), &email).await? else {
        drop(unit);
        refused(
            state,
            &by,
            "adressens domän hör inte till någon organisation",
        )
        .await?;
        return Err(AppError::invalid(
            "email",
            &crate::web::i18n::t("sign-in-unknown-domain"),
        ));
    };
    if users::by_email(unit.db(), &email)
        .await?
        .is_some_and(|u| u.disabled)
    {
        drop(unit);
        refused(state, &by, "kontot är avstängt").await?;
        return Err(AppError::Forbidden(crate::web::i18n::t(
            "sign-in-account-disabled",
        )));
    }
    let token = secret::random_token()?;
    sign_in_link::ActiveModel {
        token_hash: Set(secret::hash(&token)),
        email: Set(email.clone()),
        organisation_id: Set(organisation_id),
        created_at: Set(now),
        expires_at: Set(now + VALID_FOR),
        used_at: Set(None),
        client: Set(client),
        return_to: Set(Some(crate::web::local_return(return_to)).filter(|r| r != "/")),
    }
    .insert(unit.db())
    .await?;
    let link = state
        .settings
        .public_link(&format!("/logga-in/lank/{token}"));
    let catalog = state.catalog.get();
    let minutes = VALID_FOR.num_minutes();
    let mail = crate::web::frame::speaking(lang, || {
        let fallback = crate::web::i18n::t("mail-your-organisation");
        let organisation = catalog
            .organisation_by_id(organisation_id)
            .map_or(fallback.as_str(), |o| o.name.as_str());
        let render = |e: askama::Error| AppError::internal_from("mail template", e);
        Ok::<_, AppError>(Mail {
            to: email.clone(),
            subject: crate::web::i18n::t("mail-sign-in-subject"),
            text: LinkText {
                link: &link,
                organisation,
                minutes,
            }
            .render()
            .map_err(render)?,
            html: LinkHtml {
                link: &link,
                organisation,
                minutes,
            }
            .render()
            .map_err(render)?,
            unsubscribe: None,
        })
    })?;
    unit.mail(mail);
    unit.audit(
        "signin.link_sent",
        format!("organisation:{organisation_id}"),
        email.clone(),
    );
    unit.commit().await?;
    if state.courier.writes_files() {
        tracing::info!(%email, %link, "sign-in link (mail written to the outbox folder)");
    }
    Ok(())
}

async fn refused(state: &AppState, by: &By, why: &str) -> Result<(), AppError> {
    Unit::audit_alone(state, by, "signin.failed", "e-post", why).await
}

/// Uses a link: the first use within 15 minutes signs in (making the user on first sign-in)
/// and returns the new session id; any other use is refused with a reason.
#[tracing::instrument(skip_all)]
pub async fn redeem(
    state: &AppState,
    client: Option<String>,
    token: &str,
    previous_session: Option<&str>,
) -> Result<SignedInByLink, AppError> {
    state.limits.sign_in_from(client.as_deref())?;
    let hash = secret::hash(token);
    let client_by = By::visitor("", client.clone());
    let mut unit = Unit::begin(state, &client_by).await?;
    let now = unit.now();
    let txn = unit.db();
    let link = sign_in_link::Entity::find_by_id(hash.clone())
        .one(txn)
        .await?;
    let link = match link {
        Some(l) if l.used_at.is_none() && l.expires_at > now => l,
        other => {
            let message = match &other {
                None => "auth-error-link-invalid",
                Some(l) if l.used_at.is_some() => "auth-error-link-used",
                Some(_) => "auth-error-link-expired",
            };
            drop(unit);
            let email = other.as_ref().map_or("okänd länk", |l| l.email.as_str());
            let why = {
                use crate::web::i18n::{Lang, text};
                text(Lang::Sv, message)
            };
            refused(state, &By::visitor(email, client), &why).await?;
            return Err(AppError::Forbidden(message.to_owned()));
        }
    };
    // Mark the link used only if nobody else did in the meantime.
    let taken = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Some(now).into())
        .filter(sign_in_link::Column::TokenHash.eq(hash))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(AppError::Forbidden(
            "auth-error-link-already-used-now".to_owned(),
        ));
    }
    let user = users::for_confirmed_email(txn, now, &link.email, link.organisation_id).await?;
    if user.disabled {
        drop(unit);
        refused(
            state,
            &By::visitor(&link.email, client),
            "kontot är avstängt",
        )
        .await?;
        return Err(AppError::Forbidden(
            "auth-error-account-disabled".to_owned(),
        ));
    }
    if let Some(old) = previous_session {
        session::end_raw(txn, old).await?;
    }
    let raw = session::start(txn, state, &user, client.clone()).await?;
    users::signed_in(txn, &user, now).await?;
    unit.audit_as(
        By::visitor(&link.email, client),
        "signin",
        format!("user:{}", user.id),
        "e-postlänk",
    );
    unit.commit().await?;
    Ok(SignedInByLink {
        user,
        session: raw,
        return_to: link
            .return_to
            .map_or_else(|| "/konto".to_owned(), |r| crate::web::local_return(&r)),
    })
}

/// A sign-in by link that succeeded.
#[derive(Debug)]
pub struct SignedInByLink {
    pub user: user::Model,
    /// The new session id, for the cookie.
    pub session: String,
    /// The local page the user came from (the account page when none).
    pub return_to: String,
}
