//! The binary's allocator: jemalloc, where it builds (not MSVC).
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
//! `thp:always` asks the kernel for 2 MB pages for jemalloc's memory where
//! it allows them (transparent huge pages in `madvise` or `always` mode):
//! a build first touches some 200 MB, and faulting it in 4 KB at a time
//! was about 7% of its CPU in a profile. Measured later on a kernel in
//! `madvise` mode, builds in turn into an empty folder (medians): 12 runs
//! with the option from the environment, `build` 0.920 -> 0.870 s, CPU
//! 1.76 -> 1.66 s; 10 runs with it built in, 0.945 -> 0.900 s, CPU 1.805
//! -> 1.725 s. Peak RSS 198 -> 221 MB; `check` 139 -> about 170 MB. Where
//! the kernel has huge pages off, it changes nothing.

#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A C string pointer, as jemalloc reads its options (`const char *`).
#[cfg(not(target_env = "msvc"))]
#[repr(transparent)]
pub struct Conf(*const u8);

// SAFETY: it points at a string literal, immutable for the whole run.
#[cfg(not(target_env = "msvc"))]
unsafe impl Sync for Conf {}

/// jemalloc's options, read when it starts (`_RJEM_MALLOC_CONF` in the
/// environment still overrides them).
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: Conf = Conf(c"dirty_decay_ms:1000,thp:always".as_ptr().cast());
