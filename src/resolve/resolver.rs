//! [`Resolver`]: every cross-source structure behind one incremental, article-at-a-time API.
//!
//! The index calls [`Resolver::add_article`] with an article and its extraction (extraction runs
//! outside any lock) and publishes what comes back; [`Resolver::remove_article`] undoes it.
//! After each change, the quote groups it touched are re-attributed, and unnamed roles are named
//! through shared words.

use crate::model::{Article, AttributionMethod, Extraction, Span, SpeakerKind};
use crate::resolve::attribution::{GroupAttribution, Occurrence, attribute_group};
use crate::resolve::claims::{ClaimAssignment, ClaimGrouper, statements};
use crate::resolve::quotes::{MatchKind, QuoteAssignment, QuoteMatcher};
use crate::resolve::speakers::{SpeakerId, SpeakerRegistry};
use crate::resolve::syndication::{CopyOf, SyndicationDetector};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One quote occurrence as the resolver remembers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteOcc {
    /// The article.
    pub article: Arc<str>,
    /// Index into the article's `Extraction::quotes`.
    pub quote: usize,
    /// Where it went.
    pub assignment: QuoteAssignment,
    /// The registry speaker the article gives it (a role stays a role here).
    pub speaker: Option<SpeakerId>,
    /// That speaker's kind.
    pub speaker_kind: SpeakerKind,
    /// How the article attributed it.
    pub method: Option<AttributionMethod>,
    /// The article's confidence.
    pub confidence: f32,
}

/// What adding one article produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleResolution {
    /// Registry ids of the extraction's speakers, index for index.
    pub speakers: Vec<SpeakerId>,
    /// Quote assignments, index for index with the extraction's quotes (`None`: no words).
    pub quotes: Vec<Option<QuoteAssignment>>,
    /// Claim assignments, index for index with the extraction's claims.
    pub claims: Vec<Option<ClaimAssignment>>,
    /// Statements (sentences in the outlet's own voice) grouped as claims, when enabled.
    pub statements: Vec<(Span, ClaimAssignment)>,
    /// The earlier article this one copies, if it is a syndicated copy.
    pub copy_of: Option<CopyOf>,
    /// Quote groups whose speakers were re-decided as a whole (the only ones whose roles may
    /// have changed holder).
    pub reattributed: Vec<u32>,
}

/// Every cross-source structure, fed article by article.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Resolver {
    /// One person across spellings and articles.
    pub speakers: SpeakerRegistry,
    /// One quote across outlets.
    pub quotes: QuoteMatcher,
    /// One claim across outlets.
    pub claims: ClaimGrouper,
    /// Wire copies.
    pub syndication: SyndicationDetector,
    /// Also group each article's own statements (sentences) as claims.
    pub with_statements: bool,
    occurrences: FxHashMap<u32, Vec<QuoteOcc>>,
    outlets: FxHashMap<Arc<str>, String>,
    article_groups: FxHashMap<Arc<str>, Vec<u32>>,
    claim_refs: FxHashMap<u32, ClaimRef>,
    article_claims: FxHashMap<Arc<str>, Vec<u32>>,
}

/// Where a claim-group member came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRef {
    /// The article.
    pub article: Arc<str>,
    /// The claim's words in the article text.
    pub span: Span,
    /// Index into the article's `Extraction::claims`, or `None` for a statement (a sentence in
    /// the outlet's own voice).
    pub ordinal: Option<usize>,
}

impl Resolver {
    /// An empty resolver that groups attributed claims only.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty resolver that also groups each article's statements as claims.
    pub fn with_statements() -> Self {
        Resolver {
            with_statements: true,
            ..Self::default()
        }
    }

    /// Adds (or replaces) an article with its extraction.
    pub fn add_article(&mut self, article: &Article, ex: &Extraction) -> ArticleResolution {
        self.remove_article(&article.id);
        let id: Arc<str> = Arc::from(article.id.as_str());
        let text = &article.text;
        let copy_of = self.syndication.add(&id, text, article.meta.published_ms);
        self.outlets.insert(id.clone(), article.meta.outlet.clone());
        let speakers = self.speakers.add_extraction(&id, ex);
        // group -> its number of occurrences before this article, and whether a role joined
        let mut touched: FxHashMap<u32, (usize, bool)> = FxHashMap::default();
        let mut quotes = Vec::with_capacity(ex.quotes.len());
        for (i, q) in ex.quotes.iter().enumerate() {
            let a = self.quotes.add(&id, q.span.slice(text));
            if let Some(a) = a {
                let speaker = q.speaker.and_then(|s| speakers.get(s).copied());
                let speaker_kind = ex
                    .speakers
                    .get(q.speaker.unwrap_or(usize::MAX))
                    .map_or(SpeakerKind::Person, |s| s.kind);
                let occs = self.occurrences.entry(a.group).or_default();
                touched.entry(a.group).or_insert((occs.len(), false)).1 |=
                    speaker_kind == SpeakerKind::Role && speaker.is_some();
                occs.push(QuoteOcc {
                    article: id.clone(),
                    quote: i,
                    assignment: a,
                    speaker,
                    speaker_kind,
                    method: q.method,
                    confidence: q.confidence,
                });
            }
            quotes.push(a);
        }
        self.article_groups
            .insert(id.clone(), touched.keys().copied().collect());
        let mut reattributed = Vec::new();
        for (g, (before, role)) in touched {
            // a role is named through the group's words whatever the group's size
            if role || reattributes_all(before, self.occurrences(g).len()) {
                self.reattribute(g);
                reattributed.push(g);
            }
        }
        reattributed.sort_unstable();
        let mut claims = Vec::with_capacity(ex.claims.len());
        let mut members = Vec::new();
        for (i, c) in ex.claims.iter().enumerate() {
            let claimant = c.speaker.and_then(|s| speakers.get(s).copied());
            let a = self.claims.add(&id, c.span.slice(text), claimant);
            if let Some(a) = &a {
                members.push(a.member);
                self.claim_refs.insert(
                    a.member,
                    ClaimRef {
                        article: id.clone(),
                        span: c.span,
                        ordinal: Some(i),
                    },
                );
            }
            claims.push(a);
        }
        let mut stmts = Vec::new();
        if self.with_statements {
            let quoted: Vec<Span> = ex
                .quotes
                .iter()
                .map(|q| q.span)
                .chain(ex.claims.iter().map(|c| c.span))
                .collect();
            for s in statements(text) {
                // mostly quoted, or starting inside a quote: the quote is handled as a quote
                let covered: usize = quoted.iter().map(|q| q.overlap(&s)).sum();
                if covered * 2 > s.len()
                    || quoted.iter().any(|q| q.start <= s.start && s.start < q.end)
                {
                    continue;
                }
                if let Some(a) = self.claims.add(&id, s.slice(text), None) {
                    members.push(a.member);
                    self.claim_refs.insert(
                        a.member,
                        ClaimRef {
                            article: id.clone(),
                            span: s,
                            ordinal: None,
                        },
                    );
                    stmts.push((s, a));
                }
            }
        }
        self.article_claims.insert(id.clone(), members);
        ArticleResolution {
            speakers,
            quotes,
            claims,
            statements: stmts,
            copy_of,
            reattributed,
        }
    }

    /// Removes an article from every structure and re-attributes the quote groups it touched.
    pub fn remove_article(&mut self, article: &str) -> bool {
        let known = self.outlets.remove(article).is_some();
        self.speakers.remove_article(article);
        self.quotes.remove_article(article);
        self.claims.remove_article(article);
        for m in self.article_claims.remove(article).unwrap_or_default() {
            self.claim_refs.remove(&m);
        }
        self.syndication.remove(article);
        for g in self.article_groups.remove(article).unwrap_or_default() {
            if let Some(occs) = self.occurrences.get_mut(&g) {
                occs.retain(|o| &*o.article != article);
                if occs.is_empty() {
                    self.occurrences.remove(&g);
                }
            }
            self.reattribute(g);
        }
        known
    }

    /// The occurrences of a quote group.
    pub fn occurrences(&self, group: u32) -> &[QuoteOcc] {
        self.occurrences
            .get(&group)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Who said a quote group, from all its occurrences (speaker ids are canonical).
    pub fn group_attribution(&self, group: u32) -> GroupAttribution {
        let occs: Vec<Occurrence> = self
            .occurrences(group)
            .iter()
            .map(|o| Occurrence {
                speaker: o.speaker.map(|s| {
                    if o.speaker_kind == SpeakerKind::Role {
                        s
                    } else {
                        self.speakers.canonical(s)
                    }
                }),
                kind: o.speaker_kind,
                method: o.method,
                confidence: o.confidence,
                match_kind: o.assignment.kind,
                score: o.assignment.score,
            })
            .collect();
        attribute_group(&occs)
    }

    /// Re-decides a group's speaker and names (or un-names) the roles among its occurrences.
    fn reattribute(&mut self, group: u32) {
        let attribution = self.group_attribution(group);
        let occs = self.occurrences(group).to_vec();
        for o in occs.iter().filter(|o| o.speaker_kind == SpeakerKind::Role) {
            let Some(role) = o.speaker else { continue };
            let holder = attribution
                .namings
                .iter()
                .find(|n| n.role == Some(role))
                .map(|n| n.speaker);
            let current = self.speakers.get(role).and_then(|s| s.held_by);
            if holder.is_some() || current.is_some_and(|c| attribution.speaker != Some(c)) {
                self.speakers.set_role_holder(role, holder);
            }
        }
    }

    /// The speaker of one quote occurrence after cross-source resolution, with how it was found:
    /// the article's own attribution, or [`AttributionMethod::CrossSource`] when another article's
    /// words named it.
    pub fn quote_speaker(
        &self,
        group: u32,
        article: &str,
        quote: usize,
    ) -> Option<(SpeakerId, Option<AttributionMethod>)> {
        let o = self
            .occurrences(group)
            .iter()
            .rfind(|o| &*o.article == article && o.quote == quote)?;
        match (o.speaker, o.speaker_kind) {
            (Some(s), SpeakerKind::Role) => match self.speakers.get(s).and_then(|r| r.held_by) {
                Some(h) => Some((h, Some(AttributionMethod::CrossSource))),
                None => Some((s, o.method)),
            },
            (Some(s), _) => Some((self.speakers.canonical(s), o.method)),
            (None, _) => self
                .group_attribution(group)
                .speaker
                .map(|s| (s, Some(AttributionMethod::CrossSource))),
        }
    }

    /// [`Resolver::quote_speaker`] for every occurrence of a group at once, keyed by (article,
    /// quote ordinal): one pass over the occurrences and at most one group attribution, instead
    /// of a search and an attribution per occurrence.
    pub fn quote_speakers(
        &self,
        group: u32,
    ) -> FxHashMap<(&str, usize), (SpeakerId, Option<AttributionMethod>)> {
        let mut attributed: Option<Option<SpeakerId>> = None;
        let mut out = FxHashMap::default();
        for o in self.occurrences(group) {
            let found = match (o.speaker, o.speaker_kind) {
                (Some(s), SpeakerKind::Role) => {
                    match self.speakers.get(s).and_then(|r| r.held_by) {
                        Some(h) => Some((h, Some(AttributionMethod::CrossSource))),
                        None => Some((s, o.method)),
                    }
                }
                (Some(s), _) => Some((self.speakers.canonical(s), o.method)),
                (None, _) => attributed
                    .get_or_insert_with(|| self.group_attribution(group).speaker)
                    .map(|s| (s, Some(AttributionMethod::CrossSource))),
            };
            if let Some(found) = found {
                // the first occurrence wins, as with `quote_speaker`'s search
                out.entry((&*o.article, o.quote)).or_insert(found);
            }
        }
        out
    }

    /// The independent source of an article: the outlet of the original it copies (or its own),
    /// falling back to the original's id when the outlet is unknown.
    pub fn source_of(&self, article: &str) -> String {
        let root = self.syndication.root(article);
        match self.outlets.get(root.as_str()) {
            Some(o) if !o.trim().is_empty() => o.trim().to_lowercase(),
            _ => root,
        }
    }

    /// Where a claim-group member came from.
    pub fn claim_ref(&self, member: u32) -> Option<&ClaimRef> {
        self.claim_refs.get(&member)
    }

    /// The members of a claim group with where each came from, in order of arrival.
    pub fn claim_members(&self, group: u32) -> Vec<(u32, &ClaimRef)> {
        let ids = self.claims.group(group).unwrap_or_default();
        ids.iter()
            .filter_map(|m| Some((*m, self.claim_refs.get(m)?)))
            .collect()
    }

    /// Distinct articles among a claim group's members.
    pub fn claim_articles(&self, group: u32) -> usize {
        let set: FxHashSet<&Arc<str>> = self
            .claim_members(group)
            .into_iter()
            .map(|(_, r)| &r.article)
            .collect();
        set.len()
    }

    /// Independent outlets that carry a claim group.
    pub fn claim_corroboration(&self, group: u32) -> usize {
        self.claims.corroboration(group, |a| self.source_of(a))
    }

    /// How a quote occurrence matched its group, for callers that report match kinds.
    pub fn match_kind(&self, group: u32, article: &str, quote: usize) -> Option<(MatchKind, f32)> {
        self.occurrences(group)
            .iter()
            .find(|o| &*o.article == article && o.quote == quote)
            .map(|o| (o.assignment.kind, o.assignment.score))
    }
}

#[cfg(test)]
#[path = "resolver_tests.rs"]
mod tests;

/// Groups with up to this many occurrences are re-attributed as a whole at every new one.
pub const REATTRIBUTE_ALL_UP_TO: usize = 64;

/// Whether adding occurrences to a quote group (from `before` to `after`) re-decides the speaker
/// of all its occurrences. Small groups are re-decided at every addition. A large group (a stock
/// phrase many people say) is re-decided only when its size crosses a power of two, so its cost
/// per addition stays constant on average; in between, new occurrences take the group's
/// current attribution and earlier ones keep theirs.
pub fn reattributes_all(before: usize, after: usize) -> bool {
    after <= REATTRIBUTE_ALL_UP_TO || before == 0 || before.ilog2() != after.ilog2()
}
