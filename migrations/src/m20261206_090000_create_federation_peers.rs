//! Federation (issue 16): the peer nodes an administrator trusts, what this node shares with
//! each and how pulling each one's feed goes; the items pulled from them, read-only, one row
//! per origin and remote id; and the signature nonces seen lately, so a signed request cannot
//! be replayed while its signature is still fresh.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum FederationPeers {
    Table,
    Id,
    Url,
    Name,
    County,
    KeyId,
    PublicKey,
    Share,
    Pull,
    Paused,
    Cursor,
    Head,
    Failures,
    LastSuccessAt,
    LastErrorAt,
    LastError,
    NextAttemptAt,
    Refused,
    LastRefusal,
    LastRefusalAt,
    AddedAt,
    AddedBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RemoteItems {
    Table,
    Id,
    PeerId,
    RemoteId,
    Kind,
    Title,
    Summary,
    BodyMd,
    BodyHtml,
    Url,
    OrganisationCode,
    OrganisationName,
    County,
    Categories,
    Tags,
    Outcome,
    Phase,
    Status,
    TargetGroups,
    Visibility,
    PublishedAt,
    UpdatedAt,
    Hash,
    ReceivedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FederationNonces {
    Table,
    KeyId,
    Nonce,
    SeenAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FederationPeers::Table)
                    .col(uuid(FederationPeers::Id).primary_key())
                    .col(string_uniq(FederationPeers::Url))
                    .col(string(FederationPeers::Name))
                    .col(string(FederationPeers::County).default(""))
                    .col(string_uniq(FederationPeers::KeyId))
                    .col(string(FederationPeers::PublicKey))
                    .col(string(FederationPeers::Share).default("public"))
                    .col(boolean(FederationPeers::Pull).default(true))
                    .col(boolean(FederationPeers::Paused).default(false))
                    .col(big_integer(FederationPeers::Cursor).default(0))
                    .col(big_integer(FederationPeers::Head).default(0))
                    .col(integer(FederationPeers::Failures).default(0))
                    .col(timestamp_with_time_zone_null(
                        FederationPeers::LastSuccessAt,
                    ))
                    .col(timestamp_with_time_zone_null(FederationPeers::LastErrorAt))
                    .col(text(FederationPeers::LastError).default(""))
                    .col(timestamp_with_time_zone_null(
                        FederationPeers::NextAttemptAt,
                    ))
                    .col(integer(FederationPeers::Refused).default(0))
                    .col(text(FederationPeers::LastRefusal).default(""))
                    .col(timestamp_with_time_zone_null(
                        FederationPeers::LastRefusalAt,
                    ))
                    .col(timestamp_with_time_zone(FederationPeers::AddedAt))
                    .col(string(FederationPeers::AddedBy).default(""))
                    .col(timestamp_with_time_zone(FederationPeers::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RemoteItems::Table)
                    .col(uuid(RemoteItems::Id).primary_key())
                    .col(uuid(RemoteItems::PeerId))
                    .col(uuid(RemoteItems::RemoteId))
                    .col(string(RemoteItems::Kind))
                    .col(string(RemoteItems::Title))
                    .col(text(RemoteItems::Summary).default(""))
                    .col(text(RemoteItems::BodyMd).default(""))
                    .col(text(RemoteItems::BodyHtml).default(""))
                    .col(string(RemoteItems::Url))
                    .col(string_null(RemoteItems::OrganisationCode))
                    .col(string(RemoteItems::OrganisationName).default(""))
                    .col(string_null(RemoteItems::County))
                    .col(text(RemoteItems::Categories).default("[]"))
                    .col(text(RemoteItems::Tags).default("[]"))
                    .col(string_null(RemoteItems::Outcome))
                    .col(string_null(RemoteItems::Phase))
                    .col(string_null(RemoteItems::Status))
                    .col(text(RemoteItems::TargetGroups).default("[]"))
                    .col(string(RemoteItems::Visibility))
                    .col(timestamp_with_time_zone(RemoteItems::PublishedAt))
                    .col(timestamp_with_time_zone(RemoteItems::UpdatedAt))
                    .col(string(RemoteItems::Hash))
                    .col(timestamp_with_time_zone(RemoteItems::ReceivedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("remote_items_origin")
                    .table(RemoteItems::Table)
                    .col(RemoteItems::PeerId)
                    .col(RemoteItems::RemoteId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FederationNonces::Table)
                    .col(string(FederationNonces::KeyId))
                    .col(string(FederationNonces::Nonce))
                    .col(timestamp_with_time_zone(FederationNonces::SeenAt))
                    .primary_key(
                        Index::create()
                            .col(FederationNonces::KeyId)
                            .col(FederationNonces::Nonce),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("federation_nonces_seen_at")
                    .table(FederationNonces::Table)
                    .col(FederationNonces::SeenAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FederationNonces::Table.into_iden(),
            RemoteItems::Table.into_iden(),
            FederationPeers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
