//! (index) to be written.
