//! The server-rendered pages a coordinator reads.

use serde_json::json;

use crate::harness::{Backend, TestApp, facet_values, on_both_backends};

on_both_backends!(
    every_answer_carries_the_security_headers,
    a_visitor_goes_from_home_to_search_to_report,
    unsafe_markdown_renders_harmless,
    demo_content_is_served_on_first_start,
    the_node_contact_page_is_where_errors_point,
    every_page_links_the_accessibility_statement,
    home_lists_the_latest_reports_only,
);

async fn a_visitor_goes_from_home_to_search_to_report(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (status, ctype, home) = app.get("/").await;
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/html"));
    assert!(home.contains("<html lang=\"sv\">"));
    assert!(
        home.contains("Läkemedelsautomater"),
        "categories are listed"
    );
    assert!(
        home.contains("Nattillsyn med kamera i hemtjänsten"),
        "latest reports are listed"
    );
    assert!(
        home.contains("<label for=\"q\">"),
        "the search field has a label"
    );

    let (status, _, results) = app.get("/sok?q=kamera").await;
    assert_eq!(status, 200);
    assert!(results.contains("1 träff"), "{results}");
    assert!(
        results.contains("<mark>kamera</mark>") || results.contains("<mark>Kamera</mark>"),
        "{results}"
    );
    assert!(results.contains("Nyköpings kommun"));
    let href = results
        .split("<h3><a href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();

    let (status, _, report) = app.get(&href).await;
    assert_eq!(status, 200);
    assert!(report.contains("<h1>Nattillsyn med kamera i hemtjänsten</h1>"));
    assert!(report.contains("14 maj 2024"));
    assert!(report.contains("Digital tillsyn"));
    assert!(report.contains("Införd"));

    let (status, _, category) = app.get("/kategorier/lakemedelsautomater").await;
    assert_eq!(status, 200);
    assert!(category.contains("Automat för läkemedel i ordinärt boende"));
    let (status, _, org) = app.get("/organisationer/uppsala-kommun").await;
    assert_eq!(status, 200);
    assert!(org.contains("Digitala trygghetslarm i Uppsala"));
    // The filters: years newest first, and no facet that offers a single value.
    let (status, _, all) = app.get("/sok?q=").await;
    assert_eq!(status, 200);
    let years = all
        .split("<h3>År</h3>")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    let positions: Vec<usize> = ["2025", "2024", "2023"]
        .iter()
        .map(|y| years.find(y).unwrap_or_else(|| panic!("{y} in {years}")))
        .collect();
    assert!(positions.is_sorted(), "newest year first: {years}");
    assert!(!all.contains("Den här noden"), "one node is no choice");
    let (status, _, facets) = app.get("/sok?outcome=fortsatt-test").await;
    assert_eq!(status, 200);
    assert!(
        facets.contains("1 träff") && facets.contains("aria-current=\"true\""),
        "{facets}"
    );
}

async fn unsafe_markdown_renders_harmless(backend: Backend) {
    let app = TestApp::new(backend).await;
    let body = "Hej <script>alert('xss')</script> <img src=x onerror=\"alert(1)\">\n\n\
                [Klicka](javascript:alert(2)) [Bra](https://www.socialstyrelsen.se) \
                <a href=\"javascript:alert(3)\">länk</a> <iframe src=\"https://evil.example\"></iframe>";
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({ "title": "Farligt innehåll", "body": body }),
            true,
        )
        .await;
    assert_eq!(status, 201);
    let (_, _, page) = app.get(created["url"].as_str().unwrap()).await;
    for bad in ["<script>alert", "onerror", "javascript:", "<iframe"] {
        assert!(!page.contains(bad), "{bad} reached the page");
    }
    assert!(page.contains("href=\"https://www.socialstyrelsen.se\""));
    assert_eq!(
        created["body_markdown"], body,
        "Markdown is stored as written"
    );
}

async fn demo_content_is_served_on_first_start(backend: Backend) {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let app = TestApp::builder(backend)
        .content(content.clone())
        .start()
        .await;
    let (_, orgs) = app.get_json("/api/v1/organisations").await;
    assert_eq!(
        orgs.as_array()
            .unwrap()
            .iter()
            .filter(|o| o["kind"] == "kommun")
            .count(),
        290
    );
    let all = app.search("").await;
    assert!(all["total"].as_u64().unwrap() >= 44, "{}", all["total"]);
    for query in [
        "nattillsyn%20kamera",
        "l%C3%A4kemedelsautomat",
        "lakemedelsautomater",
    ] {
        let result = app.search(&format!("q={query}")).await;
        assert!(
            result["total"].as_u64().unwrap() >= 2,
            "{query}: {}",
            result["total"]
        );
    }
    let outcomes = facet_values(&all, "outcome");
    for outcome in ["inford", "ej-inford", "forkastad", "fortsatt-test"] {
        assert!(outcomes.iter().any(|o| o == outcome), "{outcomes:?}");
    }
    // Demo needs and trials: the most shared need first, a joint trial with its journal.
    let (_, needs) = app.get_json("/api/v1/needs").await;
    assert_eq!(needs["total"], 5, "{needs}");
    assert_eq!(
        needs["needs"][0]["title"],
        "Nattpersonal hinner inte med tillsynsbesöken"
    );
    assert_eq!(needs["needs"][0]["organisations_sharing"], 4);
    assert_eq!(needs["needs"][0]["status"], "i-test", "a trial answers it");
    let (_, trials) = app.get_json("/api/v1/trials").await;
    assert_eq!(trials["total"], 3, "{trials}");
    let (status, _, page) = app.get("/tester").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Digital nattillsyn med kamera i Flen"),
        "{page}"
    );
    let found = app.search("q=wifi").await;
    assert_eq!(
        found["hits"][0]["kind"], "journal",
        "the trial's obstacle ranks first"
    );

    // The demo joint procurement: four municipalities, past annonsering, opened by its
    // members in person (the lead's shared mailbox here) and by no one else.
    let lead = app
        .with_user_at(
            "upphandling@koping.se",
            noden_portal::auth::Role::Member,
            "1983",
        )
        .await;
    let (status, listed) = lead.get_json("/api/v1/procurements").await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["total"], 1, "{listed}");
    let procurement = &listed["procurements"][0];
    let id = procurement["id"].as_str().unwrap();
    assert_eq!(
        procurement["title"],
        "Gemensam upphandling av digital nattillsyn"
    );
    assert_eq!(procurement["phase"], "avtal", "{procurement}");
    let page = lead.get(procurement["url"].as_str().unwrap()).await;
    assert_eq!(page.status, 200);
    for organisation in [
        "Köpings kommun",
        "Kungsörs kommun",
        "Arboga kommun",
        "Surahammars kommun",
    ] {
        assert!(page.body.contains(organisation), "{organisation}");
    }
    let url = procurement["url"].as_str().unwrap();
    // Requirements: one ska-krav and two bör-krav whose weights make 100 %, traced to the
    // need the municipalities share.
    let requirements = lead.get(&format!("{url}/krav")).await;
    assert_eq!(requirements.status, 200);
    for words in [
        "Tillsyn utan att väcka brukaren",
        "Larm till nattpatrullens mobiler",
        "Samtycke och integritet i tjänsten",
        "Tillsynsbesök nattetid väcker brukare och binder nattpersonalen",
    ] {
        assert!(requirements.body.contains(words), "{words}");
    }
    assert!(
        !requirements.body.contains("procentenheter saknas"),
        "the weights make 100 %"
    );
    // The contract parties, Surahammar among them as a party that calls off later; two
    // call-offs; the decision log.
    let parties = lead.get(&format!("{url}/avtalsparter")).await;
    assert_eq!(parties.status, 200);
    assert!(
        parties.body.contains("Kan avropa senare"),
        "{}",
        parties.body
    );
    assert!(parties.body.contains("Demoleverantören AB"));
    assert!(parties.body.contains("Åtta kameror för nattpatrullen"));
    let (_, calloffs) = lead
        .get_json(&format!("/api/v1/procurements/{id}/calloffs"))
        .await;
    assert_eq!(calloffs["total"], 2, "{calloffs}");
    let decisions = lead.get(&format!("{url}/beslut")).await;
    assert!(
        decisions
            .body
            .contains("Surahammar namnges i upphandlingsdokumenten"),
        "{}",
        decisions.body
    );

    // Outside the workspace the advertised procurement shows its public facts and is open
    // data; nothing inside opens, not even to node staff.
    let staff = app
        .with_user(noden_portal::auth::Role::NodeAdmin, "0482")
        .await;
    let public = staff.get(url).await;
    assert_eq!(public.status, 200);
    assert!(public.body.contains("Surahammars kommun"));
    assert!(!public.body.contains("Larm till nattpatrullens mobiler"));
    for inside in ["krav", "avtalsparter", "beslut", "dokument"] {
        assert_eq!(staff.get(&format!("{url}/{inside}")).await.status, 404);
    }
    let (status, package) = app
        .get_json(&format!("/api/v1/procurements/{id}/ocds"))
        .await;
    assert_eq!(status, 200, "{package}");
    crate::procurement_contract::check_release_package(&package);
    let release = &package["releases"][0];
    assert_eq!(release["parties"].as_array().unwrap().len(), 5, "{release}");
    let documents = release["tender"]["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1, "the public document only: {release}");
    assert_eq!(documents[0]["documentType"], "technicalSpecifications");

    // The coach network: demo coaches, their field reports with photos (the one kept for the
    // network hidden from visitors), what they follow and a comment with its reply.
    let (_, coaches) = app.get_json("/api/v1/coaches").await;
    assert!(coaches["total"].as_u64().unwrap() >= 5, "{coaches}");
    let (_, reports) = app.get_json("/api/v1/field-reports").await;
    assert_eq!(reports["total"], 4, "{reports}");
    let per = app
        .with_user_at(
            "per.hagmark.demo@flen.se",
            noden_portal::auth::Role::Coach,
            "0482",
        )
        .await;
    let (_, reports) = per.get_json("/api/v1/field-reports").await;
    assert_eq!(reports["total"], 5, "{reports}");
    let (_, follows) = per.get_json("/api/v1/follows").await;
    let kinds: Vec<&str> = follows["follows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["topic_kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"technology") && kinds.contains(&"coach"),
        "{follows}"
    );
    let first = reports["field_reports"]
        .as_array()
        .and_then(|l| {
            l.iter().find(|r| {
                r["text_markdown"]
                    .as_str()
                    .is_some_and(|t| t.contains("Kameran sitter bäst i taket"))
            })
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(first["photos"].as_array().map(Vec::len), Some(1), "{first}");
    let page = per
        .get(first["url"].as_str().unwrap_or("/faltrapporter/saknas"))
        .await;
    assert_eq!(page.status, 200, "{first}");
    assert!(
        page.body.contains("syns sängen i mörker")
            && page.body.contains("Kameran har eget IR-ljus"),
        "{}",
        page.body
    );

    // Loading the content again adds nothing twice.
    noden_portal::import::import_paths(&app.state, std::slice::from_ref(&content), |_, _| {}).await;
    let (_, again) = per.get_json("/api/v1/field-reports").await;
    assert_eq!(again["total"], 5, "{again}");
    let page = per.get(first["url"].as_str().unwrap_or_default()).await;
    assert_eq!(page.body.matches("Kameran har eget IR-ljus").count(), 1);
}

async fn every_answer_carries_the_security_headers(backend: Backend) {
    let app = TestApp::new(backend).await;
    for path in ["/", "/logga-in", "/finns-inte", "/api/v1/search?q=kamera"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = header("content-security-policy");
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(
                csp.contains(directive),
                "{path}: {directive} missing in {csp:?}"
            );
        }
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
    }
}

/// Someone stuck on an error page finds the node's contact, as the node configured it; the
/// browser tab shows the node's icon.
async fn the_node_contact_page_is_where_errors_point(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| {
            s.contact_email = "stod@noden.example".to_owned();
            s.contact_text = "Vi svarar på vardagar.".to_owned();
        })
        .start()
        .await;
    let (status, _, missing) = app.get("/finns-inte-alls").await;
    assert_eq!(status, 404);
    assert!(missing.contains("<a href=\"/kontakt\">"), "{missing}");
    let (status, _, contact) = app.get("/kontakt").await;
    assert_eq!(status, 200);
    assert!(
        contact.contains("<a href=\"mailto:stod@noden.example\">stod@noden.example</a>"),
        "{contact}"
    );
    assert!(contact.contains("Vi svarar på vardagar."), "{contact}");
    assert!(contact.contains("rel=\"icon\""), "{contact}");
    let (status, ctype, icon) = app.get("/static/favicon.svg").await;
    assert_eq!(status, 200);
    assert_eq!(ctype, "image/svg+xml");
    assert!(icon.starts_with("<svg"), "{icon}");
    let (status, _, _) = app.get("/favicon.ico").await;
    assert_eq!(status, 200);
}

/// A visitor who cannot use a page finds, from any page's footer, the accessibility statement
/// the law asks for: how accessible the portal is, what is not, how to report a problem (to
/// the node's own address) and who supervises.
async fn every_page_links_the_accessibility_statement(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| s.contact_email = "stod@noden.example".to_owned())
        .start()
        .await;
    for path in [
        "/",
        "/sok?q=kamera",
        "/behov",
        "/kontakt",
        "/finns-inte-alls",
    ] {
        let (_, _, page) = app.get(path).await;
        assert!(
            page.contains("<a href=\"/tillganglighet\">Tillgänglighet</a>"),
            "{path}: {page}"
        );
    }
    let (status, _, statement) = app.get("/tillganglighet").await;
    assert_eq!(status, 200);
    for part in [
        "<h1>Tillgänglighet för Noden</h1>",
        "tillgänglighetsredogörelse",
        "Hur tillgänglig är Noden?",
        "Innehåll som inte är tillgängligt",
        "Säg till om brister",
        "<a href=\"mailto:stod@noden.example\">stod@noden.example</a>",
        "Myndigheten för digital förvaltning (Digg)",
        "WCAG 2.1",
        "Redogörelsen skrevs den",
    ] {
        assert!(statement.contains(part), "{part}: {statement}");
    }
}

/// A trial started today is newer than every report, yet the home page's "Senaste
/// rapporterna" lists reports only; the link under it lists all reports.
async fn home_lists_the_latest_reports_only(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Helt nytt test av sängsensorer", "technology": "Sensor",
                    "target_group": "lss", "lead": "0480", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    app.indexed().await;
    let everything = app.search("sort=nyast").await;
    assert_eq!(
        everything["hits"][0]["title"], "Helt nytt test av sängsensorer",
        "the trial is the newest item: {everything}"
    );
    let (status, _, home) = app.get("/").await;
    assert_eq!(status, 200);
    let latest = home
        .split("id=\"senaste\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap();
    assert!(
        latest.contains("Nattillsyn med kamera i hemtjänsten"),
        "{latest}"
    );
    assert!(!latest.contains("Helt nytt test"), "{latest}");
    assert!(!latest.contains("Test i testbädd"), "{latest}");
    let all = latest
        .split("<p><a href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    assert!(all.contains("kind=testrapport"), "{all}");
    let (_, _, listed) = app.get(&all).await;
    assert!(!listed.contains("Helt nytt test"), "{listed}");
    assert!(
        listed.contains("Nattillsyn med kamera i hemtjänsten"),
        "{all}: {listed}"
    );
}
