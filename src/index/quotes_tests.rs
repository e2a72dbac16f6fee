//! Quote groups: the speaker a group gives, its first-seen occurrence and wordings, and the
//! speakers it knows, across versions.

use super::origin::{FromArticle, Origin};
use super::quotes::*;
use crate::model::{QuoteKind, Span, SpeakerKind};

fn occ(article: &str, t: i64, text: &str, speaker: Option<(&str, SpeakerKind)>) -> Occurrence {
    Occurrence {
        origin: Origin::new(article, format!("Outlet {article}").into(), &text.into(), t),
        ordinal: 0,
        span: crate::model::Span32::of(Span::new(0, text.len())).expect("short"),
        kind: QuoteKind::Full,
        cue: None,
        mention: None,
        speaker: speaker.map(|s| s.0.into()),
        speaker_kind: speaker.map(|s| s.1),
        method: None,
        confidence: 0.9,
        variant: 0,
    }
}

#[test]
fn named_speaker_beats_a_role_and_first_seen_is_earliest() {
    let mut g = QuoteGroup::new("q".into());
    let role = Some(("spokesperson", SpeakerKind::Role));
    g.insert(occ("b", 20, "One call, is not enough", role));
    g.insert(occ("c", 30, "One call, is not enough", role));
    g.insert(occ(
        "a",
        10,
        "One call is not enough",
        Some(("tammy-bruce", SpeakerKind::Person)),
    ));
    assert_eq!(g.first().map(|o| o.article()), Some("a"));
    assert_eq!(g.text(), "One call is not enough");
    assert_eq!(g.speaker(), Some("tammy-bruce"));
    assert!(
        !g.is_conflict(),
        "a role beside a named person is no conflict"
    );
    g.insert(occ(
        "d",
        40,
        "One call is not enough",
        Some(("other", SpeakerKind::Person)),
    ));
    assert!(g.is_conflict());
    let variants = g.variants();
    assert_eq!(variants.len(), 2);
    assert_eq!(variants[0].similarity, 1.0);
    assert_eq!(variants[1].outlets, ["Outlet b", "Outlet c"]);
    assert_eq!(g.outlet_counts().len(), 4);
}

#[test]
fn knows_its_speakers_in_each_version() {
    let mut g = QuoteGroup::new("q".into());
    let person = |id| Some((id, SpeakerKind::Person));
    g.insert(occ("a", 10, "Words here", person("dana")));
    g.insert(occ("b", 20, "Words here", None));
    assert!(g.has_speaker("dana"));
    assert!(!g.has_speaker("rubio"));
    assert!(
        !g.has_speaker(""),
        "an unattributed occurrence names nobody"
    );
    g.insert(occ("c", 30, "Words here", person("rubio")));
    assert!(g.has_speaker("rubio"), "a change forgets the old answer");
    assert_eq!(
        g.speakers().into_iter().collect::<Vec<_>>(),
        ["dana", "rubio"]
    );
}
