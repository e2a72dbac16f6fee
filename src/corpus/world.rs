//! The fixed cast of the synthetic corpus: invented countries, outlets and speakers with roles.

use super::names::{CULTURES, Culture, PersonName, Spelling, person_name};
use super::rng::Rng;

/// An invented country.
#[derive(Debug)]
pub(crate) struct Country {
    /// Name ("Veshany").
    pub(crate) name: &'static str,
    /// Adjective ("Veshan").
    pub(crate) adj: &'static str,
    /// Capital city, used in datelines.
    pub(crate) capital: &'static str,
    /// The naming tradition of its people.
    pub(crate) culture: Culture,
}

const fn country(
    name: &'static str,
    adj: &'static str,
    capital: &'static str,
    culture: Culture,
) -> Country {
    Country {
        name,
        adj,
        capital,
        culture,
    }
}

/// The invented countries.
#[rustfmt::skip]
pub(crate) const COUNTRIES: [Country; 12] = [
    country("Veshany", "Veshan", "Dorograd", Culture::Eastern),
    country("Kalvia", "Kalvian", "Istrova", Culture::Eastern),
    country("Borundia", "Borundian", "Lesk", Culture::Eastern),
    country("the United Provinces", "U.P.", "Harrowgate", Culture::Western),
    country("Northmark", "Northmarkish", "Elsford", Culture::Western),
    country("Calder", "Calderan", "Port Aven", Culture::Western),
    country("Qadira", "Qadiri", "Al Marsa", Culture::Southern),
    country("Sahrat", "Sahrati", "Wadi Nour", Culture::Southern),
    country("Tesmar", "Tesmari", "Bayt Salem", Culture::Southern),
    country("Montevera", "Monteveran", "San Elio", Culture::Latin),
    country("Lusania", "Lusanian", "Porto Célia", Culture::Latin),
    country("Aragosta", "Aragostan", "Villa Rosa", Culture::Latin),
];

/// A news outlet and its house style.
#[derive(Debug)]
pub(crate) struct Outlet {
    /// Display name ("The Harbor Ledger").
    pub(crate) name: &'static str,
    /// Web domain, always under the reserved `.example` TLD.
    pub(crate) domain: &'static str,
    /// A wire service whose stories other outlets republish.
    pub(crate) wire: bool,
    /// Curly (“ ”) rather than straight (") double quotes.
    pub(crate) curly: bool,
    /// How it spells foreign names.
    pub(crate) spelling: Spelling,
}

const fn sp(alt_translit: bool, nicknames: bool, ascii: bool, particle: u8) -> Spelling {
    Spelling {
        alt_translit,
        nicknames,
        ascii,
        particle,
    }
}

const fn outlet(
    name: &'static str,
    domain: &'static str,
    wire: bool,
    curly: bool,
    spelling: Spelling,
) -> Outlet {
    Outlet {
        name,
        domain,
        wire,
        curly,
        spelling,
    }
}

/// The outlets; the first two are wire services.
#[rustfmt::skip]
pub(crate) const OUTLETS: [Outlet; 14] = [
    outlet("Meridian Press", "meridianpress.example", true, false, sp(false, false, true, 0)),
    outlet("Global Wire Service", "gws.example", true, true, sp(true, true, false, 1)),
    outlet("The Harbor Ledger", "harborledger.example", false, true, sp(false, true, false, 0)),
    outlet("Daily Courant", "dailycourant.example", false, false, sp(true, false, true, 2)),
    outlet("Northgate Times", "northgatetimes.example", false, true, sp(true, false, false, 0)),
    outlet("The Continental Post", "continentalpost.example", false, true, sp(false, false, false, 1)),
    outlet("Eastbridge Herald", "eastbridgeherald.example", false, false, sp(true, true, true, 0)),
    outlet("Capital Observer", "capitalobserver.example", false, true, sp(false, true, false, 2)),
    outlet("NBN News", "nbnnews.example", false, false, sp(false, false, true, 0)),
    outlet("Channel Nine", "channelnine.example", false, true, sp(true, false, false, 1)),
    outlet("The Weekly Sentinel", "weeklysentinel.example", false, true, sp(false, true, true, 0)),
    outlet("Riverside Gazette", "riversidegazette.example", false, false, sp(true, true, false, 2)),
    outlet("Policy Brief Daily", "policybrief.example", false, true, sp(false, false, false, 0)),
    outlet("The Morning Dispatch", "morningdispatch.example", false, false, sp(true, false, true, 1)),
];

/// Government roles, written after the country adjective ("Veshan Foreign Minister").
const GOV_ROLES: [&str; 10] = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Finance Minister",
    "Trade Minister",
    "Energy Minister",
    "National Security Adviser",
    "Special Envoy",
    "Ambassador",
];

/// Roles held outside government, written after the name ("…, an analyst at the Meyer Institute").
const OTHER_ROLES: [&str; 8] = [
    "an analyst at the Harwell Institute",
    "the head of the Sovereign Investment Fund",
    "a senior economist at Caldera Bank",
    "the leader of the opposition Civic Union",
    "a professor of international law at Elsford University",
    "the chief executive of Trans-Maris Shipping",
    "a senior fellow at the Centre for Strategic Dialogue",
    "the president of the Federation of Trade Unions",
];

/// One speaker of the corpus.
#[derive(Debug)]
pub(crate) struct Speaker {
    /// Their name and its spellings.
    pub(crate) name: PersonName,
    /// Index into [`COUNTRIES`].
    pub(crate) country: usize,
    /// A government role (index into the role table), or `None` for [`Speaker::other_role`].
    pub(crate) gov_role: Option<usize>,
    /// The description used when the speaker holds no government role.
    pub(crate) other_role: &'static str,
    /// Pronoun set: true for she/her, false for he/him.
    pub(crate) she: bool,
    /// A spokesperson, whom some outlets leave unnamed ("a Foreign Ministry spokesperson").
    pub(crate) spokesperson: bool,
}

impl Speaker {
    /// The title written before the name ("Veshan Foreign Minister"), if any.
    pub(crate) fn title(&self) -> Option<String> {
        self.gov_role
            .map(|r| format!("{} {}", COUNTRIES[self.country].adj, GOV_ROLES[r]))
    }

    /// The description written after the name ("the Veshan foreign minister").
    pub(crate) fn description(&self) -> String {
        if self.spokesperson {
            return format!(
                "a spokesperson for the {} Foreign Ministry",
                COUNTRIES[self.country].adj
            );
        }
        match self.gov_role {
            Some(r) => format!(
                "the {} {}",
                COUNTRIES[self.country].adj,
                GOV_ROLES[r].to_lowercase()
            ),
            None => self.other_role.to_string(),
        }
    }

    /// Subject pronoun, capitalised or not.
    pub(crate) fn pronoun(&self, capital: bool) -> &'static str {
        match (self.she, capital) {
            (true, true) => "She",
            (true, false) => "she",
            (false, true) => "He",
            (false, false) => "he",
        }
    }
}

/// Everything fixed for a whole corpus: its speakers, grouped by country.
#[derive(Debug)]
pub(crate) struct World {
    /// All speakers; a speaker's id is its index here.
    pub(crate) speakers: Vec<Speaker>,
    /// Speaker indexes per country.
    pub(crate) by_country: Vec<Vec<u32>>,
}

impl World {
    /// Builds the cast for a seed: `count` speakers spread over the countries. About one in
    /// twenty shares a surname with an earlier speaker of the same country (two different people
    /// who must never be merged).
    pub(crate) fn new(seed: u64, count: usize) -> World {
        let mut rng = Rng::derive(seed, 1, 0);
        let mut speakers: Vec<Speaker> = Vec::with_capacity(count);
        let mut by_country = vec![Vec::new(); COUNTRIES.len()];
        for i in 0..count {
            let country = i % COUNTRIES.len();
            let culture = COUNTRIES[country].culture;
            debug_assert!(CULTURES.contains(&culture));
            let mut name = person_name(&mut rng, culture);
            let peers: &Vec<u32> = &by_country[country];
            if !peers.is_empty() && rng.chance(0.05) {
                let other = &speakers[*rng.pick(peers) as usize];
                name.last = other.name.last.clone();
            }
            let spokesperson = rng.chance(0.08);
            let gov_role = (!spokesperson && rng.chance(0.7)).then(|| rng.below(GOV_ROLES.len()));
            speakers.push(Speaker {
                name,
                country,
                gov_role,
                other_role: rng.choose(&OTHER_ROLES),
                she: rng.chance(0.45),
                spokesperson,
            });
            by_country[country].push(i as u32);
        }
        World {
            speakers,
            by_country,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_is_deterministic_and_covers_every_country() {
        let a = World::new(5, 120);
        let b = World::new(5, 120);
        let names = |w: &World| {
            w.speakers
                .iter()
                .map(|s| s.name.canonical())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_ne!(names(&a), names(&World::new(6, 120)));
        assert!(a.by_country.iter().all(|v| v.len() == 10));
    }
}
