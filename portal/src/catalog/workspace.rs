//! The workspaces table and its members: who may read what is shared inside a workspace.

use sea_orm::QueryOrder;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workspaces")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub mod member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "workspace_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub workspace_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Every workspace with its member organisations, for the catalog.
pub async fn all_with_members(
    db: &sea_orm::DatabaseConnection,
) -> Result<Vec<(Model, Vec<Uuid>)>, sea_orm::DbErr> {
    let workspaces = Entity::find().order_by_asc(Column::Name).all(db).await?;
    let members = member::Entity::find().all(db).await?;
    Ok(workspaces
        .into_iter()
        .map(|w| {
            let orgs = members
                .iter()
                .filter(|m| m.workspace_id == w.id)
                .map(|m| m.organisation_id)
                .collect();
            (w, orgs)
        })
        .collect())
}
