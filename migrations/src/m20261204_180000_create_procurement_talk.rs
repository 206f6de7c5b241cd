//! The talk of a joint procurement (issue 14, points 6 and 8): questions with their replies,
//! the decision log (append only: a correction is a new entry naming the one it corrects),
//! and the reference group's composition and meetings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementQuestions {
    Table,
    Id,
    ProcurementId,
    Title,
    TextMd,
    TextHtml,
    AuthorId,
    CreatedAt,
    LastActivityAt,
    ReplyCount,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementReplies {
    Table,
    Id,
    QuestionId,
    ProcurementId,
    TextMd,
    TextHtml,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementDecisions {
    Table,
    Id,
    ProcurementId,
    Number,
    DecidedOn,
    DecisionMd,
    DecisionHtml,
    RationaleMd,
    RationaleHtml,
    DecidedBy,
    CorrectsId,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementReferenceEntries {
    Table,
    Id,
    ProcurementId,
    Representation,
    Description,
    AddedBy,
    AddedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementReferenceMeetings {
    Table,
    Id,
    ProcurementId,
    HeldOn,
    NotesMd,
    NotesHtml,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Procurements {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

fn to_procurement<T: IntoIden + Copy>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Procurements::Table, Procurements::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn to_user<T: IntoIden + Copy>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProcurementQuestions::Table)
                    .col(uuid(ProcurementQuestions::Id).primary_key())
                    .col(uuid(ProcurementQuestions::ProcurementId))
                    .col(string(ProcurementQuestions::Title))
                    .col(text(ProcurementQuestions::TextMd))
                    .col(text(ProcurementQuestions::TextHtml))
                    .col(uuid_null(ProcurementQuestions::AuthorId))
                    .col(timestamp_with_time_zone(ProcurementQuestions::CreatedAt))
                    .col(timestamp_with_time_zone(
                        ProcurementQuestions::LastActivityAt,
                    ))
                    .col(integer(ProcurementQuestions::ReplyCount).default(0))
                    .foreign_key(&mut to_procurement(
                        ProcurementQuestions::Table,
                        ProcurementQuestions::ProcurementId,
                    ))
                    .foreign_key(&mut to_user(
                        ProcurementQuestions::Table,
                        ProcurementQuestions::AuthorId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementReplies::Table)
                    .col(uuid(ProcurementReplies::Id).primary_key())
                    .col(uuid(ProcurementReplies::QuestionId))
                    .col(uuid(ProcurementReplies::ProcurementId))
                    .col(text(ProcurementReplies::TextMd))
                    .col(text(ProcurementReplies::TextHtml))
                    .col(uuid_null(ProcurementReplies::AuthorId))
                    .col(timestamp_with_time_zone(ProcurementReplies::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProcurementReplies::Table, ProcurementReplies::QuestionId)
                            .to(ProcurementQuestions::Table, ProcurementQuestions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_procurement(
                        ProcurementReplies::Table,
                        ProcurementReplies::ProcurementId,
                    ))
                    .foreign_key(&mut to_user(
                        ProcurementReplies::Table,
                        ProcurementReplies::AuthorId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementDecisions::Table)
                    .col(uuid(ProcurementDecisions::Id).primary_key())
                    .col(uuid(ProcurementDecisions::ProcurementId))
                    .col(integer(ProcurementDecisions::Number))
                    .col(date(ProcurementDecisions::DecidedOn))
                    .col(text(ProcurementDecisions::DecisionMd))
                    .col(text(ProcurementDecisions::DecisionHtml))
                    .col(text(ProcurementDecisions::RationaleMd))
                    .col(text(ProcurementDecisions::RationaleHtml))
                    .col(string(ProcurementDecisions::DecidedBy))
                    .col(uuid_null(ProcurementDecisions::CorrectsId))
                    .col(uuid_null(ProcurementDecisions::RecordedBy))
                    .col(timestamp_with_time_zone(ProcurementDecisions::RecordedAt))
                    .foreign_key(&mut to_procurement(
                        ProcurementDecisions::Table,
                        ProcurementDecisions::ProcurementId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementDecisions::Table,
                                ProcurementDecisions::CorrectsId,
                            )
                            .to(ProcurementDecisions::Table, ProcurementDecisions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_user(
                        ProcurementDecisions::Table,
                        ProcurementDecisions::RecordedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementReferenceEntries::Table)
                    .col(uuid(ProcurementReferenceEntries::Id).primary_key())
                    .col(uuid(ProcurementReferenceEntries::ProcurementId))
                    .col(string_len(ProcurementReferenceEntries::Representation, 40))
                    .col(text(ProcurementReferenceEntries::Description))
                    .col(uuid_null(ProcurementReferenceEntries::AddedBy))
                    .col(timestamp_with_time_zone(
                        ProcurementReferenceEntries::AddedAt,
                    ))
                    .foreign_key(&mut to_procurement(
                        ProcurementReferenceEntries::Table,
                        ProcurementReferenceEntries::ProcurementId,
                    ))
                    .foreign_key(&mut to_user(
                        ProcurementReferenceEntries::Table,
                        ProcurementReferenceEntries::AddedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementReferenceMeetings::Table)
                    .col(uuid(ProcurementReferenceMeetings::Id).primary_key())
                    .col(uuid(ProcurementReferenceMeetings::ProcurementId))
                    .col(date(ProcurementReferenceMeetings::HeldOn))
                    .col(text(ProcurementReferenceMeetings::NotesMd))
                    .col(text(ProcurementReferenceMeetings::NotesHtml))
                    .col(uuid_null(ProcurementReferenceMeetings::RecordedBy))
                    .col(timestamp_with_time_zone(
                        ProcurementReferenceMeetings::RecordedAt,
                    ))
                    .foreign_key(&mut to_procurement(
                        ProcurementReferenceMeetings::Table,
                        ProcurementReferenceMeetings::ProcurementId,
                    ))
                    .foreign_key(&mut to_user(
                        ProcurementReferenceMeetings::Table,
                        ProcurementReferenceMeetings::RecordedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        // The questions of a procurement, the latest active first.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_questions_activity")
                    .table(ProcurementQuestions::Table)
                    .col(ProcurementQuestions::ProcurementId)
                    .col(ProcurementQuestions::LastActivityAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_replies_question")
                    .table(ProcurementReplies::Table)
                    .col(ProcurementReplies::QuestionId)
                    .col(ProcurementReplies::CreatedAt)
                    .to_owned(),
            )
            .await?;
        // A decision's number is its place in its procurement's log: one each.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_decisions_number")
                    .table(ProcurementDecisions::Table)
                    .col(ProcurementDecisions::ProcurementId)
                    .col(ProcurementDecisions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_decisions_corrects")
                    .table(ProcurementDecisions::Table)
                    .col(ProcurementDecisions::CorrectsId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_reference_entries_procurement")
                    .table(ProcurementReferenceEntries::Table)
                    .col(ProcurementReferenceEntries::ProcurementId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_reference_meetings_procurement")
                    .table(ProcurementReferenceMeetings::Table)
                    .col(ProcurementReferenceMeetings::ProcurementId)
                    .col(ProcurementReferenceMeetings::HeldOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProcurementReferenceMeetings::Table.into_iden(),
            ProcurementReferenceEntries::Table.into_iden(),
            ProcurementDecisions::Table.into_iden(),
            ProcurementReplies::Table.into_iden(),
            ProcurementQuestions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
