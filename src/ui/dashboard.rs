//! The dashboard: KPI cards (median first, with p90, mean and n, and what was left out), the
//! severity trend, the duration distribution, the trailing-weeks heatmap and top services.
//! One memo selects the view's incidents (`domain::dashboard::select`); each panel computes its
//! part from that selection (`domain::dashboard`'s part functions), at once while it is on
//! screen and just after the frame otherwise (`super::panel`).

use super::filters::{use_controls, use_selection, use_set_view, use_view, FilterBar};
use super::panel::{use_part, watch};
use super::state::use_state;
use crate::domain::charts::{level_label, StripPlot, TrendChart};
use crate::domain::dashboard::{self, LeftOut};
use crate::domain::heatmap::Heatmap;
use crate::domain::metrics::{self, Metric, Period, Prepared, ServiceRow, Summary};
use crate::domain::model::{Level, Milestone};
use crate::domain::view::{View, WEEK_CHOICES};
use crate::render;
use crate::render::export::Caption;
use crate::render::format::{self, plural};
use crate::render::html::Rows;
use crate::render::strip::{self, Palette};
use leptos::html::{Canvas, Div, Section};
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = use_state();
    let view = use_view();
    let selection = use_selection(view);
    let heat_on = RwSignal::new(true);
    let window = Memo::new(move |_| view.with(|v| (v.weeks, v.end)));
    let (heat, heat_waiting) = use_part(selection, heat_on, move |s| {
        let (weeks, end) = window.get();
        state
            .incidents
            .with(|all| dashboard::heatmap(all, s, weeks, end, state.today))
    });
    view! {
        <section class="page" data-testid="page-dashboard">
            <super::Meta title="Dashboard" description="Time to detect and resolve with median, p90 and n; severity trends, duration distribution and the trailing-weeks incident heatmap."/>
            <h1>"Dashboard"</h1>
            <Show
                when=move || !state.incidents.with(|all| all.is_empty())
                fallback=move || view! { <EmptyDashboard/> }
            >
                <FilterBar page="/"/>
                <Kpis selection=selection view=view/>
                <TrendPanel selection=selection view=view/>
                <DistributionPanel selection=selection view=view/>
                <HeatmapPanel heat=heat view=view on_screen=heat_on waiting=heat_waiting/>
                <AvailabilityPanel selection=selection view=view/>
                <WhenPanel selection=selection view=view/>
                <ServicesPanel selection=selection view=view/>
                <ExportPanel selection=selection view=view/>
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
                view! { <p aria-live="polite">"Loading the archive…"</p> }.into_any()
            } else {
                view! {
                    <p>"No incidents yet."</p>
                    <p><a href=crate::web::href("/import")>"Import postmortems, status-page exports, CSV or a zip"</a>" to see time to detect, time to resolve and the incident heatmap."</p>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn Kpis(selection: Memo<Prepared>, view: Memo<View>) -> impl IntoView {
    let state = use_state();
    let node = NodeRef::<Div>::new();
    let on_screen = RwSignal::new(true);
    watch(node, on_screen);
    let (stats, waiting) = use_part(selection, on_screen, metrics::headline_of);
    let planned = Memo::new(move |_| {
        state.incidents.with(|all| {
            all.iter()
                .filter(|i| i.kind != crate::domain::model::Kind::Incident)
                .count()
        })
    });
    let filtered = Memo::new(move |_| view.with(View::is_filtered));
    // The definitions' controls as markup, rebuilt when the data changes (`use_controls`).
    let defs = NodeRef::<Div>::new();
    let defs_markup =
        Memo::new(move |_| render::html::definition_controls(&view.get_untracked(), planned.get()));
    let on_def = use_controls(defs, defs_markup, "/");
    // Read only while a "left out" list is open.
    let left_out = Memo::new(move |_| {
        selection.with(|s| state.incidents.with(|all| dashboard::left_out(all, s)))
    });
    let card = move |metric: Metric| {
        let summary = Memo::new(move |_| stats.with(|s| s.summary(metric).clone()));
        let def = Memo::new(move |_| {
            stats.with(|s| s.definitions.get(metric.key()).cloned().unwrap_or_default())
        });
        let left = Signal::derive(move || {
            left_out.with(|all| {
                all.iter()
                    .find(|(m, _)| *m == metric)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default()
            })
        });
        view! { <KpiCard metric=metric summary=summary def=def left_out=left/> }
    };
    // Acknowledge and mitigate only when the data has them.
    let has = move |m: Metric| stats.with(|s| s.summary(m).n > 0);
    view! {
        <div class="definitions" node_ref=defs on:change=move |ev| on_def(&ev)
            inner_html=move || defs_markup.get()></div>
        <div class="kpis" data-testid="kpis" node_ref=node aria-busy=move || busy(waiting)>
            <article class="kpi" data-testid="kpi-count">
                <h2>"Incidents"</h2>
                <p class="big">{move || stats.with(|s| s.count)}</p>
                <p class="sub">{move || if filtered.get() { "matching the filters" } else { "in the data" }}</p>
            </article>
            {card(Metric::Ttd)}
            {card(Metric::Ttr)}
            <Show when=move || has(Metric::Tta)>{card(Metric::Tta)}</Show>
            <Show when=move || has(Metric::Ttm)>{card(Metric::Ttm)}</Show>
        </div>
    }
}

/// One duration KPI: the median large; p90, mean and n beside it; n/a with the reason when
/// nothing can be computed; the incidents left out one click away. A filter change updates its
/// texts in place.
#[component]
pub fn KpiCard(
    metric: Metric,
    #[prop(into)] summary: Signal<Summary>,
    #[prop(into)] def: Signal<String>,
    #[prop(optional, into)] left_out: Signal<Vec<LeftOut>>,
) -> impl IntoView {
    let key = metric.key();
    let reasons = Memo::new(move |_| summary.with(render::html::exclusions));
    let total = Memo::new(move |_| summary.with(|s| s.excluded.values().sum::<usize>()));
    // The figures as one string: a filter change rewrites them in place.
    let figures = Memo::new(move |_| summary.with(|s| render::html::kpi_figures(key, s)));
    view! {
        <article class="kpi" data-testid=format!("kpi-{key}")>
            <h2>{metric.label()}</h2>
            <div class="ctl" inner_html=move || figures.get()></div>
            <Show when=move || { total.get() > 0 }>
                {
                    // The list is built only while open (not on every filter change).
                    let open = RwSignal::new(false);
                    view! {
                        <details class="left-out" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                            <summary data-testid=format!("kpi-{key}-left-out")>{move || format!("left out: {}", reasons.get())}</summary>
                            <ul inner_html=move || open.get().then(|| left_out.with(|list| {
                                let more = total.get_untracked().saturating_sub(list.len());
                                let mut items = Rows::default();
                                for l in list {
                                    items.item().anchor(&crate::web::href(&crate::domain::route::incident_path(&l.id)), &l.title).text(" — ").text(l.reason);
                                }
                                if more > 0 {
                                    items.item().text(&format!("…and {more} more"));
                                }
                                items.finish()
                            }))></ul>
                        </details>
                    }
                }
            </Show>
            <p class="def">{move || def.get()}</p>
        </article>
    }
}

/// `aria-busy` for a panel that waits to be recomputed (no attribute otherwise).
fn busy(waiting: impl Get<Value = bool>) -> Option<&'static str> {
    waiting.get().then_some("true")
}

/// Download buttons for one chart.
#[component]
fn ChartExport(
    name: &'static str,
    #[prop(into)] png: Callback<()>,
    #[prop(into)] svg: Callback<()>,
) -> impl IntoView {
    view! {
        <span class="exports">
            <button type="button" class="small" on:click=move |_| png.run(()) aria-label=format!("Download the {name} chart as PNG")>"PNG"</button>
            <button type="button" class="small" on:click=move |_| svg.run(()) aria-label=format!("Download the {name} chart as SVG")>"SVG"</button>
        </span>
    }
}

/// One menu of the view written as markup (`render::html::select_control`), followed and kept
/// showing the view by `filters::use_controls`; `options` as (value, label).
#[component]
fn ViewSelect(
    label: &'static str,
    test_id: &'static str,
    key: &'static str,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let view = use_view();
    let node = NodeRef::<leptos::html::Span>::new();
    let markup = Memo::new(move |_| {
        let options: Vec<(&str, &str)> = options
            .iter()
            .map(|(v, l)| (v.as_str(), l.as_str()))
            .collect();
        render::html::select_control(
            label,
            test_id,
            key,
            &options,
            &view.get_untracked().control(key),
        )
    });
    let on_change = use_controls(node, markup, "/");
    view! { <span class="ctl" node_ref=node on:change=move |ev| on_change(&ev) inner_html=move || markup.get()></span> }
}

/// Whole hours as menu options: value `9`, label `09:00`.
fn clock(hours: std::ops::Range<u32>) -> Vec<(String, String)> {
    hours
        .map(|h| (h.to_string(), format!("{h:02}:00")))
        .collect()
}

fn report_error(r: Result<(), String>) {
    if let Err(e) = r {
        use_state()
            .error
            .set(Some(format!("The chart could not be exported: {e}")));
    }
}

fn svg_chart_exports(
    selector: &'static str,
    file: &'static str,
    caption: impl Fn() -> Caption + Copy + Send + Sync + 'static,
) -> (Callback<()>, Callback<()>) {
    let state = use_state();
    let png = Callback::new(move |_| {
        let c = caption();
        leptos::task::spawn_local(async move {
            if let Err(e) =
                crate::web::files::download_chart_png(selector, &format!("{file}.png"), &c).await
            {
                state
                    .error
                    .set(Some(format!("The chart could not be exported: {e}")));
            }
        })
    });
    let svg = Callback::new(move |_| {
        report_error(crate::web::files::download_chart_svg(
            selector,
            &format!("{file}.svg"),
            &caption(),
        ))
    });
    (png, svg)
}

/// The severity legend of an exported chart, in the page's colours.
fn severity_legend() -> Vec<(String, String)> {
    [1u8, 2, 3, 4, 0]
        .into_iter()
        .map(|l| {
            (
                level_label(l).to_string(),
                crate::web::files::level_colour(l),
            )
        })
        .collect()
}

#[component]
fn TrendPanel(selection: Memo<Prepared>, view: Memo<View>) -> impl IntoView {
    let node = NodeRef::<Section>::new();
    let on_screen = RwSignal::new(true);
    watch(node, on_screen);
    let period = Memo::new(move |_| view.with(|v| v.period));
    let (trend, waiting) = use_part(selection, on_screen, move |s| {
        dashboard::trend(s, period.get())
    });
    let axis = Memo::new(move |_| trend.with(render::trend::axis_markup));
    let labels = Memo::new(move |_| trend.with(render::trend::labels_markup));
    let table_open = RwSignal::new(false);
    let (png, svg) = svg_chart_exports("#trend-chart", "severity-trend", move || Caption {
        title: format!(
            "Incidents by severity, per {}",
            period.get_untracked().name()
        ),
        subtitle: render::export::view_summary(
            &view.get_untracked(),
            selection.with_untracked(Prepared::len),
        ),
        legend: severity_legend(),
        note: Some("Ticks mark each period's previous total.".into()),
    });
    let period_name = move || period.get().name();
    view! {
        <section class="panel" data-testid="trend" node_ref=node aria-busy=move || busy(waiting)>
            <div class="panel-head">
                <h2>"Incidents by severity"</h2>
                <ViewSelect label="Per" test_id="trend-period" key="period"
                    options=[Period::Week, Period::Month, Period::Quarter].map(|p| (p.name().to_string(), p.name().to_string())).to_vec()/>
                <ChartExport name="severity trend" png=png svg=svg/>
            </div>
            <SeverityLegend/>
            // Three parts, each redrawn only when it changes: a filter change that keeps the
            // periods and the axis redraws the bars alone.
            <svg id="trend-chart" class="chart" role="img" data-testid="trend-chart"
                viewBox=move || trend.with(|t| format!("0 0 {} {}", t.width, t.height))
                aria-label=move || trend.with(trend_description)>
                <g inner_html=axis></g>
                <g inner_html=move || trend.with(render::trend::bars_markup)></g>
                <g inner_html=labels></g>
            </svg>
            <p class="note" data-testid="trend-note">{move || trend.with(|t| {
                let unit = period_name();
                let shown = if t.skipped > 0 {
                    format!(" The chart shows the latest {} {unit}s; the {} before are in the table.", t.bars.len(), t.skipped)
                } else {
                    String::new()
                };
                match (t.last, &t.last_labels) {
                    (Some((cur, prev)), Some((cur_label, prev_label))) => {
                        let delta = cur as i64 - prev as i64;
                        let change = match delta { 0 => "the same as".to_string(), d if d > 0 => format!("{d} more than"), d => format!("{} fewer than", -d) };
                        let caution = if t.too_small { " Too few incidents to read a trend." } else { "" };
                        format!("Last {unit} with incidents, {cur_label}: {}, {change} {prev_label} ({prev}).{caution} Ticks mark each period's previous total.{shown}", plural(cur, "incident"))
                    }
                    _ => format!("Not enough periods to compare.{shown}"),
                }
            })}</p>
            // The table is built only while open (not on every filter change).
            <details on:toggle=move |ev| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>"Table"</summary>
                <div class="table-wrap"><table>
                    <thead><tr><th scope="col">"Period"</th>{Level::ALL.map(|l| view! { <th scope="col">{l.label()}</th> })}<th scope="col">"Unknown"</th><th scope="col">"Total"</th></tr></thead>
                    <tbody inner_html=move || table_open.get().then(|| trend.with(|t| {
                        let mut rows = Rows::default();
                        for (label, by, total) in &t.table {
                            rows.row().cell(label);
                            for l in [1, 2, 3, 4, 0] {
                                rows.count(by.get(l).copied().unwrap_or(0) as u64);
                            }
                            rows.count(*total as u64);
                        }
                        rows.finish()
                    }))></tbody>
                </table></div>
            </details>
        </section>
    }
}

#[component]
pub fn SeverityLegend() -> impl IntoView {
    view! {
        <p class="sev-legend" aria-hidden="true"
            inner_html=render::html::swatches([1u8, 2, 3, 4, 0].map(|l| (format!("lv{l}"), level_label(l))))>
        </p>
    }
}

fn trend_description(t: &TrendChart) -> String {
    format!(
        "Stacked bars of incidents per period by severity, {} periods, at most {} incidents in one period",
        t.bars.len(),
        t.max
    )
}

/// The trend chart as one static SVG (the printable report).
pub fn trend_svg(t: &TrendChart) -> impl IntoView {
    view! {
        <svg id="trend-chart" class="chart" viewBox=format!("0 0 {} {}", t.width, t.height) role="img" aria-label=trend_description(t) data-testid="trend-chart"
            inner_html=render::trend::markup(t)>
        </svg>
    }
}

/// The strip plot's colours for the page's current theme.
fn palette() -> Palette {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    if dark {
        Palette::DARK
    } else {
        Palette::LIGHT
    }
}

#[component]
fn DistributionPanel(selection: Memo<Prepared>, view: Memo<View>) -> impl IntoView {
    let node = NodeRef::<Section>::new();
    let on_screen = RwSignal::new(true);
    watch(node, on_screen);
    let (plot, waiting) = use_part(selection, on_screen, dashboard::distribution);
    let canvas = NodeRef::<Canvas>::new();
    // Drawn after every change while near the screen, at its pixel density; far from it, when
    // it comes near (a canvas drawn off screen costs the next frame that shows anything).
    let near = RwSignal::new(true);
    super::panel::watch_near(node, near, "0px 0px 200px 0px");
    Effect::new(move |_| {
        if !near.get() {
            return;
        }
        plot.with(|p| {
            if let Some(c) = canvas.get() {
                crate::web::canvas::draw_strip(&c, p, &palette());
            }
        });
    });
    let caption = move || {
        Caption {
        title: "Time to resolve by severity".into(),
        subtitle: render::export::view_summary(
            &view.get_untracked(),
            selection.with_untracked(Prepared::len),
        ),
        legend: severity_legend(),
        note: Some(
            "One dot per incident on a log scale; the thick line is the median, the thin one p90 (from ten incidents up)."
                .into(),
        ),
    }
    };
    let state = use_state();
    let png = Callback::new(move |_| {
        let (text, w, h) = plot.with_untracked(|p| {
            (
                strip::strip_svg(p, &palette()),
                p.width as f64,
                p.height as f64,
            )
        });
        let c = caption();
        leptos::task::spawn_local(async move {
            if let Err(e) = crate::web::files::download_svg_text_png(
                &text,
                w,
                h,
                "duration-distribution.png",
                &c,
            )
            .await
            {
                state
                    .error
                    .set(Some(format!("The chart could not be exported: {e}")));
            }
        });
    });
    let svg = Callback::new(move |_| {
        let (text, w, h) = plot.with_untracked(|p| {
            (
                strip::strip_svg(p, &palette()),
                p.width as f64,
                p.height as f64,
            )
        });
        report_error(crate::web::files::download_svg_text(
            &text,
            w,
            h,
            "duration-distribution.svg",
            &caption(),
        ));
    });
    view! {
        <section class="panel" data-testid="distribution" node_ref=node aria-busy=move || busy(waiting)>
            <div class="panel-head">
                <h2>"Time to resolve by severity"</h2>
                <ChartExport name="duration distribution" png=png svg=svg/>
            </div>
            <p class="legend">"One dot per incident on a log scale; the thick line is the median, the thin one p90 (from ten incidents up)."</p>
            <Show when=move || plot.with(|p| !p.rows.is_empty()) fallback=|| view! { <p class="na">"n/a — no incident in this view has a time to resolve."</p> }>
                <canvas node_ref=canvas class="chart" data-testid="distribution-canvas" role="img"
                    aria-label=move || plot.with(strip_description)
                    style=move || plot.with(|p| format!("aspect-ratio:{}/{}", p.width, p.height))></canvas>
            </Show>
            <div class="table-wrap"><table class="fixed" data-testid="distribution-table">
                <colgroup><col style="width:24%"/><col style="width:12%"/><col style="width:22%"/><col style="width:20%"/><col style="width:22%"/></colgroup>
                <thead><tr><th scope="col">"Severity"</th><th scope="col">"n"</th><th scope="col">"Median"</th><th scope="col">"p90"</th><th scope="col">"Longest"</th></tr></thead>
                <tbody inner_html=move || plot.with(|p| {
                    let mut rows = Rows::default();
                    for r in &p.rows {
                        rows.row().cell(level_label(r.level)).count(r.summary.n as u64)
                            .cell(&format::opt_duration(r.summary.median_secs)).cell(&format::p90(&r.summary))
                            .cell(&format::opt_duration(r.summary.max_secs.map(|v| v as f64)));
                    }
                    rows.finish()
                })></tbody>
            </table></div>
        </section>
    }
}

fn strip_description(p: &StripPlot) -> String {
    let rows: Vec<String> = p
        .rows
        .iter()
        .map(|r| {
            format!(
                "{}: n {}, median {}",
                level_label(r.level),
                r.summary.n,
                format::opt_duration(r.summary.median_secs)
            )
        })
        .collect();
    format!(
        "Time to resolve per severity, log scale. {}",
        rows.join("; ")
    )
}

/// The trailing-weeks heatmap as inline SVG (markup from `render::heatmap`: a few paths, not
/// one element per incident, so 10k incidents stay cheap). Pointer: hover shows the incident,
/// click opens it. Keyboard: the heatmap takes focus; arrow keys move between incidents (↑ ↓ by
/// week), Enter opens, Escape clears; the selected incident is announced in a live region.
#[component]
pub fn HeatmapPanel(
    #[prop(into)] heat: Signal<Heatmap>,
    view: Memo<View>,
    /// Set while the panel is on screen (when `heat` waits for it: see `super::panel`).
    #[prop(optional)]
    on_screen: Option<RwSignal<bool>>,
    /// True while `heat` waits for the panel to come on screen.
    #[prop(optional, into)]
    waiting: Option<Signal<bool>>,
) -> impl IntoView {
    use render::heatmap::{box_rect, boxes_markup, grid_markup, hit, label, size, step, Move};
    let set = use_set_view("/");
    let (png, svg) = svg_chart_exports("#heatmap-chart", "incident-heatmap", move || {
        let (weeks, first, end) = heat.with_untracked(|h| (h.weeks, h.first_day, h.end));
        Caption {
            title: format!("Incidents, trailing {weeks} weeks: {} – {}", format::day(first), format::day(end)),
            subtitle: render::export::view_summary(&view.get_untracked(), heat.with_untracked(|h| h.boxes.len())),
            legend: Vec::new(),
            note: Some("One box per incident on its start day: larger boxes are longer, darker boxes are higher-impact; dashed outlines have no known duration.".into()),
        }
    });
    let active = RwSignal::new(None::<usize>);
    let weeks = Memo::new(move |_| view.with(|v| v.weeks));
    let hover = RwSignal::new(None::<usize>);
    // The grid (day cells and week labels) as markup, kept as a string: a filter change that
    // leaves the window alone rebuilds the same string, and the page is not touched.
    let grid = Memo::new(move |_| heat.with(grid_markup));
    // A new layout: the old indices mean nothing.
    Effect::new(move |_| {
        heat.track();
        active.set(None);
        hover.set(None);
    });
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let node = NodeRef::<Section>::new();
    if let Some(on_screen) = on_screen {
        watch(node, on_screen);
    }
    // Client pixels to view-box units, and back (the SVG scales with the page).
    let scale = move || {
        let el = svg_ref.get_untracked()?;
        let r = el.get_bounding_client_rect();
        let (w, _) = heat.with_untracked(size);
        let width = r.width();
        (width > 0.0).then(|| (r, w as f64 / width))
    };
    let box_at = move |cx: i32, cy: i32| {
        let (r, k) = scale()?;
        let (x, y) = (
            ((f64::from(cx) - r.left()) * k) as i64,
            ((f64::from(cy) - r.top()) * k) as i64,
        );
        heat.with_untracked(|h| hit(h, x, y))
    };
    let open = move |i: usize| {
        if let Some(id) = heat.with_untracked(|h| h.boxes.get(i).map(|b| b.incident_id.clone())) {
            crate::web::route::navigate(
                &crate::web::href(&crate::domain::route::incident_path(&id)),
                false,
                true,
            );
        }
    };
    let shown = move || hover.get().or(active.get());
    // The tooltip: the shown box's label, under it, or above it in the heatmap's lower half
    // (the panel clips what overflows it).
    let tip = move || {
        let i = shown()?;
        let (text, (x, y, side)) =
            heat.with(|h| h.boxes.get(i).map(|b| (label(b), box_rect(b))))?;
        let (r, k) = scale()?;
        let panel = svg_ref
            .get_untracked()?
            .closest(".heatmap")
            .ok()
            .flatten()?
            .get_bounding_client_rect();
        let left = (r.left() - panel.left() + x as f64 / k)
            .min(panel.width() - 250.0)
            .max(0.0);
        let (_, height) = heat.with(size);
        let above = y * 2 > height;
        let top = if above {
            r.top() - panel.top() + y as f64 / k - 6.0
        } else {
            r.top() - panel.top() + (y + side) as f64 / k + 6.0
        };
        Some((text, left as i64, top as i64, above))
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if let Some(mv) = Move::from_key(&key) {
            ev.prevent_default();
            hover.set(None);
            active.set(heat.with_untracked(|h| step(h, active.get_untracked(), mv)));
        } else if key == "Enter" {
            if let Some(i) = active.get_untracked() {
                open(i);
            }
        } else if key == "Escape" {
            active.set(None);
        }
    };
    view! {
        <section class="panel heatmap" data-testid="heatmap" node_ref=node
            aria-busy=move || waiting.and_then(busy)>
            <div class="panel-head">
                <h2>{move || format!("Trailing {} weeks", weeks.get())}<span class="print-only">{move || heat.with(|h| format!(" to {}", format::day(h.end)))}</span></h2>
                <span class="controls">
                    <ViewSelect label="Weeks" test_id="heatmap-weeks" key="weeks"
                        options=WEEK_CHOICES.map(|w| (w.to_string(), w.to_string())).to_vec()/>
                    " "
                    <label>"ending "
                        <input type="date" data-testid="heatmap-end" prop:value=move || heat.with(|h| h.end.to_string())
                            on:change=move |ev| { let mut v = view.get_untracked(); v.end = crate::domain::dates::parse_day(&event_target_value(&ev)); set(v, false) }/>
                    </label>
                </span>
                <ChartExport name="heatmap" png=png svg=svg/>
            </div>
            <p class="legend">"Larger boxes are longer, darker boxes are higher-impact (in the dark theme: brighter). Dashed outlines have no known duration."<span class="no-print">" Point at a box, or focus the heatmap and use the arrow keys (↑ ↓ move by week), to see the incident; click or press Enter to open it."</span></p>
            <svg node_ref=svg_ref id="heatmap-chart" class="heat" data-testid="heatmap-chart" tabindex="0" role="application"
                aria-roledescription="incident heatmap" aria-describedby="heat-live"
                viewBox=move || heat.with(|h| { let (w, ht) = size(h); format!("0 0 {w} {ht}") })
                style=move || heat.with(|h| format!("max-width:{}px", size(h).0 / 10))
                aria-label=move || heat.with(|h| format!("{} from {} to {}. Arrow keys move between incidents, Enter opens one.", plural(h.boxes.len(), "incident"), format::day(h.first_day), format::day(h.end)))
                on:mousemove=move |ev| hover.set(box_at(ev.client_x(), ev.client_y()))
                on:mouseleave=move |_| hover.set(None)
                on:click=move |ev| if let Some(i) = box_at(ev.client_x(), ev.client_y()) { active.set(Some(i)); open(i) }
                on:keydown=on_key>
                // The grid changes with the window only; a filter change redraws the boxes alone.
                <g inner_html=move || grid.get()></g>
                <g inner_html=move || heat.with(boxes_markup)></g>
                {move || shown().and_then(|i| heat.with(|h| h.boxes.get(i).map(box_rect))).map(|(x, y, side)| view! {
                    <rect class="focus" data-testid="heat-focus" x=x - 14 y=y - 14 width=side + 28 height=side + 28 rx="20"/>
                })}
            </svg>
            {move || tip().map(|(text, x, y, above)| view! {
                <div class="heat-tip" role="tooltip" data-testid="heat-tip"
                    style=format!("left:{x}px;top:{y}px{}", if above { ";transform:translateY(-100%)" } else { "" })>{text}</div>
            })}
            <p id="heat-live" class="sr" aria-live="polite" data-testid="heat-live">
                {move || active.get().and_then(|i| heat.with(|h| h.boxes.get(i).map(label)))}
            </p>
        </section>
    }
}

#[component]
fn ServicesPanel(selection: Memo<Prepared>, view: Memo<View>) -> impl IntoView {
    let node = NodeRef::<Section>::new();
    let on_screen = RwSignal::new(true);
    watch(node, on_screen);
    let (rows, waiting) = use_part(selection, on_screen, metrics::top_services_of);
    let by_time = Memo::new(move |_| {
        let mut r = rows.get();
        crate::domain::order::sort_by(&mut r, |a, b| {
            b.total_ttr_secs
                .cmp(&a.total_ttr_secs)
                .then(a.service.cmp(&b.service))
        });
        r
    });
    let state = use_state();
    let available = Memo::new(move |_| {
        let v = view.get();
        selection.with(|s| {
            state
                .incidents
                .with(|all| dashboard::service_availability(all, s, &v))
        })
    });
    let link = move |service: &str| {
        let v = View {
            service: Some(service.to_string()),
            ..view.get_untracked()
        };
        crate::web::href(&format!("/{}", v.to_query()))
    };
    let table = move |caption: &'static str, id: &'static str, list: Memo<Vec<ServiceRow>>| {
        view! {
            <div class="table-wrap"><table class="fixed" data-testid=id>
                <caption>{caption}</caption>
                <colgroup><col style="width:30%"/><col style="width:16%"/><col style="width:30%"/><col style="width:24%"/></colgroup>
                <thead><tr><th scope="col">"Service"</th><th scope="col">"Incidents"</th><th scope="col">"Total time to resolve"</th><th scope="col">"Availability"</th></tr></thead>
                <tbody inner_html=move || list.with(|list| available.with(|a| {
                    let mut rows = Rows::default();
                    for r in list.iter().take(8) {
                        let ttr = if r.n_with_duration == 0 { "n/a".to_string() } else { format!("{} (n = {})", format::duration(r.total_ttr_secs as f64), r.n_with_duration) };
                        let share = crate::domain::order::by_name(a, &r.service).map(|a| {
                            let down = if a.down_secs > 0 { format!(" ({} down)", format::duration(a.down_secs as f64)) } else { String::new() };
                            format!("{}{down}", crate::domain::availability::percent_text(a))
                        }).unwrap_or_else(|| "n/a".into());
                        rows.row().link(&link(&r.service), &r.service).count(r.count as u64).cell(&ttr).cell(&share);
                    }
                    rows.finish()
                }))></tbody>
            </table></div>
        }
    };
    view! {
        <section class="panel" data-testid="services" node_ref=node aria-busy=move || busy(waiting)>
            <h2>"Top services"</h2>
            <p class="legend">"Availability over the days of this view: "{crate::domain::availability::WEIGHTING}</p>
            <Show when=move || rows.with(|r| !r.is_empty()) fallback=|| view! { <p class="na">"No incident in this view names a service."</p> }>
                <div class="grid2">
                    {table("By incident count", "services-by-count", rows)}
                    {table("By total time to resolve", "services-by-time", by_time)}
                </div>
            </Show>
        </section>
    }
}

/// The view's incidents and metrics as CSV: what the page shows, under its filters and
/// definitions.
#[component]
fn ExportPanel(selection: Memo<Prepared>, view: Memo<View>) -> impl IntoView {
    let state = use_state();
    let save = move |name: &str, text: String| {
        if let Err(e) = crate::web::files::download_text(name, "text/csv", &text) {
            state.error.set(Some(format!("The export failed: {e}")));
        }
    };
    let incidents = move |_| {
        let text = selection.with_untracked(|s| {
            state
                .incidents
                .with_untracked(|all| dashboard::incidents_csv(all, s))
        });
        save("aftermath-view-incidents.csv", text);
    };
    let metrics = move |_| {
        save(
            "aftermath-view-metrics.csv",
            selection.with_untracked(dashboard::metrics_csv),
        );
    };
    let availability = move |_| {
        let text = selection.with_untracked(|s| {
            state
                .incidents
                .with_untracked(|all| dashboard::availability_csv(all, s))
        });
        save("aftermath-view-availability.csv", text);
    };
    let what = move || {
        let n = selection.with(Prepared::len);
        let from = view.with(|v| v.resolve_from);
        format!(
            "{} in this view; time to resolve from {}.",
            plural(n, "incident"),
            if from == Milestone::Detected {
                "detection"
            } else {
                "the start"
            }
        )
    };
    view! {
        <section class="panel no-print" data-testid="view-exports">
            <h2>"Export this view"</h2>
            <p>{what}" The files hold the numbers on this page: the same filters and definitions."</p>
            <div class="buttons">
                <button type="button" on:click=incidents data-testid="export-view-incidents">"Incidents (CSV)"</button>
                <button type="button" on:click=metrics data-testid="export-view-metrics">"Metrics (CSV)"</button>
                <button type="button" on:click=availability data-testid="export-view-availability">"Availability (CSV)"</button>
            </div>
        </section>
    }
}

/// The availability calendar: twelve months of days shaded by weighted downtime, for the
/// view's service or everything, with availability per month (or quarter) in a table.
#[component]
pub fn AvailabilityPanel(selection: Memo<Prepared>, view: Memo<View>) -> impl IntoView {
    let state = use_state();
    let node = NodeRef::<Section>::new();
    let on_screen = RwSignal::new(true);
    watch(node, on_screen);
    let (cal, waiting) = use_part(selection, on_screen, move |s| {
        let v = view.get();
        state
            .incidents
            .with(|all| dashboard::calendar(all, s, &v, state.today))
    });
    let rows = Memo::new(move |_| {
        let v = view.get();
        selection.with(|s| {
            state
                .incidents
                .with(|all| dashboard::availability_rows(all, s, &v, state.today))
        })
    });
    let left_out = Memo::new(move |_| {
        selection.with(|s| {
            state
                .incidents
                .with(|all| dashboard::downtime(all, s).left_out)
        })
    });
    let markup = Memo::new(move |_| {
        let v = view.get_untracked();
        cal.with(|c| {
            selection.with_untracked(|s| {
                state.incidents.with_untracked(|all| {
                    let list: Vec<&crate::domain::model::Incident> = (0..s.len())
                        .filter_map(|i| s.position(i).and_then(|p| all.get(p)))
                        .collect();
                    render::calendar::calendar_markup(c, &list, |d| {
                        let day = View {
                            from: Some(d),
                            to: Some(d),
                            ..v.filters_only()
                        };
                        crate::web::href(&format!("/incidents{}", day.to_query()))
                    })
                })
            })
        })
    });
    let focused = RwSignal::new(None::<String>);
    let (png, svg) = svg_chart_exports("#calendar-chart", "availability-calendar", move || {
        let (first, end) = cal.with_untracked(|c| (c.first, c.end));
        let v = view.get_untracked();
        Caption {
            title: format!(
                "Availability{}: {} – {}",
                v.service
                    .as_ref()
                    .map(|s| format!(" of {s}"))
                    .unwrap_or_default(),
                format::day(first),
                format::day(end)
            ),
            subtitle: render::export::view_summary(&v, selection.with_untracked(Prepared::len)),
            legend: render::calendar::shade_legend()
                .into_iter()
                .map(|(shade, label)| (label, crate::web::files::calendar_colour(shade)))
                .collect(),
            note: Some(crate::domain::availability::WEIGHTING.into()),
        }
    });
    view! {
        <section class="panel" data-testid="availability" node_ref=node aria-busy=move || busy(waiting)>
            <div class="panel-head">
                <h2>{move || format!("Availability{}", view.with(|v| v.service.as_ref().map(|s| format!(" of {s}")).unwrap_or_default()))}</h2>
                <ChartExport name="availability calendar" png=png svg=svg/>
            </div>
            <p class="kpi-line" data-testid="availability-summary">{move || cal.with(|c| {
                let a = crate::domain::availability::Availability { label: String::new(), start: c.first, percent: c.percent, down_secs: c.down_secs };
                format!("{} over the twelve months to {}: {} down (weighted).", crate::domain::availability::percent_text(&a), format::day(c.end), if c.down_secs > 0 { format::duration(c.down_secs as f64) } else { "nothing".into() })
            })}{move || (left_out.get() > 0).then(|| format!(" {} without an end left out.", plural(left_out.get(), "critical or major incident")))}</p>
            <p class="legend">{crate::domain::availability::WEIGHTING}" Days in UTC. Point at or focus a day to see its incidents; a day with incidents opens them."</p>
            <p class="sev-legend" aria-hidden="true"
                inner_html=render::html::swatches(render::calendar::shade_legend().iter().map(|(shade, label)| (format!("cal{shade}"), label.as_str())))>
            </p>
            <div class="cal-wrap">
                <svg id="calendar-chart" class="cal" data-testid="calendar-chart" role="group"
                    aria-label=move || cal.with(|c| format!("Availability calendar from {} to {}; days with incidents are links", format::day(c.first), format::day(c.end)))
                    viewBox=move || cal.with(|c| { let (w, h) = render::calendar::calendar_size(c); format!("0 0 {w} {h}") })
                    style=move || cal.with(|c| format!("min-width:{}px", render::calendar::calendar_size(c).0))
                    on:focusin=move |ev| focused.set(event_target::<web_sys::Element>(&ev).get_attribute("aria-label"))
                    on:focusout=move |_| focused.set(None)
                    inner_html=move || markup.get()>
                </svg>
            </div>
            <p class="sr-live" aria-live="polite" data-testid="calendar-focus">{move || focused.get()}</p>
            <details>
                <summary>{move || if view.with(|v| v.period == Period::Quarter) { "Availability per quarter" } else { "Availability per month" }}</summary>
                <div class="table-wrap"><table data-testid="availability-table">
                    <thead><tr><th scope="col">"Period"</th><th scope="col">"Availability"</th><th scope="col">"Down (weighted)"</th></tr></thead>
                    <tbody inner_html=move || rows.with(|list| {
                        let mut rows = Rows::default();
                        for a in list {
                            rows.row().cell(&a.label).cell(&crate::domain::availability::percent_text(a))
                                .cell(&if a.down_secs > 0 { format::duration(a.down_secs as f64) } else { "none".into() });
                        }
                        rows.finish()
                    })></tbody>
                </table></div>
            </details>
        </section>
    }
}

/// When incidents start: outside business hours, at night, at weekends, and by hour of the
/// week, in each incident's own zone.
#[component]
pub fn WhenPanel(selection: Memo<Prepared>, view: Memo<View>) -> impl IntoView {
    use crate::domain::review::{share, NIGHT};
    let state = use_state();
    let node = NodeRef::<Section>::new();
    let on_screen = RwSignal::new(true);
    watch(node, on_screen);
    let hours = Memo::new(move |_| view.with(|v| v.hours));
    let (when, waiting) = use_part(selection, on_screen, move |s| {
        let h = hours.get();
        state.incidents.with(|all| dashboard::when_hit(all, s, h))
    });
    let (png, svg) = svg_chart_exports("#hours-chart", "incidents-by-hour", move || Caption {
        title: "Incident starts by hour of the week".into(),
        subtitle: render::export::view_summary(
            &view.get_untracked(),
            when.with_untracked(|w| w.counted),
        ),
        legend: Vec::new(),
        note: Some(format!(
            "In each incident's own time zone; business hours {} outlined.",
            hours.get_untracked().key()
        )),
    });
    view! {
        <section class="panel" data-testid="when" node_ref=node aria-busy=move || busy(waiting)>
            <div class="panel-head">
                <h2>"When incidents start"</h2>
                <span class="controls">
                    <ViewSelect label="Business hours" test_id="hours-start" key="hours_start" options=clock(0..24)/>
                    <ViewSelect label=" to" test_id="hours-end" key="hours_end" options=clock(1..25)/>
                </span>
                <ChartExport name="hour of the week" png=png svg=svg/>
            </div>
            <div class="kpis when">
                <p data-testid="when-outside"><b>"Outside business hours"</b><br/>{move || when.with(|w| share(w.outside_hours, w.counted))}</p>
                <p data-testid="when-night"><b>{format!("At night ({:02}:00–{:02}:00)", NIGHT.0, NIGHT.1)}</b><br/>{move || when.with(|w| share(w.night, w.counted))}</p>
                <p data-testid="when-weekend"><b>"At weekends"</b><br/>{move || when.with(|w| share(w.weekend, w.counted))}</p>
            </div>
            <p class="legend" data-testid="when-note">{move || {
                let h = hours.get();
                when.with(|w| {
                    let mut note = format!("Business hours: Monday to Friday, {:02}:00–{:02}:00, in each incident's own time zone. Planned work is left out.", h.start, h.end);
                    if w.floating > 0 {
                        note.push_str(&format!(" {} gave no time zone: read as written.", plural(w.floating, "incident")));
                    }
                    if w.undated > 0 {
                        note.push_str(&format!(" {} without a start time left out.", plural(w.undated, "incident")));
                    }
                    note
                })
            }}</p>
            <div class="cal-wrap">
                <svg id="hours-chart" class="cal hours" data-testid="hours-chart" role="img"
                    aria-label=move || when.with(|w| format!("Incident starts by weekday and hour: {} in all; see the table", w.counted))
                    viewBox={ let (w, h) = render::calendar::hours_size(); format!("0 0 {w} {h}") }
                    style=format!("min-width:{}px", render::calendar::hours_size().0)
                    inner_html=move || when.with(|w| render::calendar::hours_markup(w, (hours.get().start, hours.get().end)))>
                </svg>
            </div>
            <details>
                <summary>"Table"</summary>
                <div class="table-wrap"><table data-testid="hours-table">
                    <caption>"Incident starts by day: night 00–07, morning 07–12, afternoon 12–18, evening 18–24."</caption>
                    <thead><tr><th scope="col">"Day"</th><th scope="col">"Night"</th><th scope="col">"Morning"</th><th scope="col">"Afternoon"</th><th scope="col">"Evening"</th></tr></thead>
                    <tbody inner_html=move || when.with(|w| {
                        let mut rows = Rows::default();
                        for (d, row) in w.grid.iter().enumerate() {
                            rows.row().cell(render::calendar::WEEKDAYS.get(d).copied().unwrap_or_default());
                            for (a, b) in [(0, 7), (7, 12), (12, 18), (18, 24)] {
                                rows.count(row.get(a..b).map_or(0, |r| r.iter().sum::<u32>()));
                            }
                        }
                        rows.finish()
                    })></tbody>
                </table></div>
            </details>
        </section>
    }
}
