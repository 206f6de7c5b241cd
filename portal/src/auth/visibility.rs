//! Who may open an item, and the principals that say so in the policy and in search.

use uuid::Uuid;

use crate::catalog::CatalogData;
use crate::web::vocabulary::vocabulary;

vocabulary!(
    /// Who may open an item.
    Visibility ("visibility") {
        Public => "public";
        Network => "network";
        Organisation => "organisation";
        Workspace => "workspace";
    }
);

/// Who may open an item: everyone, signed-in users, the owning organisation, or the members
/// of its workspace, by organisation or in person (no one when the workspace is gone).
pub fn principals_for(
    visibility: Option<Visibility>,
    organisation_id: Option<Uuid>,
    workspace_id: Option<Uuid>,
    catalog: &CatalogData,
) -> Vec<String> {
    match visibility {
        Some(Visibility::Public) => vec!["public".to_owned()],
        Some(Visibility::Network) => vec!["network".to_owned()],
        Some(Visibility::Organisation) => organisation_id
            .map(|o| vec![super::policy::org_principal(o)])
            .unwrap_or_default(),
        Some(Visibility::Workspace) => workspace_id
            .and_then(|w| catalog.workspace_by_id(w))
            .map(|w| {
                w.members
                    .iter()
                    .map(|&o| super::policy::org_principal(o))
                    .chain(std::iter::once(super::policy::workspace_principal(w.id)))
                    .collect()
            })
            .unwrap_or_default(),
        None => Vec::new(),
    }
}
