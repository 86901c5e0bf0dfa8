//! What `serve` keeps of one rebuild's link work for the next: results
//! per register, each valid while its register is the same `Arc` and
//! nothing a link can resolve to has changed (`links::fingerprint`).

use crate::model::{Register, Site};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One result per register of the run that made it.
pub struct PerRegister<T> {
    fingerprint: u64,
    registers: HashMap<PathBuf, (Arc<Register>, T)>,
}

impl<T: Clone> PerRegister<T> {
    /// `results[i]` for `site.registers[i]`.
    pub fn new(site: &Site, fingerprint: u64, results: &[T]) -> Self {
        let registers = site
            .registers
            .iter()
            .zip(results)
            .map(|(reg, r)| (reg.file.clone(), (reg.clone(), r.clone())))
            .collect();
        PerRegister {
            fingerprint,
            registers,
        }
    }
}

impl<T> PerRegister<T> {
    /// The fingerprint of the site it was made for.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The result kept for `reg`, if it is the same register.
    pub fn get(&self, reg: &Arc<Register>) -> Option<&T> {
        self.registers
            .get(&reg.file)
            .filter(|(r, _)| Arc::ptr_eq(r, reg))
            .map(|(_, t)| t)
    }
}

/// A slot for what one run keeps (`K`), taken by the next.
pub struct Slot<K>(Mutex<Option<K>>);

impl<K> Default for Slot<K> {
    fn default() -> Self {
        Slot(Mutex::new(None))
    }
}

impl<K> Slot<K> {
    /// What the last run kept, if `valid` says it still holds.
    pub fn take_if(&self, valid: impl FnOnce(&K) -> bool) -> Option<K> {
        let kept = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        kept.filter(valid)
    }

    /// Keeps `kept` for the next run.
    pub fn put(&self, kept: K) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(kept);
    }
}
