//! Risks in money: the simulated figures checked against closed forms,
//! not against the code's own output. Each tolerance is five standard
//! errors of the estimate at the trial count used (said at each check);
//! the runs are seeded, so a test passes or fails the same way every time.

mod common;
use common::*;
use std::process::Command;

const TRIALS: f64 = 200_000.0;

fn site(risks: &str) -> Fixture {
    let site_yaml = "quantitative:\n  currency: EUR\n  trials: 200000\n  seed: 7\n";
    let reg = format!("title: Money\nrisks:\n{risks}");
    Fixture::new(&[
        ("content/site.yaml", site_yaml),
        ("content/registers/money.yaml", &reg),
    ])
}

fn risk(id: &str, frequency: &str, loss: &str) -> String {
    format!(
        "  - {{ id: {id}, title: Risk {id}, owner: ops, probability: medium, impact: high, frequency: {frequency}, loss: {loss} }}\n"
    )
}

/// The `quant.inherent` figures of each risk, by id.
fn figures(site: &Fixture) -> Vec<(String, serde_json::Value)> {
    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    json["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["quant"]["inherent"].clone(),
            )
        })
        .collect()
}

fn close(what: &str, got: f64, want: f64, tolerance: f64) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: simulated {got}, closed form {want}, tolerance {tolerance}"
    );
}

#[test]
fn simulated_figures_match_the_closed_forms() {
    let site = site(
        &[
            // A: fixed rate 0.9, fixed loss 1,000: the year is 1,000 x Poisson(0.9).
            risk("A", "0.9", "1000"),
            // B: Poisson(0.5) events, each lognormal with 5th/95th percentile 50k/2M.
            risk("B", "0.5", "{ low: 50000, high: 2000000 }"),
            // C: two events a year, each PERT(10, 40, 100).
            risk("C", "2", "{ min: 10, likely: 40, max: 100 }"),
            // D: an uncertain rate (lognormal 0.1..2 as a 90% range), 1,000 each.
            risk("D", "{ low: 0.1, high: 2 }", "1000"),
            // E: an uncertain rate, PERT(0, 1, 4), 1,000 each.
            risk("E", "{ min: 0, likely: 1, max: 4 }", "1000"),
        ]
        .concat(),
    );
    site.build_ok();
    let f = figures(&site);
    let get = |id: &str, key: &str| {
        f.iter().find(|(i, _)| i == id).unwrap().1[key]
            .as_f64()
            .unwrap()
    };

    // A. Mean 900, sd 1000 sqrt(0.9); P(any) = 1 - e^-0.9, sd sqrt(p(1-p)).
    let se = 1000.0 * (0.9f64 / TRIALS).sqrt();
    close("A mean", get("A", "expected_annual_loss"), 900.0, 5.0 * se);
    let p = 1.0 - (-0.9f64).exp();
    close(
        "A P(any)",
        get("A", "probability_of_loss"),
        p,
        5.0 * (p * (1.0 - p) / TRIALS).sqrt(),
    );
    // Percentiles of a scaled Poisson are exact: its CDF is 0.407, 0.772,
    // 0.937, 0.987, 0.998 at 0..4 events, each far (> 10 standard errors)
    // from 0.5, 0.9, 0.95 and 0.99.
    assert_eq!(
        ["median", "p90", "p95", "p99"].map(|k| get("A", k)),
        [1000.0, 2000.0, 3000.0, 4000.0]
    );

    // B. Compound Poisson-lognormal: mean rate exp(mu + s^2/2), variance
    // rate exp(2 mu + 2 s^2), with mu and s from the 90% range.
    let z95 = 1.644_853_626_951_472_2;
    let (a, b) = (50_000f64.ln(), 2_000_000f64.ln());
    let (mu, s) = ((a + b) / 2.0, (b - a) / (2.0 * z95));
    let mean = 0.5 * (mu + s * s / 2.0).exp();
    let sd = (0.5f64).sqrt() * (mu + s * s).exp();
    close(
        "B mean",
        get("B", "expected_annual_loss"),
        mean,
        5.0 * sd / TRIALS.sqrt(),
    );
    let p = 1.0 - (-0.5f64).exp();
    close(
        "B P(any)",
        get("B", "probability_of_loss"),
        p,
        5.0 * (p * (1.0 - p) / TRIALS).sqrt(),
    );

    // C. PERT mean (min + 4 likely + max) / 6 = 45, variance
    // (mean - min)(max - mean) / 7 = 275; the year: 2 x 45 = 90, variance
    // 2 (275 + 45^2) = 4600.
    close(
        "C mean",
        get("C", "expected_annual_loss"),
        90.0,
        5.0 * (4600.0 / TRIALS).sqrt(),
    );

    // D. Mixed Poisson: mean E[rate] x 1000, variance (E[rate] + Var[rate]) x 1000^2.
    let (a, b) = (0.1f64.ln(), 2f64.ln());
    let (mu, s) = ((a + b) / 2.0, (b - a) / (2.0 * z95));
    let rate = (mu + s * s / 2.0).exp();
    let var_rate = ((s * s).exp() - 1.0) * (2.0 * mu + s * s).exp();
    let sd = 1000.0 * (rate + var_rate).sqrt();
    close(
        "D mean",
        get("D", "expected_annual_loss"),
        1000.0 * rate,
        5.0 * sd / TRIALS.sqrt(),
    );

    // E. The same with a PERT rate: mean (0 + 4 + 4) / 6, variance
    // (mean - min)(max - mean) / 7.
    let rate = 8.0 / 6.0;
    let var_rate = rate * (4.0 - rate) / 7.0;
    close(
        "E mean",
        get("E", "expected_annual_loss"),
        1000.0 * rate,
        5.0 * 1000.0 * (rate + var_rate).sqrt() / TRIALS.sqrt(),
    );
}

#[test]
fn the_numbers_do_not_depend_on_the_threads_or_the_run() {
    let risks: String = (1..=12)
        .map(|i| risk(&format!("R-{i}"), "0.7", "{ low: 1000, high: 90000 }"))
        .collect();
    let site = site(&risks);
    let mut outputs = Vec::new();
    for threads in ["1", "2", "2"] {
        let out = site.root().join(format!("out-{}", outputs.len()));
        let run = Command::new(env!("CARGO_BIN_EXE_riskbook"))
            .args(["build", "--today", "2026-03-01", "--root"])
            .arg(site.root())
            .arg("--out")
            .arg(&out)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(run.status.success());
        outputs.push(std::fs::read_to_string(out.join("risks.json")).unwrap());
    }
    assert_eq!(outputs[0], outputs[1], "1 thread and 2 threads differ");
    assert_eq!(outputs[1], outputs[2], "two runs differ");
    // Each risk draws from its own stream: the same inputs, other numbers.
    let f: serde_json::Value = serde_json::from_str(&outputs[0]).unwrap();
    let means: Vec<f64> = f["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["quant"]["inherent"]["expected_annual_loss"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_ne!(means[0], means[1]);
}

#[test]
fn the_risk_page_shows_the_figures_and_the_curve() {
    let site = site(
        "  - id: A
    title: Risk A
    owner: ops
    probability: medium
    impact: high
    frequency: 0.9
    loss: 1000
    residual: { probability: low, impact: high, frequency: 0.1, loss: 1000 }
    mitigation_cost: 200
",
    );
    site.build_ok();
    let page = site.read_out("registers/money/A.html");
    assert_contains(&page, "<h2>Loss in money</h2>");
    assert_contains(
        &page,
        "<tr><th scope=\"row\">1 year in 100 (99th percentile)</th><td class=\"num\">EUR 4,000</td>",
    );
    // Both columns: inherent P(any) 1 - e^-0.9 = 59.3% and residual
    // 1 - e^-0.1 = 9.5%, each simulated (to within a tenth of a percent);
    // the residual's 99th percentile is exactly one event.
    assert_contains(
        &page,
        "<tr><th scope=\"row\">Probability of any loss in a year</th><td class=\"num\">59.",
    );
    assert_contains(&page, "%</td><td class=\"num\">9.");
    assert_contains(
        &page,
        "<td class=\"num\">EUR 4,000</td><td class=\"num\">EUR 1,000</td></tr></tbody>",
    );
    assert_contains(
        &page,
        "Mitigation cost: EUR 200 a year; return on mitigation",
    );
    assert_contains(
        &page,
        "<svg role=\"img\" aria-labelledby=\"loss-A-title loss-A-desc\"",
    );
    assert_contains(&page, "Annual loss (EUR, logarithmic)");
}

#[test]
fn bad_quantities_are_errors_where_they_are_written() {
    let site_yaml = "quantitative:\n  currency: EURO\n  trials: 50\n  appetite:\n    - { loss: 100000, probability: 1.5 }\n";
    let reg = "title: Money
risks:
  - id: A
    title: Range upside down
    probability: low
    impact: low
    frequency: 0.5
    loss: { low: 900, high: 100 }
  - id: B
    title: Likely outside
    probability: low
    impact: low
    frequency: { min: 1, likely: 5, max: 3 }
    loss: 10
  - id: C
    title: Loss alone
    probability: low
    impact: low
    loss: 10
  - id: D
    title: Negative rate
    probability: low
    impact: low
    frequency: -1
    loss: { low: 0, high: 10 }
  - id: E
    title: Every phishing mail
    probability: low
    impact: low
    frequency: 80000
    loss: 2
  - id: F
    title: A range too wide
    probability: low
    impact: low
    frequency: 0.1
    loss: { low: 0.000001, high: 1.0e15 }
    mitigation_cost: 1.0e16
";
    let site = Fixture::new(&[
        ("content/site.yaml", site_yaml),
        ("content/registers/money.yaml", reg),
    ]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let d: Vec<(String, String, Option<usize>, Option<usize>)> = diags(&run)
        .into_iter()
        .filter(|d| d.severity == "error")
        .map(|d| (d.file, d.message, d.line, d.column))
        .collect();
    let (s, r) = (
        "content/site.yaml".to_string(),
        "content/registers/money.yaml".to_string(),
    );
    let want = [
        (
            r.clone(),
            "the loss's 90% range is 900 to 100: low is not below high",
            8,
            29,
        ),
        (
            r.clone(),
            "the frequency's most likely value 5 lies outside 1..3",
            13,
            34,
        ),
        (r.clone(), "a loss without a frequency", 19, 5),
        (r.clone(), "the frequency is -1", 24, 16),
        (r.clone(), "the loss's 90% range starts at 0", 25, 18),
        // The simulation draws every event: 1,000 a year on average at most.
        (
            r.clone(),
            "the frequency averages 80,000 loss events a year, above riskbook's 1,000",
            30,
            16,
        ),
        // mu = (ln 1e-6 + ln 1e15) / 2 = 10.36, sigma = ln(1e21) / 3.29 =
        // 14.70: the mean exp(mu + sigma^2 / 2) = e^118.39 = 2.6e51.
        (
            r.clone(),
            "the loss averages 2.6e51, above riskbook's 10^15",
            37,
            13,
        ),
        (r, "the mitigation cost is 10000000000000000", 38, 22),
        (s.clone(), "`EURO` is not an ISO 4217 currency code", 2, 13),
        (s.clone(), "50 trials is outside 1,000 to 1,000,000", 3, 11),
        (s, "an appetite's probability is 1.5", 5, 36),
    ]
    .map(|(f, m, l, c)| (f, m.to_string(), Some(l), Some(c)));
    assert_eq!(d, want);
    assert!(
        diags(&run)
            .iter()
            .filter(|d| d.severity == "error")
            .all(|d| d.code == "invalid-quantity")
    );
}

#[test]
fn registers_and_the_site_sum_their_risks_year_by_year_and_check_the_appetite() {
    let site_yaml = "quantitative:
  currency: EUR
  trials: 200000
  appetite:
    - { loss: 5000, probability: 0.01 }
    - { loss: 1000000000, probability: 0.5 }
";
    let ops = format!("title: Ops\nrisks:\n{}", risk("X", "0.9", "1000"));
    let data = format!("title: Data\nrisks:\n{}", risk("Y", "0.5", "3000"));
    let site = Fixture::new(&[
        ("content/site.yaml", site_yaml),
        ("content/registers/ops.yaml", &ops),
        ("content/registers/data.yaml", &data),
    ]);
    let run = site.check_json();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Two independent Poisson sums: P(total >= 5,000) is far above 1%, so
    // the first point is exceeded (at its line), the second is not.
    let warnings: Vec<(String, Option<usize>, String)> = diags(&run)
        .into_iter()
        .filter(|d| d.code == "appetite-exceeded")
        .map(|d| (d.file, d.line, d.help.unwrap_or_default()))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        (warnings[0].0.as_str(), warnings[0].1),
        ("content/site.yaml", Some(5))
    );
    // Y costs 1,500 a year, X 900: Y is named first.
    assert_contains(&warnings[0].2, "by expected loss: data/Y (EUR ");
    assert!(warnings[0].2.find("data/Y") < warnings[0].2.find("ops/X"));

    site.build_ok();
    let index = site.read_out("index.html");
    assert_contains(&index, "<h2 id=\"loss\">Loss in money</h2>");
    assert_contains(
        &index,
        "2 quantified risks, summed year by year: expected annual loss <strong>EUR 2,",
    );
    assert_contains(&index, "simulated");
    assert_contains(&index, ": <strong>exceeded</strong></li>");
    assert_contains(&index, ": <strong>within</strong></li>");
    // The contributors, biggest expected loss first.
    let y = index.find("registers/data/Y.html\">Y</a>").unwrap();
    let x = index.find("registers/ops/X.html\">X</a>").unwrap();
    assert!(y < x);
    // Each risk's share of the site's worst 5% of years: the two risks make
    // up all of those years, so the shares add up to 100% (to the rounding
    // of the shown percentages).
    let tail_cell = |page: &str, row: &str| -> f64 {
        let table = &page[page.find("The risks that cost most").unwrap()..];
        let at = table.find(row).unwrap();
        let page = table;
        let cells: Vec<&str> = page[at..]
            .split("<td class=\"num\">")
            .skip(1)
            .take(3)
            .collect();
        cells[2].split('%').next().unwrap().parse().unwrap()
    };
    let shares = tail_cell(&index, "registers/data/Y.html\">Y</a>")
        + tail_cell(&index, "registers/ops/X.html\">X</a>");
    assert!((shares - 100.0).abs() <= 0.2, "{shares}");
    let register = site.read_out("registers/ops.html");
    assert_eq!(tail_cell(&register, "ops/X.html\">X</a>"), 100.0);
    assert_contains(&register, "1 quantified risks, summed year by year");
    assert_contains(&register, "<a href=\"#loss\">Loss in money</a>");
    // Its expected loss: 900 within five standard errors (sd 1000 sqrt(0.9)).
    let at = register
        .find("Expected annual loss</th><td class=\"num\">EUR ")
        .unwrap();
    let amount: f64 = register[at + "Expected annual loss</th><td class=\"num\">EUR ".len()..]
        .split('<')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    close(
        "ops total",
        amount,
        900.0,
        5.0 * 1000.0 * (0.9f64 / TRIALS).sqrt() + 0.5,
    );
}

#[test]
fn risks_csv_carries_the_main_figures_as_numbers() {
    let site = site(&[risk("A", "0.9", "1000"), risk("Q", "0", "0")].concat());
    site.build_ok();
    let csv = site.read_out("risks.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let a = rows.records().next().unwrap().unwrap();
    // Whole euros; the 95th percentile of 1,000 x Poisson(0.9) is exactly 3,000.
    let mean: f64 = a[col("expected_annual_loss")].parse().unwrap();
    close(
        "A mean in the CSV",
        mean,
        900.0,
        5.0 * 1000.0 * (0.9f64 / TRIALS).sqrt() + 0.5,
    );
    assert_eq!(&a[col("p95_annual_loss")], "3000");
    let p: f64 = a[col("probability_of_loss")].parse().unwrap();
    let exact = 1.0 - (-0.9f64).exp();
    close(
        "A P(any) in the CSV",
        p,
        exact,
        5.0 * (exact * (1.0 - exact) / TRIALS).sqrt() + 1e-4,
    );
    assert_eq!(&a[col("residual_expected_annual_loss")], "");
}
