//! Translation units and TMX.
pub mod tmx;
