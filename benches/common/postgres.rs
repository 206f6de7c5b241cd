//! A throw-away PostgreSQL database for a benchmark, on the server `NODEN_TEST_DATABASE_URL`
//! names (default: the one on 127.0.0.1:5432).

use sea_orm::{ConnectionTrait, Database};

/// A new, empty database named `<prefix>_<uuid>`: its URL, the server's URL and its name, to
/// [`drop_database`] it afterwards.
pub async fn throwaway_database(prefix: &str) -> (String, String, String) {
    let server = std::env::var("NODEN_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let name = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
    let admin = Database::connect(server.as_str()).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap();
    let base = server.split('?').next().unwrap_or(&server);
    let url = match base.rsplit_once('/') {
        Some((host, _)) => format!("{host}/{name}"),
        None => format!("{base}/{name}"),
    };
    (url, server, name)
}

/// Drops the database `name` on `server`, whoever is still connected.
pub async fn drop_database(server: &str, name: &str) {
    let admin = Database::connect(server).await.unwrap();
    let _ = admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await;
}
