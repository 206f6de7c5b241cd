use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown exactly as written.
    pub body_md: String,
    /// Sanitised HTML rendered once when saved.
    pub body_html: String,
    pub kind: String,
    pub organisation_id: Option<Uuid>,
    /// JSON array of strings.
    pub tags: Json,
    pub outcome: Option<String>,
    /// `behov`, `forstudie`, `test`, `inforande`, `drift`, `uppfoljning`.
    pub phase: Option<String>,
    /// Space-separated target-group values (`aldre funktionsnedsattning`).
    pub target_groups: String,
    pub visibility: String,
    /// The workspace of an item with the visibility `workspace`.
    pub workspace_id: Option<Uuid>,
    /// Canonical path of the file this document was imported from, if any.
    #[sea_orm(unique)]
    pub source_path: Option<String>,
    pub published_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub mod report_category {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "report_categories")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub report_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub category_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
