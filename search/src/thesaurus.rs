//! The field's vocabulary: concepts with the words people use for them, so a search for one
//! word also finds what others call the same thing ("nattkamera" meets "digital tillsyn").
//!
//! A [`Thesaurus`] is built from [`ConceptSpec`]s (the caller reads them from wherever it keeps
//! them). Each label is analysed as the text fields are (lower case, stemmed, folded to ASCII),
//! so a label matches the typed word in any inflection and with or without å, ä and ö; where
//! no label matches, typed words of five letters or more may be misspelt within the typo
//! distance of the search (see [`crate::terms::typo_distance`]). Labels are matched against whole typed words
//! only, longest label first.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::analysis;
use crate::terms;

/// One concept, as the caller keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptSpec {
    /// Stable identifier, unique in the thesaurus.
    pub id: String,
    /// Its labels, the preferred one first: the words people use for it, in any language.
    pub labels: Vec<String>,
    /// The broader concept's id, if any: the concept is one of its narrower concepts.
    pub broader: Option<String>,
}

/// Why concepts do not make a thesaurus.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThesaurusError {
    #[error("two concepts have the id {0:?}")]
    DuplicateId(String),
    #[error("concept {concept:?} has no label")]
    NoLabel { concept: String },
    #[error("the label {label:?} of {concept:?} has no word")]
    EmptyLabel { concept: String, label: String },
    #[error("concept {concept:?} names the broader concept {broader:?}, which does not exist")]
    UnknownBroader { concept: String, broader: String },
    #[error("concept {0:?} is its own broader concept, through others")]
    Cycle(String),
    #[error("the label {label:?} of {concept:?} reads as {other_label:?} of {other:?}")]
    SharedLabel {
        concept: String,
        label: String,
        other: String,
        other_label: String,
    },
}

#[derive(Debug, Clone)]
struct Concept {
    labels: Vec<String>,
    /// The analysed form of each label, in the order of `labels`.
    keys: Vec<Vec<String>>,
    narrower: Vec<usize>,
}

/// Concepts and their labels, for query expansion. The empty thesaurus expands nothing.
#[derive(Debug, Default)]
pub struct Thesaurus {
    /// Tells this thesaurus from every other made in the process (see [`Thesaurus::version`]).
    version: u64,
    concepts: Vec<Concept>,
    /// The analysed label → its concept.
    by_key: HashMap<Vec<String>, usize>,
    /// Every label lower case and folded to ASCII, words separated by one space, with its
    /// concept and whether it is the preferred label, sorted: for suggesting concepts while a
    /// word is typed.
    folded: Vec<(String, usize, bool)>,
    /// The most words in a label.
    longest: usize,
}

/// A concept found among the typed words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// The words (indexes into what [`Thesaurus::find`] was given) the label covers.
    pub start: usize,
    pub end: usize,
    /// The label a misspelt word was taken for, searched as if typed.
    pub meant: Option<String>,
    /// The concept's other labels (not the one typed or meant), preferred first.
    pub synonyms: Vec<String>,
    /// The labels of its narrower concepts, each concept's preferred first.
    pub narrower: Vec<String>,
}

impl Thesaurus {
    /// Checks and analyses the concepts: ids unique, broader concepts known and never a
    /// cycle, and no two concepts with labels that read the same once analysed.
    pub fn new(specs: Vec<ConceptSpec>) -> Result<Thesaurus, ThesaurusError> {
        let mut index_of = HashMap::new();
        for (i, spec) in specs.iter().enumerate() {
            if index_of.insert(spec.id.clone(), i).is_some() {
                return Err(ThesaurusError::DuplicateId(spec.id.clone()));
            }
        }
        let mut analyzer = analysis::sv_fold();
        let mut concepts = Vec::with_capacity(specs.len());
        let mut by_key: HashMap<Vec<String>, usize> = HashMap::new();
        let mut label_of_key: HashMap<Vec<String>, String> = HashMap::new();
        for (i, spec) in specs.iter().enumerate() {
            if spec.labels.is_empty() {
                return Err(ThesaurusError::NoLabel {
                    concept: spec.id.clone(),
                });
            }
            let mut keys = Vec::with_capacity(spec.labels.len());
            for label in &spec.labels {
                let key = terms::analyze(&mut analyzer, label);
                if key.is_empty() {
                    return Err(ThesaurusError::EmptyLabel {
                        concept: spec.id.clone(),
                        label: label.clone(),
                    });
                }
                match by_key.get(&key) {
                    Some(&other) if other != i => {
                        return Err(ThesaurusError::SharedLabel {
                            concept: spec.id.clone(),
                            label: label.clone(),
                            other: specs[other].id.clone(),
                            other_label: label_of_key[&key].clone(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        by_key.insert(key.clone(), i);
                        label_of_key.insert(key.clone(), label.clone());
                    }
                }
                keys.push(key);
            }
            concepts.push(Concept {
                labels: spec.labels.clone(),
                keys,
                narrower: Vec::new(),
            });
        }
        for (i, spec) in specs.iter().enumerate() {
            let Some(broader) = &spec.broader else {
                continue;
            };
            let Some(&parent) = index_of.get(broader) else {
                return Err(ThesaurusError::UnknownBroader {
                    concept: spec.id.clone(),
                    broader: broader.clone(),
                });
            };
            concepts[parent].narrower.push(i);
        }
        // Walking up from each concept must end within as many steps as there are concepts.
        for (i, spec) in specs.iter().enumerate() {
            let mut at = spec.broader.as_ref();
            let mut steps = 0;
            while let Some(broader) = at {
                steps += 1;
                if steps > specs.len() {
                    return Err(ThesaurusError::Cycle(specs[i].id.clone()));
                }
                at = specs[index_of[broader]].broader.as_ref();
            }
        }
        let longest = by_key.keys().map(Vec::len).max().unwrap_or(0);
        let mut fold = analysis::fold_only();
        let mut folded: Vec<(String, usize, bool)> = concepts
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                c.labels
                    .iter()
                    .enumerate()
                    .map(move |(n, label)| (label, i, n))
            })
            .map(|(label, i, n)| (terms::analyze(&mut fold, label).join(" "), i, n == 0))
            .collect();
        folded.sort();
        folded.dedup();
        static MADE: AtomicU64 = AtomicU64::new(1);
        Ok(Thesaurus {
            version: MADE.fetch_add(1, Ordering::Relaxed),
            concepts,
            by_key,
            folded,
            longest,
        })
    }

    /// A number no other thesaurus made in this process has (the empty default's is 0): what
    /// a search expanded with remembers it by.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The preferred labels of at most `limit` concepts with a label that begins with `typed`
    /// (any case, with or without å, ä and ö), those whose preferred label begins with it first.
    pub fn starting_with(&self, typed: &str, limit: usize) -> Vec<String> {
        let prefix = terms::analyze(&mut analysis::fold_only(), typed).join(" ");
        if prefix.is_empty() {
            return Vec::new();
        }
        let start = self
            .folded
            .partition_point(|(label, _, _)| label.as_str() < prefix.as_str());
        let mut found: Vec<(bool, usize)> = Vec::new();
        for (_, concept, preferred) in self.folded[start..]
            .iter()
            .take_while(|(label, _, _)| label.starts_with(&prefix))
        {
            match found.iter_mut().find(|(_, c)| c == concept) {
                Some(entry) => entry.0 |= preferred,
                None => found.push((*preferred, *concept)),
            }
        }
        found.sort_by_key(|(preferred, _)| !preferred);
        found
            .into_iter()
            .take(limit)
            .map(|(_, concept)| self.concepts[concept].labels[0].clone())
            .collect()
    }

    /// The concepts named among `words`: each typed word as its analysed tokens (a word like
    /// "e-lås" is two) and as typed. From left to right, the longest label starting at a
    /// word wins; labels never overlap.
    pub(crate) fn find(&self, words: &[(Vec<String>, &str)]) -> Vec<Found> {
        let mut found = Vec::new();
        if self.concepts.is_empty() {
            return found;
        }
        let mut start = 0;
        while start < words.len() {
            let matched = (start + 1..=words.len())
                .rev()
                .filter(|end| {
                    let tokens: usize = words[start..*end].iter().map(|w| w.0.len()).sum();
                    tokens <= self.longest
                })
                .find_map(|end| {
                    let key: Vec<String> = words[start..end]
                        .iter()
                        .flat_map(|w| w.0.iter().cloned())
                        .collect();
                    match self.by_key.get(&key) {
                        Some(&concept) => Some((end, concept, key, false)),
                        None => {
                            let (key, concept) = self.near(&words[start..end])?;
                            Some((end, concept, key.to_vec(), true))
                        }
                    }
                });
            match matched {
                Some((end, concept, key, misspelt)) => {
                    let mut f = self.found(start, end, concept, &key);
                    if misspelt {
                        f.meant = self.concepts[concept]
                            .keys
                            .iter()
                            .position(|k| *k == key)
                            .map(|i| self.concepts[concept].labels[i].clone());
                    }
                    found.push(f);
                    start = end;
                }
                None => start += 1,
            }
        }
        found
    }

    /// The nearest label (analysed) to a run of typed words where each word of five letters or
    /// more may be misspelt within the typo distance of the search (sharing its first letter),
    /// and its concept.
    fn near(&self, words: &[(Vec<String>, &str)]) -> Option<(&[String], usize)> {
        // Each token with the edits it may be off by: none for a word of several tokens.
        let tokens: Vec<(&str, usize)> = words
            .iter()
            .flat_map(|(tokens, typed)| {
                let allowed = match tokens.as_slice() {
                    [stem] => usize::from(terms::typo_distance(typed, stem)),
                    _ => 0,
                };
                tokens.iter().map(move |t| (t.as_str(), allowed))
            })
            .collect();
        if tokens.iter().all(|(_, allowed)| *allowed == 0) {
            return None;
        }
        let off_by = |key: &[String]| -> Option<usize> {
            let mut total = 0;
            for ((typed, allowed), label) in tokens.iter().zip(key) {
                if *typed == label {
                    continue;
                }
                if *allowed == 0 || typed.chars().next() != label.chars().next() {
                    return None;
                }
                let d = strsim::osa_distance(typed, label);
                if d > *allowed {
                    return None;
                }
                total += d;
            }
            Some(total)
        };
        self.by_key
            .iter()
            .filter(|(key, _)| key.len() == tokens.len())
            .filter_map(|(key, concept)| Some((off_by(key)?, key, *concept)))
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
            .map(|(_, key, concept)| (key.as_slice(), concept))
    }

    /// What `concept` adds to the words typed: its labels but the one `typed` (analysed),
    /// and its narrower concepts' labels.
    fn found(&self, start: usize, end: usize, concept: usize, typed: &[String]) -> Found {
        let c = &self.concepts[concept];
        let mut seen: HashSet<&[String]> = HashSet::from([typed]);
        let mut synonyms = Vec::new();
        for (label, key) in c.labels.iter().zip(&c.keys) {
            if seen.insert(key) {
                synonyms.push(label.clone());
            }
        }
        let mut narrower = Vec::new();
        for &n in &c.narrower {
            let n = &self.concepts[n];
            for (label, key) in n.labels.iter().zip(&n.keys) {
                if seen.insert(key) {
                    narrower.push(label.clone());
                }
            }
        }
        Found {
            start,
            end,
            meant: None,
            synonyms,
            narrower,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str, labels: &[&str], broader: Option<&str>) -> ConceptSpec {
        ConceptSpec {
            id: id.to_owned(),
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            broader: broader.map(str::to_owned),
        }
    }

    fn words(text: &str) -> Vec<(Vec<String>, &str)> {
        let mut analyzer = analysis::sv_fold();
        text.split_whitespace()
            .map(|w| (terms::analyze(&mut analyzer, w), w))
            .collect()
    }

    fn sample() -> Thesaurus {
        Thesaurus::new(vec![
            spec("tillsyn", &["tillsyn"], None),
            spec(
                "digital-tillsyn",
                &["digital tillsyn", "distanstillsyn"],
                Some("tillsyn"),
            ),
            spec(
                "kameratillsyn",
                &["kameratillsyn", "nattkamera", "nattillsyn med kamera"],
                Some("digital-tillsyn"),
            ),
            spec("las", &["digitala lås", "e-lås"], None),
        ])
        .unwrap()
    }

    #[test]
    fn a_typed_label_brings_its_concepts_other_labels_and_its_narrower_ones() {
        let found = sample().find(&words("digital tillsyn"));
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (0, 2));
        assert_eq!(found[0].synonyms, ["distanstillsyn"]);
        assert_eq!(
            found[0].narrower,
            ["kameratillsyn", "nattkamera", "nattillsyn med kamera"]
        );
    }

    #[test]
    fn labels_match_inflected_folded_and_misspelt_words() {
        let t = sample();
        for typed in ["nattkameror", "nattkamerorna", "NATTKAMERA", "natkamera"] {
            let found = t.find(&words(typed));
            assert_eq!(found.len(), 1, "{typed}");
            assert_eq!(found[0].synonyms[0], "kameratillsyn", "{typed}");
        }
        let found = t.find(&words("digitala las nyckel"));
        assert_eq!((found[0].start, found[0].end), (0, 2));
        assert_eq!(found[0].synonyms, ["e-lås"]);
        // A misspelt label is taken for the label meant.
        let found = t.find(&words("natkamera"));
        assert_eq!(found[0].meant.as_deref(), Some("nattkamera"));
        assert_eq!(
            found[0].synonyms,
            ["kameratillsyn", "nattillsyn med kamera"]
        );
        // Also a word within a label of several words.
        let found = t.find(&words("digitla lås i hemtjänsten"));
        assert_eq!((found[0].start, found[0].end), (0, 2));
        assert_eq!(found[0].meant.as_deref(), Some("digitala lås"));
        assert_eq!(found[0].synonyms, ["e-lås"]);
        let found = t.find(&words("nattilsyn med kamera"));
        assert_eq!(found[0].meant.as_deref(), Some("nattillsyn med kamera"));
        // Short words are never taken for others.
        assert_eq!(t.find(&words("e-las")).len(), 1);
        assert!(t.find(&words("a-lås")).is_empty());
        // A word that is no label, or only a part of one, adds nothing.
        assert!(t.find(&words("kamera")).is_empty());
        assert!(t.find(&words("digital")).is_empty());
    }

    #[test]
    fn the_longest_label_wins_and_words_around_it_stay_apart() {
        let found = sample().find(&words("ny nattillsyn med kamera i hemtjänst"));
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (1, 4));
        assert_eq!(found[0].synonyms, ["kameratillsyn", "nattkamera"]);
    }

    #[test]
    fn concepts_are_suggested_by_the_beginning_of_any_of_their_labels() {
        let t = sample();
        assert_eq!(t.starting_with("natt", 5), ["kameratillsyn"]);
        assert_eq!(t.starting_with("DIGITALA L", 5), ["digitala lås"]);
        assert_eq!(t.starting_with("digitala las", 5), ["digitala lås"]);
        // The concept whose own label begins so comes first.
        assert_eq!(
            t.starting_with("di", 5),
            ["digital tillsyn", "digitala lås"]
        );
        assert_eq!(t.starting_with("di", 1), ["digital tillsyn"]);
        assert!(t.starting_with("x", 5).is_empty());
        assert!(t.starting_with(" ", 5).is_empty());
    }

    #[test]
    fn broken_vocabularies_are_refused_with_the_reason() {
        let shared = Thesaurus::new(vec![
            spec("a", &["läkemedelsautomat"], None),
            spec("b", &["lakemedelsautomater"], None),
        ]);
        assert!(matches!(
            shared,
            Err(ThesaurusError::SharedLabel { ref other, .. }) if other == "a"
        ));
        let cycle = Thesaurus::new(vec![
            spec("a", &["a-ord"], Some("b")),
            spec("b", &["b-ord"], Some("a")),
        ]);
        assert!(matches!(cycle, Err(ThesaurusError::Cycle(_))));
        let unknown = Thesaurus::new(vec![spec("a", &["ord"], Some("x"))]);
        assert!(matches!(
            unknown,
            Err(ThesaurusError::UnknownBroader { .. })
        ));
        let twice = Thesaurus::new(vec![spec("a", &["ett"], None), spec("a", &["två"], None)]);
        assert_eq!(twice.unwrap_err(), ThesaurusError::DuplicateId("a".into()));
        let empty = Thesaurus::new(vec![spec("a", &["–"], None)]);
        assert!(matches!(empty, Err(ThesaurusError::EmptyLabel { .. })));
    }
}
