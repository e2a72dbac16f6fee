/// Cross-source resolution scored on the seed gold.
mod resolve_seeds;
