//! The allocator the `clerk` binary and its benchmarks install: mimalloc
//! for the many small blocks a parse makes, the system's for the few
//! large ones.
//!
//! Parsing allocates many small vectors and strings per document and frees
//! them together; mimalloc serves that pattern faster than the system
//! allocator and keeps a document checked again from paying for fresh
//! pages each time. A large document's model, though, is a few long lists
//! that grow by doubling: mimalloc copies each list as it grows and keeps
//! the block it left resident for a while, so at the peak a list was held
//! one and a half times over. The system allocator (glibc on Linux) maps a
//! large block on its own, grows it in place by remapping its pages, and
//! hands it back to the system as soon as it is freed. (glibc raises the
//! size it maps on its own to that of the largest such block freed, up to
//! 32 MiB, and serves smaller ones from its heap after that; the figures
//! in the README's "Speed" section were measured with that behaviour.)

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of this many bytes or more come from the system allocator.
const LARGE: usize = 1 << 20;

/// mimalloc for blocks under a megabyte, the system allocator for larger
/// ones. A block's size says which allocator holds it: it is moved from one
/// to the other when a reallocation crosses the line.
pub struct ClerkAllocator;

// SAFETY: each block is allocated, reallocated and freed by the allocator
// its size names (`LARGE`), and both allocators uphold `GlobalAlloc`'s
// contract; a block that crosses the line is copied into a block of the
// other and freed by its own.
unsafe impl GlobalAlloc for ClerkAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= LARGE {
            System.alloc(layout)
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= LARGE {
            System.alloc_zeroed(layout)
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if layout.size() >= LARGE {
            System.dealloc(ptr, layout)
        } else {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match (layout.size() >= LARGE, new_size >= LARGE) {
            (false, false) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
            (true, true) => System.realloc(ptr, layout, new_size),
            _ => {
                // SAFETY: `realloc`'s caller guarantees that `new_size`,
                // rounded up to the alignment, does not overflow.
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = self.alloc(new_layout);
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

    /// Blocks that grow and shrink across the line keep their bytes.
    #[test]
    fn a_block_keeps_its_bytes_across_the_line() {
        let allocator = ClerkAllocator;
        for (from, to) in [(16, 3 << 20), (3 << 20, 16), (2 << 20, 5 << 20), (100, 200)] {
            unsafe {
                let layout = Layout::from_size_align(from, 8).unwrap();
                let block = allocator.alloc(layout);
                assert!(!block.is_null());
                for i in 0..from {
                    *block.add(i) = (i % 251) as u8;
                }
                let moved = allocator.realloc(block, layout, to);
                assert!(!moved.is_null());
                for i in 0..from.min(to) {
                    assert_eq!(*moved.add(i), (i % 251) as u8, "byte {i} of {from} -> {to}");
                }
                allocator.dealloc(moved, Layout::from_size_align(to, 8).unwrap());
            }
        }
    }
}
