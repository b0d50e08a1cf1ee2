//! The hostile-input corpus (tests/corpus/) run through every subcommand.
