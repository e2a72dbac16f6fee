//! (resolve) to be written.
