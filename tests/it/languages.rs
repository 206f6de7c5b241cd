//! English beside Swedish: the language follows the switch on every page (remembered), else
//! the browser's Accept-Language, else Swedish; `<html lang>` follows; an English page has no
//! Swedish text of the catalogue left in it.

use noden_portal::auth::Role;
use noden_portal::web::i18n::{self, Lang};

use crate::attachments::{client, send};
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    pages_speak_the_language_chosen_asked_for_or_swedish,
    the_switch_remembers_the_choice_and_goes_back_only_to_this_site,
    search_and_the_start_page_speak_english_labels_dates_and_all,
    a_member_sets_english_on_their_account_and_it_follows_them,
    what_is_written_reaches_each_reader_in_their_own_language,
    a_sign_in_link_asked_for_in_english_comes_in_english,
    every_area_of_the_portal_speaks_english,
    the_api_explains_its_refusals_in_the_language_asked_for,
);

/// GET `path` with these headers: status and body.
async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = client().get(app.url(path));
    for (name, value) in headers {
        req = req.insert_header((*name, *value));
    }
    let got = send(req, None).await;
    (got.status, got.text())
}

/// Whether `needle` stands in `html` as words of their own (not inside a longer word).
fn has_words(html: &str, needle: &str) -> bool {
    html.match_indices(needle).any(|(at, _)| {
        let before = html[..at].chars().next_back();
        let after = html[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The Swedish texts of the catalogue still in an English page: every message whose Swedish
/// differs from its English, up to its first placeholder or markup, and is not English too
/// (Swedish "Start" is a word of English "Start a trial"); a lone word shorter than five
/// letters is left out, as the content itself is Swedish.
fn swedish_left(html: &str) -> Vec<String> {
    let english: Vec<String> = i18n::keys(Lang::En)
        .into_iter()
        .map(|key| i18n::text(Lang::En, key))
        .collect();
    i18n::keys(Lang::Sv)
        .into_iter()
        .filter_map(|key| {
            let swedish = i18n::text(Lang::Sv, key);
            let cut = swedish.find(['{', '<']);
            let swedish = swedish[..cut.unwrap_or(swedish.len())].trim().to_owned();
            // A lone short word ("med", "till"), or one word left of a longer text ("inom
            // { $n } sekunder"), is as likely the content's own Swedish.
            let one_word = !swedish.contains(' ');
            let too_little = one_word && (cut.is_some() || swedish.chars().count() < 5);
            (swedish.chars().count() >= 3
                && !too_little
                && !english.iter().any(|e| has_words(e, &swedish))
                && has_words(html, &swedish))
            .then(|| format!("{key}: {swedish}"))
        })
        .collect()
}

async fn pages_speak_the_language_chosen_asked_for_or_swedish(backend: Backend) {
    let app = TestApp::new(backend).await;

    let (status, swedish) = page(&app, "/tillganglighet", &[]).await;
    assert_eq!(status, 200);
    assert!(swedish.contains("<html lang=\"sv\">"), "{swedish}");
    assert!(
        swedish.contains("<h1>Tillgänglighet för Noden</h1>"),
        "{swedish}"
    );
    assert!(swedish.contains("skrevs den 6 december 2026"), "{swedish}");
    assert!(
        swedish.contains(
            "<a href=\"/sprak/en?tillbaka=%2Ftillganglighet\" lang=\"en\" hreflang=\"en\">In English</a>"
        ),
        "{swedish}"
    );

    let left = swedish_left(&swedish);
    assert!(
        left.len() > 20,
        "the check sees Swedish where it is: {left:?}"
    );

    // A browser that asks for English gets the statement, the frame and the dates in English.
    for path in ["/tillganglighet", "/kontakt"] {
        let (status, english) = page(&app, path, &[("Accept-Language", "en-GB,en;q=0.9")]).await;
        assert_eq!(status, 200);
        assert!(english.contains("<html lang=\"en\">"), "{english}");
        assert!(english.contains(">Search</a>"), "{english}");
        assert!(english.contains(">Contact the node</a>"), "{english}");
        assert!(
            english.contains("lang=\"sv\" hreflang=\"sv\">På svenska</a>"),
            "{english}"
        );
        let left = swedish_left(&english);
        assert!(left.is_empty(), "Swedish left on {path}: {left:?}");
    }
    let (_, english) = page(&app, "/tillganglighet", &[("Accept-Language", "en")]).await;
    assert!(
        english.contains("<h1>Accessibility of Noden</h1>"),
        "{english}"
    );
    assert!(english.contains("written on 6 December 2026"), "{english}");
    assert!(
        english.contains("The Agency for Digital Government (Digg)"),
        "{english}"
    );

    // A language the portal does not speak, or none, is Swedish.
    let (_, finnish) = page(&app, "/kontakt", &[("Accept-Language", "fi-FI, de")]).await;
    assert!(finnish.contains("<html lang=\"sv\">"), "{finnish}");
    assert!(finnish.contains("<h1>Kontakta noden</h1>"), "{finnish}");

    // The switch's choice wins over the browser's; a signed-in member's frame too.
    let member = app.with_user(Role::Member, "0480").await;
    let cookie = format!("noden_session={}; noden_sprak=en", member.session_cookie());
    let (_, chosen) = page(
        &app,
        "/tillganglighet",
        &[("Cookie", &cookie), ("Accept-Language", "sv-SE")],
    )
    .await;
    assert!(chosen.contains("<html lang=\"en\">"), "{chosen}");
    assert!(chosen.contains(">Sign out</button>"), "{chosen}");
    assert!(chosen.contains(">Notices</a>"), "{chosen}");
    let left = swedish_left(&chosen);
    assert!(left.is_empty(), "Swedish left: {left:?}");
}

async fn the_switch_remembers_the_choice_and_goes_back_only_to_this_site(backend: Backend) {
    let app = TestApp::new(backend).await;
    let switched = send(client().get(app.url("/sprak/en?tillbaka=%2Fkontakt")), None).await;
    assert_eq!(switched.status, 303, "{}", switched.text());
    assert_eq!(switched.location, "/kontakt");
    let cookie = switched
        .headers
        .get("set-cookie")
        .cloned()
        .unwrap_or_default();
    assert!(cookie.starts_with("noden_sprak=en;"), "{cookie}");
    assert!(
        cookie.contains("Max-Age=31536000"),
        "remembered for a year: {cookie}"
    );
    let (_, english) = page(&app, "/kontakt", &[("Cookie", "noden_sprak=en")]).await;
    assert!(english.contains("<h1>Contact the node</h1>"), "{english}");

    let back = send(client().get(app.url("/sprak/sv?tillbaka=%2Fkontakt")), None).await;
    assert_eq!(back.status, 303);
    let (_, swedish) = page(
        &app,
        "/kontakt",
        &[("Cookie", "noden_sprak=sv"), ("Accept-Language", "en")],
    )
    .await;
    assert!(swedish.contains("<h1>Kontakta noden</h1>"), "{swedish}");

    let away = send(
        client().get(app.url("/sprak/en?tillbaka=https%3A%2F%2Fevil.example%2F")),
        None,
    )
    .await;
    assert_eq!(away.location, "/", "never to another site");
    let unknown = send(client().get(app.url("/sprak/fi")), None).await;
    assert_eq!(unknown.status, 404);
}

async fn search_and_the_start_page_speak_english_labels_dates_and_all(backend: Backend) {
    let app = TestApp::new(backend).await;
    app.indexed().await;
    let english = [("Accept-Language", "en")];

    let (status, swedish) = page(&app, "/sok?q=trygghetslarm", &[]).await;
    assert_eq!(status, 200);
    assert!(swedish.contains("Erfarenhetsrapport"), "{swedish}");
    assert!(swedish.contains("30 september 2023"), "{swedish}");
    let (_, all) = page(&app, "/sok", &[]).await;
    assert!(all.contains("<h3>Typ</h3>"), "{all}");
    let (_, all) = page(&app, "/sok", &english).await;
    assert!(all.contains("<h3>Type</h3>"), "{all}");
    assert!(all.contains(">Trial report <span"), "{all}");
    let left = swedish_left(&all);
    assert!(left.is_empty(), "Swedish left on the search page: {left:?}");

    let (status, search) = page(&app, "/sok?q=trygghetslarm", &english).await;
    assert_eq!(status, 200);
    assert!(search.contains("<html lang=\"en\">"), "{search}");
    assert!(search.contains("<h1>Search</h1>"), "{search}");
    assert!(search.contains(">1 hit</h2>"), "{search}");
    // The report's kind and outcome, from the closed lists, and its date.
    assert!(search.contains(">Experience report</span>"), "{search}");
    assert!(search.contains(">Not adopted</span>"), "{search}");
    assert!(search.contains("30 September 2023"), "{search}");
    let left = swedish_left(&search);
    assert!(left.is_empty(), "Swedish left on the search page: {left:?}");

    let (_, nothing) = page(&app, "/sok?q=zzxxqq", &english).await;
    assert!(nothing.contains(">0 hits</h2>"), "{nothing}");
    assert!(nothing.contains("Nothing found."), "{nothing}");
    let left = swedish_left(&nothing);
    assert!(left.is_empty(), "Swedish left: {left:?}");

    let (_, home) = page(&app, "/", &english).await;
    assert!(
        home.contains("<h1>Has anyone already tested it?</h1>"),
        "{home}"
    );
    assert!(
        home.contains("<h2 id=\"senaste\">Latest reports</h2>"),
        "{home}"
    );
    let mut left = swedish_left(&home);
    // A fixture category's own description (content, not the portal's text) says "Tillsyn".
    left.retain(|l| l != "a11y-enforcement-heading: Tillsyn");
    assert!(left.is_empty(), "Swedish left on the start page: {left:?}");

    // A report's page: its facts, the closed lists' labels, attachments and comments.
    let (status, report) = page(
        &app,
        "/rapporter/digitala-trygghetslarm-i-uppsala",
        &english,
    )
    .await;
    assert_eq!(status, 200);
    assert!(report.contains("Outcome: Not adopted"), "{report}");
    assert!(report.contains("<dt>Last changed</dt>"), "{report}");
    assert!(report.contains(">Attachments</h2>"), "{report}");
    assert!(report.contains("No comments yet."), "{report}");
    assert!(report.contains("</a> to comment."), "{report}");
    let left = swedish_left(&report);
    assert!(left.is_empty(), "Swedish left on a report's page: {left:?}");

    // The search's feed: its title, its language and its entries' kinds.
    let (status, feed) = page(&app, "/sok/flode.atom?q=trygghetslarm", &english).await;
    assert_eq!(status, 200, "{feed}");
    assert!(
        feed.contains("<title>Noden – Search: trygghetslarm</title>"),
        "{feed}"
    );
    assert!(feed.contains("xml:lang=\"en\""), "{feed}");
    let (_, feed) = page(&app, "/sok/flode.atom?q=trygghetslarm", &[]).await;
    assert!(
        feed.contains("<title>Noden – Sökning: trygghetslarm</title>"),
        "{feed}"
    );

    // An error page too.
    let (status, missing) = page(&app, "/rapporter/finns-inte", &english).await;
    assert_eq!(status, 404);
    assert!(missing.contains("Go to the start page"), "{missing}");
}

async fn a_member_sets_english_on_their_account_and_it_follows_them(backend: Backend) {
    let app = TestApp::new(backend).await;
    let member = app.with_user(Role::Member, "0480").await;
    let account = member.get("/konto").await;
    assert!(
        account.body.contains("<html lang=\"sv\">"),
        "{}",
        account.body
    );
    assert!(
        account
            .body
            .contains("name=\"language\" value=\"\" checked"),
        "the browser's language until one is chosen: {}",
        account.body
    );

    let saved = member.submit("/konto/sprak", &[("language", "en")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some(app.url("/konto#sprak").as_str())
    );
    let shown = member.get("/konto").await;
    assert!(shown.body.contains("<html lang=\"en\">"), "{}", shown.body);
    assert!(
        shown.body.contains("The language is saved"),
        "{}",
        shown.body
    );
    assert!(
        shown
            .body
            .contains("name=\"language\" value=\"en\" checked"),
        "{}",
        shown.body
    );
    assert!(
        shown.body.contains("<h1>Your account</h1>"),
        "{}",
        shown.body
    );
    assert!(
        shown.body.contains("<dt>Role</dt><dd>Member</dd>"),
        "{}",
        shown.body
    );
    let left = swedish_left(&shown.body);
    assert!(
        left.is_empty(),
        "Swedish left on the account page: {left:?}"
    );

    // Another device (no switch cookie, a Swedish browser) follows the account.
    let cookie = format!("noden_session={}", member.session_cookie());
    let (_, elsewhere) = page(
        &app,
        "/sok?q=larm",
        &[("Cookie", &cookie), ("Accept-Language", "sv-SE")],
    )
    .await;
    assert!(elsewhere.contains("<html lang=\"en\">"), "{elsewhere}");
    assert!(elsewhere.contains("<h1>Search</h1>"), "{elsewhere}");

    // The switch still wins on the device it was pressed on.
    let cookie_sv = format!("{cookie}; noden_sprak=sv");
    let (_, switched) = page(&app, "/sok?q=larm", &[("Cookie", &cookie_sv)]).await;
    assert!(switched.contains("<html lang=\"sv\">"), "{switched}");

    // Back to the browser's language: the account forgets, the switch's cookie goes.
    let reset = member.submit("/konto/sprak", &[("language", "")]).await;
    assert_eq!(reset.status, 303);
    let cleared = reset.headers.get("set-cookie").cloned().unwrap_or_default();
    assert!(cleared.contains("noden_sprak=;"), "{cleared}");
    let (_, browser) = page(
        &app,
        "/sok?q=larm",
        &[("Cookie", &cookie), ("Accept-Language", "sv-SE")],
    )
    .await;
    assert!(browser.contains("<html lang=\"sv\">"), "{browser}");

    // Without the form's token nothing changes.
    let forged = member.post("/konto/sprak", &[("language", "en")]).await;
    assert_eq!(forged.status, 403);
}

async fn what_is_written_reaches_each_reader_in_their_own_language(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    let raiser = app
        .with_user_at("rut@nykoping.se", Role::Member, "0480")
        .await;
    let raised = raiser
        .submit(
            "/behov/ny",
            &[
                ("title", "Tillsyn utan att väcka"),
                ("description", "Nattlig tillsyn som inte stör sömnen."),
                ("target_group", "lss"),
                ("category", ""),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(raised.status, 303, "{}", raised.body);
    let location = raised.location.clone().unwrap_or_default();
    let need = location
        .trim_start_matches(&app.base)
        .split('#')
        .next()
        .unwrap_or_default()
        .to_owned();
    let (status, found) = raiser
        .get_json(&format!(
            "/api/v1/needs/{}",
            need.trim_start_matches("/behov/")
        ))
        .await;
    assert_eq!(status, 200, "{found}");
    let need_id = found["id"].as_str().unwrap_or_default().to_owned();

    // A colleague who reads Noden in English follows the need; both want notices of needs at
    // once by e-mail.
    let reader = app
        .with_user_at("eva@nykoping.se", Role::Member, "0480")
        .await;
    for (who, language) in [(&raiser, ""), (&reader, "en")] {
        let set = who.submit("/konto/sprak", &[("language", language)]).await;
        assert_eq!(set.status, 303, "{}", set.body);
        let set = who.submit("/konto/notiser", &[("need", "immediate")]).await;
        assert_eq!(set.status, 303, "{}", set.body);
    }
    let followed = reader
        .submit(
            "/bevakningar",
            &[
                ("topic_kind", "need"),
                ("topic_id", &need_id),
                ("tillbaka", &need),
            ],
        )
        .await;
    assert_eq!(followed.status, 303, "{}", followed.body);

    // A coordinator reading in English moves the need on.
    let coordinator = app
        .with_user_at("sam@nykoping.se", Role::Coordinator, "0480")
        .await;
    let english = coordinator
        .submit("/konto/sprak", &[("language", "en")])
        .await;
    assert_eq!(english.status, 303);
    let changed = coordinator
        .submit(&format!("{need}/status"), &[("status", "bedoms")])
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let page = coordinator.get(&need).await;
    assert!(page.body.contains("<html lang=\"en\">"), "{}", page.body);
    assert!(page.body.contains("Being assessed"), "{}", page.body);

    // The raiser, who follows the need, is told in Swedish: in the app and by e-mail.
    let title_of = |list: &serde_json::Value| {
        list["notifications"][0]["title"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let (status, list) = raiser.get_json("/api/v1/notifications").await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(title_of(&list), "Bedöms: Tillsyn utan att väcka", "{list}");
    let mail = app.mail_to("rut@nykoping.se").await;
    let told = mail.last().expect("the raiser's notice");
    assert_eq!(told.subject, "Bedöms: Tillsyn utan att väcka");
    assert!(told.text.starts_with("Hej!"), "{}", told.text);
    assert!(
        told.text
            .contains("Behovet \"Tillsyn utan att väcka\" har fått status bedöms."),
        "{}",
        told.text
    );
    assert!(told.html.contains("<html lang=\"sv\">"), "{}", told.html);

    // The colleague reads it in English, in the app and by e-mail.
    let (status, list) = reader.get_json("/api/v1/notifications").await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(
        title_of(&list),
        "Being assessed: Tillsyn utan att väcka",
        "{list}"
    );
    let notices = reader.get("/notiser").await;
    assert!(
        notices
            .body
            .contains("Tillsyn utan att väcka&#34; now has the status being assessed."),
        "{}",
        notices.body
    );
    let mail = app.mail_to("eva@nykoping.se").await;
    let told = mail.last().expect("the colleague's notice");
    assert_eq!(told.subject, "Being assessed: Tillsyn utan att väcka");
    assert!(told.text.starts_with("Hello,"), "{}", told.text);
    assert!(told.text.contains("Read more: "), "{}", told.text);
    assert!(
        told.text
            .contains("The need \"Tillsyn utan att väcka\" now has the status being assessed."),
        "{}",
        told.text
    );
    assert!(told.html.contains("<html lang=\"en\">"), "{}", told.html);

    // Told in person: when the raiser reads in English, another municipality's sharing the
    // need reaches them in English, while what the sharer wrote stays as written.
    let set = raiser.submit("/konto/sprak", &[("language", "en")]).await;
    assert_eq!(set.status, 303);
    let flen = app.with_user(Role::Member, "0482").await;
    let endorsed = flen
        .submit(&format!("{need}/instam"), &[("note", "Här också.")])
        .await;
    assert_eq!(endorsed.status, 303, "{}", endorsed.body);
    let mail = app.mail_to("rut@nykoping.se").await;
    let shared = mail
        .iter()
        .find(|m| m.subject.contains("shares your need"))
        .unwrap_or_else(|| panic!("the raiser's notice in English: {mail:?}"));
    assert_eq!(
        shared.subject,
        "Flens kommun shares your need: Tillsyn utan att väcka"
    );
    assert!(
        shared.text.contains("They write: Här också."),
        "{}",
        shared.text
    );
}

async fn a_sign_in_link_asked_for_in_english_comes_in_english(backend: Backend) {
    let app = TestApp::builder(backend).memory_mail().start().await;
    crate::sign_in::register_domain(&app, "0480", "nykoping.se").await;
    let browser = crate::browser::Browser::new();
    browser.set_cookie(&app.url("/"), "noden_sprak", "en");
    let form = browser.get(&app.url("/logga-in")).await;
    assert!(form.body.contains("<h1>Sign in</h1>"), "{}", form.body);
    let left = swedish_left(&form.body);
    assert!(
        left.is_empty(),
        "Swedish left on the sign-in page: {left:?}"
    );
    let sent = crate::sign_in::ask_for_link(&app, &browser, "anna@nykoping.se").await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(sent.body.contains("Check your e-mail"), "{}", sent.body);
    let mail = app.mail_to("anna@nykoping.se").await;
    let message = mail.first().expect("the link's mail");
    assert_eq!(message.subject, "Your sign-in link to Noden");
    assert!(message.text.starts_with("Hello,"), "{}", message.text);
    assert!(
        message.text.contains("valid for 15 minutes"),
        "{}",
        message.text
    );
    assert!(
        message.html.contains("<html lang=\"en\">"),
        "{}",
        message.html
    );

    // Someone else's address outside every organisation is refused in English, at the field.
    let refused = crate::sign_in::ask_for_link(&app, &browser, "x@example.org").await;
    assert!(
        refused.body.contains("does not belong to any organisation"),
        "{}",
        refused.body
    );
}

/// The first address on `html` under `prefix` that is one item's own page (not a form).
fn first_item(html: &str, prefix: &str) -> Option<String> {
    html.split(&format!("href=\"{prefix}"))
        .skip(1)
        .find_map(|rest| {
            let slug = rest.split(['"', '?', '#']).next()?;
            let plain = !slug.is_empty()
                && !slug.contains('/')
                && !["ny", "utse", "foresla", "nytt"].contains(&slug);
            plain.then(|| format!("{prefix}{slug}"))
        })
}

async fn every_area_of_the_portal_speaks_english(backend: Backend) {
    let app = TestApp::new(backend).await;
    app.indexed().await;
    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let chosen = staff.submit("/konto/sprak", &[("language", "en")]).await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);

    let mut pages: Vec<String> = [
        "/behov/ny",
        "/tester/ny",
        "/teknik/ny",
        "/teknik/foresla",
        "/teknikcoacher/utse",
        "/faltrapporter/ny",
        "/upphandlingar/ny",
        "/rapporter/ny",
        "/granskning",
        "/notiser",
        "/konto/bevakningar",
        "/konto/notiser",
        "/admin",
        "/admin/anvandare",
        "/admin/arbetsrum",
        "/admin/logg",
        "/admin/jobb",
        "/admin/federation",
        "/oversikt",
        "/organisationer",
    ]
    .map(str::to_owned)
    .to_vec();
    // Each list, and the first item on it.
    for (list, prefix) in [
        ("/behov", "/behov/"),
        ("/tester", "/tester/"),
        ("/teknik", "/teknik/"),
        ("/teknikcoacher", "/teknikcoacher/"),
        ("/faltrapporter", "/faltrapporter/"),
        ("/upphandlingar", "/upphandlingar/"),
        ("/organisationer", "/organisationer/"),
        ("/", "/kategorier/"),
    ] {
        let shown = staff.get(list).await;
        assert_eq!(shown.status, 200, "{list}: {}", shown.body);
        pages.push(list.to_owned());
        if let Some(item) = first_item(&shown.body, prefix) {
            pages.push(item);
        }
    }
    assert!(pages.len() >= 28, "{pages:?}");

    for path in &pages {
        let shown = staff.get(path).await;
        assert_eq!(shown.status, 200, "{path}: {}", shown.body);
        assert!(
            shown.body.contains("<html lang=\"en\">"),
            "{path}: {}",
            shown.body
        );
        let mut left = swedish_left(&shown.body);
        // A fixture category's own description (content, not the portal's text) says "Tillsyn".
        left.retain(|l| l != "a11y-enforcement-heading: Tillsyn");
        // The overview's CSV addresses are Swedish, as every address stays
        // ("/oversikt/utfall.csv").
        left.retain(|l| l != "outcome: utfall");
        assert!(left.is_empty(), "Swedish left on {path}: {left:?}");
    }

    // The overview's CSV downloads speak the language of the page they come from.
    let csv = staff.get("/oversikt/faser.csv?sep=komma").await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(
        csv.body.starts_with("Trials by phase,Trials\n"),
        "{}",
        csv.body
    );
}

async fn the_api_explains_its_refusals_in_the_language_asked_for(backend: Backend) {
    let app = TestApp::new(backend).await;
    let missing = |lang: &'static str| {
        let request = client()
            .get(app.url("/api/v1/reports/finns-inte"))
            .insert_header(("Accept-Language", lang));
        send(request, None)
    };
    let swedish = missing("sv-SE").await;
    assert_eq!(swedish.status, 404);
    let problem: serde_json::Value = serde_json::from_str(&swedish.text()).unwrap();
    assert_eq!(problem["title"], "Sidan finns inte", "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("Vi hittar inte rapporten."),
        "{problem}"
    );
    let english = missing("en-GB,en;q=0.8").await;
    assert_eq!(english.status, 404);
    let problem: serde_json::Value = serde_json::from_str(&english.text()).unwrap();
    assert_eq!(problem["title"], "Page not found", "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("We cannot find the report."),
        "{problem}"
    );

    // A refusal of input: the title, and each field's message where the service gives a key.
    let member = app.with_user(Role::Member, "0480").await;
    let token = member.token().await;
    let mut refused = client()
        .post(app.url("/api/v1/needs"))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Accept-Language", "en"))
        .insert_header(("Content-Type", "application/json"))
        .send_body("{\"title\": 5}")
        .await
        .expect("request");
    assert_eq!(refused.status().as_u16(), 400);
    let body = refused.body().await.expect("body");
    let problem: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(problem["title"], "Bad request", "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("Invalid JSON: "),
        "{problem}"
    );
    // A field's message, from the service, in the language asked for.
    let mut invalid = client()
        .post(app.url("/api/v1/needs"))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Accept-Language", "en"))
        .insert_header(("Content-Type", "application/json"))
        .send_body(r#"{"title": "", "description": "Behov", "target_group": "personal"}"#)
        .await
        .expect("request");
    assert_eq!(invalid.status().as_u16(), 422);
    let body = invalid.body().await.expect("body");
    let problem: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        problem["title"], "Some details need correcting",
        "{problem}"
    );
    let title = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "title")
        .unwrap_or_else(|| panic!("{problem}"));
    assert_eq!(
        title["message"],
        i18n::text(Lang::En, "needs-error-title-length"),
        "{problem}"
    );
    assert_ne!(
        i18n::text(Lang::En, "needs-error-title-length"),
        i18n::text(Lang::Sv, "needs-error-title-length")
    );

    // The same page address in a browser says it in English too.
    let (status, page_text) =
        page(&app, "/rapporter/finns-inte", &[("Accept-Language", "en")]).await;
    assert_eq!(status, 404);
    assert!(page_text.contains("<h1>Page not found</h1>"), "{page_text}");
    assert!(
        page_text.contains("We cannot find the report."),
        "{page_text}"
    );
}
