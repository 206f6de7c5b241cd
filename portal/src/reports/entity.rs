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
    /// Space-separated target-group values (`ordinart-boende personal`).
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
    /// `utkast`, `granskas`, `returnerad` or `publicerad`: only published reports are shared.
    pub status: String,
    /// The trial this report concludes, if any.
    pub trial_id: Option<Uuid>,
    /// The sections of a final report as a JSON object (section key → Markdown), if written
    /// in the template; the body is made from them.
    pub sections: Option<String>,
    /// The reviewer's comments when the report was sent back.
    pub review_comment: Option<String>,
    /// The user who wrote the report (who is told when it is returned or published).
    pub author_id: Option<Uuid>,
    /// A member's edit of the published report waiting for review: the report input as sent
    /// (JSON). The published columns above stay as they are until node staff approve it.
    pub pending_input: Option<String>,
    /// Who sent the pending edit (their name, for the history).
    pub pending_by: Option<String>,
    /// The user who sent the pending edit (told when it is approved or returned).
    pub pending_author_id: Option<Uuid>,
    pub pending_at: Option<DateTimeUtc>,
    /// `granskas` or `returnerad`: where the pending edit stands.
    pub pending_status: Option<String>,
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

pub mod revision {
    use sea_orm::entity::prelude::*;

    /// A published report as it read after one edit; numbered from 1 per report.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "report_revisions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub report_id: Uuid,
        pub number: i32,
        pub title: String,
        pub body_md: String,
        pub edited_by: String,
        pub edited_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
