//! The vocabulary of follow-ups.

use crate::web::vocabulary::vocabulary;

vocabulary!(
    /// Which way an indicator improves.
    Direction ("riktning") {
        Hogre => "hogre", "Högre är bättre";
        Lagre => "lagre", "Lägre är bättre";
    }
);
