//! The thesaurus searches expand with (issue 20): concepts and the words people use for them,
//! synced from content/vocabulary.yaml and added to by node staff.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VocabularyConcepts {
    Table,
    Id,
    Slug,
    Label,
    AltLabels,
    EnLabel,
    EnAltLabels,
    AddedLabels,
    Broader,
    Related,
    Category,
    Note,
    FromContent,
    Position,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Label lists are one label per line; `related` is slugs separated by spaces. The
        // content's columns are rewritten by each import, `added_labels` (node staff's) never.
        manager
            .create_table(
                Table::create()
                    .table(VocabularyConcepts::Table)
                    .col(uuid(VocabularyConcepts::Id).primary_key())
                    .col(string_len_uniq(VocabularyConcepts::Slug, 80))
                    .col(string_len(VocabularyConcepts::Label, 120))
                    .col(text(VocabularyConcepts::AltLabels))
                    .col(string_len_null(VocabularyConcepts::EnLabel, 120))
                    .col(text(VocabularyConcepts::EnAltLabels))
                    .col(text(VocabularyConcepts::AddedLabels))
                    .col(string_len_null(VocabularyConcepts::Broader, 80))
                    .col(text(VocabularyConcepts::Related))
                    .col(string_len_null(VocabularyConcepts::Category, 80))
                    .col(text(VocabularyConcepts::Note))
                    .col(boolean(VocabularyConcepts::FromContent))
                    .col(integer(VocabularyConcepts::Position))
                    .col(timestamp_with_time_zone(VocabularyConcepts::CreatedAt))
                    .col(timestamp_with_time_zone(VocabularyConcepts::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(VocabularyConcepts::Table).to_owned())
            .await
    }
}
