//! The `aftermath` binary against the CLI contract (docs/CLI.md): JSON shape, exit codes,
//! messages a person can act on.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_aftermath"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A fresh temporary `postmortems/` folder holding copies of the given fixtures as `a.md`,
/// `b.md`, …; returns (the temporary root, the folder).
fn posts_dir(tag: &str, fixtures: &[&str]) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("aftermath-{tag}-{}", std::process::id()));
    let posts = dir.join("postmortems");
    std::fs::create_dir_all(&posts).unwrap();
    for (i, f) in fixtures.iter().enumerate() {
        let name = format!("{}.md", char::from(b'a' + i as u8));
        std::fs::copy(f, posts.join(name)).unwrap();
    }
    (dir, posts)
}

#[test]
fn inspect_json_follows_the_contract() {
    let (code, out, _) = run(&[
        "inspect",
        "--json",
        "--reference-date",
        "2026-11-21",
        "tests/fixtures/cstate",
        "tests/fixtures/statuspage/single.json",
    ]);
    assert_eq!(code, 0, "only warnings, nothing rejected");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 9);
    for f in files {
        for key in ["path", "format", "status", "incidents", "messages"] {
            assert!(f.get(key).is_some(), "file row lacks {key}: {f}");
        }
    }
    assert_eq!(
        files[0]["path"], "tests/fixtures/cstate/2021-02-02-naive.md",
        "stable sorted order"
    );
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 9);
    let keys = [
        "id",
        "title",
        "summary",
        "impact",
        "started_at",
        "detected_at",
        "acknowledged_at",
        "mitigated_at",
        "resolved_at",
        "durations",
        "severity",
        "services",
        "tags",
        "timeline",
        "actions",
        "source",
        "warnings",
        "inferred",
        "kind",
    ];
    for inc in incidents {
        for key in keys {
            assert!(inc.get(key).is_some(), "incident lacks {key}");
        }
    }
    let naive = &incidents[0];
    assert_eq!(
        naive["started_at"], "2021-02-02T09:05:00",
        "floating time has no offset"
    );
    assert_eq!(naive["durations"]["ttr_secs"], 5400);
    assert_eq!(naive["durations"]["ttd_secs"], Value::Null);
    assert_eq!(naive["severity"]["level"], 3);
    assert_eq!(naive["severity"]["label"], "disrupted");
    assert_eq!(naive["source"]["format"], "cstate");
    assert_eq!(naive["kind"], "incident");
    // The end read from an update line carries its evidence and is marked inferred.
    let updated = incidents
        .iter()
        .find(|i| i["title"] == "Build jobs not starting")
        .unwrap();
    assert_eq!(updated["resolved_at"], "2025-02-11T21:48:00+00:00");
    assert_eq!(
        updated["evidence"]["resolved_at"],
        "**Update: 21:48** - All services are operating properly again."
    );
    assert_eq!(updated["durations"]["ttr_secs"], 78 * 60);
    assert!(updated["inferred"]
        .as_array()
        .unwrap()
        .contains(&Value::from("resolved_at")));
    let planned = incidents
        .iter()
        .find(|i| i["title"] == "Scheduled database maintenance")
        .unwrap();
    assert_eq!(planned["kind"], "maintenance");
    assert_eq!(
        planned["evidence"]["kind"],
        "Scheduled database maintenance"
    );
}

#[test]
fn stats_leave_maintenance_out_unless_included() {
    let args = [
        "stats",
        "--json",
        "tests/fixtures/cstate/2025-03-01-maintenance.md",
        "tests/fixtures/cstate/2025-02-11-update-end.md",
    ];
    let (code, out, _) = run(&args);
    assert_eq!(code, 0);
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["count"], 2, "count is every incident read");
    assert_eq!(s["ttr"]["n"], 1);
    assert_eq!(s["ttr"]["median_secs"], 78.0 * 60.0);
    assert_eq!(s["ttr"]["excluded"]["maintenance"], 1);
    let mut with = args.to_vec();
    with.insert(1, "--include-maintenance");
    let (_, out, _) = run(&with);
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["ttr"]["n"], 2);
    assert_eq!(s["ttr"]["excluded"].get("maintenance"), None);
    assert_eq!(s["ttr"]["max_secs"], 90 * 60);
}

#[test]
fn inspect_exits_1_when_a_file_is_rejected() {
    let (code, out, _) = run(&[
        "inspect",
        "--json",
        "tests/fixtures/hostile/truncated.json",
        "tests/fixtures/pagerduty/incidents.json",
    ]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["files"][0]["status"], "rejected");
    assert_eq!(doc["files"][1]["status"], "ok");
    assert_eq!(
        doc["incidents"].as_array().map(Vec::len),
        Some(3),
        "the good file still imports"
    );
}

#[test]
fn stats_json_numbers() {
    let (code, out, _) = run(&[
        "stats",
        "--json",
        "tests/fixtures/pagerduty/incidents.json",
        "tests/fixtures/statuspage/incidents.json",
    ]);
    assert_eq!(code, 0);
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["count"], 6);
    // Resolve times: 2700, 7200 (PD), 4320 (Statuspage #1); one open each side; one missing start.
    let ttr = &s["ttr"];
    assert_eq!(ttr["n"], 3);
    assert_eq!(ttr["median_secs"], 4320.0);
    assert_eq!(ttr["p90_secs"], 4320.0 + (7200.0 - 4320.0) * 0.8);
    assert_eq!(ttr["min_secs"], 2700);
    assert_eq!(ttr["max_secs"], 7200);
    assert_eq!(ttr["excluded"]["open"], 2);
    assert_eq!(ttr["excluded"]["missing"], 1);
    assert_eq!(s["ttd"]["n"], 0);
    assert_eq!(s["ttd"]["median_secs"], Value::Null, "n/a, never 0");
    assert_eq!(s["ttd"]["excluded"]["missing"], 6);
    assert_eq!(s["by_severity"]["1"]["count"], 1);
    assert_eq!(s["definitions"]["ttr"], "resolved_at − started_at");
}

#[test]
fn stats_text_puts_median_first() {
    let (_, out, _) = run(&["stats", "tests/fixtures/pagerduty/incidents.json"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("Time to resolve"))
        .unwrap();
    assert!(line.contains("median 1h 22min"), "{line}");
    assert!(line.contains("(n=2; left out: open 1)"), "{line}");
}

#[test]
fn build_archive_writes_and_fails_on_a_broken_post() {
    let (dir, posts) = posts_dir("cli", &["tests/fixtures/cstate/2024-03-05-queue-stall.md"]);
    let out_file = dir.join("archive.json");
    let (code, _, err) = run(&[
        "build-archive",
        posts.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 1 incident to"));
    let archive: Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(archive["aftermath"], 1);

    std::fs::write(posts.join("b.md"), "---\ntitle: broken\ndate: 2024-01-01\n").unwrap();
    let (code, _, err) = run(&[
        "build-archive",
        posts.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("b.md"), "{err}");
    assert!(err.contains("never closed"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    let (code, _, err) = run(&["inspect"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("needs at least one PATH") && err.contains("--help"),
        "{err}"
    );
    let (code, _, err) = run(&["frobnicate", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"));
    let (code, _, err) = run(&["inspect", "--reference-date", "21/11/2026", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"));
    let (code, out, _) = run(&["stats", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("p90"));
}

#[test]
fn missing_path_is_a_rejected_row_not_a_crash() {
    let (code, out, _) = run(&["inspect", "--json", "no/such/file.md"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert!(doc["files"][0]["messages"][0]
        .as_str()
        .unwrap()
        .starts_with("cannot read"));
}

#[test]
fn build_archive_writes_an_atom_feed_and_names_the_broken_line() {
    let (dir, posts) = posts_dir(
        "feed",
        &[
            "tests/fixtures/cstate/2024-03-05-queue-stall.md",
            "tests/fixtures/frontmatter/hugo-cache.md",
        ],
    );
    let (archive, feed) = (dir.join("archive.json"), dir.join("feed.xml"));
    let (code, _, err) = run(&[
        "build-archive",
        posts.to_str().unwrap(),
        "-o",
        archive.to_str().unwrap(),
        "--title",
        "Example postmortems",
        "--feed",
        feed.to_str().unwrap(),
        "--site-url",
        "https://example.org/pm",
    ]);
    assert_eq!(code, 0, "{err}");
    let xml = std::fs::read_to_string(&feed).unwrap();
    assert_eq!(xml.matches("<entry>").count(), 2);
    assert!(xml.contains("<title>Example postmortems</title>"));
    let newest = xml.find("Build queue stalled").unwrap();
    assert!(
        newest < xml.find("Cache cluster eviction storm").unwrap(),
        "newest first"
    );
    assert!(xml.contains("<link href=\"https://example.org/pm/incidents/"));
    assert!(xml.contains("<updated>2024-03-05T11:40:00+01:00</updated>"));

    std::fs::write(
        posts.join("c.md"),
        "---\ntitle: ok\nseverity: [unclosed\n---\nbody\n",
    )
    .unwrap();
    let (code, _, err) = run(&[
        "build-archive",
        posts.to_str().unwrap(),
        "-o",
        archive.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let line = err
        .lines()
        .skip_while(|l| !l.contains("c.md"))
        .nth(1)
        .unwrap_or_default();
    assert!(
        line.contains("YAML front matter") && line.contains("line 3"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "build-archive",
        posts.to_str().unwrap(),
        "-o",
        archive.to_str().unwrap(),
        "--feed",
        "x.xml",
    ]);
    assert_eq!(code, 2, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_over_the_cap_is_refused_from_its_size_and_the_others_are_read() {
    let dir = std::env::temp_dir().join(format!("aftermath-cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A sparse file: 1 GB and a byte, costing no disk and never read.
    let big = dir.join("huge.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1024 * 1024 * 1024 + 1)
        .unwrap();
    std::fs::copy(
        "tests/fixtures/cstate/2024-03-05-queue-stall.md",
        dir.join("ok.md"),
    )
    .unwrap();
    let (code, out, _) = run(&["inspect", "--json", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["status"], "rejected");
    assert_eq!(
        files[0]["messages"][0],
        "file is 1024 MB, larger than the 1024 MB a single file may be"
    );
    assert_eq!(files[0]["reason"], "too large");
    assert_eq!(files[1]["status"], "ok");
    // Read, it would have been refused as binary (a sparse file is all NUL bytes): the size
    // alone refused it.
    assert_eq!(doc["incidents"].as_array().unwrap().len(), 1);
}

/// A folder standing for the prebuilt app: an `index.html` like Trunk writes (the run-time
/// base script, an asset link held in `data-href`).
fn fake_app(dir: &std::path::Path) -> std::path::PathBuf {
    let app = dir.join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(
        app.join("index.html"),
        r#"<!doctype html><html lang=en><meta charset=utf-8><meta content="Aftermath" name=description><title>Aftermath</title><link data-href=./app.css rel=stylesheet><script id=aftermath-base>(function(){})();</script><script type=module>import init from './app.js';</script></head><body><noscript>Needs JavaScript.</noscript></body></html>"#,
    )
    .unwrap();
    std::fs::write(app.join("app.css"), "body{}").unwrap();
    app
}

#[test]
fn publish_writes_a_static_site_and_refuses_wrong_data_unless_allowed() {
    let (dir, posts) = posts_dir(
        "publish",
        &[
            "tests/fixtures/cstate/2024-03-05-queue-stall.md",
            "tests/fixtures/frontmatter/hugo-cache.md",
        ],
    );
    let app = fake_app(&dir);
    let site = dir.join("site");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "publish",
            posts.to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
            "--app",
            app.to_str().unwrap(),
            "--title",
            "Status",
            "--site-url",
            "https://example.org/status/",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run_with = |a: Vec<String>| run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let (code, _, err) = run_with(args(&[]));
    assert_eq!(code, 0, "{err}");
    let archive: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("archive.json")).unwrap()).unwrap();
    let ids: Vec<String> = archive["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    for id in &ids {
        let page =
            std::fs::read_to_string(site.join("incidents").join(id).join("index.html")).unwrap();
        assert!(page.contains(r#"<base href="../../">"#), "{page}");
        assert!(page.contains(r#"<div id="static">"#));
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains(r#"<meta name="aftermath-archive" content="archive.bin">"#));
    // The app opens the binary form of the same incidents.
    let bin = std::fs::read(site.join("archive.bin")).unwrap();
    let opened = aftermath::domain::codec::decode(&bin).unwrap();
    let opened_ids: Vec<&str> = opened.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(opened_ids, ids);
    assert!(opened.files.is_empty());
    assert!(
        site.join("404.html").exists()
            && site.join("feed.xml").exists()
            && site.join("app.css").exists()
    );
    assert!(site.join("archive").join("index.html").exists());

    // A post whose date cannot be read: nothing is published, and CI sees file, line, field.
    std::fs::write(
        posts.join("c.md"),
        "---\ntitle: GitHub outage\ndate: 2024-08-13T015:00:00+02:00\nresolvedWhen: 2024-08-13T16:00:00+02:00\nresolved: true\nseverity: disrupted\nsection: issue\n---\nDown.\n",
    )
    .unwrap();
    std::fs::remove_dir_all(&site).unwrap();
    let (code, _, err) = run_with(args(&[]));
    assert_eq!(code, 1);
    let c = posts.join("c.md").display().to_string();
    assert!(
        err.contains(&format!(
            "{c}:3: date: `2024-08-13T015:00:00+02:00` is not a valid date/time"
        )),
        "{err}"
    );
    assert!(
        err.contains("nothing published: 2 problems would publish wrong data"),
        "{err}"
    );
    assert!(!site.exists(), "nothing written");
    let (code, _, err) = run_with(args(&["--allow-warnings"]));
    assert_eq!(code, 0, "{err}");
    assert!(site.join("archive.json").exists());

    // build-archive is strict the same way (the archive is still written).
    let out_file = dir.join("strict.json");
    let (code, _, err) = run(&[
        "build-archive",
        posts.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(out_file.exists());
    let (code, _, _) = run(&[
        "build-archive",
        posts.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
        "--allow-warnings",
    ]);
    assert_eq!(code, 0);

    // No app: a clear error.
    let (code, _, err) = run(&[
        "publish",
        posts.to_str().unwrap(),
        "-o",
        dir.join("x").to_str().unwrap(),
        "--app",
        dir.join("nothing").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("its index.html is missing"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn publish_never_writes_into_the_app_and_republishing_removes_pages_of_removed_posts() {
    let (dir, posts) = posts_dir(
        "republish",
        &[
            "tests/fixtures/cstate/2024-03-05-queue-stall.md",
            "tests/fixtures/frontmatter/hugo-cache.md",
        ],
    );
    let app = fake_app(&dir);
    let publish = |out: &str, extra: &[&str]| {
        let mut args = vec!["publish", posts.to_str().unwrap(), "-o", out];
        args.extend_from_slice(&["--app", app.to_str().unwrap()]);
        args.extend_from_slice(extra);
        run(&args)
    };
    // The app's folder under another name (a link to it), or a folder inside it: refused,
    // and the app's files are untouched.
    let link = dir.join("app-link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&app, &link).unwrap();
    let inside = app.join("site");
    // Through a folder that does not exist: `missing/../app` is the app too.
    let around = dir.join("missing").join("..").join("app");
    for out in [
        link.to_str().unwrap(),
        inside.to_str().unwrap(),
        around.to_str().unwrap(),
    ] {
        let (code, _, err) = publish(out, &[]);
        assert_eq!(code, 1, "{out}: {err}");
        assert!(err.contains("must be different folders"), "{err}");
    }
    assert_eq!(
        std::fs::read_to_string(app.join("app.css")).unwrap(),
        "body{}"
    );
    assert!(!inside.exists());

    // Published twice, the second time without one post and without a site address: its
    // page and the old feed go; a file of the publisher's own stays.
    let site = dir.join("site");
    let (code, _, err) = publish(
        site.to_str().unwrap(),
        &["--site-url", "https://example.org/"],
    );
    assert_eq!(code, 0, "{err}");
    let pages = |site: &std::path::Path| {
        let mut ids: Vec<String> = std::fs::read_dir(site.join("incidents"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(pages(&site).len(), 2);
    assert!(site.join("feed.xml").exists());
    std::fs::write(site.join("incidents").join("CNAME-note.txt"), "mine").unwrap();
    std::fs::remove_file(posts.join("b.md")).unwrap();
    let (code, _, err) = publish(site.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("removed 1 earlier page of incidents no longer published"),
        "{err}"
    );
    let left = pages(&site);
    assert_eq!(
        left.len(),
        2,
        "one page and the publisher's own file: {left:?}"
    );
    assert!(left.contains(&"CNAME-note.txt".to_string()));
    assert!(
        !site.join("feed.xml").exists(),
        "no site address now: no feed"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
