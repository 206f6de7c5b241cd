//! The tables of field reports, their photos and what they were promoted into.

use sea_orm::entity::prelude::*;

/// A short note a coach posted from the floor.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "field_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub author_id: Uuid,
    /// The author's organisation when posted.
    pub organisation_id: Uuid,
    pub text_md: String,
    pub text_html: String,
    pub visibility: String,
    pub trial_id: Option<Uuid>,
    pub technology_id: Option<Uuid>,
    pub need_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    /// The key the form generated: unique per author, so a re-sent form makes one report.
    pub client_key: Uuid,
    pub created_at: DateTimeUtc,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub mod photo {
    use sea_orm::entity::prelude::*;

    /// One photo of a field report (position 1..=6), re-encoded, with its thumbnail; the bytes
    /// are in the blob store.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "field_report_photos")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub field_report_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub alt: String,
        pub media_type: String,
        pub blob_key: String,
        pub thumb_key: String,
        pub width: i32,
        pub height: i32,
        pub size: i64,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod promotion {
    use sea_orm::entity::prelude::*;

    /// What a field report became: a trial's journal entry or a need.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "field_report_promotions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub field_report_id: Uuid,
        /// `journal_entry` or `need`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub item_kind: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub item_id: Uuid,
        pub title: String,
        pub path: String,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
