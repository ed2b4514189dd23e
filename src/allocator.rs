//! The allocator the `clerk` binary and its benchmarks install: mimalloc
//! for every block made whole, the system's for the few long lists that
//! grow past a megabyte.
//!
//! Parsing allocates many small vectors and strings per document and frees
//! them together; mimalloc serves that pattern faster than the system
//! allocator and keeps a document checked again from paying for fresh
//! pages each time. A large document's model, though, is a few long lists
//! that grow by doubling: mimalloc copies each list as it grows and keeps
//! the block it left resident for a while, so at the peak a list was held
//! one and a half times over. The system allocator (glibc on Linux) maps a
//! large block on its own, grows it in place by remapping its pages, and
//! hands it back to the system as soon as it is freed. A large block made
//! whole stays with mimalloc, which keeps it for the next analysis to
//! reuse rather than fault in fresh pages (ten times the generated minutes
//! took 12.2-12.7 times as long so, against 13.0-13.3 when every large
//! block came from the system). (glibc raises the
//! size it maps on its own to that of the largest such block freed, up to
//! 32 MiB, and serves smaller ones from its heap after that; the figures
//! in the README's "Speed" section were measured with that behaviour.)

use std::alloc::{GlobalAlloc, Layout, System};

/// A block that grows to this many bytes or more moves to the system allocator.
const LARGE: usize = 1 << 20;

extern "C" {
    /// mimalloc's own test of whether it holds a block (its page map; cheap).
    fn mi_is_in_heap_region(p: *const std::ffi::c_void) -> bool;
}

/// Whether the system allocator holds the block at `ptr` of `size` bytes:
/// only blocks of `LARGE` bytes or more ever move there.
#[inline]
unsafe fn held_by_system(ptr: *mut u8, size: usize) -> bool {
    size >= LARGE && !mi_is_in_heap_region(ptr.cast())
}

/// mimalloc for every block made whole, the system allocator for a block
/// that grows to a megabyte or more: a list allocated at its size is kept
/// by mimalloc for the next analysis to reuse, while a list that grows by
/// doubling grows in place.
pub struct ClerkAllocator;

// SAFETY: each block is freed and reallocated by the allocator that holds
// it (`held_by_system`), and both allocators uphold `GlobalAlloc`'s
// contract; a block that moves is copied into a block of the other and
// freed by its own. The system allocator holds only blocks of `LARGE`
// bytes or more, since one shrinking below that moves back.
unsafe impl GlobalAlloc for ClerkAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        mimalloc::MiMalloc.alloc(layout)
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        mimalloc::MiMalloc.alloc_zeroed(layout)
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if held_by_system(ptr, layout.size()) {
            System.dealloc(ptr, layout)
        } else {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let by_system = held_by_system(ptr, layout.size());
        let to_system = new_size >= LARGE && (by_system || new_size > layout.size());
        match (by_system, to_system) {
            (false, false) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
            (true, true) => System.realloc(ptr, layout, new_size),
            _ => {
                // SAFETY: `realloc`'s caller guarantees that `new_size`,
                // rounded up to the alignment, does not overflow.
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = if to_system {
                    System.alloc(new_layout)
                } else {
                    mimalloc::MiMalloc.alloc(new_layout)
                };
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block keeps its bytes as it grows and shrinks across the line,
    /// whichever allocator holds it at each step: made small, grown into
    /// the system allocator, grown and shrunk there, and shrunk back; made
    /// large in mimalloc, shrunk there, and grown out of it.
    #[test]
    fn a_block_keeps_its_bytes_across_the_line() {
        let allocator = ClerkAllocator;
        for sizes in [
            &[16, 3 << 20, 5 << 20, 2 << 20, 100][..],
            &[3 << 20, 16, 200, 2 << 20][..],
            &[100, 200, 50][..],
            // mimalloc's largest blocks come straight from the system's
            // pages; it must still say it holds them.
            &[256 << 20, 16][..],
        ] {
            unsafe {
                let layout = |size| Layout::from_size_align(size, 8).unwrap();
                let first = sizes[0];
                let mut block = allocator.alloc(layout(first));
                assert!(!block.is_null());
                // The first bytes of every page, so as not to touch them all.
                let marked = |n: usize| {
                    (0..n)
                        .step_by(4096)
                        .flat_map(move |page| page..(page + 8).min(n))
                };
                for i in marked(first) {
                    *block.add(i) = (i % 251) as u8;
                }
                let mut kept = first;
                for pair in sizes.windows(2) {
                    block = allocator.realloc(block, layout(pair[0]), pair[1]);
                    assert!(!block.is_null());
                    kept = kept.min(pair[1]);
                    for i in marked(kept) {
                        assert_eq!(*block.add(i), (i % 251) as u8, "byte {i} after {pair:?}");
                    }
                }
                allocator.dealloc(block, layout(*sizes.last().unwrap()));
            }
        }
    }
}
