//! The layout of a snapshot's body: two [postcard] sections, so that loading decodes them on
//! two threads (decoding is most of a restart, and the resolver about half of what is
//! decoded): the records with the id maps, then the resolver, then the records section's
//! length (u64 LE).

use super::super::{ArticleRecord, ClaimGroup, QuoteGroup, SpeakerRecord};
use super::StateError;
use crate::resolve::Resolver;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::sync::Arc;

/// The records section as written, borrowed from the live index.
#[derive(Serialize)]
pub(super) struct RecordsRef<'a> {
    pub(super) articles: Vec<&'a ArticleRecord>,
    pub(super) quotes: Vec<&'a QuoteGroup>,
    pub(super) speakers: Vec<&'a SpeakerRecord>,
    pub(super) claims: Vec<&'a ClaimGroup>,
    pub(super) claim_groups: Vec<(String, u32)>,
    pub(super) speaker_slugs: Vec<(u32, Arc<str>)>,
    pub(super) slugs_taken: Vec<(String, u32)>,
    pub(super) role_holders: Vec<(String, String)>,
}

/// The records section read back: the same fields, owned.
#[derive(Deserialize)]
pub(super) struct Records {
    pub(super) articles: Vec<ArticleRecord>,
    pub(super) quotes: Vec<QuoteGroup>,
    pub(super) speakers: Vec<SpeakerRecord>,
    pub(super) claims: Vec<ClaimGroup>,
    pub(super) claim_groups: Vec<(String, u32)>,
    pub(super) speaker_slugs: Vec<(u32, Arc<str>)>,
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
    postcard::to_io(records, &mut out)?;
    let records_len = out.written;
    postcard::to_io(resolver, &mut out)?;
    out.write_all(&records_len.to_le_bytes())?;
    Ok(())
}

/// Decodes the two sections, the resolver on a thread of its own.
pub(super) fn decode(body: &[u8]) -> Result<(Records, Resolver), StateError> {
    let (records, resolver) = sections(body)?;
    let (records, resolver) = std::thread::scope(|scope| {
        let resolver = scope.spawn(|| {
            postcard::from_bytes::<Resolver>(resolver).map(|mut r| {
                r.speakers.share_strings();
                r
            })
        });
        let records = postcard::from_bytes::<Records>(records);
        match resolver.join() {
            Ok(resolver) => (records, resolver),
            // a thread that panicked fails the load, as the scope would
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    Ok((records?, resolver?))
}

/// The records and resolver sections of a body.
fn sections(body: &[u8]) -> Result<(&[u8], &[u8]), StateError> {
    let (sections, len) = body
        .split_last_chunk::<8>()
        .ok_or(StateError::Layout("shorter than the sections' length"))?;
    let len = usize::try_from(u64::from_le_bytes(*len))
        .ok()
        .filter(|&len| len <= sections.len())
        .ok_or(StateError::Layout("the records section ends past the body"))?;
    Ok(sections.split_at(len))
}
