//! The allocator the `clerk` binary and its benchmarks install: mimalloc
//! for every block made whole, pages of its own for the few long lists
//! that grow past a megabyte.
//!
//! Parsing allocates many small vectors and strings per document and frees
//! them together; mimalloc serves that pattern faster than the system
//! allocator and keeps a document checked again from paying for fresh
//! pages each time. A large document's model, though, is a few long lists
//! that grow by doubling: mimalloc copies each list as it grows and keeps
//! the block it left resident for a while, so at the peak a list was held
//! one and a half times over. Such a list is instead given pages mapped
//! for it alone, grown in place by remapping them (no copy, the pages it
//! has kept). When it is freed its pages are kept, up to `KEPT_BYTES`, for
//! the next long list: a document checked again, as the language server
//! does at every change, then fills pages it already has rather than
//! fault in fresh ones (5,700 faults an analysis of a 10 MB document,
//! about a twentieth of its time in the kernel's profile). A large block made whole stays with mimalloc, which
//! keeps it for the next analysis likewise.
//!
//! Where pages cannot be remapped (systems other than Linux), the system
//! allocator holds the long lists instead: it grows them in place where it
//! can and frees them at once.

use std::alloc::{GlobalAlloc, Layout};

/// A block that grows to this many bytes or more moves out of mimalloc.
const LARGE: usize = 1 << 20;

extern "C" {
    /// mimalloc's own test of whether it holds a block (its page map; cheap).
    fn mi_is_in_heap_region(p: *const std::ffi::c_void) -> bool;
}

/// Whether mimalloc holds the block at `ptr` of `size` bytes: every block
/// below `LARGE` bytes, and every one made whole.
#[inline]
unsafe fn held_by_mimalloc(ptr: *mut u8, size: usize) -> bool {
    size < LARGE || mi_is_in_heap_region(ptr.cast())
}

/// mimalloc for every block made whole, `long_lists` for a block that
/// grows to a megabyte or more: a list allocated at its size is kept by
/// mimalloc for the next analysis to reuse, while a list that grows by
/// doubling grows in place.
pub struct ClerkAllocator;

// SAFETY: each block is freed and reallocated by the allocator that holds
// it (`held_by_mimalloc`), and both uphold `GlobalAlloc`'s contract; a
// block that moves is copied into a block of the other and freed by its
// own. `long_lists` holds only blocks of `LARGE` bytes or more, since one
// shrinking below that moves back, and only blocks whose alignment its
// pages give.
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
        if held_by_mimalloc(ptr, layout.size()) {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        } else {
            long_lists::dealloc(ptr, layout)
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let by_mimalloc = held_by_mimalloc(ptr, layout.size());
        let to_long_lists = new_size >= LARGE
            && layout.align() <= long_lists::ALIGN
            && (!by_mimalloc || new_size > layout.size());
        match (by_mimalloc, to_long_lists) {
            (true, false) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
            (false, true) => long_lists::realloc(ptr, layout, new_size),
            _ => {
                // SAFETY: `realloc`'s caller guarantees that `new_size`,
                // rounded up to the alignment, does not overflow.
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = if to_long_lists {
                    long_lists::alloc(new_layout)
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

/// Long lists on pages mapped for each, grown by remapping, and kept when
/// freed for the next long list (Linux).
#[cfg(target_os = "linux")]
mod long_lists {
    use std::alloc::Layout;
    use std::sync::Mutex;

    /// The alignment every mapping has: a page.
    pub(super) const ALIGN: usize = 4096;

    /// The most bytes of freed lists kept for the next ones. Checking a
    /// 10 MB document again asks for about 24 MB of such pages, and with
    /// 16 MiB kept faults in 2,100 pages where it faulted in 5,700 (540
    /// with 24 MiB kept). What is kept stays resident while the process
    /// runs, and adds to the peak where the next lists come from mimalloc
    /// instead: with 24 MiB or more, `clerk check` on 20 MB dense with
    /// abbreviations peaked at 161 MB where it had peaked at 146, past the
    /// eight bytes per byte this project allows; with 16 MiB, at 146.
    const KEPT_BYTES: usize = 16 << 20;

    /// How many freed mappings are kept at most.
    const KEPT: usize = 16;

    /// How many mappings larger than their lists are known at once: one
    /// handed out again is rarely the exact size of the list it now holds.
    const ROOMY: usize = 64;

    /// A mapping: where it starts and how many bytes it spans.
    #[derive(Clone, Copy)]
    struct Mapping {
        start: usize,
        len: usize,
    }

    /// The mappings kept for reuse, and those in use that span more than
    /// their list's size rounded up to a page (every other one in use spans
    /// exactly that).
    struct Pages {
        kept: [Option<Mapping>; KEPT],
        kept_bytes: usize,
        roomy: [Option<Mapping>; ROOMY],
    }

    static PAGES: Mutex<Pages> = Mutex::new(Pages {
        kept: [None; KEPT],
        kept_bytes: 0,
        roomy: [None; ROOMY],
    });

    fn lock_pages() -> std::sync::MutexGuard<'static, Pages> {
        // Nothing panics while the lock is held; a poisoned lock's pages
        // are as good as ever.
        PAGES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn rounded(size: usize) -> usize {
        size.div_ceil(ALIGN) * ALIGN
    }

    impl Pages {
        /// The length of the mapping at `start` holding a list of `size`
        /// bytes, forgotten if it was roomy.
        fn take_length(&mut self, start: usize, size: usize) -> usize {
            for slot in &mut self.roomy {
                if let Some(mapping) = *slot {
                    if mapping.start == start {
                        *slot = None;
                        return mapping.len;
                    }
                }
            }
            rounded(size)
        }

        /// Notes that `mapping` holds a list of `size` bytes; false where
        /// it spans more and there is no room to note it.
        fn note(&mut self, mapping: Mapping, size: usize) -> bool {
            if mapping.len == rounded(size) {
                return true;
            }
            match self.roomy.iter_mut().find(|slot| slot.is_none()) {
                Some(slot) => {
                    *slot = Some(mapping);
                    true
                }
                None => false,
            }
        }

        /// The smallest kept mapping of at least `len` bytes, no longer kept.
        fn reuse(&mut self, len: usize) -> Option<Mapping> {
            let slot = self
                .kept
                .iter_mut()
                .filter(|slot| slot.is_some_and(|mapping| mapping.len >= len))
                .min_by_key(|slot| slot.map(|mapping| mapping.len))?;
            let mapping = slot.take()?;
            self.kept_bytes -= mapping.len;
            Some(mapping)
        }

        /// Keeps `mapping` for reuse where there is room; false otherwise.
        fn keep(&mut self, mapping: Mapping) -> bool {
            if self.kept_bytes + mapping.len > KEPT_BYTES {
                return false;
            }
            match self.kept.iter_mut().find(|slot| slot.is_none()) {
                Some(slot) => {
                    *slot = Some(mapping);
                    self.kept_bytes += mapping.len;
                    true
                }
                None => false,
            }
        }
    }

    /// A mapping of `len` fresh bytes, or null.
    unsafe fn map(len: usize) -> *mut u8 {
        let start = libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if start == libc::MAP_FAILED {
            std::ptr::null_mut()
        } else {
            start.cast()
        }
    }

    /// Gives a mapping back to the system.
    unsafe fn unmap(mapping: Mapping) {
        libc::munmap(mapping.start as *mut libc::c_void, mapping.len);
    }

    /// A block of `layout.size()` bytes: kept pages where a kept mapping
    /// is large enough, fresh ones otherwise.
    pub(super) unsafe fn alloc(layout: Layout) -> *mut u8 {
        let len = rounded(layout.size());
        let mut pages = lock_pages();
        if let Some(mapping) = pages.reuse(len) {
            if pages.note(mapping, layout.size()) {
                return mapping.start as *mut u8;
            }
            // No room to note what it spans: kept again, as it just was.
            if !pages.keep(mapping) {
                unmap(mapping);
            }
        }
        drop(pages);
        map(len)
    }

    /// Frees the block at `ptr`: its pages kept where there is room,
    /// given back to the system otherwise.
    pub(super) unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
        let mut pages = lock_pages();
        let mapping = Mapping {
            start: ptr as usize,
            len: pages.take_length(ptr as usize, layout.size()),
        };
        if !pages.keep(mapping) {
            drop(pages);
            unmap(mapping);
        }
    }

    /// The block at `ptr` grown or shrunk to `new_size` bytes: in place
    /// where its mapping spans them, copied into a kept mapping large
    /// enough, or by remapping its pages, which the system may move.
    pub(super) unsafe fn realloc(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let start = ptr as usize;
        let new_len = rounded(new_size);
        let mut pages = lock_pages();
        let len = pages.take_length(start, layout.size());
        if new_len <= len {
            if pages.note(Mapping { start, len }, new_size) {
                return ptr;
            }
            // No room to note the spare pages: they go back to the system.
            // (The mapping spanned exactly the old size, having not been
            // noted, so the block is as it was if this fails.)
            drop(pages);
            let shrunk = libc::mremap(ptr.cast(), len, new_len, 0);
            return if shrunk == libc::MAP_FAILED {
                std::ptr::null_mut()
            } else {
                ptr
            };
        }
        if let Some(kept) = pages.reuse(new_len) {
            if pages.note(kept, new_size) {
                drop(pages);
                let new = kept.start as *mut u8;
                std::ptr::copy_nonoverlapping(ptr, new, layout.size());
                let mut pages = lock_pages();
                if !pages.keep(Mapping { start, len }) {
                    drop(pages);
                    unmap(Mapping { start, len });
                }
                return new;
            }
            if !pages.keep(kept) {
                unmap(kept);
            }
        }
        drop(pages);
        // The block's own pages, remapped to span exactly `new_len`.
        let grown = libc::mremap(ptr.cast(), len, new_len, libc::MREMAP_MAYMOVE);
        if grown == libc::MAP_FAILED {
            // The block stays as it was, as roomy as it was.
            lock_pages().note(Mapping { start, len }, layout.size());
            return std::ptr::null_mut();
        }
        grown.cast()
    }

    /// How many bytes of freed lists are kept now.
    #[cfg(test)]
    pub(super) fn kept_bytes() -> usize {
        lock_pages().kept_bytes
    }

    /// Gives every kept mapping back to the system.
    #[cfg(test)]
    pub(super) fn give_back_kept() {
        let mut pages = lock_pages();
        for slot in &mut pages.kept {
            if let Some(mapping) = slot.take() {
                // SAFETY: a kept mapping is no list's; it was mapped here.
                unsafe { unmap(mapping) };
            }
        }
        pages.kept_bytes = 0;
    }
}

/// Long lists held by the system allocator, where pages cannot be
/// remapped.
#[cfg(not(target_os = "linux"))]
mod long_lists {
    use std::alloc::{GlobalAlloc, Layout, System};

    /// The system allocator takes any alignment.
    pub(super) const ALIGN: usize = usize::MAX;

    pub(super) unsafe fn alloc(layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    pub(super) unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    pub(super) unsafe fn realloc(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        System.realloc(ptr, layout, new_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block keeps its bytes as it grows and shrinks across the line,
    /// whichever allocator holds it at each step: made small, grown into
    /// the system allocator, grown and shrunk there, and shrunk back; made
    /// large in mimalloc, shrunk there, and grown out of it.
    /// The tests that use the allocator, one at a time: they share its
    /// kept pages.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
        ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    /// The first bytes of every page of `n`, so as not to touch them all.
    fn marked(n: usize) -> impl Iterator<Item = usize> {
        (0..n)
            .step_by(4096)
            .flat_map(move |page| page..(page + 8).min(n))
    }

    unsafe fn mark(block: *mut u8, n: usize) {
        for i in marked(n) {
            *block.add(i) = (i % 251) as u8;
        }
    }

    unsafe fn assert_marked(block: *mut u8, n: usize) {
        for i in marked(n) {
            assert_eq!(*block.add(i), (i % 251) as u8, "byte {i}");
        }
    }

    #[test]
    fn a_block_keeps_its_bytes_across_the_line() {
        let _alone = one_at_a_time();
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
                let first = sizes[0];
                let mut block = allocator.alloc(layout(first));
                assert!(!block.is_null());
                mark(block, first);
                let mut kept = first;
                for pair in sizes.windows(2) {
                    block = allocator.realloc(block, layout(pair[0]), pair[1]);
                    assert!(!block.is_null(), "after {pair:?}");
                    kept = kept.min(pair[1]);
                    assert_marked(block, kept);
                }
                allocator.dealloc(block, layout(*sizes.last().unwrap()));
            }
        }
    }

    /// A list that grows past a megabyte and is freed leaves its pages for
    /// the next: taken whole by a smaller list, which grows within them in
    /// place and past them by remapping, and freed whole however it shrank;
    /// no more than `KEPT_BYTES` are kept.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_long_list_s_pages_serve_the_next() {
        let _alone = one_at_a_time();
        long_lists::give_back_kept();
        let allocator = ClerkAllocator;
        let grown =
            |to: usize| unsafe { allocator.realloc(allocator.alloc(layout(16)), layout(16), to) };
        const MB: usize = 1 << 20;
        unsafe {
            let first = grown(8 * MB);
            allocator.dealloc(first, layout(8 * MB));
            assert_eq!(long_lists::kept_bytes(), 8 * MB);

            let next = grown(2 * MB);
            assert_eq!(next, first, "the kept pages are handed out again");
            assert_eq!(long_lists::kept_bytes(), 0);
            mark(next, 2 * MB);
            let within = allocator.realloc(next, layout(2 * MB), 6 * MB);
            assert_eq!(within, next, "grown within its pages, in place");
            assert_marked(within, 2 * MB);
            mark(within, 6 * MB);
            let past = allocator.realloc(within, layout(6 * MB), 12 * MB);
            assert_marked(past, 6 * MB);
            allocator.dealloc(past, layout(12 * MB));
            assert_eq!(long_lists::kept_bytes(), 12 * MB);

            let shrinking = grown(3 * MB);
            let shrunk = allocator.realloc(shrinking, layout(3 * MB), 2 * MB);
            assert_eq!(shrunk, shrinking);
            allocator.dealloc(shrunk, layout(2 * MB));
            assert_eq!(long_lists::kept_bytes(), 12 * MB, "freed whole");

            long_lists::give_back_kept();
            let large = grown(10 * MB);
            let larger = grown(8 * MB);
            allocator.dealloc(large, layout(10 * MB));
            allocator.dealloc(larger, layout(8 * MB));
            assert_eq!(long_lists::kept_bytes(), 10 * MB, "the 8 MB are given back");
        }
        long_lists::give_back_kept();
    }
}
