//! Person names: parsing mentions into given names and surname, the name tables (titles,
//! particles, nicknames), and the compatibility rules that say when two names can be one person.

mod compat;
mod parse;
mod tables;

pub use compat::{
    GivenMatch, NameEvidence, SurnameMatch, given_match, person_match, surname_match,
};
pub use parse::{PersonName, parse_person};
pub use tables::{
    are_nicknames, is_canonical_given, is_given_name, is_particle, is_title, nickname_canonicals,
};
