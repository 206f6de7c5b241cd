//! The tables of identity and access (see migration `m20261123_000004_create_identity`).

macro_rules! entity {
    ($module:ident, $table:literal, { $($body:tt)* }) => {
        pub mod $module {
            use sea_orm::entity::prelude::*;

            #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model { $($body)* }

            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation {}

            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

entity!(user, "users", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: Option<String>,
    pub name: String,
    pub organisation_id: Uuid,
    pub role: String,
    pub oidc_issuer: Option<String>,
    pub oidc_subject: Option<String>,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub last_sign_in_at: Option<DateTimeUtc>,
    /// Whether the user is e-mailed about trials they take part in and reports they wrote.
    pub notify_by_email: bool,
    /// The language the user chose (`sv`, `en`); none: their browser's.
    pub language: Option<String>,
});

entity!(session, "sessions", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    pub user_id: Uuid,
    pub organisation_id: Uuid,
    pub csrf_token: String,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub client: Option<String>,
});

entity!(sign_in_link, "sign_in_links", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub email: String,
    pub organisation_id: Uuid,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub client: Option<String>,
    /// The local page to bring the user back to after signing in.
    pub return_to: Option<String>,
});

entity!(oidc_login, "oidc_logins", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_hash: String,
    pub organisation_id: Uuid,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
});

entity!(access_token, "access_tokens", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub token_hash: String,
    pub user_id: Uuid,
    pub name: String,
    /// Space-separated scopes: `read`, `write`.
    pub scopes: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
});

entity!(email_domain, "email_domains", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub domain: String,
    pub organisation_id: Uuid,
    pub created_at: DateTimeUtc,
});

entity!(identity_provider, "identity_providers", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
});

entity!(workspace_user, "workspace_users", {
    /// A user added to a workspace in person (besides the users of its member organisations).
    #[sea_orm(primary_key, auto_increment = false)]
    pub workspace_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub added_at: DateTimeUtc,
});
