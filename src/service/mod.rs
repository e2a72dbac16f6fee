//! (service) to be written.
