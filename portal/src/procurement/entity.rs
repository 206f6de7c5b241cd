//! The tables of joint procurements (see migration `m20261204_140000_create_procurements`).

use sea_orm::entity::prelude::*;

/// A joint procurement: its facts and the workspace it owns.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procurements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub description_md: String,
    pub description_html: String,
    pub category_id: Option<Uuid>,
    /// The catalogue entry of the technology procured, if the catalogue has it.
    pub technology_id: Option<Uuid>,
    /// The contracting authority (upphandlande myndighet) that leads.
    pub lead_organisation_id: Uuid,
    /// The procurement officer (upphandlare), as the lead names them.
    pub officer: String,
    pub phase: String,
    /// The workspace whose members (in person) open everything inside.
    #[sea_orm(unique)]
    pub workspace_id: Uuid,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub mod organisation {
    use sea_orm::entity::prelude::*;

    /// A member organisation with its role: lead, participant or observer.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_organisations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub procurement_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
        pub role: String,
        pub added_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod member {
    use sea_orm::entity::prelude::*;

    /// A member user with their role (lead, member, observer). Their access is their row in
    /// `workspace_users`, written and removed with this one.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub procurement_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        /// The member organisation the user came in through.
        pub organisation_id: Uuid,
        pub role: String,
        pub added_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod invitation {
    use sea_orm::entity::prelude::*;

    /// An invitation by e-mail: single-use, valid until `expires_at`, withdrawable.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_invitations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub email: String,
        /// The member organisation whose registered domain the address is in.
        pub organisation_id: Uuid,
        pub role: String,
        /// SHA-256 of the token in the e-mailed link; the token itself is never stored.
        #[sea_orm(unique)]
        pub token_hash: String,
        pub invited_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub accepted_at: Option<DateTimeUtc>,
        pub accepted_by: Option<Uuid>,
        pub withdrawn_at: Option<DateTimeUtc>,
        pub withdrawn_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod milestone {
    use sea_orm::entity::prelude::*;

    /// Reaching one phase: when it is planned and when it happened.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_milestones")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub phase: String,
        /// The phase's place in the order of phases, for sorting.
        pub position: i32,
        pub planned_on: Option<Date>,
        pub actual_on: Option<Date>,
        /// When the leads were told it is overdue (once per planned date).
        pub overdue_mailed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
