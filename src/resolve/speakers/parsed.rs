//! What registering a local speaker reads from it alone: its name parsed as a person's, and the
//! names it contributes. An ingest works them out while preparing the article, on any core, so
//! that the registry's turn (one article at a time) does not parse names.

use super::record::contributed_names;
use crate::model::{Extraction, LocalSpeaker, SpeakerKind};
use crate::resolve::names::{PersonName, parse_person};

/// The parsed names of one local speaker (see [`LocalNames::of`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LocalNames {
    /// Its name parsed, for a person whose name parses.
    pub(super) person: Option<PersonName>,
    /// The names it contributes, with counts (see [`contributed_names`]).
    pub(super) names: Vec<(String, u32)>,
}

impl LocalNames {
    /// The parsed names of `local`.
    pub fn of(local: &LocalSpeaker) -> Self {
        LocalNames {
            person: match local.kind {
                SpeakerKind::Person => parse_person(&local.name),
                SpeakerKind::Organization | SpeakerKind::Role => None,
            },
            names: contributed_names(local),
        }
    }

    /// The parsed names of each of the extraction's speakers, index for index.
    pub fn of_extraction(ex: &Extraction) -> Vec<Self> {
        ex.speakers.iter().map(Self::of).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::SpeakerRegistry;
    use super::super::tests::{local, person};
    use super::*;

    /// Three articles naming people, an organisation and a role in several spellings.
    fn articles() -> Vec<Extraction> {
        let ex = |speakers: Vec<LocalSpeaker>| Extraction {
            speakers,
            ..Extraction::default()
        };
        vec![
            ex(vec![
                person(
                    "Sergey Lavrov",
                    &[("Foreign Minister Sergey Lavrov", 1), ("Lavrov", 3)],
                    &["Foreign Minister"],
                ),
                local(SpeakerKind::Organization, "The Kremlin", &[], &[]),
            ]),
            ex(vec![
                person("Sergei Lavrov", &[("Sergei Lavrov", 2)], &[]),
                local(SpeakerKind::Role, "a spokesman", &[], &[]),
            ]),
            ex(vec![
                person("Lavrov", &[("Lavrov", 1)], &[]),
                person("Maria Zakharova", &[("Zakharova", 2)], &["spokeswoman"]),
            ]),
        ]
    }

    /// The registry as it stands, whole (as a snapshot writes it).
    fn state(r: &SpeakerRegistry) -> Vec<u8> {
        postcard::to_stdvec(r).unwrap_or_default()
    }

    #[test]
    fn names_parsed_before_register_as_names_parsed_during() {
        let (mut during, mut before, mut some) = Default::default();
        let mut lavrov = Vec::new();
        for (i, ex) in articles().iter().enumerate() {
            let id = format!("a{i}");
            let parsed = LocalNames::of_extraction(ex);
            assert_eq!(parsed.len(), ex.speakers.len());
            let ids = SpeakerRegistry::add_extraction(&mut during, &id, ex);
            assert_eq!(
                SpeakerRegistry::add_prepared(&mut before, &id, ex, &parsed),
                ids
            );
            // names missing for some speakers are parsed at registration
            assert_eq!(
                SpeakerRegistry::add_prepared(&mut some, &id, ex, &parsed[..1]),
                ids
            );
            lavrov.push(ids[0]);
        }
        assert!(!state(&during).is_empty());
        assert_eq!(state(&before), state(&during));
        assert_eq!(state(&some), state(&during));
        // merged through the parsed names: Lavrov in three spellings is one speaker
        assert!(lavrov.iter().all(|&s| s == lavrov[0]), "{lavrov:?}");
        assert_eq!(
            LocalNames::of(&local(SpeakerKind::Organization, "The Kremlin", &[], &[])).person,
            None
        );
    }
}
