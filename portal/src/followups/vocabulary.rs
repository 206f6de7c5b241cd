//! The vocabulary of follow-ups.

use crate::web::vocabulary::vocabulary;

vocabulary!(
    /// Which way an indicator improves.
    Direction ("direction") {
        Hogre => "hogre";
        Lagre => "lagre";
    }
);
