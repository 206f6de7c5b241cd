//! Answers worth keeping until the data changes: each is kept with the `change_log` head it
//! was computed at and is used only while the head has not moved, so a write anywhere (on any
//! instance: the head is read from the shared database) makes it stale at once. The caller
//! puts in the key everything else the answer depends on (the reader's principals, filters,
//! the day).

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many answers are kept; beyond that the stale ones go first, then all.
const CAPACITY: usize = 512;

type Entry = (i64, Arc<dyn Any + Send + Sync>);

#[derive(Clone, Default)]
pub struct Memo(Arc<Mutex<HashMap<String, Entry>>>);

impl Memo {
    /// The answer kept under `key` at change-log position `head`, if any.
    pub fn get<T: Any + Send + Sync>(&self, key: &str, head: i64) -> Option<Arc<T>> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (at, value) = map.get(key)?;
        if *at != head {
            return None;
        }
        value.clone().downcast::<T>().ok()
    }

    /// Keeps `value` under `key` as computed at change-log position `head`.
    pub fn put<T: Any + Send + Sync>(&self, key: String, head: i64, value: Arc<T>) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() >= CAPACITY {
            map.retain(|_, (at, _)| *at == head);
            if map.len() >= CAPACITY {
                map.clear();
            }
        }
        map.insert(key, (head, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_kept_until_the_log_moves() {
        let memo = Memo::default();
        memo.put("a".to_owned(), 7, Arc::new(42_u32));
        assert_eq!(memo.get::<u32>("a", 7).as_deref(), Some(&42));
        assert_eq!(memo.get::<u32>("a", 8), None, "stale once the log moved");
        assert_eq!(
            memo.get::<String>("a", 7),
            None,
            "another type is not this answer"
        );
        assert_eq!(memo.get::<u32>("b", 7), None);
    }

    #[test]
    fn a_full_memo_drops_the_stale_answers_first() {
        let memo = Memo::default();
        for n in 0..CAPACITY - 1 {
            memo.put(format!("old {n}"), 1, Arc::new(n));
        }
        memo.put("fresh".to_owned(), 2, Arc::new(0_usize));
        memo.put("newest".to_owned(), 2, Arc::new(1_usize));
        assert_eq!(memo.get::<usize>("fresh", 2).as_deref(), Some(&0));
        assert_eq!(memo.get::<usize>("newest", 2).as_deref(), Some(&1));
        assert_eq!(memo.get::<usize>("old 0", 1), None);
    }
}
