//! Identity and access: users, their sessions and access tokens, how they sign in (identity
//! providers, e-mail domains, one-time links, OpenID Connect attempts), the audit trail and
//! the mail outbox that carries sign-in links.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum EmailDomains {
    Table,
    Domain,
    OrganisationId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum IdentityProviders {
    Table,
    OrganisationId,
    Issuer,
    ClientId,
    ClientSecret,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    OrganisationId,
    Role,
    OidcIssuer,
    OidcSubject,
    Disabled,
    CreatedAt,
    UpdatedAt,
    LastSignInAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    IdHash,
    UserId,
    OrganisationId,
    CsrfToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Client,
}

#[derive(DeriveIden, Clone, Copy)]
enum SignInLinks {
    Table,
    TokenHash,
    Email,
    OrganisationId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    Client,
}

#[derive(DeriveIden, Clone, Copy)]
enum OidcLogins {
    Table,
    StateHash,
    OrganisationId,
    Nonce,
    PkceVerifier,
    ReturnTo,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AccessTokens {
    Table,
    Id,
    TokenHash,
    UserId,
    Name,
    Scopes,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Actor,
    Action,
    Target,
    Detail,
    Client,
}

#[derive(DeriveIden, Clone, Copy)]
enum MailOutbox {
    Table,
    Id,
    Recipient,
    Subject,
    BodyText,
    BodyHtml,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    SentAt,
    FailedAt,
    LastError,
}

fn organisation_fk(
    from: impl IntoIden + Clone,
    column: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Organisations::Table, Organisations::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn user_fk(from: impl IntoIden + Clone, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailDomains::Table)
                    .col(string_len(EmailDomains::Domain, 253).primary_key())
                    .col(uuid(EmailDomains::OrganisationId))
                    .col(timestamp_with_time_zone(EmailDomains::CreatedAt))
                    .foreign_key(&mut organisation_fk(
                        EmailDomains::Table,
                        EmailDomains::OrganisationId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdentityProviders::Table)
                    .col(uuid(IdentityProviders::OrganisationId).primary_key())
                    .col(string(IdentityProviders::Issuer))
                    .col(string(IdentityProviders::ClientId))
                    .col(text(IdentityProviders::ClientSecret))
                    .col(timestamp_with_time_zone(IdentityProviders::CreatedAt))
                    .col(timestamp_with_time_zone(IdentityProviders::UpdatedAt))
                    .foreign_key(&mut organisation_fk(
                        IdentityProviders::Table,
                        IdentityProviders::OrganisationId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_uuid(Users::Id))
                    .col(string_null(Users::Email).unique_key())
                    .col(string(Users::Name))
                    .col(uuid(Users::OrganisationId))
                    .col(string_len(Users::Role, 16))
                    .col(string_null(Users::OidcIssuer))
                    .col(string_null(Users::OidcSubject))
                    .col(boolean(Users::Disabled).default(false))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Users::LastSignInAt))
                    .foreign_key(&mut organisation_fk(Users::Table, Users::OrganisationId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("users_oidc_identity")
                    .table(Users::Table)
                    .col(Users::OidcIssuer)
                    .col(Users::OidcSubject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::IdHash, 64).primary_key())
                    .col(uuid(Sessions::UserId))
                    .col(uuid(Sessions::OrganisationId))
                    .col(string_len(Sessions::CsrfToken, 64))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(string_len_null(Sessions::Client, 64))
                    .foreign_key(&mut user_fk(Sessions::Table, Sessions::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInLinks::Table)
                    .col(string_len(SignInLinks::TokenHash, 64).primary_key())
                    .col(string(SignInLinks::Email))
                    .col(uuid(SignInLinks::OrganisationId))
                    .col(timestamp_with_time_zone(SignInLinks::CreatedAt))
                    .col(timestamp_with_time_zone(SignInLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(SignInLinks::UsedAt))
                    .col(string_len_null(SignInLinks::Client, 64))
                    .foreign_key(&mut organisation_fk(
                        SignInLinks::Table,
                        SignInLinks::OrganisationId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OidcLogins::Table)
                    .col(string_len(OidcLogins::StateHash, 64).primary_key())
                    .col(uuid(OidcLogins::OrganisationId))
                    .col(string(OidcLogins::Nonce))
                    .col(string(OidcLogins::PkceVerifier))
                    .col(string(OidcLogins::ReturnTo))
                    .col(timestamp_with_time_zone(OidcLogins::CreatedAt))
                    .col(timestamp_with_time_zone(OidcLogins::ExpiresAt))
                    .col(timestamp_with_time_zone_null(OidcLogins::UsedAt))
                    .foreign_key(&mut organisation_fk(
                        OidcLogins::Table,
                        OidcLogins::OrganisationId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessTokens::Table)
                    .col(pk_uuid(AccessTokens::Id))
                    .col(string_len_uniq(AccessTokens::TokenHash, 64))
                    .col(uuid(AccessTokens::UserId))
                    .col(string(AccessTokens::Name))
                    .col(string(AccessTokens::Scopes))
                    .col(timestamp_with_time_zone(AccessTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(AccessTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(AccessTokens::RevokedAt))
                    .foreign_key(&mut user_fk(AccessTokens::Table, AccessTokens::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(string(AuditLog::Actor))
                    .col(string_len(AuditLog::Action, 48))
                    .col(string(AuditLog::Target))
                    .col(text(AuditLog::Detail))
                    .col(string_len_null(AuditLog::Client, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(pk_uuid(MailOutbox::Id))
                    .col(string(MailOutbox::Recipient))
                    .col(string(MailOutbox::Subject))
                    .col(text(MailOutbox::BodyText))
                    .col(text(MailOutbox::BodyHtml))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::FailedAt))
                    .col(text_null(MailOutbox::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::SentAt)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MailOutbox::Table.into_iden(),
            AuditLog::Table.into_iden(),
            AccessTokens::Table.into_iden(),
            OidcLogins::Table.into_iden(),
            SignInLinks::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
            IdentityProviders::Table.into_iden(),
            EmailDomains::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
