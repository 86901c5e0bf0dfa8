//! Memory the build need not wait for.

/// Frees `value` on a thread of its own. A 10,000-risk site's parsed
/// sources, or the rows its pages share, take 10 to 20 ms to free, which
/// the caller need not wait for; a process that ends first leaves the rest
/// to the system.
pub fn free_elsewhere<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}
