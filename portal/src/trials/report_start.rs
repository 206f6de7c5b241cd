//! Where a trial's final report starts: the report template filled in from the trial itself,
//! so its writers begin from what the trial recorded rather than from a blank page.

use super::*;

/// The final report's template as the trial fills it in (section key → Markdown).
#[derive(Debug, Clone, Default)]
pub struct ReportStart {
    pub summary: String,
    /// The trial's category (slug), if any.
    pub category: Option<String>,
    /// The trial's target group: reports and trials share one list.
    pub target_groups: Vec<String>,
    pub sections: Vec<(String, String)>,
}

/// The final report of the trial `slug_or_id` as it starts: the need and target group in the
/// trial's own words, what was tested, by whom and when, a summary of the journal (obstacles,
/// opportunities, decisions) and each indicator's baseline, its values at the follow-ups and
/// the direction that counts as better.
pub async fn final_report_start(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<ReportStart, AppError> {
    let (trial, parties) = readable_with_parties(state, actor, slug_or_id).await?;
    let follow_ups = crate::followups::for_trial(state, &trial).await?;
    let view = view(state, actor, trial, &parties).await?;
    Ok(ReportStart {
        summary: one_line(&crate::web::markdown::first_paragraph(
            &view.description_markdown,
            300,
        )),
        category: view.category.as_ref().map(|c| c.slug.clone()),
        target_groups: vec![view.target_group.clone()],
        sections: vec![
            ("behov".to_owned(), need_section(&view)),
            ("organisation".to_owned(), journal_section(&view)),
            ("effekter".to_owned(), results_section(&follow_ups)),
        ],
    })
}

/// Text on one line (for list items and the summary).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn need_section(trial: &TrialView) -> String {
    let mut out = String::new();
    if !trial.needs.is_empty() {
        out.push_str(&format!(
            "**{}:** ",
            crate::web::i18n::t("trials-report-needs")
        ));
        out.push_str(
            &trial
                .needs
                .iter()
                .map(|n| n.title.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        );
        out.push_str("\n\n");
    }
    if !trial.description_markdown.trim().is_empty() {
        out.push_str(trial.description_markdown.trim());
        out.push_str("\n\n");
    }
    let fact = |label: String, value: &str| format!("- **{label}:** {value}");
    let mut facts = vec![fact(
        crate::web::i18n::t("trials-target-group"),
        &trial.target_group_label,
    )];
    if let Some(c) = &trial.category {
        facts.push(fact(crate::web::i18n::t("trials-category"), &c.name));
    }
    facts.push(fact(
        crate::web::i18n::t("trials-technology"),
        &trial.technology,
    ));
    if !trial.product.is_empty() {
        facts.push(fact(crate::web::i18n::t("trials-product"), &trial.product));
    }
    if !trial.supplier.is_empty() {
        facts.push(fact(
            crate::web::i18n::t("trials-supplier"),
            &trial.supplier,
        ));
    }
    let period = match (trial.starts_on, trial.ends_on) {
        (Some(s), Some(e)) => Some(format!(
            "{} – {}",
            crate::web::date_text(s),
            crate::web::date_text(e)
        )),
        (Some(s), None) => Some(open_period("from", s)),
        (None, Some(e)) => Some(open_period("until", e)),
        (None, None) => None,
    };
    if let Some(period) = period {
        facts.push(fact(crate::web::i18n::t("trials-report-period"), &period));
    }
    let mut parties: Vec<String> = trial
        .lead
        .iter()
        .map(|l| crate::web::i18n::t_with("trials-report-leads", "name", &l.name))
        .collect();
    parties.extend(trial.participants.iter().map(|p| p.name.clone()));
    if !parties.is_empty() {
        facts.push(fact(
            crate::web::i18n::t("trials-report-participants"),
            &parties.join(", "),
        ));
    }
    out.push_str(&facts.join("\n"));
    out
}

/// A period open at one end: from `date` on (`side` "from") or up to it ("until").
fn open_period(side: &str, date: NaiveDate) -> String {
    let args = [
        ("side", side.into()),
        ("date", crate::web::date_text(date).into()),
    ];
    let lang = crate::web::i18n::lang();
    crate::web::i18n::text_with(lang, "trials-report-open-period", &args)
}

fn journal_section(trial: &TrialView) -> String {
    let mut out = Vec::new();
    for (kind, heading) in [
        (
            EntryType::Hinder,
            crate::web::i18n::t("trials-report-obstacles"),
        ),
        (
            EntryType::Mojlighet,
            crate::web::i18n::t("trials-report-opportunities"),
        ),
        (
            EntryType::Beslut,
            crate::web::i18n::t("trials-report-decisions"),
        ),
    ] {
        // The journal is newest first; the report tells it in order.
        let items: Vec<String> = trial
            .journal
            .iter()
            .rev()
            // Staff see withdrawn entries on the page; the report leaves them out.
            .filter(|e| e.entry_type == kind.as_str() && e.withdrawn_at.is_none())
            .map(|e| {
                let by = e
                    .organisation
                    .as_ref()
                    .map(|o| format!(" ({})", o.name))
                    .unwrap_or_default();
                format!(
                    "- {}{by}: {}",
                    crate::web::date_text(e.happened_on),
                    one_line(&e.text_markdown)
                )
            })
            .collect();
        if !items.is_empty() {
            out.push(format!("**{heading}**\n\n{}", items.join("\n")));
        }
    }
    out.join("\n\n")
}

fn results_section(follow_ups: &crate::followups::TrialFollowUps) -> String {
    let mut items = Vec::new();
    // The texts carry their unit ("14 besök", "1 dos").
    for i in &follow_ups.indicators {
        let mut line = format!(
            "- **{}**: {}",
            i.name,
            crate::web::i18n::t_with("trials-report-baseline", "value", &i.baseline_text)
        );
        for f in &follow_ups.follow_ups {
            if let Some(v) = f.values.iter().find(|v| v.indicator_id == i.id) {
                let args = [
                    ("months", f.months.into()),
                    ("value", v.value_text.as_str().into()),
                ];
                let lang = crate::web::i18n::lang();
                let after = crate::web::i18n::text_with(lang, "trials-report-after-months", &args);
                line.push_str(&format!("; {after}"));
            }
        }
        line.push_str(&format!(" ({}).", i.direction_label.to_lowercase()));
        items.push(line);
    }
    if items.is_empty() {
        String::new()
    } else {
        format!(
            "**{}**\n\n{}",
            crate::web::i18n::t("trials-report-results"),
            items.join("\n")
        )
    }
}
