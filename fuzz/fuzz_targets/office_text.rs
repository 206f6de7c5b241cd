#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| noden_portal::fuzzing::office_text(data));
