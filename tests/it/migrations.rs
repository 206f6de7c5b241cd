//! The schema comes from the migrations, and every migration can be undone.

use noden_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database};

use crate::harness::{Backend, TestDb, on_both_backends};

on_both_backends!(migrations_go_up_down_and_up_again);

async fn table_exists(db: &sea_orm::DatabaseConnection, table: &str) -> bool {
    db.execute_unprepared(&format!("SELECT 1 FROM {table} WHERE 1 = 0"))
        .await
        .is_ok()
}

async fn migrations_go_up_down_and_up_again(backend: Backend) {
    let test_db = TestDb::new(&backend).await;
    let db = Database::connect(test_db.url.as_str()).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    for table in [
        "organisations",
        "categories",
        "reports",
        "report_categories",
        "change_log",
        "attachments",
        "revisions",
    ] {
        assert!(table_exists(&db, table).await, "{table} after up");
    }
    Migrator::down(&db, None).await.unwrap();
    for table in [
        "organisations",
        "reports",
        "change_log",
        "attachments",
        "revisions",
    ] {
        assert!(!table_exists(&db, table).await, "{table} after down");
    }
    Migrator::up(&db, None).await.unwrap();
    assert!(
        Migrator::get_pending_migrations(&db)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(table_exists(&db, "reports").await);
}
