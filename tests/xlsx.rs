//! `risks.xlsx` and `export --format xlsx`: the same table as risks.csv,
//! typed (numbers, dates, yes/no), with a frozen bold header and each
//! level in its colour, a sheet of each register's scales and levels, the
//! same bytes on every build, and `import` of the workbook giving back the
//! register. Read back with calamine, which shares no code with the
//! writer.

mod common;
use calamine::{Data, Reader, Xlsx};
use common::*;
use std::io::{Cursor, Read};

const OPS: &str = "title: Ops risks
risks:
  - id: OPS-1
    title: Database failover takes too long
    status: open
    probability: high
    impact: critical
    owner: [dba, sre]
    reviewed: 2026-11-02
    watchlist: true
    tags: [db, failover]
    category: Availability
  - id: OPS-2
    title: \"Certificate expires, unnoticed; \\\"again\\\"\"
    status: mitigated
    probability: low
    impact: high
    owner: security
    reviewed: 2026-10-15
    acceptance: { by: CISO, date: 2026-10-01, expires: 2027-04-01 }
  - id: OPS-3
    title: Not rated yet
    status: open
    probability: unrated
    impact: unrated
  - id: OPS-4
    title: Queue backlog after deploy
    status: closed
    probability: medium
    impact: medium
    owner: platform
    related: [OPS-1]
";

/// `riskbook ARGS… --root ROOT --today 2026-12-03`, its stdout as bytes;
/// fails the test unless it succeeds.
fn bytes_at(root: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_riskbook"))
        .args(args)
        .args(["--root", root.to_str().unwrap(), "--today", "2026-12-03"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    out.stdout
}

fn bytes(site: &Fixture, args: &[&str]) -> Vec<u8> {
    bytes_at(site.root(), args)
}

/// `riskbook import FILE -o OUT` run in `dir`; fails the test unless it
/// succeeds.
fn import(dir: &std::path::Path, file: &str, out: &str) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_riskbook"))
        .args(["import", file, "-o", out])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{file}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn sheet(xlsx: &[u8], name: &str) -> calamine::Range<Data> {
    let mut wb = Xlsx::new(Cursor::new(xlsx.to_vec())).unwrap();
    wb.worksheet_range(name).unwrap()
}

/// A part of the workbook's zip, as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_workbook_holds_the_csv_table_typed() {
    let site = Fixture::new(&[("content/registers/ops.yaml", OPS)]);
    let xlsx = bytes(&site, &["export", "--format", "xlsx"]);
    let csv_text = String::from_utf8(bytes(&site, &["export", "--format", "csv"])).unwrap();
    let csv: Vec<Vec<String>> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header: Vec<String> = csv_text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let risks = sheet(&xlsx, "Risks");
    let rows: Vec<&[Data]> = risks.rows().collect();
    let text = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => panic!("unexpected cell {other:?}"),
    };
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        header,
        "the same columns as risks.csv"
    );
    assert_eq!(rows.len(), 1 + csv.len());
    for (row, want) in rows[1..].iter().zip(&csv) {
        let mut got: Vec<String> = row.iter().map(text).collect();
        got.resize(want.len(), String::new());
        assert_eq!(&got, want);
    }
    // Types: the score a number, `active` and `watchlist` yes/no, the
    // review a date; an unrated risk has no score.
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[1][col("score")], Data::Float(12.0));
    assert_eq!(rows[1][col("active")], Data::Bool(true));
    assert_eq!(rows[1][col("watchlist")], Data::Bool(true));
    assert!(
        matches!(rows[1][col("reviewed")], Data::DateTime(_)),
        "{:?}",
        rows[1][col("reviewed")]
    );
    assert!(matches!(
        rows[2][col("acceptance_expires")],
        Data::DateTime(_)
    ));
    assert!(matches!(
        rows.get(3).and_then(|r| r.get(col("score"))),
        None | Some(Data::Empty)
    ));
    // The header frozen and bold, the levels in their colours.
    let sheet1 = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert_contains(
        &sheet1,
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>",
    );
    let styles = part(&xlsx, "xl/styles.xml");
    assert_contains(&styles, "<b/>");
    for color in ["FFCF222E", "FFE16F24", "FFD4A72C"] {
        assert_contains(&styles, &format!("<fgColor rgb=\"{color}\"/>"));
    }
    // The register's scales and levels.
    let scales = sheet(&xlsx, "Scales ops");
    let cells: Vec<Vec<String>> = scales
        .rows()
        .map(|r| r.iter().map(text).collect())
        .collect();
    assert_eq!(cells[0], ["scale", "id", "label", "value", "description"]);
    assert!(
        cells
            .iter()
            .any(|r| r[..4] == ["impact", "critical", "Critical", "4"]),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|r| r[..2] == ["scoring", "product"]),
        "{cells:?}"
    );
    assert!(
        cells
            .iter()
            .any(|r| r[..4] == ["critical", "Critical", "9", "#cf222e"]),
        "{cells:?}"
    );
}

#[test]
fn every_build_writes_the_same_workbook() {
    let site = Fixture::new(&[("content/registers/ops.yaml", OPS)]);
    let export = bytes(&site, &["export", "--format", "xlsx"]);
    let tmp = tempfile::tempdir().unwrap();
    let mut built = Vec::new();
    for k in 0..2 {
        let out = tmp.path().join(format!("out{k}"));
        bytes(
            &site,
            &["build", "--no-git", "--out", out.to_str().unwrap()],
        );
        built.push(std::fs::read(out.join("risks.xlsx")).unwrap());
    }
    assert!(built[0] == built[1], "two builds, two workbooks");
    assert!(built[0] == export, "the build's workbook is the export's");
}

#[test]
fn importing_the_workbook_gives_back_the_register() {
    let site = Fixture::new(&[("content/registers/ops.yaml", OPS)]);
    let xlsx = bytes(&site, &["export", "--format", "xlsx"]);
    site.write("ops.xlsx", &xlsx);
    import(site.root(), "ops.xlsx", "content/registers/again.yaml");
    let json: serde_json::Value =
        serde_json::from_slice(&bytes(&site, &["export", "--format", "json"])).unwrap();
    let risks = json["risks"].as_array().unwrap();
    let of = |reg: &str| -> Vec<serde_json::Value> {
        risks
            .iter()
            .filter(|r| r["register"] == reg)
            .map(|r| {
                serde_json::json!([
                    r["id"],
                    r["title"],
                    r["status"],
                    r["probability"]["id"],
                    r["impact"]["id"],
                    r["level"],
                    r["owners"],
                    r["reviewed"],
                    r["tags"],
                    r["watchlist"],
                    r["related"],
                    r["acceptance"]["by"],
                    r["acceptance"]["expires"],
                    r["category"]
                ])
            })
            .collect()
    };
    assert_eq!(of("ops").len(), 4);
    assert_eq!(of("again"), of("ops"));
}

/// What Excel cannot hold is written as it can: a date before 1900 as
/// text, a text longer than 32,767 characters cut with an ellipsis (both
/// whole in risks.csv).
#[test]
fn dates_and_texts_beyond_excel_are_kept_as_text_or_cut() {
    let long = "x".repeat(40_000);
    let register = format!(
        "title: Old\nrisks:\n  - {{id: OLD-1, title: Ancient, probability: low, impact: low, owner: ops, reviewed: 1850-01-01, description: {long}}}\n"
    );
    let site = Fixture::new(&[("content/registers/old.yaml", register.as_str())]);
    let xlsx = bytes(&site, &["export", "--format", "xlsx"]);
    let risks = sheet(&xlsx, "Risks");
    let rows: Vec<&[Data]> = risks.rows().collect();
    let col = |name: &str| {
        rows[0]
            .iter()
            .position(|d| *d == Data::String(name.into()))
            .unwrap()
    };
    assert_eq!(rows[1][col("reviewed")], Data::String("1850-01-01".into()));
    let Data::String(description) = &rows[1][col("description")] else {
        panic!("{:?}", rows[1][col("description")]);
    };
    assert_eq!(description.chars().count(), 32_767);
    assert!(description.ends_with("x…"));
}

/// Each risk of a `risks.json` export by id: what a round trip keeps.
fn kept(json: &serde_json::Value) -> std::collections::BTreeMap<String, serde_json::Value> {
    json["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap().to_string();
            // Every register of the workbook imports into one: a risk of
            // another register (`reg/ID`) is named by its id alone.
            let related: Vec<&str> = r["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().rsplit('/').next().unwrap())
                .collect();
            let value = serde_json::json!([
                r["title"],
                r["status"],
                r["probability"]["text"],
                r["impact"]["text"],
                r["owners"],
                r["reviewed"],
                r["tags"],
                r["watchlist"],
                related,
                r["acceptance"]["by"],
                r["acceptance"]["expires"],
                r["category"]
            ]);
            (id, value)
        })
        .collect()
}

/// Exports the site at `root` to xlsx, imports the workbook into a new
/// site, checks it and compares the risks; returns how many.
fn round_trip(root: &std::path::Path) -> usize {
    let before: serde_json::Value =
        serde_json::from_slice(&bytes_at(root, &["export", "--format", "json"])).unwrap();
    let xlsx = bytes_at(root, &["export", "--format", "xlsx"]);
    let again = Fixture::new(&[]);
    std::fs::create_dir_all(again.root().join("content/registers")).unwrap();
    again.write("risks.xlsx", &xlsx);
    import(again.root(), "risks.xlsx", "content/registers/again.yaml");
    // Playbooks point into the first site's pages: checked there, not here.
    let yaml = std::fs::read_to_string(again.root().join("content/registers/again.yaml")).unwrap();
    let mut reg: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    for r in reg["risks"].as_sequence_mut().unwrap() {
        r.as_mapping_mut().unwrap().remove("playbooks");
    }
    again.write(
        "content/registers/again.yaml",
        serde_yaml::to_string(&reg).unwrap().as_bytes(),
    );
    let check = again.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let after: serde_json::Value =
        serde_json::from_slice(&bytes_at(again.root(), &["export", "--format", "json"])).unwrap();
    let (before, after) = (kept(&before), kept(&after));
    assert_eq!(after, before);
    before.len()
}

#[test]
fn the_example_site_survives_a_workbook_round_trip() {
    // Its matrix-rated registers: the whole workbook imports as one
    // register, which cannot be rated both by the matrix and by OWASP or
    // CVSS. `--register` brings those two back (the test below).
    let site = example_copy();
    for own_method in ["platform-appsec", "platform-vulnerabilities"] {
        std::fs::remove_file(
            site.root()
                .join(format!("content/registers/{own_method}.yaml")),
        )
        .unwrap();
    }
    let n = round_trip(site.root());
    // The quantified register round-trips its ratings; its frequencies and
    // losses are not columns of the workbook yet.
    assert_eq!(n, 59);
}

#[test]
fn every_import_fixture_survives_a_workbook_round_trip() {
    // Each document of tests/fixtures/import that holds risks, imported,
    // then exported to xlsx and imported again: the same risks.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut tried = 0;
    for path in names {
        let site = Fixture::new(&[]);
        std::fs::create_dir_all(site.root().join("content/registers")).unwrap();
        let out = site.root().join("content/registers/imported.yaml");
        let import = std::process::Command::new(env!("CARGO_BIN_EXE_riskbook"))
            .args([
                "import",
                path.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let Ok(yaml) = std::fs::read_to_string(&out) else {
            continue; // nothing to import (a fixture of that error)
        };
        assert!(import.status.success(), "{}", path.display());
        let reg: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        if reg["risks"].as_sequence().is_none_or(|r| r.is_empty()) {
            continue; // a scoring guide
        }
        let n = round_trip(site.root());
        assert!(n > 0, "{}", path.display());
        tried += 1;
    }
    assert!(tried >= 15, "{tried} fixtures round-tripped");
}

#[test]
fn every_register_of_the_workbook_comes_back_at_the_same_levels() {
    // `import --register ID` of the example site's workbook, once per
    // register, into a new site: each register's rows on the scales,
    // scoring, grid and levels of its `Scales` sheet (descriptions and
    // colours too), so every risk comes back at its level.
    let site = example_copy();
    let xlsx = bytes(&site, &["export", "--format", "xlsx"]);
    let before: serde_json::Value =
        serde_json::from_slice(&bytes(&site, &["export", "--format", "json"])).unwrap();
    let again = Fixture::new(&[]);
    std::fs::create_dir_all(again.root().join("content/registers")).unwrap();
    again.write("risks.xlsx", &xlsx);
    let in_site = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_riskbook"))
            .args(args)
            .current_dir(again.root())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let mut registers: Vec<String> = before["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["register"].as_str().unwrap().to_string())
        .collect();
    registers.dedup();
    assert!(registers.len() >= 8, "{registers:?}");
    for id in &registers {
        let out = format!("content/registers/{id}.yaml");
        let (code, stderr) = in_site(&["import", "risks.xlsx", "--register", id, "-o", &out]);
        assert_eq!(code, Some(0), "{stderr}");
        assert_contains(
            &stderr,
            &format!("the scales, scoring and levels are those of sheet `Scales {id}`"),
        );
        // Playbooks point into the first site's pages: checked there.
        let path = again.root().join(&out);
        let mut reg: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for r in reg["risks"].as_sequence_mut().unwrap() {
            r.as_mapping_mut().unwrap().remove("playbooks");
        }
        std::fs::write(&path, serde_yaml::to_string(&reg).unwrap()).unwrap();
    }
    let reg: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(
            again
                .root()
                .join("content/registers/backend-migration.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        reg["scales"]["probability"][0]["description"],
        "< 30% likelihood"
    );
    assert_eq!(reg["levels"][3]["color"], "#cf222e");
    let check = again.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let after: serde_json::Value =
        serde_json::from_slice(&bytes(&again, &["export", "--format", "json"])).unwrap();
    let levels = |json: &serde_json::Value| -> Vec<String> {
        json["risks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{}/{} {} x {} = {}",
                    r["register"].as_str().unwrap(),
                    r["id"].as_str().unwrap(),
                    r["probability"]["text"],
                    r["impact"]["text"],
                    r["level"]
                )
            })
            .collect()
    };
    assert_eq!(levels(&after), levels(&before));
    // What each risk was rated from comes back too: the OWASP factors and
    // the CVSS vectors of the two registers rated so, by the `factors` and
    // `cvss` columns and the method their sheets name.
    let rated_from = |json: &serde_json::Value| -> Vec<String> {
        json["risks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| !(r["owasp"].is_null() && r["cvss"].is_null() && r["factors"].is_null()))
            .map(|r| {
                format!(
                    "{} {} {} {}",
                    r["id"], r["owasp"], r["cvss"]["vector"], r["factors"]
                )
            })
            .collect()
    };
    assert_eq!(rated_from(&after), rated_from(&before));
    assert!(rated_from(&before).len() >= 6, "{:?}", rated_from(&before));
    // `--site`: the same scales and levels as a site.yaml.
    let (code, stderr) = in_site(&[
        "import",
        "risks.xlsx",
        "--register",
        "backend-migration",
        "--site",
        "-o",
        "site.yaml",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let config = std::fs::read_to_string(again.root().join("site.yaml")).unwrap();
    assert_contains(&config, "description: < 30% likelihood");
    assert_contains(&config, "color: '#cf222e'");
    // A register the workbook does not hold is named with those it does.
    let (code, stderr) = in_site(&["import", "risks.xlsx", "--register", "nope"]);
    assert_eq!(code, Some(1));
    assert_contains(
        &stderr,
        "--register: no risk of register `nope`; the rows come from: backend-migration, ",
    );
}

#[test]
fn a_register_whose_id_is_longer_than_a_sheet_name_keeps_its_scales() {
    // A sheet's name holds 31 characters, so `Scales <id>` is cut; the
    // sheet names the whole id in a `register` row, and `--register`
    // finds its own scales, grid and levels by it.
    let id = "customer-onboarding-migration-phase-two";
    let reg = "title: Onboarding
scales:
  probability: [{ id: rare }, { id: likely }]
  impact: [{ id: minor }, { id: severe }]
scoring: grid
levels: [{ id: fine, color: '#2da44e', severity: low }, { id: act, color: '#cf222e', severity: high }]
grid:
  - [fine, act]
  - [fine, fine]
risks:
  - { id: ONB-1, title: Welcome mail bounces, probability: likely, impact: severe, owner: crm }
";
    let site = Fixture::new(&[(&format!("content/registers/{id}.yaml"), reg)]);
    let xlsx = bytes(&site, &["export", "--format", "xlsx"]);
    let names: Vec<String> = {
        use calamine::Reader;
        let book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.clone())).unwrap();
        book.sheet_names().to_vec()
    };
    assert_eq!(names, ["Risks", "Scales customer-onboarding-migr"]);
    let again = Fixture::new(&[]);
    again.write("risks.xlsx", &xlsx);
    let out = again.root().join("again.yaml");
    let run = riskbook(&[
        "import",
        again.root().join("risks.xlsx").to_str().unwrap(),
        "--register",
        id,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        &format!("the scales, scoring and levels are those of sheet `Scales {id}`"),
    );
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(yaml["scoring"], "grid");
    assert_eq!(yaml["grid"][0][1], "act");
    assert_eq!(yaml["levels"][1]["color"], "#cf222e");
}

#[test]
fn the_whole_example_workbook_imports_as_one_register_that_checks() {
    // Its registers rate by the matrix, OWASP and CVSS; as one register
    // the matrix rates them. A CVSS risk's probability and impact columns
    // are its vector's version and rating, no matrix's: it comes in
    // unrated, its vector and score kept, and the register checks.
    let reg = whole_workbook_checks(&example_copy());
    let vuln = risk_of(&reg, "VULN-1");
    assert_eq!(vuln["probability"], "unrated");
    assert_eq!(
        vuln["extra"]["cvss_vector"],
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    );
    assert_eq!(vuln["extra"]["method_score"].as_f64(), Some(9.8));
    // OWASP's risks likewise: their probability and impact columns were
    // bands of factor means; the factors stay.
    let app = risk_of(&reg, "APP-1");
    assert_eq!(app["probability"], "unrated");
    assert_eq!(app["extra"]["skill"], "6");
}

#[test]
fn own_factor_risks_among_matrix_risks_come_in_unrated_and_sentences_whole() {
    // A register's own factors give each risk a probability such as 6.67,
    // on no matrix's scale: imported beside a matrix register they are
    // unrated, their factors kept; a mitigation that is one sentence with
    // commas comes back as one action.
    let threats = "title: Threats
method:
  factors:
    likelihood: [{ id: reach }, { id: skill }]
    impact: [{ id: damage }]
  scale: [0, 10]
risks:
  - id: T-1
    title: Replayed webhooks
    owner: sec
    factors: { reach: 7, skill: 4, damage: 6 }
    mitigation: Serve the secret once, at creation, and rotate every leaked one.
";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", OPS),
        ("content/registers/threats.yaml", threats),
    ]);
    let reg = whole_workbook_checks(&site);
    let t1 = risk_of(&reg, "T-1");
    assert_eq!(t1["probability"], "unrated");
    assert_eq!(t1["extra"]["reach"], "7");
    // (7 + 4) / 2 = 5.5 x 6 = 33: the score the factors gave.
    assert_eq!(t1["extra"]["method_score"].as_f64(), Some(33.0));
    assert_eq!(
        t1["mitigation"][0],
        "Serve the secret once, at creation, and rotate every leaked one."
    );
    assert_eq!(t1["mitigation"].as_sequence().unwrap().len(), 1);
}

/// `site`'s workbook imported as one register into a new site, which
/// must check with no error: the register. Playbooks point into the
/// first site's pages (checked there), so they are left out.
fn whole_workbook_checks(site: &Fixture) -> serde_yaml::Value {
    let xlsx = bytes(site, &["export", "--format", "xlsx"]);
    let again = Fixture::new(&[]);
    std::fs::create_dir_all(again.root().join("content/registers")).unwrap();
    again.write("risks.xlsx", &xlsx);
    import(again.root(), "risks.xlsx", "content/registers/all.yaml");
    let path = again.root().join("content/registers/all.yaml");
    let mut reg: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for r in reg["risks"].as_sequence_mut().unwrap() {
        r.as_mapping_mut().unwrap().remove("playbooks");
    }
    std::fs::write(&path, serde_yaml::to_string(&reg).unwrap()).unwrap();
    let check = again.run(&["check", "--format", "json"]);
    assert_eq!(located(&check, true), Vec::<String>::new());
    reg
}
