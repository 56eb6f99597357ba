//! Byte classes of a 64-byte block of text as bit masks, for the scanner's search for candidate
//! positions.
//!
//! Bit `i` of each mask describes byte `i` of the block. The classes are computed for all 64 bytes
//! at once, in a form the compiler turns into vector compares, and packed into masks eight bytes at
//! a time with one multiplication each; the scanner then visits only the set bits of
//! `starts & !(word << 1)` (bytes that can begin an expression at the start of a word) and
//! `angles`, instead of testing every byte in turn.

/// The bytes of a block that may begin a quantity expression, and those that continue a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlockMasks {
    /// ASCII letters.
    pub letters: u64,
    /// ASCII word characters (letters, digits, `_`): the byte after one is not at a word start.
    pub word: u64,
    /// Bytes that can begin an expression where a word starts: ASCII letters and digits,
    /// `$ ~ . - +`, and the first byte of a non-ASCII character (a currency sign, a minus sign, a
    /// vulgar fraction, a letter).
    pub starts: u64,
    /// `<` and `>`, which begin a bound even right after a word ("x>10").
    pub angles: u64,
}

const LETTER: u8 = 1;
const WORD: u8 = 2;
const START: u8 = 4;
const ANGLE: u8 = 8;

/// The class bits of one byte (the scalar definition the block masks agree with).
fn class(b: u8) -> u8 {
    let letter = (b | 0x20).wrapping_sub(b'a') < 26;
    let digit = b.wrapping_sub(b'0') < 10;
    let sign = b == b'$' || b == b'~' || b == b'.' || b == b'-' || b == b'+';
    let lead = b >= 0xC0;
    let angle = b == b'<' || b == b'>';
    (letter as u8) * LETTER
        | ((letter | digit | (b == b'_')) as u8) * WORD
        | ((letter | digit | sign | lead) as u8) * START
        | (angle as u8) * ANGLE
}

/// Gathers bit `bit` of each of the eight bytes of `x` (little-endian) into an 8-bit mask.
fn gather(x: u64, bit: u32) -> u64 {
    let ones = (x >> bit) & 0x0101_0101_0101_0101;
    // Byte k (0 or 1) lands on bit 56 + k of the product; no two bytes meet, so nothing carries.
    ones.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The masks of one block.
pub(crate) fn block_masks(block: &[u8; 64]) -> BlockMasks {
    let mut classes = [0u8; 64];
    for (c, &b) in classes.iter_mut().zip(block) {
        *c = class(b);
    }
    let mut m = BlockMasks {
        letters: 0,
        word: 0,
        starts: 0,
        angles: 0,
    };
    for (k, chunk) in classes.chunks_exact(8).enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        let shift = 8 * k;
        m.letters |= gather(x, LETTER.trailing_zeros()) << shift;
        m.word |= gather(x, WORD.trailing_zeros()) << shift;
        m.starts |= gather(x, START.trailing_zeros()) << shift;
        m.angles |= gather(x, ANGLE.trailing_zeros()) << shift;
    }
    m
}

/// The masks of the 64 bytes of `bytes` from `at`, bytes past the end counting as NUL (no class).
pub(crate) fn masks_at(bytes: &[u8], at: usize) -> BlockMasks {
    match bytes.get(at..at + 64) {
        Some(block) => {
            let mut b = [0u8; 64];
            b.copy_from_slice(block);
            block_masks(&b)
        }
        None => {
            let mut b = [0u8; 64];
            let tail = &bytes[at.min(bytes.len())..];
            b[..tail.len()].copy_from_slice(tail);
            block_masks(&b)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(block: &[u8; 64]) -> BlockMasks {
        let mut m = BlockMasks {
            letters: 0,
            word: 0,
            starts: 0,
            angles: 0,
        };
        for (i, &b) in block.iter().enumerate() {
            let bit = |flag: u8| u64::from(class(b) & flag != 0) << i;
            m.letters |= bit(LETTER);
            m.word |= bit(WORD);
            m.starts |= bit(START);
            m.angles |= bit(ANGLE);
        }
        m
    }

    /// Every byte value at every position of a block gets the scalar classes.
    #[test]
    fn masks_agree_with_the_scalar_classes() {
        for b in 0..=255u8 {
            for pos in [0, 1, 7, 8, 31, 56, 63] {
                let mut block = [b' '; 64];
                block[pos] = b;
                assert_eq!(block_masks(&block), scalar(&block), "byte {b:#x} at {pos}");
            }
        }
        let text = "Up 5% from $1,200 (x>10) in 2020 — €3 ½ naïve_word A320 -4 +.5 ~7 <3";
        let bytes = text.as_bytes();
        for at in 0..bytes.len() {
            let m = masks_at(bytes, at);
            let mut block = [0u8; 64];
            let tail = &bytes[at..(at + 64).min(bytes.len())];
            block[..tail.len()].copy_from_slice(tail);
            assert_eq!(m, scalar(&block), "block at {at}");
        }
    }

    /// The classes themselves, byte by byte.
    #[test]
    fn classes() {
        assert_eq!(class(b'a'), LETTER | WORD | START);
        assert_eq!(class(b'Z'), LETTER | WORD | START);
        assert_eq!(class(b'7'), WORD | START);
        assert_eq!(class(b'_'), WORD);
        assert_eq!(class(b'$'), START);
        assert_eq!(class(b'<'), ANGLE);
        assert_eq!(class(b' '), 0);
        assert_eq!(class(b'@'), 0);
        assert_eq!(class(b'['), 0);
        assert_eq!(class(0xE2), START);
        assert_eq!(class(0x80), 0);
    }
}
