//! The `clerk` binary: hands the command line to `clerk::cli` and exits with its code.

/// mimalloc for the many small blocks of a parse, pages of clerk's own for
/// the few long lists (`clerk::allocator` says why). mimalloc is built
/// without transparent huge pages (Cargo.toml), which doubled the language
/// server's resident memory for no gain in speed.
#[global_allocator]
static ALLOCATOR: clerk::allocator::ClerkAllocator = clerk::allocator::ClerkAllocator;

fn main() -> std::process::ExitCode {
    clerk::cli::main()
}
