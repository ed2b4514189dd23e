//! Counting the items of a sorted slice before a place, for places that come
//! mostly in order: the passes that look up each mention's or item's block
//! do so in text order, and a binary search from the top for each one
//! missed the cache on large documents.

/// How many items of a sorted slice come before a place, for places that
/// mostly come in order: it walks on from the last answer, then gallops in
/// steps that double, so a place far on costs about `64 + log d` looks; a
/// place before the last one costs a search of the whole slice. No pattern
/// of places makes it cost much more than a search each.
#[derive(Default)]
pub struct SortedCursor {
    place: usize,
    count: usize,
}

impl SortedCursor {
    /// The number of items for which `before` holds, as `partition_point` counts them.
    pub fn count<T>(&mut self, items: &[T], place: usize, before: impl Fn(&T) -> bool) -> usize {
        if place < self.place || self.count > items.len() {
            self.count = items.partition_point(&before);
        } else {
            // Walk, since the next place is usually a few items on; after
            // a while gallop, in steps that double, and search between the
            // last two.
            let mut walked = 0;
            let mut step = 1;
            while self.count < items.len() && before(&items[self.count]) {
                if walked < 64 {
                    self.count += 1;
                    walked += 1;
                    continue;
                }
                let next = (self.count + step).min(items.len());
                if next < items.len() && before(&items[next]) {
                    self.count = next;
                    step *= 2;
                } else {
                    self.count += 1 + items[self.count + 1..next].partition_point(&before);
                    break;
                }
            }
        }
        self.place = place;
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_a_binary_search_does_in_any_order() {
        let items: Vec<usize> = (0..1_000).map(|i| i * 3 + i % 2).collect();
        let mut cursor = SortedCursor::default();
        let mut place = 7usize;
        for step in 0..2_000usize {
            // Mostly forward, sometimes far back, sometimes far ahead.
            place = match step % 13 {
                0 => place / 3,
                5 => place + 900,
                _ => place + step % 7,
            } % 3_500;
            let expected = items.partition_point(|&item| item < place);
            assert_eq!(cursor.count(&items, place, |&item| item < place), expected);
        }
    }
}
