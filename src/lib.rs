//! termtool: English–Russian terminology and translation memory.
//!
//! The pipeline: [`text`] reads and segments documents, [`align`] pairs English and Russian
//! paragraphs and sentences, [`terms`] extracts a bilingual glossary ([`glossary`]) from the
//! aligned text, [`store`] keeps memory and glossary in a workspace, [`memory`] reads memories (TMX, TSV, CSV) and writes TMX.
pub mod align;
pub mod check;
pub mod digest;
pub mod error;
pub mod glossary;
pub mod index;
pub mod memory;
pub mod pipeline;
pub mod report;
pub mod review;
pub mod server;
pub mod store;
pub mod terms;
pub mod text;
pub mod workspace;
