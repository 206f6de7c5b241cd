//! The one policy: `can(actor, action, resource)` decides every read and write.
//!
//! Items carry principals (`public`, `network`, `org:<uuid>`, later `workspace:<uuid>`); an
//! actor holds principals too, and may read an item when the two share one. Search stores the
//! same principals per document, so a query filter enforces the very same rule.

use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, SimpleExpr};
use uuid::Uuid;

use super::{Actor, Role};
use crate::catalog::CatalogData;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Edit,
    Delete,
    /// Node administration: organisations, identity providers, users, the audit trail.
    Administer,
    /// Take part in an item one does not own: write in a trial's journal.
    Contribute,
    /// Say one's organisation shares a need raised by another ("Vi har samma behov").
    Endorse,
    /// Review submitted reports: publish them or send them back (node staff).
    Review,
}

/// What an action is done to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// A shared item (a report, a need, a trial) with who may open it, who owns it and which
    /// other organisations take part in it.
    Item {
        principals: Vec<String>,
        organisation_id: Option<Uuid>,
        partners: Vec<Uuid>,
    },
    /// The node itself: its organisations, users and audit trail.
    Node,
}

/// The principal of node staff (node administrators): they open what awaits their review.
pub const STAFF: &str = "staff";

pub fn org_principal(organisation_id: Uuid) -> String {
    format!("org:{organisation_id}")
}

/// The principals an actor reads with; search filters by exactly these.
pub fn principals(actor: &Actor) -> Vec<String> {
    match actor {
        Actor::Anonymous => vec!["public".to_owned()],
        Actor::User(member) => {
            let mut principals = vec![
                "public".to_owned(),
                "network".to_owned(),
                org_principal(member.organisation_id),
            ];
            if member.role == Role::NodeAdmin {
                principals.push(STAFF.to_owned());
            }
            principals
        }
        Actor::System => vec!["*".to_owned()],
    }
}

/// May `actor` write items in the name of `organisation_id` (the organisations a form offers)?
pub fn writes_for(actor: &Actor, organisation_id: Uuid) -> bool {
    can(
        actor,
        Action::Create,
        &Resource::Item {
            principals: vec!["network".to_owned()],
            organisation_id: Some(organisation_id),
            partners: Vec::new(),
        },
    )
}

/// May `actor` write items that only the members of these organisations read (a workspace)?
pub fn writes_into(actor: &Actor, members: &[Uuid]) -> bool {
    let Some(own) = actor.member().map(|m| m.organisation_id) else {
        return matches!(actor, Actor::System);
    };
    can(
        actor,
        Action::Create,
        &Resource::Item {
            principals: members.iter().map(|&m| org_principal(m)).collect(),
            organisation_id: Some(own),
            partners: Vec::new(),
        },
    )
}

/// May `actor` do `action` on `resource`?
pub fn can(actor: &Actor, action: Action, resource: &Resource) -> bool {
    let member = match actor {
        Actor::System => return true,
        Actor::Anonymous => {
            return action == Action::Read && readable(actor, resource);
        }
        Actor::User(member) => member,
    };
    if action != Action::Read && !member.may_write() {
        return false;
    }
    let admin = member.role == Role::NodeAdmin;
    match (action, resource) {
        (Action::Administer, _) => admin && member.via_session(),
        (Action::Review, Resource::Node) => admin,
        (_, Resource::Node) => false,
        (Action::Review, _) => false,
        (Action::Read, item) => readable(actor, item),
        // Nobody writes what they could not read afterwards (e.g. into another group's workspace).
        (
            Action::Create,
            item @ Resource::Item {
                organisation_id, ..
            },
        ) => readable(actor, item) && (admin || *organisation_id == Some(member.organisation_id)),
        (
            Action::Edit,
            item @ Resource::Item {
                organisation_id, ..
            },
        ) => readable(actor, item) && (admin || *organisation_id == Some(member.organisation_id)),
        (
            Action::Contribute,
            item @ Resource::Item {
                organisation_id,
                partners,
                ..
            },
        ) => {
            readable(actor, item)
                && (admin
                    || *organisation_id == Some(member.organisation_id)
                    || partners.contains(&member.organisation_id))
        }
        (
            Action::Endorse,
            item @ Resource::Item {
                organisation_id, ..
            },
        ) => readable(actor, item) && *organisation_id != Some(member.organisation_id),
        (
            Action::Delete,
            item @ Resource::Item {
                organisation_id, ..
            },
        ) => {
            readable(actor, item)
                && (admin
                    || (*organisation_id == Some(member.organisation_id)
                        && member.role >= Role::Coordinator))
        }
    }
}

fn readable(actor: &Actor, resource: &Resource) -> bool {
    match resource {
        Resource::Node => false,
        Resource::Item {
            principals: of_item,
            ..
        } => {
            let mine = principals(actor);
            mine.iter().any(|p| p == "*" || of_item.contains(p))
        }
    }
}

/// How a table records who may open its rows, so that [`visible_condition`] can say in SQL
/// what [`readable`] says of one item. Each feature describes its own table with its columns.
pub struct Readers<C: ColumnTrait> {
    /// `public`, `network`, `organisation` or `workspace`.
    pub visibility: C,
    /// The owning organisation (the one that raised, leads or wrote the item).
    pub organisation: C,
    /// The workspace of rows whose visibility is `workspace`; `None` where a table has none.
    pub workspace: Option<C>,
    /// Rows not yet shared (status column, the status of shared rows) open to their own
    /// organisation and to node staff only, whatever their visibility.
    pub shared_when: Option<(C, &'static str)>,
    /// Where rows of visibility `organisation` also open to other organisations taking part:
    /// the condition "organisation `org` takes part in this row".
    pub partners: Option<fn(Uuid) -> SimpleExpr>,
    /// Node staff open the rows of visibility `organisation` too (trials).
    pub staff_read_organisation: bool,
}

impl<C: ColumnTrait> Readers<C> {
    /// A table whose rows open by visibility and owner only.
    pub fn owned(visibility: C, organisation: C) -> Self {
        Readers {
            visibility,
            organisation,
            workspace: None,
            shared_when: None,
            partners: None,
            staff_read_organisation: false,
        }
    }
}

/// The rows of a table described by `readers` that `actor` may read, as a query condition:
/// exactly the rule of [`can`] with [`Action::Read`], built from the same [`principals`], so
/// lists are filtered, counted and paged in the database. A principal this function does not
/// know opens nothing.
pub fn visible_condition<C: ColumnTrait>(
    actor: &Actor,
    readers: &Readers<C>,
    catalog: &CatalogData,
) -> Condition {
    let mine = principals(actor);
    if mine.iter().any(|p| p == "*") {
        return Condition::all();
    }
    let visibility = |v: &str| readers.visibility.eq(v);
    // Rows shared by their status follow their visibility; the others open to owner and staff.
    let (shared, unshared) = match readers.shared_when {
        Some((status, value)) => (
            Condition::all().add(status.eq(value)),
            Some(Condition::all().add(status.ne(value))),
        ),
        None => (Condition::all(), None),
    };
    // Never empty, so an actor with no usable principal sees nothing rather than everything.
    let mut any = Condition::any().add(Expr::cust("1 = 0"));
    for principal in &mine {
        if principal == "public" || principal == "network" {
            any = any.add(shared.clone().add(visibility(principal)));
        } else if principal == STAFF {
            if readers.staff_read_organisation {
                any = any.add(shared.clone().add(visibility("organisation")));
            }
            if let Some(unshared) = &unshared {
                any = any.add(unshared.clone());
            }
        } else if let Some(org) = principal
            .strip_prefix("org:")
            .and_then(|id| Uuid::parse_str(id).ok())
        {
            let mut own = Condition::any().add(readers.organisation.eq(org));
            if let Some(partners) = readers.partners {
                own = own.add(partners(org));
            }
            any = any.add(shared.clone().add(visibility("organisation")).add(own));
            if let Some(workspace) = readers.workspace {
                let spaces: Vec<Uuid> = catalog.workspaces_of(org).map(|w| w.id).collect();
                if !spaces.is_empty() {
                    any = any.add(
                        shared
                            .clone()
                            .add(visibility("workspace"))
                            .add(workspace.is_in(spaces)),
                    );
                }
            }
            if let Some(unshared) = &unshared {
                any = any.add(unshared.clone().add(readers.organisation.eq(org)));
            }
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Member, Scopes, Via};

    fn org(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn user(role: Role, of: u128) -> Actor {
        Actor::User(Member {
            user_id: Uuid::from_u128(1000 + of),
            organisation_id: org(of),
            role,
            via: Via::Session,
        })
    }

    fn token(role: Role, of: u128, scopes: Scopes) -> Actor {
        Actor::User(Member {
            user_id: Uuid::from_u128(2000 + of),
            organisation_id: org(of),
            role,
            via: Via::Token(scopes),
        })
    }

    fn item(visibility: &str, owner: u128) -> Resource {
        let principals = match visibility {
            "public" => vec!["public".to_owned()],
            "network" => vec!["network".to_owned()],
            "organisation" => vec![org_principal(org(owner))],
            _ => Vec::new(),
        };
        Resource::Item {
            principals,
            organisation_id: Some(org(owner)),
            partners: Vec::new(),
        }
    }

    /// Actor × action × visibility. Every item is owned by organisation 1; "own" actors belong
    /// to it and "other" actors to organisation 2. R C E D = read, create, edit, delete;
    /// a dash is a refusal.
    #[test]
    fn actor_action_visibility_table() {
        let rw = Scopes::READ | Scopes::WRITE;
        let actors: [(&str, Actor); 10] = [
            ("anonymous", Actor::Anonymous),
            ("own member", user(Role::Member, 1)),
            ("own coach", user(Role::Coach, 1)),
            ("own coordinator", user(Role::Coordinator, 1)),
            ("other member", user(Role::Member, 2)),
            ("other coordinator", user(Role::Coordinator, 2)),
            ("node admin (other org)", user(Role::NodeAdmin, 2)),
            (
                "own member, read token",
                token(Role::Member, 1, Scopes::READ),
            ),
            ("own member, write token", token(Role::Member, 1, rw)),
            ("admin token", Actor::System),
        ];
        // For each actor: public, network, organisation.
        let expected: [[&str; 3]; 10] = [
            ["R---", "----", "----"],
            ["RCE-", "RCE-", "RCE-"],
            ["RCE-", "RCE-", "RCE-"],
            ["RCED", "RCED", "RCED"],
            ["R---", "R---", "----"],
            ["R---", "R---", "----"],
            ["RCED", "RCED", "----"],
            ["R---", "R---", "R---"],
            ["RCE-", "RCE-", "RCE-"],
            ["RCED", "RCED", "RCED"],
        ];
        let actions = [
            ('R', Action::Read),
            ('C', Action::Create),
            ('E', Action::Edit),
            ('D', Action::Delete),
        ];
        let mut failures = Vec::new();
        for ((name, actor), row) in actors.iter().zip(expected) {
            for (visibility, want) in ["public", "network", "organisation"].iter().zip(row) {
                let resource = item(visibility, 1);
                let got: String = actions
                    .iter()
                    .map(|(letter, action)| {
                        if can(actor, *action, &resource) {
                            *letter
                        } else {
                            '-'
                        }
                    })
                    .collect();
                if got != want {
                    failures.push(format!("{name} on {visibility}: got {got}, want {want}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn only_node_admins_in_a_session_administer_the_node() {
        let rw = Scopes::READ | Scopes::WRITE;
        assert!(can(
            &user(Role::NodeAdmin, 1),
            Action::Administer,
            &Resource::Node
        ));
        assert!(!can(
            &token(Role::NodeAdmin, 1, rw),
            Action::Administer,
            &Resource::Node
        ));
        for role in [Role::Member, Role::Coach, Role::Coordinator] {
            assert!(!can(&user(role, 1), Action::Administer, &Resource::Node));
        }
        assert!(!can(&Actor::Anonymous, Action::Administer, &Resource::Node));
        assert!(!can(
            &user(Role::NodeAdmin, 1),
            Action::Read,
            &Resource::Node
        ));
    }

    #[test]
    fn a_workspace_item_opens_to_its_member_organisations_only() {
        // Owned by organisation 1, shared in a workspace with organisation 2.
        let shared = Resource::Item {
            principals: vec![org_principal(org(1)), org_principal(org(2))],
            organisation_id: Some(org(1)),
            partners: Vec::new(),
        };
        assert!(can(&user(Role::Member, 1), Action::Edit, &shared));
        assert!(can(&user(Role::Member, 2), Action::Read, &shared));
        assert!(
            !can(&user(Role::Member, 2), Action::Edit, &shared),
            "partners read, owners write"
        );
        assert!(!can(&user(Role::Coordinator, 3), Action::Read, &shared));
        assert!(!can(&user(Role::NodeAdmin, 3), Action::Read, &shared));
        assert!(!can(&Actor::Anonymous, Action::Read, &shared));
        // Writing into a workspace one is not part of is refused.
        let elsewhere = Resource::Item {
            principals: vec![org_principal(org(1)), org_principal(org(2))],
            organisation_id: Some(org(3)),
            partners: Vec::new(),
        };
        assert!(!can(&user(Role::Member, 3), Action::Create, &elsewhere));
    }

    #[test]
    fn participants_contribute_other_organisations_endorse_and_node_staff_review() {
        // A trial led by organisation 1 with organisation 2 taking part, open to everyone.
        let trial = Resource::Item {
            principals: vec!["public".to_owned()],
            organisation_id: Some(org(1)),
            partners: vec![org(2)],
        };
        assert!(can(&user(Role::Member, 1), Action::Contribute, &trial));
        assert!(can(&user(Role::Member, 2), Action::Contribute, &trial));
        assert!(!can(&user(Role::Member, 2), Action::Edit, &trial));
        assert!(!can(
            &user(Role::Coordinator, 3),
            Action::Contribute,
            &trial
        ));
        assert!(can(&user(Role::NodeAdmin, 3), Action::Contribute, &trial));
        assert!(!can(&Actor::Anonymous, Action::Contribute, &trial));
        let read_only = token(Role::Member, 2, Scopes::READ);
        assert!(!can(&read_only, Action::Contribute, &trial));

        // A need raised by organisation 1: the others say they share it, the raiser does not.
        assert!(can(&user(Role::Member, 3), Action::Endorse, &trial));
        assert!(!can(&user(Role::Member, 1), Action::Endorse, &trial));
        assert!(!can(&Actor::Anonymous, Action::Endorse, &trial));

        assert!(can(
            &user(Role::NodeAdmin, 3),
            Action::Review,
            &Resource::Node
        ));
        for role in [Role::Member, Role::Coach, Role::Coordinator] {
            assert!(!can(&user(role, 1), Action::Review, &Resource::Node));
        }
        // Drafts open to their organisation and to node staff only.
        let draft = Resource::Item {
            principals: vec![org_principal(org(1)), STAFF.to_owned()],
            organisation_id: Some(org(1)),
            partners: Vec::new(),
        };
        assert!(can(&user(Role::NodeAdmin, 3), Action::Read, &draft));
        assert!(!can(&user(Role::Coordinator, 3), Action::Read, &draft));
    }

    #[test]
    fn an_item_without_principals_is_open_to_no_one_but_the_system() {
        let hidden = Resource::Item {
            principals: Vec::new(),
            organisation_id: None,
            partners: Vec::new(),
        };
        assert!(!can(&Actor::Anonymous, Action::Read, &hidden));
        assert!(!can(&user(Role::NodeAdmin, 1), Action::Read, &hidden));
        assert!(can(&Actor::System, Action::Read, &hidden));
    }

    #[test]
    fn forms_offer_the_organisations_and_workspaces_one_may_write_for() {
        let member = user(Role::Member, 1);
        let admin = user(Role::NodeAdmin, 1);
        assert!(writes_for(&member, org(1)));
        assert!(!writes_for(&member, org(2)));
        assert!(writes_for(&admin, org(2)));
        assert!(!writes_for(&Actor::Anonymous, org(1)));
        assert!(writes_into(&member, &[org(1), org(3)]));
        assert!(!writes_into(&member, &[org(2), org(3)]));
        // Nobody writes what they could not read afterwards, node staff neither.
        assert!(!writes_into(&admin, &[org(2), org(3)]));
        assert!(writes_into(&Actor::System, &[org(2)]));
    }
}
