//! Values stored once and named by a number, in order of first appearance
//! (label sets, graph nodes). The index maps a value's hash to the newest
//! value with that hash and `next` chains the older ones: each value is
//! held once, where a map from values to numbers beside a list of the
//! values would hold (and allocate) each twice.

use crate::fxhash::FxMap;

#[derive(Debug, Clone)]
pub struct Interner<T> {
    items: Vec<T>,
    heads: FxMap<u64, u32>,
    next: Vec<u32>,
}

/// The end of a chain in `next`.
const END: u32 = u32::MAX;

impl<T: PartialEq> Interner<T> {
    pub fn new() -> Self {
        Interner { items: Vec::new(), heads: FxMap::default(), next: Vec::new() }
    }

    /// The number of `item`, whose hash is `hash`; stored when it is new.
    /// The caller picks the hash: a keyed one where the values come from an
    /// input that could choose them to collide.
    pub fn intern(&mut self, item: T, hash: u64) -> u32 {
        let head = self.heads.get(&hash).copied().unwrap_or(END);
        let mut i = head;
        while i != END {
            if self.items[i as usize] == item {
                return i;
            }
            i = self.next[i as usize];
        }
        let i = self.items.len() as u32;
        self.items.push(item);
        self.next.push(head);
        self.heads.insert(hash, i);
        i
    }

    pub fn get(&self, i: u32) -> &T {
        &self.items[i as usize]
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn into_items(self) -> Vec<T> {
        self.items
    }
}

impl<T: PartialEq> Default for Interner<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_a_number_even_when_hashes_collide() {
        let mut n = Interner::new();
        // One hash for all: the chain tells the values apart.
        assert_eq!(n.intern("a", 7), 0);
        assert_eq!(n.intern("b", 7), 1);
        assert_eq!(n.intern("a", 7), 0);
        assert_eq!(n.intern("b", 7), 1);
        assert_eq!(n.intern("c", 8), 2);
        assert_eq!((n.len(), *n.get(1)), (3, "b"));
        assert_eq!(n.into_items(), ["a", "b", "c"]);
    }
}
