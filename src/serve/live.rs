//! The site `serve` holds: the checked model of the newest sources, and
//! the files rendered from it so far. A rebuild checks the sources (as
//! `check` does) and swaps the model in; the reload goes out at once, and
//! pages are rendered when they are asked for, by the same tasks `build`
//! runs (`render::Task`), so they are the bytes `build` writes. The rest of
//! the site renders in the background until it is complete.

use crate::diagnostics::SourceMap;
use crate::model::Site;
use crate::render::{Env, Rendered, Task, templates};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What a rebuild hands over.
pub enum Prepared {
    /// Checked without errors; pages are rendered when asked for.
    Model {
        site: Box<Site>,
        sources: SourceMap,
        root: PathBuf,
    },
    /// Rendered in full: a site with templates of its own, whose runtime
    /// errors only rendering finds.
    Rendered(Rendered),
    /// The diagnostics of a build that failed.
    Failed(String),
}

pub enum Msg {
    Site(Box<Prepared>),
    /// A browser asks for this output path.
    Want(String),
}

/// The answer for one output path.
pub enum Lookup {
    Found(Vec<u8>),
    /// Not a file of the site (it may be copied from content/).
    Missing,
    Failure(String),
}

#[derive(Default)]
struct Store {
    /// Bumped with each new model; a waiter asks again after a swap.
    generation: u64,
    files: HashMap<String, Vec<u8>>,
    /// Paths no task writes.
    missing: HashSet<String>,
    complete: bool,
    /// Content-relative, `/`-separated.
    copies: HashSet<String>,
    failure: Option<String>,
}

pub struct Live {
    store: Mutex<Store>,
    changed: Condvar,
    wants: Mutex<Sender<Msg>>,
    /// Set while a rebuild checks new sources: the background rendering of
    /// the old model stops, so the check has the processors.
    stale: AtomicBool,
}

/// How long a request waits for its page before it gets what there is.
const PATIENCE: Duration = Duration::from_secs(60);

impl Live {
    pub fn new(wants: Sender<Msg>) -> Live {
        Live {
            store: Mutex::new(Store::default()),
            changed: Condvar::new(),
            wants: Mutex::new(wants),
            stale: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn mark_stale(&self) {
        self.stale.store(true, Ordering::Relaxed);
    }

    pub fn send(&self, msg: Msg) {
        let _ = self
            .wants
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(msg);
    }

    /// Whether `rel` (content-relative) is a file copied from content/.
    pub fn is_copy(&self, rel: &str) -> bool {
        self.lock().copies.contains(rel)
    }

    /// The bytes of output path `path`, rendering it first if needed.
    pub fn get(&self, path: &str) -> Lookup {
        let deadline = Instant::now() + PATIENCE;
        let mut store = self.lock();
        let mut asked = None;
        loop {
            if let Some(report) = &store.failure {
                return Lookup::Failure(report.clone());
            }
            if let Some(bytes) = store.files.get(path) {
                return Lookup::Found(bytes.clone());
            }
            if store.complete || store.missing.contains(path) || Instant::now() >= deadline {
                return Lookup::Missing;
            }
            if asked != Some(store.generation) {
                asked = Some(store.generation);
                self.send(Msg::Want(path.to_string()));
            }
            store = self
                .changed
                .wait_timeout(store, Duration::from_millis(200))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Starts a new generation: no files yet.
    fn reset(&self, copies: Vec<PathBuf>, failure: Option<String>) {
        let mut s = self.lock();
        s.generation += 1;
        s.files = HashMap::new();
        s.missing.clear();
        s.complete = failure.is_some();
        s.copies = copies
            .iter()
            .map(|c| c.to_string_lossy().replace('\\', "/"))
            .collect();
        s.failure = failure;
        self.stale.store(false, Ordering::Relaxed);
        self.changed.notify_all();
    }

    fn has(&self, path: &str) -> bool {
        self.lock().files.contains_key(path)
    }

    fn put_missing(&self, path: String) {
        self.lock().missing.insert(path);
        self.changed.notify_all();
    }

    fn put(&self, files: Vec<(String, Vec<u8>)>, complete: bool) {
        let mut s = self.lock();
        s.files.extend(files);
        s.complete |= complete;
        self.changed.notify_all();
    }
}

/// The render thread: takes each new model, answers what browsers ask
/// for first, and renders the rest in the background. `swapped` runs
/// after each swap (the reload push).
pub fn run(live: &Live, rx: Receiver<Msg>, swapped: &dyn Fn()) {
    let mut next = None;
    loop {
        let prepared = match next.take() {
            Some(p) => p,
            None => match rx.recv() {
                Ok(Msg::Site(p)) => p,
                Ok(Msg::Want(_)) => continue,
                Err(_) => return,
            },
        };
        match *prepared {
            Prepared::Failed(report) => {
                live.reset(Vec::new(), Some(report));
                swapped();
            }
            Prepared::Rendered(r) => {
                live.reset(r.copies, None);
                live.put(r.files, true);
                swapped();
            }
            Prepared::Model {
                site,
                sources,
                root,
            } => {
                // The templates compiled without error when the site was checked.
                let Ok(templates) = templates::load(&root) else {
                    live.reset(Vec::new(), Some("the templates failed to load".into()));
                    swapped();
                    continue;
                };
                live.reset(site.files.clone(), None);
                swapped();
                let env = Env::new(&site, &sources, &templates, None);
                next = on_demand(live, &rx, &env);
                // The next version waits for this thread: the old model is
                // freed on another.
                let owned = env.into_owned();
                crate::free_elsewhere((owned, site, sources, templates));
            }
        }
    }
}

const TODO: u8 = 0;
const CLAIMED: u8 = 1;

/// Renders one model's site: asked-for pages first, the rest in the
/// background. Returns the next model, when one arrives.
fn on_demand(live: &Live, rx: &Receiver<Msg>, env: &Env) -> Option<Box<Prepared>> {
    let tasks = Task::all(env);
    let state: Vec<AtomicU8> = tasks.iter().map(|_| AtomicU8::new(TODO)).collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // False when another thread has the task already.
    let render = |i: usize| {
        if state[i]
            .compare_exchange(TODO, CLAIMED, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return false;
        }
        let files = tasks[i].files(env);
        let complete = done.fetch_add(1, Ordering::AcqRel) + 1 == tasks.len();
        live.put(files, complete);
        true
    };
    std::thread::scope(|scope| {
        scope.spawn(|| {
            // The page the browser reloads comes first: it is asked for
            // within a few milliseconds of the push.
            for _ in 0..10 {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            (0..tasks.len())
                .into_par_iter()
                .with_max_len(1)
                .for_each(|i| {
                    if !stop.load(Ordering::Relaxed) && !live.stale.load(Ordering::Relaxed) {
                        render(i);
                    }
                });
        });
        let next = loop {
            match rx.recv() {
                Ok(Msg::Want(path)) => {
                    let Some(small) = Task::smallest_of_path(env, &path) else {
                        live.put_missing(path);
                        continue;
                    };
                    let i = tasks.iter().position(|t| *t == small.within());
                    // A risk's page alone, while its register's task waits.
                    if small != small.within()
                        && i.is_some_and(|i| state[i].load(Ordering::Acquire) == TODO)
                    {
                        live.put(small.files(env), false);
                        if live.has(&path) {
                            continue;
                        }
                    }
                    // Rendered here: the page is there now, or the guess
                    // was wrong and every task runs. Rendered elsewhere:
                    // the page comes when that task is done.
                    if i.is_some_and(render) && !live.has(&path) {
                        (0..tasks.len()).for_each(|i| {
                            render(i);
                        });
                        if !live.has(&path) {
                            live.put_missing(path);
                        }
                    }
                }
                Ok(Msg::Site(p)) => break Some(p),
                Err(_) => break None,
            }
        };
        stop.store(true, Ordering::Relaxed);
        next
    })
}

/// The bytes of `rel` copied from content/, read from disk; never outside it.
pub fn read_copy(live: &Live, root: &Path, rel: &str) -> Option<Vec<u8>> {
    if rel.split('/').any(|s| s == ".." || s.is_empty()) || !live.is_copy(rel) {
        return None;
    }
    std::fs::read(root.join("content").join(rel)).ok()
}
