//! Syndication's tests: copies found, stories told apart, late originals, and a detector read
//! back from a snapshot.

use super::*;

const WIRE: &str = "Russian troops launched a barrage of 176 drones at Ukraine overnight, most of which were destroyed \
    or disabled by jamming, the Ukrainian air force said on Tuesday. One drone struck a residential building in \
    Dolynska in the Kirovohrad region, wounding a mother and her two children and prompting an evacuation of 38 \
    apartments, the regional administration reported. Four more residential buildings were damaged by drone \
    debris in the Cherkasy region, according to local officials.";

#[test]
fn copies_point_to_the_original() {
    let mut d = SyndicationDetector::new();
    assert_eq!(d.add("ap", WIRE, Some(1_000)), None);
    let copy = format!("KYIV (AP) — {WIRE} Copyright 2025 The Associated Press.");
    let c = d.add("station", &copy, Some(2_000)).expect("a copy");
    assert_eq!(c.original, "ap");
    assert!(c.similarity >= MIN_JACCARD);
    let trimmed: String = WIRE.split(". ").take(2).collect::<Vec<_>>().join(". ");
    assert_eq!(
        d.add("trimmed", &trimmed, Some(3_000)).map(|c| c.original),
        Some("ap".into()),
        "contained copy"
    );
    assert_eq!(d.root("trimmed"), "ap");
    assert_eq!(d.root("ap"), "ap");
    assert_eq!(d.copies("ap"), ["station", "trimmed"]);
    assert!(d.copies("station").is_empty());
}

#[test]
fn a_loaded_detector_finds_its_articles_by_id() {
    let mut d = SyndicationDetector::new();
    d.add("ap", WIRE, Some(1_000));
    let bytes = postcard::to_allocvec(&d).expect("written");
    let mut back: SyndicationDetector = postcard::from_bytes(&bytes).expect("read back");
    let copy = format!("KYIV (AP) — {WIRE}");
    let found = back.add("station", &copy, Some(2_000));
    assert_eq!(found.map(|c| c.original), Some("ap".into()));
    let (id, &n) = back
        .numbers
        .get_key_value("ap")
        .expect("numbered by the first change");
    let entry = back.entries.get(n).expect("its entry");
    assert!(Arc::ptr_eq(id, &entry.id), "one copy of the id");
    assert!(back.remove("ap"));
    assert_eq!(back.root("station"), "station");
    assert_eq!(back.numbers.len(), 1);
}

#[test]
fn different_stories_on_the_same_topic_are_not_copies() {
    let mut d = SyndicationDetector::new();
    d.add("ap", WIRE, None);
    let other = "Ukraine's air force said Russia fired dozens of drones overnight. Officials in the Cherkasy \
        region reported damage to several homes, and a family in Dolynska was hurt when debris fell on their \
        building. The regional governor urged residents to stay in shelters during alerts and said repairs \
        would begin as soon as possible.";
    assert_eq!(d.add("bbc", other, None), None);
    assert_eq!(d.copy_of("bbc"), None);
    assert_eq!(
        d.add("short", "Drones hit Ukraine.", None),
        None,
        "too short to judge"
    );
}

#[test]
fn a_late_arriving_original_takes_over() {
    let mut d = SyndicationDetector::new();
    d.add("copy", WIRE, Some(5_000));
    assert_eq!(d.add("orig", WIRE, Some(1_000)), None);
    assert_eq!(d.root("copy"), "orig");
    assert_eq!(d.copies("orig"), ["copy"]);
    assert!(d.remove("orig"));
    assert!(d.copies("orig").is_empty());
    assert_eq!(
        d.root("copy"),
        "copy",
        "removing the original frees the copy"
    );
    assert!(!d.remove("orig"));
}
