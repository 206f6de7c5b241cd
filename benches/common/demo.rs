//! The portal a benchmark measures: its state over a data folder (and a database, SQLite in
//! that folder unless one is named), with the demo content of content/ loaded as on a first
//! start.

use std::path::PathBuf;

/// Opens the portal's state and loads the content folder into its empty database.
pub async fn demo_state(
    data_dir: PathBuf,
    database_url: Option<String>,
    admin_token: Option<&str>,
) -> noden_portal::state::AppState {
    let settings = noden_portal::config::Settings {
        bind: "127.0.0.1:0".to_owned(),
        data_dir,
        database_url,
        content_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"),
        load_content_on_first_start: true,
        admin_token: admin_token.map(|t| t.to_owned().into()),
        index_poll_ms: 60_000,
        ..Default::default()
    };
    let state = noden_portal::open_state(
        settings,
        noden_portal::clock::Clock::System,
        noden_portal::IndexLocation::DataDir,
    )
    .await
    .unwrap();
    noden_portal::load_content_if_empty(&state).await.unwrap();
    state
}
