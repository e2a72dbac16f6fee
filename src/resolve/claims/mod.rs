//! Grouping the same reported fact across outlets, counting independent corroboration, and
//! flagging where outlets disagree.
//!
//! A claim (or any attributed statement) is reduced to [`ClaimContent`]: content stems, numbers,
//! polarity and contradiction-table words. A new claim joins the group of its most similar
//! earlier claim when their IDF-weighted stem overlap (Dice) reaches the threshold; candidates
//! come from a stem posting list. Within a group, two claims from different articles disagree
//! when they use opposite sides of a contradiction pair (canceled / postponed), carry different
//! numbers, or differ in polarity.

mod best;
mod content;
mod disagree;
mod findings;
mod grouper;
mod join;
mod member;
mod similarity;
mod statements;
#[cfg(test)]
mod tests;
mod text;
mod weights;
mod window;

pub use content::{ClaimContent, stem};
pub use disagree::{Disagreement, Reason};
pub use grouper::{ClaimAssignment, ClaimGrouper};
pub use member::ClaimMember;
pub use statements::{MIN_STATEMENT_WORDS, statements};
pub use text::{ArticleClaims, ClaimText};
pub use window::STORY_WINDOW_MS;

/// Default lowest similarity for a claim to join a group.
pub const DEFAULT_THRESHOLD: f32 = 0.3;
/// Polarity differences count as disagreement only between claims at least this similar:
/// between loosely related claims they are mostly noise.
pub const NEGATION_MIN_SIMILARITY: f32 = 0.45;
/// How much more similar than the threshold a claim must be to a second group to merge it in.
pub const MERGE_MARGIN: f32 = 0.1;
/// Fewest content stems two claims must share to be similar at all (or every stem of the
/// shorter one): two stems, typically a name and a common verb, are not a shared fact.
pub const MIN_SHARED_STEMS: usize = 3;
/// Most candidates scored per claim (those sharing the most weight).
const MAX_SCORED: usize = 32;
/// Stems in more claims than this do not bring new candidates, only weight to those found.
const MAX_POSTING: usize = 300;
/// Claims of a group compared pairwise for disagreements (the earliest).
const MAX_DISAGREEMENT_MEMBERS: usize = 64;
/// Candidates taken from the latest claims when every stem of a claim is that common. With 64
/// instead of 256, the resolver took a 4,000-article synthetic corpus in 5.2–6.6 s instead of
/// 5.9–7.3 s (four runs each), and claim grouping kept its pairwise precision (recall 0.556
/// instead of 0.554).
const RECENT_CANDIDATES: usize = 64;
