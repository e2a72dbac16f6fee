//! (corpus) to be written.
