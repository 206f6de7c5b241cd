//! One list of target groups (issue 13): reports take the list needs and trials use, so a
//! final report starts from its trial's target group. A report's values of the older list are
//! rewritten: `aldre` becomes both forms of elder care (`ordinart-boende sarskilt-boende`),
//! `funktionsnedsattning` becomes `lss`, `barn-och-unga` becomes `ifo`; `anhoriga` and
//! `personal` are in both lists and stay.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Reports {
    Table,
    TargetGroups,
}

/// A report's stored target groups (space-separated) in the one list.
fn rewritten(stored: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for value in stored.split_whitespace() {
        let new: &[&str] = match value {
            "aldre" => &["ordinart-boende", "sarskilt-boende"],
            "funktionsnedsattning" => &["lss"],
            "barn-och-unga" => &["ifo"],
            _ => &[value],
        };
        for v in new {
            if !out.contains(v) {
                out.push(v);
            }
        }
    }
    out.join(" ")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // Each distinct stored value is rewritten once, for every report holding it.
        let select = Query::select()
            .distinct()
            .column(Reports::TargetGroups)
            .from(Reports::Table)
            .to_owned();
        for row in db.query_all(&select).await? {
            let stored: String = row.try_get("", "target_groups")?;
            let new = rewritten(&stored);
            if new != stored {
                let update = Query::update()
                    .table(Reports::Table)
                    .value(Reports::TargetGroups, new)
                    .and_where(Expr::col(Reports::TargetGroups).eq(stored))
                    .to_owned();
                db.execute(&update).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The older list cannot be told back from the new values; they stay.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::rewritten;

    #[test]
    fn older_values_become_the_shared_list() {
        assert_eq!(
            rewritten("aldre anhoriga personal"),
            "ordinart-boende sarskilt-boende anhoriga personal"
        );
        assert_eq!(rewritten("funktionsnedsattning barn-och-unga"), "lss ifo");
        assert_eq!(rewritten("lss personal"), "lss personal");
        assert_eq!(rewritten(""), "");
    }
}
