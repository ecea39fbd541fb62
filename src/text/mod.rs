//! The text layer: decoding, normalisation, paragraphs, language, sentences, tokens and
//! transliteration keys. Every function here is pure except `read_file`.
pub mod html;
pub mod keys;
pub mod lang;
pub mod morph;
pub mod normalize;
pub mod office;
pub mod para;
pub mod pdf;
pub mod read;
pub mod sentence;
pub mod stem;
pub mod token;
pub mod translit;

pub use lang::{detect, Detected, Lang};
pub use normalize::{is_terminal_control, match_key, nfc, printable, xml_forbidden};
pub use para::{lines, paragraphs, Paragraph};
pub use read::{decode, read_file, Decoded};
pub use sentence::sentences;
pub use token::{tokens, Token, TokenKind};
pub use translit::{key_similarity, translit_key, translit_similarity};
