//! The tables of needs and of the organisations that share them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "needs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub description_md: String,
    pub description_html: String,
    pub target_group: String,
    pub category_id: Option<Uuid>,
    /// The organisation that raised the need.
    pub organisation_id: Uuid,
    pub status: String,
    pub visibility: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When it was taken back (hidden, restorable by node staff), and by whom.
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub mod endorsement {
    use sea_orm::entity::prelude::*;

    /// Another organisation saying it has the same need, with a line on its situation.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "need_endorsements")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub need_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
        pub note: String,
        pub user_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
        /// When it was taken back (hidden, restorable by node staff), and by whom.
        pub withdrawn_at: Option<DateTimeUtc>,
        pub withdrawn_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
