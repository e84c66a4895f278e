//! FxHash's mixing for the hash maps on the hot paths (label encodings,
//! node keys, edges, goroutine interners). Their keys come from one input
//! and are short, so SipHash's protection against chosen collisions buys
//! nothing there and costs a large part of the decode time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl std::fmt::Debug for Fx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fx")
    }
}

pub type FxBuild = BuildHasherDefault<Fx>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn h(v: impl Hash) -> u64 {
        let mut s = Fx::default();
        v.hash(&mut s);
        s.finish()
    }

    #[test]
    fn short_keys_spread() {
        // Byte strings differing in one byte, or only in length, differ.
        assert_ne!(h(b"abc".as_slice()), h(b"abd".as_slice()));
        assert_ne!(h(b"abc".as_slice()), h(b"abc\0".as_slice()));
        let all: std::collections::HashSet<u64> = (0u32..10_000).map(h).collect();
        assert_eq!(all.len(), 10_000);
    }
}
