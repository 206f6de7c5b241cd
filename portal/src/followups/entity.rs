//! The tables of follow-ups: the follow-ups due, the indicators chosen and the values recorded.

pub mod indicator {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "trial_indicators")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub trial_id: Uuid,
        pub name: String,
        pub unit: String,
        /// hogre or lagre: which way is better.
        pub direction: String,
        pub baseline: f64,
        pub created_at: DateTimeUtc,
        /// When the indicator was withdrawn: it leaves the page and the follow-up form.
        pub withdrawn_at: Option<DateTimeUtc>,
        pub withdrawn_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod follow_up {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "follow_ups")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub trial_id: Uuid,
        /// 12 or 24.
        pub months: i32,
        pub due_on: Date,
        pub recorded_at: Option<DateTimeUtc>,
        pub recorded_by: Option<String>,
        pub still_in_use: Option<bool>,
        pub effects_md: String,
        pub reminded_at: Option<DateTimeUtc>,
        pub overdue_reminded_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod value {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "follow_up_values")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub follow_up_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub indicator_id: Uuid,
        pub value: f64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
