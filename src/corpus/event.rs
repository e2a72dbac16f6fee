//! One news event: who took part, what each said (statements shared by every outlet that covers
//! the event), which facts were claimed, and which outlets covered it.

use super::rng::Rng;
use super::templates::{self, BACKGROUND, FOLLOWERS, OPENERS, Slots};
use super::topics::TOPICS;
use super::world::{COUNTRIES, OUTLETS, World};

/// Something a speaker said at the event, in its original full wording.
#[derive(Debug)]
pub(crate) struct Statement {
    /// Index of the statement inside the event.
    pub(crate) index: usize,
    /// The speaker (index into [`World::speakers`]).
    pub(crate) speaker: u32,
    /// One to three sentences, each ending in `.`, `?` or `!`.
    pub(crate) sentences: Vec<String>,
}

/// A fact a speaker asserted, in several wordings.
#[derive(Debug)]
pub(crate) struct Claim {
    /// Index of the claim inside the event.
    pub(crate) index: usize,
    /// The claimant.
    pub(crate) speaker: u32,
    /// The country the claim is about, the clause's subject ("Veshany").
    pub(crate) subject: &'static str,
    /// Equivalent verb phrases, filled ("reopen its embassy in Dorograd").
    pub(crate) wordings: Vec<String>,
    /// A verb phrase that contradicts the others, if the topic has one.
    pub(crate) contra: Option<String>,
}

/// One event and its coverage.
#[derive(Debug)]
pub(crate) struct Event {
    /// Index of the event in the corpus.
    pub(crate) index: u64,
    /// Slot values shared by all coverage (side A = the first participant's country).
    pub(crate) slots: Slots,
    /// Speakers who took part, first ones from side A.
    pub(crate) participants: Vec<u32>,
    /// What they said.
    pub(crate) statements: Vec<Statement>,
    /// What they claimed.
    pub(crate) claims: Vec<Claim>,
    /// When the event happened, in milliseconds since the Unix epoch.
    pub(crate) at_ms: i64,
    /// Outlets writing their own story, in publication order (indexes into [`OUTLETS`]).
    pub(crate) outlets: Vec<usize>,
    /// Outlets that republish the first outlet's wire story verbatim (when it is a wire).
    pub(crate) republishers: Vec<usize>,
}

/// Midnight UTC, 6 January 2025 (a Monday): the first event's day.
const EPOCH_MS: i64 = 1_736_121_600_000;
/// Spacing of events in time: about 40 minutes, so a million articles span years.
const EVENT_SPACING_MS: i64 = 40 * 60 * 1000;

/// A skewed pick: low indexes (prominent people) come up far more often.
fn prominent(rng: &mut Rng, pool: &[u32]) -> u32 {
    let n = pool.len();
    let a = rng.below(n);
    let b = rng.below(n);
    pool[(a * b) / n.max(1)]
}

impl Event {
    /// Generates event `index` of the corpus with seed `seed`, independently of every other event.
    pub(crate) fn generate(world: &World, seed: u64, index: u64) -> Event {
        let mut rng = Rng::derive(seed, 2, index);
        let topic = rng.pick(&TOPICS);
        let ca = rng.below(COUNTRIES.len());
        let cb = (ca + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
        let others: Vec<usize> = (0..COUNTRIES.len())
            .filter(|&c| c != ca && c != cb)
            .collect();
        let cc = rng.choose(&others);
        let city = match rng.below(3) {
            0 => COUNTRIES[ca].capital,
            1 => COUNTRIES[cb].capital,
            _ => COUNTRIES[(cb + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len()].capital,
        };
        let at_ms = EPOCH_MS + index as i64 * EVENT_SPACING_MS + rng.below(30 * 60_000) as i64;
        let days = (at_ms - EPOCH_MS).div_euclid(86_400_000) as usize;
        let n1 = rng.range(2, 60) as u32;
        let country = |c: usize| (COUNTRIES[c].name, COUNTRIES[c].adj, COUNTRIES[c].capital);
        let slots = Slots {
            topic,
            a: country(ca),
            b: country(cb),
            c: COUNTRIES[cc].name,
            city,
            weekday: days % 7,
            month: rng.below(12),
            year: 2030 + rng.below(8) as i32,
            n: (n1, n1 + rng.range(3, 40) as u32),
        };

        let mut participants = Vec::new();
        for (c, k) in [(ca, rng.range(1, 4)), (cb, rng.range(1, 3))] {
            for _ in 0..k {
                let s = prominent(&mut rng, &world.by_country[c]);
                if !participants.contains(&s) {
                    participants.push(s);
                }
            }
        }
        let side_a = |s: u32| world.speakers[s as usize].country == ca;

        let mut statements = Vec::new();
        for &speaker in &participants {
            let own = if side_a(speaker) {
                slots.clone()
            } else {
                slots.flipped()
            };
            for _ in 0..rng.range(1, 3) {
                let count = rng.weighted(&[3, 5, 2]) + 1;
                let mut sentences = Vec::with_capacity(count);
                let mut followers: Vec<usize> = (0..FOLLOWERS.len()).collect();
                rng.shuffle(&mut followers);
                for k in 0..count {
                    let mut s = String::new();
                    let template = if k == 0 {
                        rng.choose(OPENERS)
                    } else {
                        FOLLOWERS[followers[k]]
                    };
                    templates::spoken(template, &own, &mut rng, &mut s);
                    sentences.push(s);
                }
                statements.push(Statement {
                    index: statements.len(),
                    speaker,
                    sentences,
                });
            }
        }
        rng.shuffle(&mut statements);
        for (i, s) in statements.iter_mut().enumerate() {
            s.index = i;
        }

        let mut claims = Vec::new();
        for _ in 0..rng.range(1, 3) {
            let speaker = *rng.pick(&participants);
            let own = if side_a(speaker) {
                slots.clone()
            } else {
                slots.flipped()
            };
            let action = rng.pick(topic.actions);
            let fill = |t: &str, rng: &mut Rng| {
                let mut s = String::new();
                templates::fill(t, &own, rng, &mut s);
                s
            };
            let wordings = action.wordings.iter().map(|w| fill(w, &mut rng)).collect();
            let contra = action.contra.map(|c| fill(c, &mut rng));
            claims.push(Claim {
                index: claims.len(),
                speaker,
                subject: own.a.0,
                wordings,
                contra,
            });
        }

        let mut order: Vec<usize> = (0..OUTLETS.len()).collect();
        rng.shuffle(&mut order);
        let covering = rng.weighted(&[0, 0, 3, 4, 4, 3, 2, 2, 1, 1]);
        let mut outlets: Vec<usize> = order[..covering].to_vec();
        let mut republishers = Vec::new();
        if let Some(w) = outlets.iter().position(|&o| OUTLETS[o].wire) {
            outlets.swap(0, w);
            let free: Vec<usize> = order[covering..]
                .iter()
                .copied()
                .filter(|&o| !OUTLETS[o].wire)
                .collect();
            let copies = rng.weighted(&[3, 4, 2]).min(free.len());
            republishers.extend_from_slice(&free[..copies]);
        }
        Event {
            index,
            slots,
            participants,
            statements,
            claims,
            at_ms,
            outlets,
            republishers,
        }
    }

    /// Background sentences for one outlet's story (drawn fresh per outlet).
    pub(crate) fn background(&self, rng: &mut Rng, count: usize) -> Vec<String> {
        let mut picks: Vec<usize> = (0..BACKGROUND.len()).collect();
        rng.shuffle(&mut picks);
        picks[..count.min(picks.len())]
            .iter()
            .map(|&i| {
                let mut s = String::new();
                templates::sentence(BACKGROUND[i], &self.slots, rng, &mut s);
                s
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_reproducible_and_have_coverage() {
        let world = World::new(11, 240);
        for i in 0..200 {
            let e = Event::generate(&world, 11, i);
            let again = Event::generate(&world, 11, i);
            assert_eq!(e.statements.len(), again.statements.len());
            assert_eq!(e.statements[0].sentences, again.statements[0].sentences);
            assert!(e.outlets.len() >= 2, "at least two outlets cover an event");
            assert!(!e.statements.is_empty() && !e.claims.is_empty());
            assert!(e.republishers.iter().all(|r| !e.outlets.contains(r)));
            assert!(e.republishers.is_empty() || OUTLETS[e.outlets[0]].wire);
        }
    }
}
