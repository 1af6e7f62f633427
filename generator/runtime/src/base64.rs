//! `Base64`: bytes that travel as a base64 string (`format: byte`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes sent as standard, padded base64. Reading accepts the standard and URL-safe alphabets, with or
/// without padding, and ignores whitespace, since servers differ in all three.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Base64(pub Vec<u8>);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Base64 {
    /// The text form: standard alphabet, padded.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(self.0.len().div_ceil(3) * 4);
        for chunk in self.0.chunks(3) {
            let bytes = [
                chunk[0],
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let group = u32::from(bytes[0]) << 16 | u32::from(bytes[1]) << 8 | u32::from(bytes[2]);
            for index in 0..4 {
                if index <= chunk.len() {
                    let sextet = (group >> (18 - 6 * index)) & 0x3f;
                    out.push(char::from(ALPHABET[sextet as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Parses base64 text; `None` when it is not base64.
    pub fn decode(text: &str) -> Option<Self> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3);
        let mut group = 0u32;
        let mut count = 0u32;
        let mut padding = false;
        for byte in text.bytes() {
            let sextet = match byte {
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a' + 26,
                b'0'..=b'9' => byte - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                b'=' => {
                    padding = true;
                    continue;
                }
                b' ' | b'\t' | b'\r' | b'\n' => continue,
                _ => return None,
            };
            if padding {
                return None;
            }
            group = group << 6 | u32::from(sextet);
            count += 1;
            if count == 4 {
                out.extend_from_slice(&[(group >> 16) as u8, (group >> 8) as u8, group as u8]);
                group = 0;
                count = 0;
            }
        }
        match count {
            0 => {}
            2 => out.push((group >> 4) as u8),
            3 => out.extend_from_slice(&[(group >> 10) as u8, (group >> 2) as u8]),
            _ => return None,
        }
        Some(Base64(out))
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Base64::decode(&text).ok_or_else(|| serde::de::Error::custom("invalid base64"))
    }
}
