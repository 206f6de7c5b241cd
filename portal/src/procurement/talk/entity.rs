//! The tables of a procurement's talk (migration `m20261204_180000_create_procurement_talk`).

pub mod question {
    use sea_orm::entity::prelude::*;

    /// A topic in the questions and answers (frågor och svar).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_questions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub title: String,
        pub text_md: String,
        pub text_html: String,
        pub author_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
        /// When it was asked or last replied to: the list shows the latest active first.
        pub last_activity_at: DateTimeUtc,
        pub reply_count: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reply {
    use sea_orm::entity::prelude::*;

    /// A reply to a question.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_replies")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub question_id: Uuid,
        pub procurement_id: Uuid,
        pub text_md: String,
        pub text_html: String,
        pub author_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod decision {
    use sea_orm::entity::prelude::*;

    /// An entry in the decision log. Never changed once written: a correction is a new entry
    /// whose `corrects_id` names the one it corrects.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_decisions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        /// Its place in the procurement's log, from 1.
        pub number: i32,
        pub decided_on: Date,
        pub decision_md: String,
        pub decision_html: String,
        pub rationale_md: String,
        pub rationale_html: String,
        /// Who decided, as written ("Styrgruppen").
        pub decided_by: String,
        pub corrects_id: Option<Uuid>,
        pub recorded_by: Option<Uuid>,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reference_entry {
    use sea_orm::entity::prelude::*;

    /// One part of the reference group: whom it represents and a description (no names of
    /// care recipients).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_reference_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub representation: String,
        pub description: String,
        pub added_by: Option<Uuid>,
        pub added_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reference_meeting {
    use sea_orm::entity::prelude::*;

    /// A meeting of the reference group, with its notes.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_reference_meetings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub held_on: Date,
        pub notes_md: String,
        pub notes_html: String,
        pub recorded_by: Option<Uuid>,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
