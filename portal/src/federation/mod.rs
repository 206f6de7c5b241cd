//! Federation: county nodes learn from each other what the others publish, over signed
//! HTTP requests (issue 16). This module grows; so far it holds how a request between nodes
//! is signed and checked.

pub mod signature;
