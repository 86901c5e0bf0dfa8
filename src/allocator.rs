//! The binary's allocator: jemalloc with the `jemalloc` feature (the
//! released binaries, the container, the benchmarks), where it builds
//! (not MSVC); the system's otherwise.
//!
//! Measured on the 10,000-risk corpus (2 cores, tmpfs, 5 runs each):
//! `build` 1.60-1.65 s and 202-213 MB peak RSS with jemalloc, against
//! 1.72-1.75 s and 222-224 MB with glibc's malloc; `check` 0.38-0.40 s
//! against 0.42-0.46 s. Rendering allocates and frees many small strings
//! and template values from two threads, which glibc's arenas handle
//! worse. jemalloc's default keeps freed pages for 10 s before giving them
//! back, which put the peak at 228-249 MB; one second keeps it lower
//! than glibc's at the same speed.
//!
//! `thp:always` (2 MB pages for jemalloc's memory) was tried and
//! dropped: on 2026-12-03, dist binary, 10,000-risk corpus on tmpfs, a
//! kernel in `madvise` mode, two rounds of 7 builds each into an empty
//! folder, medians 0.820 / 0.880 s with it and 0.890 / 0.870 s without
//! (the same within the machine's noise), but peak RSS 259-274 MB with it
//! against 220-222 MB without: zeroing 2 MB pages that are only partly
//! used was 22% of the build's CPU samples in `perf`. A longer decay (5 s,
//! 10 s) changed neither time nor memory.

#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A C string pointer, as jemalloc reads its options (`const char *`).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[repr(transparent)]
pub struct Conf(*const u8);

// SAFETY: it points at a string literal, immutable for the whole run.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
unsafe impl Sync for Conf {}

/// jemalloc's options, read when it starts (`_RJEM_MALLOC_CONF` in the
/// environment still overrides them).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: Conf = Conf(c"dirty_decay_ms:1000".as_ptr().cast());
