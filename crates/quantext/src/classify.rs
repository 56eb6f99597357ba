//! The positions in a 64-byte block of text where a quantity expression may begin (a superset,
//! tested exactly by the scanner), as a bit mask, for the scanner's search for candidates.
//!
//! Bit `i` of the mask describes byte `i` of the block. The test is made for all 64 bytes at
//! once, in a form the compiler turns into vector compares, and packed into the mask eight bytes
//! at a time with one multiplication each; the scanner then visits only the set bits instead of
//! testing every byte in turn.

/// Whether byte `b` may begin an expression where a word starts: any byte above the space except
/// the continuation bytes of a UTF-8 sequence (0x80-0xBF). This is a superset, cheap to compute
/// for 16 bytes at once: the scanner tests each byte it visits exactly (letters against the
/// triggers, other bytes with `is_candidate_byte`). Punctuation is mostly excluded anyway, since
/// it mostly follows a word.
fn starts(b: u8) -> bool {
    // As a signed byte: 0x21-0x7F above the space, 0xC0-0xFF -64..=-1. Signed compares and
    // `&`/`|` without short cuts are what the vector compares do, so no range needs rewriting.
    let b = b as i8;
    (b > 0x20) | (-64..0).contains(&b)
}

/// Whether byte `b` continues a word (an ASCII letter, digit or `_`), so that the byte after it
/// does not start one. After a non-ASCII character a word may start: the scanner decides.
fn is_word(b: u8) -> bool {
    // Signed: bytes from 0x80 are negative and fall outside every range.
    let b = b as i8;
    let lower = b | 0x20;
    ((lower >= b'a' as i8) & (lower <= b'z' as i8))
        | ((b >= b'0' as i8) & (b <= b'9' as i8))
        | (b == b'_' as i8)
}

/// Whether byte `b`, after byte `prev`, may begin an expression: a byte that [`starts`] one
/// where no ASCII word character precedes it, or `<` and `>`, which begin a bound even right after
/// a word ("x>10").
fn candidate(b: u8, prev: u8) -> bool {
    (starts(b) & !is_word(prev)) | (b == b'<') | (b == b'>')
}

/// Gathers bit 0 of each of the eight bytes of `x` (little-endian) into an 8-bit mask.
fn gather(x: u64) -> u64 {
    // Byte k (0 or 1) lands on bit 56 + k of the product; no two bytes meet, so nothing carries.
    (x & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The candidate mask of one block: `window` is the byte before the block (a space at the start
/// of the text) followed by the block's 64 bytes. Fixed-size arrays throughout, so that the
/// compiler copies nothing and checks no bounds.
fn block_candidates(window: &[u8; 65]) -> u64 {
    let mut flags = [0u8; 64];
    for (i, f) in flags.iter_mut().enumerate() {
        *f = u8::from(candidate(window[i + 1], window[i]));
    }
    let mut mask = 0;
    for (k, chunk) in flags.chunks_exact(8).enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        mask |= gather(u64::from_le_bytes(eight)) << (8 * k);
    }
    mask
}

/// The candidate mask of the 64 bytes of `bytes` from `at` (bytes past the end count as NUL,
/// which begins nothing).
pub(crate) fn candidates_at(bytes: &[u8], at: usize) -> u64 {
    // Inside the text, the window is borrowed; at its start and end it is built.
    if at > 0
        && let Some(window) = bytes.get(at - 1..at + 64)
        && let Ok(window) = <&[u8; 65]>::try_from(window)
    {
        return block_candidates(window);
    }
    let mut window = [0u8; 65];
    window[0] = if at == 0 { b' ' } else { bytes[at - 1] };
    let tail = &bytes[at.min(bytes.len())..];
    let n = tail.len().min(64);
    window[1..=n].copy_from_slice(&tail[..n]);
    block_candidates(&window)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(bytes: &[u8], at: usize) -> u64 {
        let mut m = 0;
        for i in 0..64 {
            let p = at + i;
            let Some(&b) = bytes.get(p) else { break };
            let prev = if p == 0 { b' ' } else { bytes[p - 1] };
            m |= u64::from(candidate(b, prev)) << i;
        }
        m
    }

    /// Every pair of byte values, at every position of a block and across its start, gets the
    /// scalar answer.
    #[test]
    fn masks_agree_with_the_scalar_test() {
        for b in 0..=255u8 {
            for prev in [b' ', b'a', b'Z', b'7', b'_', b'$', b'<', 0xC3, 0xA9, b'-'] {
                for pos in [0, 1, 7, 8, 31, 56, 63] {
                    let mut text = vec![b' '; 130];
                    text[64 + pos] = b;
                    text[63 + pos] = prev;
                    assert_eq!(
                        candidates_at(&text, 64),
                        scalar(&text, 64),
                        "{b:#x} after {prev:#x} at {pos}"
                    );
                }
            }
        }
        let text = "Up 5% from $1,200 (x>10) in 2020 — €3 ½ naïve_word A320 -4 +.5 ~7 <3 end";
        for at in 0..=text.len() {
            assert_eq!(
                candidates_at(text.as_bytes(), at),
                scalar(text.as_bytes(), at),
                "{at}"
            );
        }
    }

    /// The classes themselves, byte by byte.
    #[test]
    fn classes() {
        for b in [
            b'a', b'Z', b'7', b'$', b'~', b'.', b'-', b'+', b'(', 0xE2, 0xC2, 0x7F,
        ] {
            assert!(candidate(b, b' '), "{b:#x}");
            assert!(!candidate(b, b'x'), "{b:#x} after a letter");
            assert!(!candidate(b, b'_'), "{b:#x} after _");
            assert!(candidate(b, 0xA9), "{b:#x} after a non-ASCII byte");
        }
        assert!(candidate(b'<', b'x') && candidate(b'>', b' '));
        for b in [b' ', b'\n', b'\t', 0, 0x80, 0xBF] {
            assert!(!candidate(b, b' '), "{b:#x}");
        }
    }
}
