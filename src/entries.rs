//! The transcript's storage: entries in shared chunks, so that copying a lab (every
//! reducer step does) copies one pointer per chunk, not the transcript.
//!
//! Entries are only ever appended or all cleared. Full chunks are never written again and
//! stay shared between every lab that holds them; pushing clones at most the last chunk,
//! and only when another lab still holds it.

use std::rc::Rc;

use crate::state::Entry;

/// Entries per chunk: a push copies at most this many when the last chunk is shared, as
/// it is after every reducer step (the previous lab and the transcript's rows hold it).
const CHUNK: usize = 32;

/// The entries of a transcript, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Entries {
    chunks: Vec<Rc<Vec<Entry>>>,
    len: usize,
}

impl Entries {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)
    }

    pub fn last(&self) -> Option<&Entry> {
        self.chunks.last()?.last()
    }

    /// All entries, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Entry> + '_ {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
    }

    /// The entries from `first` on, with their indices.
    pub fn from(&self, first: usize) -> impl Iterator<Item = (usize, &Entry)> + '_ {
        let chunk = first / CHUNK;
        self.chunks
            .iter()
            .skip(chunk)
            .flat_map(|chunk| chunk.iter())
            .skip(first % CHUNK)
            .enumerate()
            .map(move |(i, entry)| (first + i, entry))
    }

    /// The entries from `first` on, each with its index and as a [`SharedEntry`] (for props
    /// that compare in constant time while the entry's chunk is shared).
    pub fn shared_from(&self, first: usize) -> impl Iterator<Item = (usize, SharedEntry)> + '_ {
        let skip = first % CHUNK;
        self.chunks
            .iter()
            .enumerate()
            .skip(first / CHUNK)
            .flat_map(|(c, chunk)| (0..chunk.len()).map(move |at| (c * CHUNK + at, chunk, at)))
            .skip(skip)
            .map(|(index, chunk, at)| {
                let shared = SharedEntry {
                    chunk: chunk.clone(),
                    at,
                };
                (index, shared)
            })
    }

    /// Whether these entries are `earlier` and more: the same transcript, grown since
    /// (entries are only appended, and a cleared or another transcript has other chunks).
    pub fn extends(&self, earlier: &Entries) -> bool {
        self.len >= earlier.len
            && match (self.chunks.first(), earlier.chunks.first()) {
                (_, None) => true,
                (Some(a), Some(b)) => Rc::ptr_eq(a, b) || (earlier.len <= CHUNK && a[..earlier.len] == b[..]),
                (None, Some(_)) => false,
            }
    }

    pub fn push(&mut self, entry: Entry) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => Rc::make_mut(last).push(entry),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(entry);
                self.chunks.push(Rc::new(chunk));
            }
        }
        self.len += 1;
    }

    pub fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
    }
}

/// One entry, held by its chunk: cloning it copies a pointer, and two are equal at once
/// when they are the same entry of the same chunk.
#[derive(Clone, Debug)]
pub struct SharedEntry {
    chunk: Rc<Vec<Entry>>,
    at: usize,
}

impl std::ops::Deref for SharedEntry {
    type Target = Entry;

    fn deref(&self) -> &Entry {
        &self.chunk[self.at]
    }
}

impl PartialEq for SharedEntry {
    fn eq(&self, other: &SharedEntry) -> bool {
        (Rc::ptr_eq(&self.chunk, &other.chunk) && self.at == other.at) || **self == **other
    }
}

impl PartialEq for Entries {
    fn eq(&self, other: &Entries) -> bool {
        self.len == other.len
            && self
                .chunks
                .iter()
                .zip(&other.chunks)
                .all(|(a, b)| Rc::ptr_eq(a, b) || a == b)
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = &'a Entry;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = &'a Entry> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl FromIterator<Entry> for Entries {
    fn from_iter<I: IntoIterator<Item = Entry>>(entries: I) -> Entries {
        let mut out = Entries::default();
        entries.into_iter().for_each(|entry| out.push(entry));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(i: usize) -> Entry {
        Entry::Event {
            note: crate::note!("event-pipelined", count = i),
            at: i as u64,
        }
    }

    #[test]
    fn a_copy_shares_the_full_chunks_and_pushing_leaves_the_original_alone() {
        let mut entries: Entries = (0..600).map(note).collect();
        let copy = entries.clone();
        entries.push(note(600));
        assert_eq!(copy.len(), 600);
        assert_eq!(entries.len(), 601);
        assert!(
            Rc::ptr_eq(&entries.chunks[0], &copy.chunks[0]),
            "full chunks are shared"
        );
        let last = copy.chunks.len() - 1;
        assert!(
            !Rc::ptr_eq(&entries.chunks[last], &copy.chunks[last]),
            "the last one was copied on write"
        );
        assert_eq!(entries.get(600), Some(&note(600)));
        assert_eq!(copy.get(600), None);
        assert_eq!(
            entries.from(598).map(|(i, _)| i).collect::<Vec<_>>(),
            [598, 599, 600]
        );
        assert_eq!(entries.iter().rev().nth(1), Some(&note(599)));
        let shared: Vec<_> = entries.shared_from(255).take(3).collect();
        assert_eq!(
            shared.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            [255, 256, 257]
        );
        assert_eq!(*shared[1].1, note(256));
        assert_eq!(
            shared[1].1,
            copy.shared_from(256).next().unwrap().1,
            "same entry, same chunk"
        );
        assert_ne!(shared[0].1, shared[1].1);
        assert_ne!(entries, copy);
        entries.clear();
        assert!(entries.is_empty() && entries.last().is_none());
    }
}
