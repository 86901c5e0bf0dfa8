//! Revision history from git: the commits that changed each register, the
//! risks added and removed and the fields changed between consecutive
//! versions, and when each source file last changed.
//!
//! A constant number of git processes per build (see `git.rs`). Each old
//! version is parsed and validated by the same loader as the current one; a
//! version that no longer parses is shown as such and never fails the build.

mod chunks;
pub mod diff;
pub mod git;
pub mod suspect;

use crate::load::LoadedRegister;
use crate::model::history::{Commit, History, Version};
use crate::model::{Date, Site};
use git::{Repo, Unavailable};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One old version of a register: commit index, its path then, its bytes.
type Blob = (usize, String, Option<Vec<u8>>);

const SHALLOW_NOTE: &str = "This build ran on a shallow clone, so the history is incomplete. Fetch the full history to see it (in GitHub Actions: `actions/checkout` with `fetch-depth: 0`).";

/// What `serve` keeps of the history between rebuilds: what was read from
/// the commits, for the commit checked out. A save changes the work tree,
/// not the commits, so a rebuild asks git for the head alone (and what
/// suspect detection reads) instead of every old version of every register.
#[derive(Default)]
pub struct Cache(std::sync::Mutex<Option<Committed>>);

struct Committed {
    /// The commit checked out, and whether the clone was shallow (a fetch
    /// of the full history keeps the head).
    head: (String, bool),
    raw: std::sync::Arc<Vec<git::RawCommit>>,
    /// Each register file's versions and newest snapshot, under the
    /// frameworks they were read with (as `Debug` text).
    registers: HashMap<String, (String, RegisterVersions)>,
}

type RegisterVersions = (Vec<Version>, Option<diff::Snapshot>);

/// Reads the history of the site at `root`; `enabled` is false with `--no-git`.
pub fn read(root: &Path, site: &Site, enabled: bool) -> History {
    read_cached(root, site, enabled, None)
}

/// `read`, reusing what `cache` holds of the commits when the same commit
/// is checked out; the cache then holds this read.
pub fn read_cached(root: &Path, site: &Site, enabled: bool, cache: Option<&Cache>) -> History {
    let n = site.registers.len();
    if !enabled {
        return History::unavailable("Revision history from git is turned off (--no-git).", n);
    }
    let repo = match Repo::open(root) {
        Ok(r) => r,
        Err(e) => return History::unavailable(explain(&e), n),
    };
    match read_repo(&repo, site, cache) {
        Ok(mut h) => {
            if repo.shallow {
                h.note = Some(SHALLOW_NOTE.into());
                h.suspects.clear();
                h.suspects_off =
                    Some("Suspect detection is off: this build ran on a shallow clone.".into());
            }
            h
        }
        Err(e) => History::unavailable(explain(&e), n),
    }
}

fn explain(e: &Unavailable) -> String {
    let advice = match e {
        Unavailable::NotARepository => " Keep them in git to see who changed what, and when.",
        _ => "",
    };
    format!("No revision history: {e}.{advice}")
}

fn read_repo(repo: &Repo, site: &Site, cache: Option<&Cache>) -> Result<History, Unavailable> {
    let head = if cache.is_some() {
        repo.head().map(|h| (h, repo.shallow))
    } else {
        None
    };
    let mut kept = cache.and_then(|c| c.0.lock().unwrap_or_else(|p| p.into_inner()).take());
    if kept.as_ref().map(|k| &k.head) != head.as_ref() {
        kept = None;
    }
    let raw = match &kept {
        Some(k) => k.raw.clone(),
        None => std::sync::Arc::new(repo.log()?),
    };
    let commits: Vec<Commit> = raw
        .iter()
        .map(|c| Commit {
            hash: c.hash.clone(),
            short: c.short.clone(),
            date: Date::from_unix_seconds(c.time).unwrap_or(site.today),
            author: c.author.clone(),
            subject: c.subject.clone(),
        })
        .collect();
    let norm = |p: &Path| p.to_string_lossy().replace('\\', "/");
    let register_paths: Vec<String> = site.registers.iter().map(|r| norm(&r.file)).collect();
    let mut current: Vec<String> = register_paths.clone();
    current.extend(site.pages.iter().map(|p| norm(&p.file)));
    let histories = git::file_histories(&raw, &current);

    let mut last_updated = std::collections::HashMap::new();
    for (path, list) in &histories {
        if let Some((ci, _)) = list.first() {
            last_updated.insert(PathBuf::from(path), *ci);
        }
    }

    // A register's versions read before, under the same frameworks, are
    // kept; the others are read now.
    let fingerprints: Vec<String> = site
        .registers
        .iter()
        .map(|r| format!("{:?}{:?}", site.framework, r.framework))
        .collect();
    let mut done: Vec<Option<RegisterVersions>> = register_paths
        .iter()
        .zip(&fingerprints)
        .map(|(path, fingerprint)| {
            let (fp, versions) = kept.as_mut()?.registers.remove(path)?;
            (&fp == fingerprint).then_some(versions)
        })
        .collect();

    // Every old version of every other register, in one cat-file batch.
    let mut wanted = Vec::new();
    let mut owners = Vec::new();
    for (ri, path) in register_paths.iter().enumerate() {
        if done[ri].is_some() {
            continue;
        }
        for (ci, old_path) in histories.get(path).map(Vec::as_slice).unwrap_or(&[]) {
            wanted.push((raw[*ci].hash.clone(), old_path.clone()));
            owners.push((ri, *ci, old_path.clone()));
        }
    }
    let blobs = repo.read_blobs(&wanted)?;

    let mut per_blobs: Vec<Vec<Blob>> = vec![Vec::new(); site.registers.len()];
    for ((ri, ci, path), blob) in owners.into_iter().zip(blobs) {
        per_blobs[ri].push((ci, path, blob));
    }
    for (ri, blobs) in per_blobs.into_iter().enumerate() {
        if done[ri].is_none() {
            done[ri] = Some(versions_of(site, ri, snapshots(site, ri, blobs)));
        }
    }
    let done: Vec<RegisterVersions> = done.into_iter().map(Option::unwrap_or_default).collect();
    if let (Some(cache), Some(head)) = (cache, head) {
        let registers = register_paths
            .iter()
            .zip(fingerprints)
            .zip(&done)
            .map(|((path, fingerprint), versions)| (path.clone(), (fingerprint, versions.clone())))
            .collect();
        *cache.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(Committed {
            head,
            raw: raw.clone(),
            registers,
        });
    }
    let mut commits = commits;
    let mut work_tree = None;
    let registers: Vec<Vec<Version>> = done
        .into_iter()
        .enumerate()
        .map(|(ri, (mut versions, newest))| {
            // Edits not committed yet show as a version of their own.
            let reg = &site.registers[ri];
            let current = diff::Snapshot::of(reg, &reg.framework);
            let changes = newest
                .map(|n| diff::changes(&n, &current))
                .unwrap_or_default();
            if !changes.is_empty() || versions.is_empty() {
                let ci = *work_tree.get_or_insert_with(|| {
                    commits.push(Commit {
                        hash: String::new(),
                        short: "work tree".into(),
                        date: site.today,
                        author: "not committed".into(),
                        subject: "Uncommitted changes".into(),
                    });
                    commits.len() - 1
                });
                versions.insert(
                    0,
                    Version {
                        commit: ci,
                        created: versions.is_empty(),
                        changes,
                        unreadable: None,
                        active_by_level: current.active_by_level(reg.framework.levels.len()),
                        risks: current.len(),
                    },
                );
            }
            versions
        })
        .collect();
    let (suspects, suspects_off) = if repo.shallow {
        (Vec::new(), None)
    } else {
        let input = suspect::Input {
            repo,
            raw: &raw,
            commits: &commits,
            work_tree,
            histories: &histories,
            registers: &registers,
        };
        match suspect::detect(site, &input) {
            Ok(s) => (s, None),
            Err(e) => (Vec::new(), Some(format!("Suspect detection is off: {e}."))),
        }
    };
    Ok(History {
        commits,
        registers,
        last_updated,
        work_tree,
        note: None,
        suspects,
        suspects_off,
    })
}

/// Every version of register `ri` as a snapshot. Versions in the usual block
/// layout are cut into header and risks (see `chunks.rs`); each distinct
/// piece of text is parsed and validated once, in parallel.
fn snapshots(
    site: &Site,
    ri: usize,
    blobs: Vec<Blob>,
) -> Vec<(usize, Result<diff::Snapshot, String>)> {
    let current = &site.registers[ri].framework;
    let texts: Vec<(usize, String, Result<String, String>)> = blobs
        .into_iter()
        .map(|(ci, path, blob)| {
            let text = blob
                .ok_or_else(|| "the file could not be read from git".to_string())
                .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()));
            (ci, path, text)
        })
        .collect();
    let cuts: Vec<Option<chunks::Cut>> = texts
        .par_iter()
        .map(|(_, _, t)| t.as_ref().ok().and_then(|t| chunks::cut(t)))
        .collect();
    // Distinct headers and risk texts across all versions.
    let mut headers: HashMap<&str, usize> = HashMap::new();
    let mut pieces: HashMap<&str, usize> = HashMap::new();
    for cut in cuts.iter().flatten() {
        let n = headers.len();
        headers.entry(cut.header.as_str()).or_insert(n);
        for p in &cut.risks {
            let n = pieces.len();
            pieces.entry(p.as_str()).or_insert(n);
        }
    }
    let mut header_list: Vec<(&str, usize)> = headers.iter().map(|(k, v)| (*k, *v)).collect();
    header_list.sort_by_key(|x| x.1);
    let mut piece_list: Vec<(&str, usize)> = pieces.iter().map(|(k, v)| (*k, *v)).collect();
    piece_list.sort_by_key(|x| x.1);
    let frameworks: Vec<Result<std::sync::Arc<crate::model::Framework>, String>> = header_list
        .par_iter()
        .map(|(text, _)| {
            serde_yaml::from_str::<crate::source::RawRegister>(text)
                .map(|raw| crate::validate::register::framework_alone(&raw, &site.framework))
                .map_err(|e| e.to_string())
        })
        .collect();
    let raws: Vec<Result<crate::source::register::RawRisk, String>> = piece_list
        .par_iter()
        .map(|(text, _)| chunks::parse_risk(text))
        .collect();
    // Each (framework, risk text) pair is validated once.
    let mut pairs: Vec<(usize, usize)> = cuts
        .iter()
        .flatten()
        .flat_map(|c| {
            let h = headers[c.header.as_str()];
            c.risks.iter().map(move |p| (h, p.as_str()))
        })
        .map(|(h, p)| (h, pieces[p]))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let states: HashMap<(usize, usize), Option<(String, diff::RiskState)>> = pairs
        .par_iter()
        .map(|&(h, p)| {
            let state = match (&frameworks[h], &raws[p]) {
                (Ok(fw), Ok(raw)) => crate::validate::register::risk_alone(raw, fw)
                    .map(|r| (r.id.clone(), diff::RiskState::of(&r, fw, current))),
                _ => None,
            };
            ((h, p), state)
        })
        .collect();
    texts
        .par_iter()
        .zip(cuts.par_iter())
        .map(|((ci, path, text), cut)| {
            let snap = match (text, cut) {
                (Err(e), _) => Err(e.clone()),
                (Ok(t), None) => whole(site, ri, path, t),
                (Ok(_), Some(cut)) => {
                    let h = headers[cut.header.as_str()];
                    match &frameworks[h] {
                        Err(e) => Err(e.clone()),
                        Ok(_) => {
                            let mut risks = std::collections::BTreeMap::new();
                            let mut err = None;
                            for piece in &cut.risks {
                                let p = pieces[piece.as_str()];
                                match (&raws[p], &states[&(h, p)]) {
                                    (Err(e), _) => {
                                        err = Some(format!("a risk does not parse: {e}"))
                                    }
                                    (Ok(raw), None) => {
                                        err = Some(format!("risk `{}` is not valid", raw.id.0))
                                    }
                                    (Ok(_), Some((id, st))) => {
                                        risks.entry(id.clone()).or_insert_with(|| st.clone());
                                    }
                                }
                            }
                            match err {
                                Some(e) => Err(e),
                                None => Ok(diff::Snapshot::from_states(risks)),
                            }
                        }
                    }
                }
            };
            (*ci, snap)
        })
        .collect()
}

/// A version in any other layout: parsed and validated whole.
fn whole(site: &Site, ri: usize, path: &str, text: &str) -> Result<diff::Snapshot, String> {
    // The same source types and rules as the current version, without the
    // positions index: an old version's diagnostics are never shown.
    let raw: crate::source::RawRegister = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    let loaded = LoadedRegister {
        id: site.registers[ri].id.clone(),
        file: PathBuf::from(path),
        raw,
        spans: Default::default(),
    };
    let (reg, _old_diagnostics) =
        crate::validate::register::validate(&loaded, None, &site.framework);
    Ok(diff::Snapshot::of(&reg, &site.registers[ri].framework))
}

/// Versions oldest first in, newest first out, each diffed against the previous.
fn versions_of(
    site: &Site,
    ri: usize,
    mut versions: Vec<(usize, Result<diff::Snapshot, String>)>,
) -> (Vec<Version>, Option<diff::Snapshot>) {
    // Commits are indexed newest first: the oldest version has the highest index.
    versions.sort_by_key(|v| std::cmp::Reverse(v.0));
    let levels = site.registers[ri].framework.levels.len();
    let mut out = Vec::with_capacity(versions.len());
    let mut previous: Option<&diff::Snapshot> = None;
    for (k, (ci, snap)) in versions.iter().enumerate() {
        match snap {
            Ok(s) => {
                out.push(Version {
                    commit: *ci,
                    created: k == 0,
                    changes: previous.map(|p| diff::changes(p, s)).unwrap_or_default(),
                    unreadable: None,
                    active_by_level: s.active_by_level(levels),
                    risks: s.len(),
                });
                previous = Some(s);
            }
            Err(e) => out.push(Version {
                commit: *ci,
                created: k == 0,
                changes: Vec::new(),
                unreadable: Some(e.clone()),
                active_by_level: Vec::new(),
                risks: 0,
            }),
        }
    }
    out.reverse();
    // The newest version that parsed, for comparing with the work tree.
    let newest = versions.into_iter().rev().find_map(|(_, s)| s.ok());
    (out, newest)
}
