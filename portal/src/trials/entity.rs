//! The tables of trials: the trial, its participants, the needs it answers and its journal.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub description_md: String,
    pub description_html: String,
    pub lead_organisation_id: Uuid,
    pub technology: String,
    pub product: String,
    pub supplier: String,
    pub target_group: String,
    pub category_id: Option<Uuid>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub phase: String,
    /// public, network, or organisation: the lead and the participants.
    pub visibility: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The catalogue entry of the technology under test, if any.
    pub technology_id: Option<Uuid>,
    /// When it was taken back (hidden, restorable by node staff), and by whom.
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by: Option<Uuid>,
    /// The user who answers for the item being current; without one, see `freshness::owners`.
    pub owner_id: Option<Uuid>,
    /// When someone last confirmed the item still holds; an edit confirms too (`freshness`).
    pub confirmed_at: Option<DateTimeUtc>,
    /// When it was archived: still readable and findable, labelled, never reminded of.
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub mod participant {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "trial_participants")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub trial_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod answers {
    use sea_orm::entity::prelude::*;

    /// A need the trial answers.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "trial_needs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub trial_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub need_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod journal {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "journal_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub trial_id: Uuid,
        /// steg, hinder, mojlighet or beslut.
        pub entry_type: String,
        pub happened_on: Date,
        pub body_md: String,
        pub body_html: String,
        /// The organisation of the writer.
        pub organisation_id: Uuid,
        pub author_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
        /// When it was taken back (hidden, restorable by node staff), and by whom.
        pub withdrawn_at: Option<DateTimeUtc>,
        pub withdrawn_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
