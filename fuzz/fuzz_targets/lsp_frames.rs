//! The language server's framing on arbitrary bytes: the reader always
//! reaches the end, and no body it passes on is larger than the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // A small limit, so that the fuzzer reaches "too large" with small inputs.
    const LARGEST: usize = 64;
    for frame in clerk::lsp::fuzzing::frames(bytes, LARGEST) {
        match frame {
            Ok(length) => assert!(length <= LARGEST),
            Err(code) => assert!(code == -32700 || code == -32600, "{code}"),
        }
    }
});
