//! A deterministic corpus of Swedish welfare-technology reports with planted relevance.

pub struct Topic {
    /// Title stem, as written in titles.
    pub title: &'static str,
    /// Words of the topic in several inflections; bodies draw from these.
    pub words: &'static [&'static str],
    /// Queries whose relevant documents are exactly this topic's.
    pub queries: &'static [&'static str],
}

pub const TOPICS: &[Topic] = &[
    Topic {
        title: "Nattillsyn med kamera",
        words: &[
            "nattillsyn",
            "nattillsynen",
            "kamera",
            "kameran",
            "kameror",
            "nattkamera",
            "tillsynsbesök",
        ],
        queries: &[
            "nattillsyn kamera",
            "kamerorna nattillsynen",
            "nattillsynskamera",
        ],
    },
    Topic {
        title: "Läkemedelsautomater i hemmet",
        words: &[
            "läkemedelsautomat",
            "läkemedelsautomaten",
            "läkemedelsautomater",
            "läkemedel",
            "dosering",
            "påminnelse",
        ],
        queries: &[
            "läkemedelsautomat",
            "lakemedelsautomater",
            "läkemedel dosering",
        ],
    },
    Topic {
        title: "Digitala trygghetslarm",
        words: &[
            "trygghetslarm",
            "trygghetslarmet",
            "larmcentral",
            "larmknapp",
            "larmet",
            "larmmottagning",
        ],
        queries: &[
            "trygghetslarm larmcentral",
            "trygghetslarmen",
            "larmmottagning",
        ],
    },
    Topic {
        title: "GPS-larm för personer med demenssjukdom",
        words: &[
            "gps-larm",
            "positionering",
            "demenssjukdom",
            "demens",
            "klocka",
            "sulan",
        ],
        queries: &[
            "gps larm demens",
            "positionering demenssjukdom",
            "\"gps larm\"",
        ],
    },
    Topic {
        title: "Digitala lås i hemtjänsten",
        words: &[
            "lås",
            "låset",
            "nyckelfri",
            "nyckelhantering",
            "nycklar",
            "dörrlås",
        ],
        queries: &[
            "digitala lås",
            "nyckelfri nyckelhantering",
            "nycklarna hemtjänst",
        ],
    },
    Topic {
        title: "Fallsensorer på särskilt boende",
        words: &[
            "fallsensor",
            "fallsensorer",
            "fall",
            "fallolyckor",
            "radar",
            "fallrisk",
        ],
        queries: &["fallsensorer radar", "fallolycka", "fallrisk sensor"],
    },
    Topic {
        title: "Videosamtal med anhöriga",
        words: &[
            "videosamtal",
            "videosamtalen",
            "surfplatta",
            "anhöriga",
            "skärm",
            "bildtelefon",
        ],
        queries: &["videosamtal anhöriga", "surfplattor", "\"digitala besök\""],
    },
    Topic {
        title: "Sociala robotar i demensvården",
        words: &[
            "robot",
            "robotar",
            "robotsäl",
            "sällskapsrobot",
            "oro",
            "stimulans",
        ],
        queries: &["sällskapsrobot", "robotsälen oro", "sociala robotar"],
    },
    Topic {
        title: "E-tjänst för ekonomiskt bistånd",
        words: &[
            "e-tjänst",
            "ansökan",
            "försörjningsstöd",
            "bistånd",
            "handläggning",
            "automatiserad",
        ],
        queries: &[
            "ekonomiskt bistånd ansökan",
            "försörjningsstödet",
            "automatiserad handläggning",
        ],
    },
    Topic {
        title: "Mobil dokumentation med taligenkänning",
        words: &[
            "dokumentation",
            "taligenkänning",
            "journal",
            "anteckningar",
            "mobiltelefon",
            "signering",
        ],
        queries: &[
            "mobil dokumentation",
            "taligenkänningen",
            "journalanteckningar",
        ],
    },
    Topic {
        title: "Digital planering av hemtjänsten",
        words: &[
            "planering",
            "schemaläggning",
            "ruttplanering",
            "körtid",
            "insatser",
            "optimering",
        ],
        queries: &[
            "schemaläggning optimering",
            "ruttplanering körtid",
            "planeringen insatser",
        ],
    },
    Topic {
        title: "Sängsensorer för nattlig tillsyn",
        words: &[
            "sängsensor",
            "sängsensorer",
            "sängen",
            "uppstigning",
            "sömn",
            "nattlig",
        ],
        queries: &["sängsensorer", "sömn uppstigning", "nattlig sängsensor"],
    },
];

/// Municipality codes spread over the corpus (a facet).
pub const ORGANISATIONS: &[&str] = &[
    "0480", "0484", "0180", "0380", "0580", "0680", "0780", "1280", "1480", "1880", "2080", "2480",
];
pub const KINDS: &[&str] = &[
    "testrapport",
    "testrapport",
    "testrapport",
    "forstudie",
    "erfarenhet",
    "guide",
];
pub const OUTCOMES: &[&str] = &["inford", "ej-inford", "forkastad", "pagar"];

const GENERAL: &[&str] = &[
    "brukare",
    "brukarna",
    "personal",
    "personalen",
    "kommunen",
    "verksamheten",
    "hemtjänst",
    "hemtjänsten",
    "särskilt",
    "boende",
    "test",
    "testet",
    "utvärdering",
    "resultat",
    "införande",
    "kostnad",
    "kostnader",
    "nytta",
    "samtycke",
    "integritet",
    "upphandling",
    "leverantör",
    "avtal",
    "utbildning",
    "rutiner",
    "förvaltning",
    "vecka",
    "veckor",
    "månader",
    "erfarenheter",
    "hinder",
    "möjligheter",
    "trygghet",
    "självständighet",
    "anhöriga",
    "biståndshandläggare",
    "sjuksköterska",
    "undersköterska",
    "kvalitet",
    "arbetsmiljö",
    "uppföljning",
    "mätning",
    "indikatorer",
    "besök",
    "natt",
    "dag",
    "tid",
    "teknik",
];

const FILLER: &[&str] = &[
    "och", "att", "det", "som", "en", "på", "är", "för", "med", "av", "till", "den", "har", "de",
    "inte", "om", "ett", "men", "var", "vi", "kan", "så", "från", "eller", "efter", "under", "när",
    "också",
];

pub struct Doc {
    pub id: String,
    pub topic: usize,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: &'static str,
    pub organisation: &'static str,
    pub outcome: &'static str,
    pub published_at: i64,
}

fn pick<'a>(rng: &mut fastrand::Rng, words: &[&'a str]) -> &'a str {
    words[rng.usize(..words.len())]
}

fn sentence(rng: &mut fastrand::Rng, topic: &Topic, topical: bool) -> String {
    let len = rng.usize(8..18);
    let mut words: Vec<&str> = Vec::with_capacity(len);
    for _ in 0..len {
        let r = rng.u8(..100);
        let word = if topical && r < 22 {
            pick(rng, topic.words)
        } else if r < 55 {
            pick(rng, FILLER)
        } else if r < 97 {
            pick(rng, GENERAL)
        } else {
            // A long tail of rare words, like names of products and places.
            return_rare(rng)
        };
        words.push(word);
    }
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    s.push('.');
    s
}

fn return_rare(rng: &mut fastrand::Rng) -> &'static str {
    const RARE: &[&str] = &[
        "Nykvarn",
        "Ödeshög",
        "Vansbro",
        "Åsele",
        "pilotgrupp",
        "mätperiod",
        "nollmätning",
        "kravspecifikation",
        "referensgrupp",
        "dagverksamhet",
        "korttidsboende",
        "gruppbostad",
    ];
    pick(rng, RARE)
}

/// `n` documents, the same for the same `n` on every run. Bodies are Markdown with a median
/// around 4 KB.
pub fn generate(n: usize) -> Vec<Doc> {
    let mut rng = fastrand::Rng::with_seed(0x006e_6f64_656e);
    (0..n)
        .map(|i| {
            let topic = rng.usize(..TOPICS.len());
            let t = &TOPICS[topic];
            let org = pick(&mut rng, ORGANISATIONS);
            let mut body = String::with_capacity(4500);
            for section in [
                "Bakgrund",
                "Genomförande",
                "Hinder",
                "Möjligheter",
                "Resultat",
            ] {
                body.push_str("## ");
                body.push_str(section);
                body.push_str("\n\n");
                for _ in 0..rng.usize(6..12) {
                    // Most sentences are general; a share carries the topic's words.
                    let topical = rng.u8(..100) < 35;
                    let s = sentence(&mut rng, t, topical);
                    body.push_str(&s);
                    body.push(' ');
                }
                body.push_str("\n\n");
            }
            Doc {
                id: format!("00000000-0000-7000-8000-{i:012}"),
                topic,
                title: format!("{} i {} ({})", t.title, org, i),
                summary: sentence(&mut rng, t, true),
                body,
                kind: pick(&mut rng, KINDS),
                organisation: org,
                outcome: pick(&mut rng, OUTCOMES),
                published_at: 1_600_000_000 + rng.i64(0..180_000_000),
            }
        })
        .collect()
}

/// A query of the mix, with its class.
pub struct BenchQuery {
    pub class: &'static str,
    pub text: String,
    /// For ranking quality: the topic whose documents are relevant.
    pub topic: Option<usize>,
    /// A facet filter (organisation) for the faceted class.
    pub organisation: Option<&'static str>,
}

/// The query mix: single terms across document frequencies, AND, OR, phrases, typos,
/// prefixes and faceted queries.
pub fn query_mix() -> Vec<BenchQuery> {
    let q = |class, text: &str, topic, organisation| BenchQuery {
        class,
        text: text.to_owned(),
        topic,
        organisation,
    };
    let mut out = vec![
        q("term-common", "brukare", None, None),
        q("term-common", "personalen", None, None),
        q("term-mid", "samtycke", None, None),
        q("term-rare", "nollmätning", None, None),
        q("term-rare", "Åsele", None, None),
        q("or", "robotsäl OR sängsensor", None, None),
        q("or", "larmcentral OR dörrlås", None, None),
        q("typo", "trygghetslram", Some(2), None),
        q("typo", "läkemedelsautomatr", Some(1), None),
        q("prefix", "läkemedelsaut*", Some(1), None),
        q("prefix", "schemaläg*", Some(10), None),
    ];
    for (topic, t) in TOPICS.iter().enumerate() {
        for text in t.queries {
            let class = if text.starts_with('"') {
                "phrase"
            } else if text.contains(' ') {
                "and"
            } else {
                "term-topic"
            };
            out.push(q(class, text, Some(topic), None));
        }
        out.push(q(
            "faceted",
            t.queries[0],
            Some(topic),
            Some(ORGANISATIONS[topic % ORGANISATIONS.len()]),
        ));
    }
    out
}
