//! The layout of a snapshot's body: two [postcard] sections, so that loading decodes them on
//! two threads (decoding is most of a restart, and the resolver about half of what is
//! decoded): the records with the id maps, then the resolver, then the records section's
//! length (u64 LE). The records section starts with the articles and the speakers' ids, which
//! the occurrences after them name by position ([`shared`]).
//!
//! Decoding reads each section through its [`SnapshotSource`]: no byte is decoded before the
//! source has confirmed it, so that the file's checksums can be checked part by part as
//! decoding reaches them, and a damaged file is refused without decoding what is damaged. A
//! helper thread per section has the source bring the section into memory ahead of its
//! decoder, so that reading the disk overlaps decoding.

use super::super::interned::{Interner, interned};
use super::super::origin::Origin;
use super::super::{ArticleRecord, ClaimGroup, QuoteGroup, SpeakerRecord};
use super::shared;
use super::{SnapshotSource, StateError};
use crate::resolve::Resolver;
use postcard::de_flavors::Flavor;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How much of a section a helper brings into memory at a time, ahead of its decoder.
const PREFETCH: usize = 16 << 20;

/// The records section as written, borrowed from the live index.
#[derive(Serialize)]
pub(super) struct RecordsRef<'a> {
    pub(super) articles: Vec<&'a ArticleRecord>,
    pub(super) speaker_slugs: Vec<(u32, Arc<str>)>,
    pub(super) quotes: Vec<&'a QuoteGroup>,
    pub(super) speakers: Vec<&'a SpeakerRecord>,
    pub(super) claims: Vec<&'a ClaimGroup>,
    pub(super) claim_groups: Vec<(String, u32)>,
    pub(super) slugs_taken: Vec<(String, u32)>,
    pub(super) role_holders: Vec<(String, String)>,
}

/// The records section read back: the same fields, owned, the articles' origins made again.
pub(super) struct Records {
    pub(super) articles: Vec<ArticleRecord>,
    /// The outlets' names, one copy of each, that the origins share.
    pub(super) outlets: Vec<Arc<str>>,
    /// The speakers' ids, each the one copy that the occurrences naming it share.
    pub(super) speaker_slugs: Vec<(u32, Arc<str>)>,
    pub(super) rest: Rest,
}

/// The records section after its articles and speaker ids, which the occurrences in it name by
/// position ([`shared`]).
#[derive(Deserialize)]
pub(super) struct Rest {
    pub(super) quotes: Vec<QuoteGroup>,
    pub(super) speakers: Vec<SpeakerRecord>,
    pub(super) claims: Vec<ClaimGroup>,
    pub(super) claim_groups: Vec<(String, u32)>,
    pub(super) slugs_taken: Vec<(String, u32)>,
    pub(super) role_holders: Vec<(String, String)>,
}

/// A writer that counts the bytes passed on, to note where a section ends.
struct Counted<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the two sections and the records section's length.
pub(super) fn write(
    out: impl Write,
    records: &RecordsRef<'_>,
    resolver: &Resolver,
) -> Result<(), StateError> {
    let mut out = Counted {
        inner: out,
        written: 0,
    };
    {
        // the occurrences in the records name their article and speaker by position
        let _positions = shared::Writing::new(
            records.articles.iter().map(|r| &r.origin),
            records.speaker_slugs.iter().map(|(_, slug)| slug),
        );
        postcard::to_io(records, &mut out)?;
    }
    let records_len = out.written;
    postcard::to_io(resolver, &mut out)?;
    out.write_all(&records_len.to_le_bytes())?;
    Ok(())
}

/// Decodes the two sections, the resolver on a thread of its own, each through `source`.
pub(super) fn decode(
    body: &[u8],
    source: &dyn SnapshotSource,
) -> Result<(Records, Resolver), StateError> {
    let decoded = decode_sections(body, source);
    // whatever failed, damage is the first thing to report
    if decoded.is_err()
        && source
            .check(0..body.len())
            .is_none_or(|end| end < body.len())
    {
        return Err(StateError::Damaged);
    }
    decoded
}

fn decode_sections(
    body: &[u8],
    source: &dyn SnapshotSource,
) -> Result<(Records, Resolver), StateError> {
    let (records, resolver) = sections(body, source)?;
    let decoded = AtomicBool::new(false);
    let (records, resolver) = std::thread::scope(|scope| {
        for section in [records.clone(), resolver.clone()] {
            let decoded = &decoded;
            scope.spawn(move || {
                let mut at = section.start;
                while at < section.end && !decoded.load(Ordering::Relaxed) {
                    let to = section.end.min(at.saturating_add(PREFETCH));
                    source.prefetch(at..to);
                    at = to;
                }
            });
        }
        let resolver = scope.spawn(|| {
            section::<Resolver>(body, resolver, source).map(|mut r| {
                r.speakers.share_strings();
                r.quotes.index_times();
                r.claims.index_times();
                r
            })
        });
        let records = records_section(body, records, source);
        let resolver = resolver.join();
        decoded.store(true, Ordering::Relaxed);
        match resolver {
            Ok(resolver) => (records, resolver),
            // a thread that panicked fails the load, as the scope would
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    Ok((records?, resolver?))
}

/// The records and resolver sections of a body, as ranges of it.
fn sections(
    body: &[u8],
    source: &dyn SnapshotSource,
) -> Result<(Range<usize>, Range<usize>), StateError> {
    let at = body
        .len()
        .checked_sub(8)
        .ok_or(StateError::Layout("shorter than the sections' length"))?;
    if source
        .check(at..body.len())
        .is_none_or(|end| end < body.len())
    {
        return Err(StateError::Damaged);
    }
    let len = body
        .get(at..)
        .and_then(|w| Some(u64::from_le_bytes(w.try_into().ok()?)))
        .and_then(|len| usize::try_from(len).ok())
        .filter(|&len| len <= at)
        .ok_or(StateError::Layout("the records section ends past the body"))?;
    Ok((0..len, len..at))
}

/// Decodes `T` from `range` of `body`, each byte confirmed by `source` before it is read.
fn section<'de, T: Deserialize<'de>>(
    body: &'de [u8],
    range: Range<usize>,
    source: &'de dyn SnapshotSource,
) -> Result<T, StateError> {
    Ok(T::deserialize(&mut reader(body, range, source))?)
}

/// Decodes the records section: its articles (each article's origin made) and speaker ids, then
/// the rest, whose occurrences name their article and speaker by position.
fn records_section(
    body: &[u8],
    range: Range<usize>,
    source: &dyn SnapshotSource,
) -> Result<Records, StateError> {
    let mut de = reader(body, range, source);
    let mut articles = Vec::<ArticleRecord>::deserialize(&mut de)?;
    let outlets = Interner::default();
    for r in &mut articles {
        let a = &r.article;
        let outlet = interned(&outlets, &a.meta.outlet);
        r.origin = Origin::new(&a.id, outlet, &a.text, r.time_ms);
    }
    let speaker_slugs = Vec::<(u32, Arc<str>)>::deserialize(&mut de)?;
    let rest = {
        let _tables = shared::Reading::new(
            articles.iter().map(|r| Arc::clone(&r.origin)).collect(),
            speaker_slugs
                .iter()
                .map(|(_, slug)| Arc::clone(slug))
                .collect(),
        );
        Rest::deserialize(&mut de)?
    };
    Ok(Records {
        articles,
        outlets: outlets.into_iter().collect(),
        speaker_slugs,
        rest,
    })
}

/// A postcard decoder of `range` of `body`, each byte confirmed by `source` before it is read.
fn reader<'de>(
    body: &'de [u8],
    range: Range<usize>,
    source: &'de dyn SnapshotSource,
) -> postcard::Deserializer<'de, Checked<'de>> {
    postcard::Deserializer::from_flavor(Checked {
        body,
        at: range.start,
        end: range.end,
        confirmed: range.start,
        source,
    })
}

/// A section of a body read through its check: `body[at..confirmed]` has been confirmed.
struct Checked<'de> {
    body: &'de [u8],
    at: usize,
    end: usize,
    confirmed: usize,
    source: &'de dyn SnapshotSource,
}

impl<'de> Flavor<'de> for Checked<'de> {
    type Remainder = ();
    type Source = &'de [u8];

    fn pop(&mut self) -> postcard::Result<u8> {
        if self.at < self.confirmed
            && self.at < self.end
            && let Some(&b) = self.body.get(self.at)
        {
            self.at += 1;
            return Ok(b);
        }
        let taken = self.try_take_n(1)?;
        taken
            .first()
            .copied()
            .ok_or(postcard::Error::DeserializeUnexpectedEnd)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.end.saturating_sub(self.at))
    }

    fn try_take_n(&mut self, ct: usize) -> postcard::Result<&'de [u8]> {
        let to = self
            .at
            .checked_add(ct)
            .filter(|&to| to <= self.end)
            .ok_or(postcard::Error::DeserializeUnexpectedEnd)?;
        if to > self.confirmed {
            self.confirmed = self
                .source
                .check(self.at..to)
                .filter(|&confirmed| confirmed >= to)
                .ok_or(postcard::Error::DeserializeBadEncoding)?;
        }
        let taken = self
            .body
            .get(self.at..to)
            .ok_or(postcard::Error::DeserializeUnexpectedEnd)?;
        self.at = to;
        Ok(taken)
    }

    fn finalize(self) -> postcard::Result<()> {
        Ok(())
    }
}
