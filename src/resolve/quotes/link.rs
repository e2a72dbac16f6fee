//! Which existing variant a new wording links to: containments first, then near matches,
//! aligned only when they can beat the best found so far.

use super::MatchKind;
use super::matcher::QuoteMatcher;
use super::verdict::{
    Verdict, Wording, contained_either_way, relate_either_way, relate_either_way_above,
};
use rustc_hash::FxHashMap;

impl QuoteMatcher {
    /// The existing variant a new wording should link to: containment either way beats a near
    /// match; ties go to the higher score, then the bigger group.
    ///
    /// A group is the quote its longest wording (the root) says: a wording joins only when it
    /// relates to the root too, so that a stock phrase ("I want to be very clear") contained in
    /// many different quotes does not chain them all into one group.
    pub(super) fn best_link(
        &self,
        tokens: &[u64],
        time_ms: Option<i64>,
    ) -> Option<(u32, MatchKind, f32)> {
        let new = Wording::of(tokens);
        let candidates = self.candidates_in_story(tokens, time_ms);
        let mut fits_root: FxHashMap<u32, bool> = FxHashMap::default();
        // a containment beats every near match, and only a near match needs an alignment:
        // look for containments first, and align only when no candidate contains or is contained
        self.best_of(&candidates, new, contained_either_way, &mut fits_root)
            .or_else(|| self.best_of(&candidates, new, relate_either_way_above, &mut fits_root))
    }

    /// The best of `candidates` that `verdict` accepts and whose group's root relates to `new`.
    ///
    /// `verdict` gets the score a near match must reach to beat the best so far, and may turn
    /// away without an alignment one that cannot: candidates are ranked by kind, then score, then
    /// group size, then the earlier variant, so one scoring below the best never wins. What it
    /// accepts, [`relate_either_way`] must accept too.
    pub(super) fn best_of(
        &self,
        candidates: &[u32],
        new: Wording<'_>,
        verdict: fn(Wording<'_>, Wording<'_>, f32) -> Verdict,
        fits_root: &mut FxHashMap<u32, bool>,
    ) -> Option<(u32, MatchKind, f32)> {
        let mut best: Option<(MatchKind, f32, usize, std::cmp::Reverse<u32>)> = None;
        for &v in candidates {
            let Some(var) = self.variant(v) else {
                continue;
            };
            // a near match must reach the best near match's score; none beats a containment
            let floor = match best {
                None => 0.0,
                Some((MatchKind::Near, score, ..)) => score,
                Some(_) => f32::INFINITY,
            };
            let Some((kind, score)) = verdict(new, var.wording(), floor) else {
                continue;
            };
            let fits = *fits_root.entry(var.group).or_insert_with(|| {
                let root = self.group(var.group).map(|g| g.root);
                // the verdict on the root itself is in: a relation
                root == Some(v)
                    || root
                        .and_then(|r| self.variant(r))
                        .is_some_and(|r| relate_either_way(new, r.wording()).is_some())
            });
            if !fits {
                continue;
            }
            let size = self.group(var.group).map_or(0, |g| g.variants.len());
            let key = (kind, score, size, std::cmp::Reverse(v));
            if best.is_none_or(|b| key.partial_cmp(&b) != Some(std::cmp::Ordering::Less)) {
                best = Some(key);
            }
        }
        best.map(|(kind, score, _, std::cmp::Reverse(v))| (v, kind, score))
    }
}
