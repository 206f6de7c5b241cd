//! The tables of the contract parties register (see migration
//! `m20261204_170000_create_contract_parties`).

pub mod party {
    use sea_orm::entity::prelude::*;

    /// An organisation that may call off the framework agreement, with its estimated and its
    /// maximum value (whole kronor) and the running total of its call-offs.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_parties")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub organisation_id: Uuid,
        /// `ordinary` (a party from the start) or `later` (may call off from `from_on`).
        pub role: String,
        pub from_on: Option<Date>,
        pub estimated_sek: i64,
        pub maximum_sek: i64,
        /// The estimated quantity in words, as the procurement documents state it.
        pub quantity: String,
        /// The sum of the party's call-offs, kept with each one.
        pub called_off_sek: i64,
        /// When the party's call-offs reached 80 % of its maximum and that was told.
        pub warned_at: Option<DateTimeUtc>,
        pub added_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod award {
    use sea_orm::entity::prelude::*;

    /// The award of the framework agreement: to whom, when, and when it was signed.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_awards")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub procurement_id: Uuid,
        pub supplier: String,
        pub awarded_on: Date,
        pub signed_on: Option<Date>,
        /// When the call-offs of the whole agreement reached 80 % of its maximum and that
        /// was told.
        pub warned_at: Option<DateTimeUtc>,
        pub recorded_by: Option<Uuid>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod calloff {
    use sea_orm::entity::prelude::*;

    /// One call-off (avrop) from the agreement by a party.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_calloffs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub party_id: Uuid,
        pub organisation_id: Uuid,
        pub called_on: Date,
        pub value_sek: i64,
        pub note: String,
        pub recorded_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
