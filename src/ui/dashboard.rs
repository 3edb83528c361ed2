//! The dashboard: KPI cards (median first, with p90, mean and n) and the trailing-weeks
//! heatmap. Every number is a memo over a core function.

use super::state::use_state;
use crate::domain::heatmap::{self, Heatmap};
use crate::domain::metrics::{self, Definitions, Metric, Summary};
use crate::domain::model::Incident;
use crate::render::format;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = use_state();
    let defs = Definitions::default();
    let stats = Memo::new(move |_| {
        state.incidents.with(|all| {
            let refs: Vec<&Incident> = all.iter().collect();
            metrics::stats(&refs, &defs)
        })
    });
    let weeks = RwSignal::new(13u32);
    let heat = Memo::new(move |_| {
        let w = weeks.get();
        state.incidents.with(|all| {
            let refs: Vec<&Incident> = all.iter().collect();
            // End on the latest incident's day when the data is older than today.
            let latest = all
                .iter()
                .filter_map(|i| i.anchor())
                .map(|s| s.local_date())
                .max();
            let end = latest
                .filter(|d| *d < state.today - chrono::TimeDelta::weeks(i64::from(w)))
                .unwrap_or(state.today);
            heatmap::layout(&refs, w, end, &defs)
        })
    });
    view! {
        <section class="page" data-testid="page-dashboard">
            <h1>"Dashboard"</h1>
            <Show
                when=move || !state.incidents.with(Vec::is_empty)
                fallback=move || view! { <EmptyDashboard/> }
            >
                <div class="kpis" data-testid="kpis">
                    <CountCard count=Signal::derive(move || stats.with(|s| s.count))/>
                    <KpiCard metric=Metric::Ttd summary=Signal::derive(move || stats.with(|s| s.ttd.clone())) def=defs.ttd.describe()/>
                    <KpiCard metric=Metric::Ttr summary=Signal::derive(move || stats.with(|s| s.ttr.clone())) def=defs.ttr.describe()/>
                </div>
                <HeatmapPanel heat=heat weeks=weeks/>
            </Show>
        </section>
    }
}

#[component]
fn EmptyDashboard() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="empty" data-testid="empty-dashboard">
            {move || if state.loading.get() {
                view! { <p aria-live="polite">"Loading the demo archive…"</p> }.into_any()
            } else {
                view! {
                    <p>"No incidents yet."</p>
                    <p><A href=crate::web::href("/import")>"Import postmortems, status-page exports, CSV or a zip"</A>" to see time to detect, time to resolve and the incident heatmap."</p>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn CountCard(count: Signal<usize>) -> impl IntoView {
    view! {
        <article class="kpi" data-testid="kpi-count">
            <h2>"Incidents"</h2>
            <p class="big">{move || count.get()}</p>
            <p class="sub">"in the current view"</p>
        </article>
    }
}

/// One duration KPI: the median large; p90, mean and n beside it; n/a with the reason when
/// nothing can be computed.
#[component]
pub fn KpiCard(metric: Metric, summary: Signal<Summary>, def: String) -> impl IntoView {
    let key = metric.key();
    view! {
        <article class="kpi" data-testid=format!("kpi-{key}")>
            <h2>{metric.label()}</h2>
            {move || {
                let s = summary.get();
                let excluded: Vec<String> = s.excluded.iter().map(|(k, v)| format!("{v} {k}")).collect();
                if s.n == 0 {
                    view! {
                        <p class="big na" data-testid=format!("kpi-{key}-median")>"n/a"</p>
                        <p class="sub">{format!("no incident has both times ({})", excluded.join(", "))}</p>
                    }.into_any()
                } else {
                    view! {
                        <p class="big" data-testid=format!("kpi-{key}-median") title="median">{format::opt_duration(s.median_secs)}</p>
                        <p class="sub">"median · p90 " {format::opt_duration(s.p90_secs)} " · mean " {format::opt_duration(s.mean_secs)}</p>
                        <p class="sub" data-testid=format!("kpi-{key}-n")>{format!("n = {}", s.n)}
                            {(!excluded.is_empty()).then(|| format!(" · left out: {}", excluded.join(", ")))}
                        </p>
                    }.into_any()
                }
            }}
            <p class="def">{def}</p>
        </article>
    }
}

/// The trailing-weeks heatmap as inline SVG: one focusable box per incident. Coordinates
/// are whole tenths of a pixel (the view box is scaled by 10) so no float formatting is
/// needed in the bundle.
#[component]
fn HeatmapPanel(heat: Memo<Heatmap>, weeks: RwSignal<u32>) -> impl IntoView {
    let navigate = use_navigate();
    const CELL: i64 = 440; // 44 px
    const LEFT: i64 = 420;
    const TOP: i64 = 200;
    let px = |units: f64| (units * CELL as f64).round() as i64;
    view! {
        <section class="panel heatmap" data-testid="heatmap">
            <div class="panel-head">
                <h2>{move || format!("Trailing {} weeks", weeks.get())}</h2>
                <label>"Weeks "
                    <select on:change=move |ev| { if let Ok(w) = event_target_value(&ev).parse() { weeks.set(w) } } prop:value=move || weeks.get().to_string() data-testid="heatmap-weeks">
                        <option value="2">"2"</option>
                        <option value="4">"4"</option>
                        <option value="13">"13"</option>
                        <option value="52">"52"</option>
                    </select>
                </label>
            </div>
            <p class="legend">"Larger boxes are longer, darker boxes are higher-impact. Dashed outlines have no known duration. Select a box (or focus it and press Enter) to open the incident."</p>
            {move || {
                let h = heat.get();
                let width = LEFT + 7 * CELL;
                let height = TOP + i64::from(h.weeks) * CELL;
                let label = format!("{} incidents from {} to {}", h.boxes.len(), h.first_day, h.end);
                let navigate = navigate.clone();
                view! {
                    <svg class="heat" viewBox=format!("0 0 {width} {height}") role="group" aria-label=label width="100%" style=format!("max-width:{}px", width / 10)>
                        {["M", "T", "W", "T", "F", "S", "S"].iter().enumerate().map(|(i, d)| view! {
                            <text x=LEFT + i as i64 * CELL + CELL / 2 y=130 class="wd" text-anchor="middle">{*d}</text>
                        }).collect_view()}
                        {h.cells.iter().map(|c| view! {
                            <rect class=if c.future { "cell future" } else { "cell" } x=LEFT + i64::from(c.col) * CELL + 10 y=TOP + i64::from(c.row) * CELL + 10 width=CELL - 20 height=CELL - 20 rx=30>
                                <title>{format!("{}: {} incidents", c.date, c.count)}</title>
                            </rect>
                        }).collect_view()}
                        {h.cells.iter().filter(|c| c.col == 0).map(|c| view! {
                            <text x=LEFT - 40 y=TOP + i64::from(c.row) * CELL + CELL / 2 + 40 class="wk" text-anchor="end">{short_date(c.date)}</text>
                        }).collect_view()}
                        {h.boxes.iter().map(|b| {
                            let id = b.incident_id.clone();
                            let nav = navigate.clone();
                            let nav2 = navigate.clone();
                            let id2 = id.clone();
                            let known = b.duration_secs.is_some();
                            let tip = format!("{} — {} — {} — severity {}", b.title, b.date, b.duration_secs.map_or_else(|| "duration unknown".into(), |d| format::duration(d as f64)), crate::domain::model::Severity::level_name(b.level));
                            let aria = tip.clone();
                            let side = px(b.side).max(20);
                            view! {
                                <rect class=if known { "box" } else { "box unknown" } data-testid="heat-box" data-id=id.clone()
                                    x=LEFT + px(b.x) y=TOP + px(b.y) width=side height=side rx=15
                                    style=format!("--dark:{}%", (b.darkness * 100.0).round() as i64)
                                    tabindex="0" role="link" aria-label=aria
                                    on:click=move |_| nav(&crate::web::href(&format!("/incidents/{id}")), Default::default())
                                    on:keydown=move |ev| if ev.key() == "Enter" { nav2(&crate::web::href(&format!("/incidents/{id2}")), Default::default()) }>
                                    <title>{tip}</title>
                                </rect>
                            }
                        }).collect_view()}
                    </svg>
                }
            }}
        </section>
    }
}

/// `8 Jul`: without chrono's strftime (bundle size).
fn short_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {}",
        d.day(),
        MONTHS.get(d.month0() as usize).copied().unwrap_or("")
    )
}
