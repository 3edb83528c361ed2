//! Prints what the dashboard computes for an archive and a view, as JSON: the e2e tests compare
//! the drawn heatmap boxes and the KPI numbers with it.
//!
//! `cargo run --example layout -- ARCHIVE.json YYYY-MM-DD [QUERY]`, where QUERY is the page's
//! URL query without `?` (e.g. `sev=1&weeks=4`) and the date is the browser's "today".

use aftermath::domain::{dashboard, import::read_archive, view::View};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(today)) = (args.first(), args.get(1)) else {
        eprintln!("usage: layout ARCHIVE.json YYYY-MM-DD [QUERY]");
        std::process::exit(2);
    };
    let run = || -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let archive = read_archive(&bytes)?;
        let today = today.parse().map_err(|e| format!("{today}: {e}"))?;
        let query = args.get(2).map(String::as_str).unwrap_or("");
        let view = View::from_pairs(query.split('&').filter_map(|kv| kv.split_once('=')));
        let base = dashboard::prepare(&archive.incidents, &view);
        let d = dashboard::compute(&archive.incidents, &base, &view, today);
        let out = serde_json::json!({
            "count": d.stats.count,
            "ttr": d.stats.ttr,
            "ttd": d.stats.ttd,
            "heatmap": d.heatmap,
            // As drawn: view-box rectangles and the hover/focus text of each box.
            "rects": d.heatmap.boxes.iter().map(aftermath::render::heatmap::box_rect).collect::<Vec<_>>(),
            "labels": d.heatmap.boxes.iter().map(aftermath::render::heatmap::label).collect::<Vec<_>>(),
            "trend_bars": d.trend.bars.len(),
            // Top services as the panel lists them (name, count), and the strip plot's size
            // and rows (level, n).
            "services": d.services.iter().take(8).map(|r| (r.service.clone(), r.count)).collect::<Vec<_>>(),
            "distribution": {
                "height": d.distribution.height,
                "rows": d.distribution.rows.iter().map(|r| (r.level, r.summary.n)).collect::<Vec<_>>(),
            },
        });
        serde_json::to_string(&out).map_err(|e| e.to_string())
    };
    match run() {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("layout: {e}");
            std::process::exit(1);
        }
    }
}
