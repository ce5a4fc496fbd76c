//! Team assessments with no server: several assessors score the same assessment on their own
//! devices; their files merge (`merge`), their agreement is measured (`agreement`), and a
//! consensus round records agreed scores and dissent. Pure functions over the engine's JSON
//! values: no I/O, no wasm, no DOM.

pub mod agreement;
mod canonical;
mod map;
pub mod merge;
pub mod panel;

pub use merge::merge;
