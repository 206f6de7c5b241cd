use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Official SCB code: four digits for a municipality, two for a region.
    #[sea_orm(unique)]
    pub code: String,
    /// The name the organisation uses itself ("Malmö stad"), shown on pages.
    pub name: String,
    /// The name in Statistics Sweden's register ("Malmö kommun"), when it differs or is known.
    pub register_name: Option<String>,
    #[sea_orm(unique)]
    pub slug: String,
    /// `kommun` or `region`.
    pub kind: String,
    pub county_code: String,
    pub county_name: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
