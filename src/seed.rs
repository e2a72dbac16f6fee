//! Loading the sample articles in `seeds/`.
