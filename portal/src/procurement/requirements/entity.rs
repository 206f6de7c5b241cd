//! The tables of requirements (see migration `m20261204_150000_create_procurement_requirements`).

use sea_orm::entity::prelude::*;

/// A requirement: a ska-krav or a bör-krav with its weight.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procurement_requirements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub procurement_id: Uuid,
    /// Its number in the list (1, 2, …).
    pub position: i32,
    pub title: String,
    /// `ska` or `bor`.
    pub kind: String,
    /// A bör-krav's weight in percent (1–100); none for a ska-krav.
    pub weight: Option<i32>,
    pub text_md: String,
    pub text_html: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub mod need {
    use sea_orm::entity::prelude::*;

    /// A need the requirement answers.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_requirement_needs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub requirement_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub need_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod evidence {
    use sea_orm::entity::prelude::*;

    /// A report, trial or follow-up the requirement rests on.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_requirement_evidence")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub requirement_id: Uuid,
        /// `report`, `trial` or `follow_up`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub item_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
