//! (store) to be written.
