//! termtool: English–Russian terminology and translation memory.
pub mod error;
pub mod text;
pub mod align;
pub mod tm;
