//! Why two reports of one fact disagree.

use super::member::Marks;

/// One reason two claims disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// They use opposite sides of a contradiction pair ("canceled" / "postponed").
    ContradictingWords {
        /// The word in the first claim.
        a: String,
        /// The word in the second claim.
        b: String,
    },
    /// Both give numbers, and none is shared.
    Numbers {
        /// Numbers in the first claim.
        a: Vec<String>,
        /// Numbers in the second claim.
        b: Vec<String>,
    },
    /// One is negated and the other is not.
    Negation,
}

impl std::fmt::Display for Reason {
    /// Says the reason in words: "canceled vs postponed", "different numbers: 176 vs 140",
    /// "negation".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::ContradictingWords { a, b } => write!(f, "{a} vs {b}"),
            Reason::Numbers { a, b } => {
                write!(f, "different numbers: {} vs {}", a.join(", "), b.join(", "))
            }
            Reason::Negation => f.write_str("negation"),
        }
    }
}

/// Two claims of one group that disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// The first claim's id.
    pub a: u32,
    /// The second claim's id.
    pub b: u32,
    /// Every reason found.
    pub reasons: Vec<Reason>,
}

/// The first pair of words on opposite sides of one contradiction pair, if any: `a` uses one side
/// and not the other, `b` the other side and not the first.
pub(super) fn opposite_words(a: Marks<'_>, b: Marks<'_>) -> Option<(String, String)> {
    // b's words are read only when a has some (a stored claim keeps them behind a pointer)
    let a_contra = a.contra();
    for (pair, side, wa) in a_contra {
        let a_uses_other = a_contra.iter().any(|(p, s, _)| p == pair && s != side);
        if a_uses_other {
            continue;
        }
        let b_contra = b.contra();
        let hit = b_contra.iter().find(|(p, s, _)| p == pair && s != side);
        let b_uses_same = b_contra.iter().any(|(p, s, _)| p == pair && s == side);
        if let Some((_, _, wb)) = hit
            && !b_uses_same
        {
            return Some((wa.clone(), wb.clone()));
        }
    }
    None
}

/// Every reason `a` and `b` disagree; empty when they agree. Polarity counts only when `close`
/// (the two are similar enough for a flipped negation to mean a contradiction).
pub(super) fn reasons(a: Marks<'_>, b: Marks<'_>, close: bool) -> Vec<Reason> {
    let mut out = Vec::new();
    if let Some((wa, wb)) = opposite_words(a, b) {
        out.push(Reason::ContradictingWords { a: wa, b: wb });
    }
    let (a_numbers, b_numbers) = (a.numbers(), b.numbers());
    if !a_numbers.is_empty()
        && !b_numbers.is_empty()
        && !a_numbers.iter().any(|n| b_numbers.contains(n))
    {
        out.push(Reason::Numbers {
            a: a_numbers.to_vec(),
            b: b_numbers.to_vec(),
        });
    }
    if close && a.negative != b.negative {
        out.push(Reason::Negation);
    }
    out
}
