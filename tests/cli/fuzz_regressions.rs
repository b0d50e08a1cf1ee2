//! Inputs the fuzzers found troublesome, kept so they stay fixed (see fuzz/).
