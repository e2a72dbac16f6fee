//! A page of quotes in the basic view, encoded from each quote version's kept wire form: a
//! listing copies a few blocks per quote instead of building and encoding a dozen strings.

use super::quotes::basic_own_fields;
use super::{View, speaker_ref_of};
use crate::index::QuoteGroup;
use crate::pb;
use prost::Message;
use prost::encoding::{self, WireType};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// `Quote.name`'s field number.
const NAME: u32 = 1;
/// `Quote.text`'s field number.
const TEXT: u32 = 2;
/// `Quote.speaker`'s field number.
const SPEAKER: u32 = 3;

impl View {
    /// `groups` in the basic view, encoded as `ListQuotesResponse.quotes` entries
    /// ([`pb::ListQuotesResponse::encoded_quotes`]): the same bytes as encoding
    /// [`View::quote_in`]'s messages. A quote's own fields but its text are encoded once per
    /// version of the quote and kept with it; the text is copied from its article (the index
    /// keeps text once), and the speaker, which can change without the quote, is looked up now.
    pub(crate) fn basic_quotes_encoded(&mut self, groups: &[Arc<QuoteGroup>]) -> Vec<u8> {
        let quotes = located(groups);
        let mut out = Vec::with_capacity(groups.len() * 320);
        // each speaker's encoded `speaker` field, made once per request
        let mut speakers: FxHashMap<&str, Vec<u8>> = FxHashMap::default();
        // the text field's key and length
        let mut text_key = Vec::with_capacity(16);
        for &(form, text, speaker) in &quotes {
            let (name, rest) = split(form);
            text_key.clear();
            if !text.is_empty() {
                encoding::encode_key(TEXT, WireType::LengthDelimited, &mut text_key);
                encoding::encode_varint(text.len() as u64, &mut text_key);
            }
            let speaker: &[u8] = match speaker {
                None => &[],
                Some(id) => speakers.entry(id).or_insert_with(|| {
                    let mut field = Vec::new();
                    if let Some(s) = self.index.speaker(id) {
                        encoding::message::encode(SPEAKER, &speaker_ref_of(&s), &mut field);
                    }
                    field
                }),
            };
            let fields = [name, &text_key, text.as_bytes(), speaker, rest];
            pb::ListQuotesResponse::put_encoded_quote(&mut out, &fields);
        }
        out
    }
}

/// Each group's kept form, canonical text and speaker, found in passes over the page.
///
/// With a large index each step from a group to its text misses the processor's caches: the
/// group's summary, its first occurrence, the occurrence's article, the text. Taken one quote
/// at a time they are waited on one after another; a pass over the page takes one step for
/// every quote, and the processor overlaps the page's misses of that step.
fn located(groups: &[Arc<QuoteGroup>]) -> Vec<(&[u8], &str, Option<&str>)> {
    // the summary: kept form, speaker, first occurrence
    let summaries: Vec<_> = groups
        .iter()
        .map(|g| (g.wire_form(kept_fields), g.speaker(), g.first()))
        .collect();
    // the occurrence: its article and span
    let origins: Vec<_> = summaries
        .iter()
        .map(|(_, _, first)| first.map(|o| (&*o.origin, o.span)))
        .collect();
    // the article: its text
    let sources: Vec<_> = origins
        .iter()
        .map(|o| o.map(|(origin, span)| (&*origin.text, span)))
        .collect();
    // the words
    summaries
        .iter()
        .zip(sources)
        .map(|(&(form, speaker, _), source)| {
            let text = source.map_or("", |(text, span)| span.slice(text));
            (form, text, speaker)
        })
        .collect()
}

/// The kept form of `g`: the length of its encoded name (a varint), then its basic view
/// without text and speaker, encoded (the name first, as field order puts it).
fn kept_fields(g: &QuoteGroup) -> Box<[u8]> {
    let q = basic_own_fields(g);
    // a proto3 string field is left out when empty
    let name = if q.name.is_empty() {
        0
    } else {
        encoding::string::encoded_len(NAME, &q.name)
    };
    let mut out = Vec::with_capacity(q.encoded_len() + 4);
    encoding::encode_varint(name as u64, &mut out);
    q.encode_raw(&mut out);
    out.into_boxed_slice()
}

/// A kept form split after the name: the name's field and the fields after the speaker.
fn split(form: &[u8]) -> (&[u8], &[u8]) {
    let mut rest = form;
    let at = encoding::decode_varint(&mut rest)
        .ok()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0)
        .min(rest.len());
    rest.split_at(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, CorpusConfig};
    use crate::index::{Index, NewArticle, PageRequest, QuoteFilter};
    use crate::model::ArticleMeta;

    fn new_article(id: &str, outlet: &str, text: &str) -> NewArticle {
        NewArticle {
            id: Some(id.into()),
            request_id: None,
            text: text.into(),
            meta: ArticleMeta {
                outlet: outlet.into(),
                ..ArticleMeta::default()
            },
        }
    }

    /// A reply carrying `encoded` quotes, as a client decodes it.
    fn as_received(encoded: Vec<u8>) -> pb::ListQuotesResponse {
        let sent = pb::ListQuotesResponse {
            encoded_quotes: encoded.into(),
            ..Default::default()
        };
        pb::ListQuotesResponse::decode(sent.encode_to_vec().as_slice()).expect("decodes")
    }

    /// Every quote of `index`, a page of `MAX_PAGE_SIZE` at a time, in the basic view both
    /// ways: encoded from the kept forms, and built as messages and encoded by prost.
    fn both_ways(index: &Index) -> (Vec<u8>, Vec<u8>, usize) {
        let (mut kept, mut built, mut n) = (Vec::new(), Vec::new(), 0);
        let mut token = String::new();
        loop {
            let page = PageRequest::parse(crate::index::MAX_PAGE_SIZE as i32, &token, &["t"])
                .expect("page");
            let found = index.list_quotes(&QuoteFilter::default(), &page);
            let mut view = View::new(index, pb::OffsetEncoding::Utf8);
            kept.extend(view.basic_quotes_encoded(&found.items));
            let mut view = View::new(index, pb::OffsetEncoding::Utf8);
            for g in &found.items {
                let q = view.quote_in(g, pb::QuoteView::Basic);
                encoding::message::encode(1, &q, &mut built);
            }
            n += found.items.len();
            if found.next_page_token.is_empty() {
                return (kept, built, n);
            }
            token = found.next_page_token;
        }
    }

    #[test]
    fn kept_forms_encode_exactly_as_the_built_messages() {
        let index = Index::new();
        let corpus = Corpus::new(CorpusConfig {
            articles: 300,
            seed: 11,
        });
        for a in corpus {
            let mut new = new_article(&a.id, &a.outlet, &a.text);
            new.meta.published_ms = Some(a.published_ms);
            index.create_article(new).expect("ingest");
        }
        let unattributed =
            "A sign on the door read: \"Nobody will own these words at all, not today.\"";
        index
            .create_article(new_article("u", "Outlet U", unattributed))
            .expect("ingest u");
        // twice: the second time every form is read from the quotes' versions
        for _ in 0..2 {
            let (kept, built, n) = both_ways(&index);
            assert!(n > 300, "{n} quotes");
            assert!(
                kept == built,
                "{} bytes against {}",
                kept.len(),
                built.len()
            );
            let decoded = as_received(kept);
            assert_eq!(decoded.quotes.len(), n);
            assert!(decoded.encoded_quotes.is_empty());
            // the page holds each kind of quote the forms must cover
            let q = &decoded.quotes;
            assert!(
                q.iter().any(|q| q.speaker.is_none()),
                "an unattributed quote"
            );
            assert!(
                q.iter().any(|q| q.outlet_counts.len() > 1),
                "a shared quote"
            );
        }
    }

    #[test]
    fn a_kept_form_takes_the_speakers_name_as_it_is_now() {
        let index = Index::new();
        let first = "\"We will not back down from this fight at all,\" Rubio said on Tuesday.";
        index
            .create_article(new_article("a", "Outlet A", first))
            .expect("ingest a");
        let (before, built, _) = both_ways(&index);
        assert_eq!(before, built);
        let later = "Secretary of State Marco Rubio met reporters. \"The talks were useful and \
                     will go on next week,\" Marco Rubio said.";
        index
            .create_article(new_article("b", "Outlet B", later))
            .expect("ingest b");
        let (after, built, _) = both_ways(&index);
        assert_eq!(after, built);
        let name = |bytes: Vec<u8>| {
            as_received(bytes)
                .quotes
                .into_iter()
                .find(|q| q.text.contains("back down"))
                .and_then(|q| q.speaker)
                .map(|s| s.display_name)
        };
        assert_eq!(name(before).as_deref(), Some("Rubio"));
        assert_eq!(name(after).as_deref(), Some("Marco Rubio"));
    }
}
