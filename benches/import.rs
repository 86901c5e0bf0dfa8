//! Import benchmark (`cargo bench --bench import`).
//!
//! Times `riskbook::import::import` on generated Markdown registers in the
//! shape public documents use most: a summary table of risks, then a card
//! per risk under a heading that repeats its title (matched to its row by
//! title), and the same rows as CSV. The sizes grow tenfold, so a step that
//! is quadratic in the risks shows as a hundredfold time, not tenfold.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

fn markdown(n: usize) -> String {
    let mut md = String::from(
        "# Generated register\n\n| ID | Risk | Likelihood | Impact | Owner |\n|---|---|---|---|---|\n",
    );
    let words = ["Low", "Medium", "High"];
    for i in 1..=n {
        let _ = writeln!(
            md,
            "| R-{i} | Risk {i} about service {} | {} | {} | team-{} |",
            i % 97,
            words[i % 3],
            words[(i / 3) % 3],
            i % 11
        );
    }
    md.push('\n');
    for i in 1..=n {
        let _ = write!(
            md,
            "### Risk {i} about service {}\n\n**Likelihood:** {}\n**Impact:** {}\n**Mitigation**:\n\n- [x] Alert on the error rate of service {i}\n- [ ] Rehearse the rollback\n\n**Contingency**: Roll back release {i}.\n\n",
            i % 97,
            words[i % 3],
            words[(i / 3) % 3],
        );
    }
    md
}

fn csv(n: usize) -> String {
    let mut csv = String::from("ID,Risk,Likelihood,Impact,Owner,Mitigation\n");
    for i in 1..=n {
        let _ = writeln!(
            csv,
            "R-{i},\"Risk {i}, about service {}\",{},{},team-{},\"Alert; rehearse\"",
            i % 97,
            1 + i % 5,
            1 + (i / 5) % 5,
            i % 11
        );
    }
    csv
}

fn risks(yaml: &str) -> usize {
    let register: serde_yaml::Value = serde_yaml::from_str(yaml).expect("YAML");
    register["risks"].as_sequence().map_or(0, Vec::len)
}

fn median(mut runs: Vec<Duration>) -> f64 {
    runs.sort();
    runs[runs.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    for n in [300, 3_000, 30_000] {
        let md = markdown(n);
        let table = csv(n);
        let mut md_runs = Vec::new();
        let mut csv_runs = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            let imported = riskbook::import::import(&md, "generated").expect("imports");
            md_runs.push(start.elapsed());
            assert_eq!(
                risks(&imported.yaml),
                n,
                "every risk once: cards joined to their rows"
            );
            let start = Instant::now();
            let imported = riskbook::import::import_csv(&table, "generated").expect("imports");
            csv_runs.push(start.elapsed());
            assert_eq!(risks(&imported.yaml), n);
        }
        println!(
            "{n:>6} risks: Markdown table + cards {:>8.1} ms, CSV {:>8.1} ms (median of 5)",
            median(md_runs),
            median(csv_runs)
        );
    }
}
