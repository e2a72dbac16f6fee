//! Occurrences naming their article and speaker by position in a snapshot.

use super::*;

/// A value holding an origin and a speaker the way occurrences do.
#[derive(Serialize, Deserialize)]
struct Held(
    #[serde(with = "origin")] Arc<Origin>,
    #[serde(with = "speaker")] Option<Arc<str>>,
);

fn origin(id: &str) -> Arc<Origin> {
    Origin::new(
        id,
        Arc::from("Outlet"),
        &Arc::from(format!("text of {id}")),
        7,
    )
}

fn held(origin: &Arc<Origin>, speaker: Option<&Arc<str>>) -> Held {
    Held(Arc::clone(origin), speaker.cloned())
}

#[test]
fn occurrences_are_written_as_positions_and_read_as_the_one_copy_there() {
    let (a, b) = (origin("a"), origin("b"));
    let (x, y): (Arc<str>, Arc<str>) = (Arc::from("x"), Arc::from("y"));
    let unlisted: Arc<str> = Arc::from("z");
    let bytes = {
        let _positions = Writing::new([&a, &b].into_iter(), [&x, &y].into_iter());
        // the last holds copies of its own of the article's origin and of the speaker's id
        let values = vec![
            held(&b, Some(&y)),
            held(&a, None),
            held(&a, Some(&unlisted)),
            held(&origin("a"), Some(&Arc::from("x"))),
        ];
        postcard::to_allocvec(&values).expect("every article has a position")
    };
    // a length, then (article, speaker) pairs: nobody 0, a position 1, its own id 2
    assert_eq!(&bytes[..6], [4, 1, 1, 1, 0, 0]);
    assert_eq!(&bytes[6..10], [0, 2, 1, b'z']);
    assert_eq!(&bytes[10..], [0, 1, 0], "copies are found by their value");
    let (a2, b2) = (origin("a"), origin("b"));
    let (x2, y2): (Arc<str>, Arc<str>) = (Arc::from("x"), Arc::from("y"));
    let read: Vec<Held> = {
        let _tables = Reading::new(
            vec![Arc::clone(&a2), Arc::clone(&b2)],
            vec![x2.clone(), y2.clone()],
        );
        postcard::from_bytes(&bytes).expect("every position holds an article")
    };
    assert!(Arc::ptr_eq(&read[0].0, &b2) && Arc::ptr_eq(&read[1].0, &a2));
    assert!(read[0].1.as_ref().is_some_and(|s| Arc::ptr_eq(s, &y2)));
    assert_eq!(read[1].1, None);
    assert_eq!(read[2].1.as_deref(), Some("z"));
    assert!(Arc::ptr_eq(&read[3].0, &a2));
    assert!(read[3].1.as_ref().is_some_and(|s| Arc::ptr_eq(s, &x2)));
}

#[test]
fn an_article_or_speaker_outside_the_tables_or_outside_a_snapshot_is_an_error() {
    let (a, b) = (origin("a"), origin("b"));
    // an occurrence of an article the snapshot does not hold
    let written = {
        let _positions = Writing::new([&a].into_iter(), std::iter::empty());
        postcard::to_allocvec(&held(&b, None))
    };
    assert!(written.is_err());
    // no positions set: the context ended with its guard
    assert!(postcard::to_allocvec(&held(&a, None)).is_err());
    // positions past the tables, and no tables set
    let read = |bytes: &[u8]| {
        let _tables = Reading::new(vec![Arc::clone(&a)], vec![Arc::from("x")]);
        postcard::from_bytes::<Held>(bytes).is_ok()
    };
    assert!(read(&[0, 1, 0]) && read(&[0, 0]));
    assert!(!read(&[1, 0]), "article 1 of 1");
    assert!(!read(&[0, 1, 1]), "speaker 1 of 1");
    assert!(!read(&[0, 3]), "no such way to name a speaker");
    assert!(postcard::from_bytes::<Held>(&[0, 0]).is_err());
}

#[test]
fn occurrences_stay_within_64_bytes() {
    // millions of each are held: one pointer to the origin instead of four fields
    assert!(std::mem::size_of::<crate::index::Occurrence>() <= 64);
    assert!(std::mem::size_of::<crate::index::ClaimOccurrence>() <= 64);
}
