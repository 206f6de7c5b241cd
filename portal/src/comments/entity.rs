//! The `comments` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// What is commented: `trial`, `need`, `report` or `field_report`.
    pub item_kind: String,
    pub item_id: Uuid,
    /// The top-level comment this one replies to; `None` for a top-level comment.
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    /// The Markdown as written; blank once node staff removed the comment.
    #[sea_orm(column_type = "Text")]
    pub text_md: String,
    /// The sanitised HTML, rendered once when saved.
    #[sea_orm(column_type = "Text")]
    pub text_html: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub removed_at: Option<DateTimeUtc>,
    pub removed_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
