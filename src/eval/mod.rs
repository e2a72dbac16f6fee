//! (eval) to be written.
