//! The name tables shipped as data: title words, name particles and given-name nicknames.
//!
//! The files live in `src/resolve/data/` and are compiled in with `include_str!`, parsed once on
//! first use.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

const TITLES: &str = include_str!("../data/titles.txt");
const PARTICLES: &str = include_str!("../data/particles.txt");
const NICKNAMES: &str = include_str!("../data/nicknames.tsv");

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn titles() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| lines(TITLES).map(str::to_string).collect())
}

fn particles() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| lines(PARTICLES).map(str::to_string).collect())
}

/// Given name → the canonical names it belongs to (a canonical name maps to itself).
fn nickname_map() -> &'static FxHashMap<String, Vec<String>> {
    static MAP: OnceLock<FxHashMap<String, Vec<String>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for line in lines(NICKNAMES) {
            let mut cols = line.split('\t');
            let Some(canonical) = cols.next() else {
                continue;
            };
            let canonical = canonical.trim().to_string();
            map.entry(canonical.clone())
                .or_default()
                .push(canonical.clone());
            for nick in cols.next().unwrap_or("").split(',') {
                let nick = nick.trim();
                if !nick.is_empty() {
                    map.entry(nick.to_string())
                        .or_default()
                        .push(canonical.clone());
                }
            }
        }
        for v in map.values_mut() {
            v.sort();
            v.dedup();
        }
        map
    })
}

/// True when the folded word is a title or role word ("secretary", "minister").
pub fn is_title(folded: &str) -> bool {
    titles().contains(folded)
}

/// True when the folded word is a name particle ("al", "bin", "van").
pub fn is_particle(folded: &str) -> bool {
    particles().contains(folded)
}

/// True when the folded word is a known given name or nickname ("michael", "mike").
pub fn is_given_name(folded: &str) -> bool {
    nickname_map().contains_key(folded)
}

/// True when the folded word is a canonical given name rather than only a short form: "michael"
/// yes, "mike" no. Unknown names count as canonical.
pub fn is_canonical_given(folded: &str) -> bool {
    match nickname_map().get(folded) {
        Some(canon) => canon.iter().any(|c| c == folded),
        None => true,
    }
}

/// The canonical given names a folded given name belongs to ("mike" → "michael", "michael" →
/// "michael"); empty for a name the table does not know. Two names are nicknames of each other
/// ([`are_nicknames`]) exactly when these lists share a name.
pub fn nickname_canonicals(folded: &str) -> &'static [String] {
    nickname_map().get(folded).map_or(&[], Vec::as_slice)
}

/// True when one name is a nickname of the other, or both are nicknames of one canonical name
/// ("mike"/"michael", "mike"/"mikey"). Ambiguous short forms match every canonical name they
/// belong to ("pat" matches "patricia" and "patrick"), so callers must gate on the surname.
pub fn are_nicknames(a: &str, b: &str) -> bool {
    let cb = nickname_canonicals(b);
    nickname_canonicals(a).iter().any(|c| cb.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        assert!(is_title("secretary") && is_title("minister") && !is_title("rubio"));
        assert!(is_particle("al") && is_particle("bin") && !is_particle("of"));
        assert!(is_given_name("mike") && is_given_name("michael") && !is_given_name("lavrov"));
        assert!(is_canonical_given("michael") && !is_canonical_given("mike"));
        assert!(
            is_canonical_given("volodymyr"),
            "unknown names count as canonical"
        );
    }

    #[test]
    fn nicknames() {
        assert!(are_nicknames("mike", "michael"));
        assert!(are_nicknames("bill", "william"));
        assert!(
            are_nicknames("mike", "mikey"),
            "two short forms of one name"
        );
        assert!(are_nicknames("pat", "patricia") && are_nicknames("pat", "patrick"));
        assert!(!are_nicknames("patricia", "patrick"));
        assert!(!are_nicknames("michael", "mitchell"));
        assert!(!are_nicknames("donald", "lara"));
    }
}
