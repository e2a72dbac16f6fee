//! A snapshot loads back into an index that answers, and goes on resolving, exactly as the one
//! that wrote it.

use super::postings::PostingId;
use super::*;
use crate::corpus::{Corpus, CorpusConfig};
use crate::model::ArticleMeta;
use rustc_hash::FxHashMap;

/// The first `n` articles of a generated corpus, as ingest requests.
fn corpus(n: u64) -> Vec<NewArticle> {
    Corpus::new(CorpusConfig {
        articles: n,
        seed: 7,
    })
    .map(|a| NewArticle {
        id: Some(a.id),
        request_id: None,
        text: a.text,
        meta: ArticleMeta {
            outlet: a.outlet,
            published_ms: Some(a.published_ms),
            ..ArticleMeta::default()
        },
    })
    .collect()
}

/// What the invariant checker reports, in a stable order.
fn problems(index: &Index) -> Vec<String> {
    let mut found = index.check_invariants();
    found.sort();
    found
}

/// An index of the first `n` articles, and the state it writes.
pub(super) fn written(n: u64) -> (Index, Vec<u8>) {
    let index = Index::new();
    for a in corpus(n) {
        index.create_article(a).expect("ingest");
    }
    let mut bytes = Vec::new();
    index.write_state(&mut bytes, |_| ()).expect("write");
    (index, bytes)
}

fn round_trip(index: &Index) -> Index {
    let mut bytes = Vec::new();
    let (covered, held) = index
        .write_state(&mut bytes, |changes| (41, changes))
        .expect("write");
    assert_eq!(covered, 41, "what under_lock returns is passed back");
    assert_eq!(
        held,
        index.changes(),
        "under_lock is told the changes written"
    );
    let loaded = Index::new();
    loaded.load_state(&bytes).expect("load");
    loaded
}

/// Every record, and the lookups that walk posting lists, agree.
pub(super) fn assert_same(a: &Index, b: &Index) {
    assert_eq!(a.stats(), b.stats());
    fn all<I: PostingId>(ids: &OrderedIds<I>) -> Vec<String> {
        ids.after(None, usize::MAX)
    }
    let (ai, bi) = (&a.inner, &b.inner);
    assert_eq!(all(&ai.quote_ids), all(&bi.quote_ids));
    assert_eq!(all(&ai.conflicts), all(&bi.conflicts));
    for id in all(&ai.quote_ids) {
        assert_eq!(a.quote(&id), b.quote(&id), "quotes/{id}");
        let q = a.quote(&id).expect("listed quote");
        let words = q.words.join(" ");
        let names = |cs: Vec<Candidate>| -> Vec<(Option<String>, u64)> {
            cs.into_iter()
                .map(|c| (c.speaker, (c.score * 1e9) as u64))
                .collect()
        };
        let (ca, cb) = (
            a.attribute(&words, 5, Detail::Occurrences),
            b.attribute(&words, 5, Detail::Occurrences),
        );
        assert_eq!(names(ca.expect("a")), names(cb.expect("b")), "{words}");
    }
    for id in all(&ai.speaker_ids) {
        let (sa, sb) = (a.speaker(&id), b.speaker(&id));
        let (sa, sb) = (sa.expect("a speaker"), sb.expect("same speaker"));
        assert_eq!(sa.contributions(), sb.contributions(), "speakers/{id}");
        assert_eq!(a.attributed(&id), b.attributed(&id), "speakers/{id}");
        assert_eq!(sa.display_name(), sb.display_name());
        let filter = QuoteFilter {
            speakers: Some(vec![id.clone()]),
            ..Default::default()
        };
        let page = PageRequest::parse(1000, "", &["q"]).expect("page");
        let ids = |i: &Index| -> Vec<String> {
            let listed = i.list_quotes(&filter, &page).items;
            listed.iter().map(|q| q.id.clone()).collect()
        };
        assert_eq!(ids(a), ids(b), "quotes of {id}");
    }
    for id in all(&ai.claim_ids) {
        assert_eq!(a.claim(&id), b.claim(&id), "claims/{id}");
    }
    for id in all(&ai.article_ids) {
        let (ra, rb) = (a.article(&id).expect("a"), b.article(&id).expect("b"));
        // the same article ingested into both after the snapshot was read the clock twice
        let (mut ca, mut cb) = ((*ra).clone(), (*rb).clone());
        (ca.article.ingested_ms, cb.article.ingested_ms) = (0, 0);
        assert_eq!(format!("{ca:?}"), format!("{cb:?}"), "articles/{id}");
        assert_eq!(a.syndication(&ra), b.syndication(&rb));
    }
    let search = |i: &Index| {
        let page = PageRequest::parse(50, "", &["s"]).expect("page");
        let hits = i
            .search_quotes("said the minister talks", &page)
            .expect("search");
        hits.items
            .iter()
            .map(|h| h.quote.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(search(a), search(b));
}

#[test]
fn a_loaded_snapshot_answers_and_resolves_like_the_original() {
    let mut articles = corpus(90);
    let later = articles.split_off(60);
    let original = Index::new();
    for a in articles {
        original.create_article(a).expect("ingest");
    }
    assert_eq!(problems(&original), Vec::<String>::new());
    let loaded = round_trip(&original);
    assert_eq!(problems(&loaded), Vec::<String>::new());
    assert_same(&original, &loaded);
    // the resolver's state came back too: the same new articles resolve the same way
    for a in later {
        original.create_article(a.clone()).expect("original");
        loaded.create_article(a).expect("loaded");
    }
    assert_same(&original, &loaded);
    let first = original.stats().articles;
    let id = original.inner.article_ids.after(None, 1);
    for i in [&original, &loaded] {
        i.delete_article(&id[0]).expect("delete");
        assert_eq!(i.stats().articles, first - 1);
    }
    assert_same(&original, &loaded);
    assert_eq!(problems(&loaded), Vec::<String>::new());
    assert_eq!(problems(&original), Vec::<String>::new());
}

#[test]
fn a_loaded_snapshot_summarises_the_posting_lists_again() {
    // forty wordings of one quote and of one claim, a number apart: their common word pairs
    // and stems list all forty
    let original = Index::new();
    for n in 0..40 {
        let text = format!(
            "\"We will raise the minimum wage by {n} percent before the end of the year,\" \
             said Alice Smith, the labour minister. Smith said the council would spend {n} \
             million on the new bridge over the river."
        );
        original
            .create_article(NewArticle {
                id: Some(format!("a{n}")),
                request_id: None,
                text,
                meta: ArticleMeta {
                    outlet: "Daily".into(),
                    published_ms: Some(1_700_000_000_000 + n * 60_000),
                    ..ArticleMeta::default()
                },
            })
            .expect("ingest");
    }
    let blocks = |i: &Index| {
        let r = i.inner.resolver.read();
        (r.quotes.summarised_blocks(), r.claims.summarised_blocks())
    };
    let (quotes, claims) = blocks(&original);
    assert!(quotes > 0 && claims > 0, "{quotes} {claims}");
    // the summaries are not stored: the loaded index works them out again
    assert_eq!(blocks(&round_trip(&original)), (quotes, claims));
}

#[test]
fn a_damaged_snapshot_is_refused_and_changes_nothing() {
    let (original, bytes) = written(12);
    let loaded = Index::new();
    // the body ends with the records section's length: one past the body, or no room for it
    let mut past = bytes.clone();
    let len_at = past.len() - 8;
    past[len_at..].copy_from_slice(&(len_at as u64 + 1).to_le_bytes());
    for bad in [&past[..], &bytes[..5]] {
        assert!(matches!(loaded.load_state(bad), Err(StateError::Layout(_))));
    }
    // a whole layout around a resolver section cut short
    let records_len = u64::from_le_bytes(bytes[len_at..].try_into().expect("8 bytes"));
    let mut cut = bytes[..len_at - 40].to_vec();
    cut.extend_from_slice(&records_len.to_le_bytes());
    assert!(matches!(
        loaded.load_state(&cut),
        Err(StateError::Encoding(_))
    ));
    assert_eq!(loaded.stats(), Stats::default());
    assert!(matches!(
        original.load_state(&bytes),
        Err(StateError::NotEmpty(12))
    ));
}

/// Text is stored once after a load as after ingest: the occurrences of an article, quotes and
/// claims alike, share its record's origin, which holds the article's own text, and their
/// speaker's one id; the same word is one copy across quotes.
#[test]
fn a_loaded_snapshot_shares_text_ids_and_words() {
    let index = Index::new();
    for a in corpus(60) {
        index.create_article(a).expect("create");
    }
    for ix in [&index, &round_trip(&index)] {
        let mut words: FxHashMap<&str, Arc<str>> = FxHashMap::default();
        let ids = ix.inner.quote_ids.after(None, usize::MAX);
        let quotes: Vec<Arc<QuoteGroup>> = ids.iter().filter_map(|id| ix.quote(id)).collect();
        let (mut shared_words, mut shared_ids, mut shared_speakers) = (0, 0, 0);
        let slugs: FxHashMap<Arc<str>, Arc<str>> = ix
            .inner
            .speaker_slugs
            .iter()
            .map(|e| (Arc::clone(e.value()), Arc::clone(e.value())))
            .collect();
        let mut one_speaker = |speaker: &Option<Arc<str>>| {
            if let Some(id) = speaker
                && let Some(one) = slugs.get(id)
            {
                assert!(Arc::ptr_eq(one, id), "one copy of {id}");
                shared_speakers += 1;
            }
        };
        let mut one_origin = |origin: &Arc<Origin>| {
            let record = ix.article(&origin.id).expect("its article");
            assert!(
                Arc::ptr_eq(&record.origin, origin),
                "one origin of {}",
                origin.id
            );
            assert!(
                Arc::ptr_eq(&origin.text, &record.article.text),
                "text of {}",
                origin.id
            );
            assert_eq!(
                (&*origin.outlet, origin.time_ms),
                (&*record.article.meta.outlet, record.time_ms)
            );
            shared_ids += 1;
        };
        for g in ix.inner.claims.iter() {
            for o in &g.occurrences {
                one_origin(&o.origin);
                one_speaker(&o.claimant);
            }
        }
        for q in &quotes {
            for o in &q.occurrences {
                one_origin(&o.origin);
                one_speaker(&o.speaker);
            }
            for w in &q.words {
                match words.get(&**w) {
                    Some(first) => {
                        assert!(Arc::ptr_eq(first, w), "one copy of {w:?}");
                        shared_words += 1;
                    }
                    None => {
                        words.insert(w, Arc::clone(w));
                    }
                }
            }
        }
        assert!(shared_words > 100, "quotes share words: {shared_words}");
        assert!(shared_ids > 100, "occurrences checked: {shared_ids}");
        assert!(shared_speakers > 100, "speakers checked: {shared_speakers}");
        assert!(
            shared_names(ix) > 50,
            "contributions share names, aliases and roles"
        );
        let (unshared, kept) = ix.inner.resolver.read().speakers.unshared_kept_strings();
        assert!(
            unshared == 0 && kept > 50,
            "{unshared} of the resolver's {kept} kept strings are copies of their own"
        );
    }
}

/// How many of the speakers' contributions' names, aliases and roles point at a copy another
/// contribution holds; fails on two copies of one string.
fn shared_names(ix: &Index) -> usize {
    let records: Vec<Arc<SpeakerRecord>> = ix.inner.speakers.iter().map(|e| e.clone()).collect();
    let mut first: FxHashMap<&str, &Arc<str>> = FxHashMap::default();
    let mut shared = 0;
    for r in &records {
        for c in r.contributions().values() {
            let strings = std::iter::once(&c.name)
                .chain(c.aliases.iter().map(|(a, _)| a))
                .chain(&c.roles);
            for s in strings {
                match first.get(&**s) {
                    Some(one) => {
                        assert!(Arc::ptr_eq(one, s), "one copy of {s:?}");
                        shared += 1;
                    }
                    None => {
                        first.insert(s, s);
                    }
                }
            }
        }
    }
    shared
}
