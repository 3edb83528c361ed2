//! The printable quarterly report (print CSS hides the app's frame): period KPIs with median,
//! p90 and n, the severity trend, the heatmap, the longest and most severe incidents, and the
//! metric definitions used. Its period and filters are the URL's view, like every page.

use super::dashboard::{trend_svg, AvailabilityPanel, HeatmapPanel, SeverityLegend, WhenPanel};
use super::filters::{use_view, FilterBar};
use super::state::use_state;
use crate::domain::dashboard;
use crate::domain::metrics::Metric;
use crate::domain::view::{QuickRange, View};
use crate::render::format;
use crate::render::html::Rows;
use leptos::prelude::*;

const LISTED: usize = 5;

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = use_state();
    let view = use_view();
    let data = super::filters::use_dashboard(view);
    let selection = super::filters::use_selection(view);
    let lists = Memo::new(move |_| {
        let v = view.get();
        state
            .incidents
            .with(|all| dashboard::report_lists(all, &v, LISTED))
    });
    let period = move || {
        view.with(|v| match (v.from, v.to) {
            (None, None) => "all dates".to_string(),
            (f, t) => format!(
                "{} to {}",
                f.map_or_else(|| "the start".into(), format::day),
                t.map_or_else(|| "today".into(), format::day)
            ),
        })
    };
    let last_quarter = {
        let (from, to) = QuickRange::LastQuarter.range(state.today);
        crate::web::href(&format!(
            "/report{}",
            View {
                from: Some(from),
                to: Some(to),
                ..View::default()
            }
            .to_query()
        ))
    };
    view! {
        <article class="page report" data-testid="page-report">
            <super::Meta title="Report" description="A printable incident report: KPIs with median, p90 and n, trends, heatmap, longest and most severe incidents."/>
            <div class="no-print">
                <FilterBar page="/report"/>
                <p>
                    <button type="button" on:click=move |_| crate::web::files::print() data-testid="print">"Print or save as PDF"</button>
                    " "<a href=last_quarter>"Last quarter"</a>
                </p>
            </div>
            <h1>"Incident report"</h1>
            <p class="meta" data-testid="report-period">{move || if state.loading.get() { "Loading the archive…".to_string() } else { format!("Period: {} · {}{}", period(), format::plural(data.with(|d| d.stats.count), "incident"), if view.with(View::is_filtered) { " matching the filters" } else { "" }) }}</p>
            <h2>"Key figures"</h2>
            <div class="table-wrap"><table data-testid="report-kpis">
                <thead><tr><th scope="col">"Metric"</th><th scope="col">"Median"</th><th scope="col">"p90"</th><th scope="col">"Mean"</th><th scope="col">"n"</th><th scope="col">"Left out"</th></tr></thead>
                <tbody inner_html=move || data.with(|d| {
                    let mut rows = Rows::default();
                    for m in Metric::ALL {
                        let s = d.stats.summary(m);
                        let left: Vec<String> = s.excluded.iter().map(|(k, v)| format!("{v} {}", k.describe())).collect();
                        rows.row().head(m.label()).cell(&format::opt_duration(s.median_secs)).cell(&format::p90(s))
                            .cell(&format::opt_duration(s.mean_secs)).count(s.n as u64).cell(&left.join(", "));
                    }
                    rows.finish()
                })></tbody>
            </table></div>
            <h2>"Incidents by severity"</h2>
            <SeverityLegend/>
            {move || data.with(|d| trend_svg(&d.trend))}
            <HeatmapPanel heat=Memo::new(move |_| data.with(|d| d.heatmap.clone())) view=view/>
            <AvailabilityPanel selection=selection view=view/>
            <WhenPanel selection=selection view=view/>
            <div class="grid2">
                <section><h2>"Longest incidents"</h2><div inner_html=move || lists.with(|l| crate::render::html::listing(&l.longest, crate::web::href))></div></section>
                <section><h2>"Most severe incidents"</h2><div inner_html=move || lists.with(|l| crate::render::html::listing(&l.most_severe, crate::web::href))></div></section>
            </div>
            <h2>"Definitions"</h2>
            <ul class="defs" data-testid="report-definitions" inner_html=move || data.with(|d| {
                let mut items = Rows::default();
                for m in Metric::ALL {
                    items.item().text(&format!("{} = ", m.label()));
                    items.code(&d.stats.definitions.get(m.key()).cloned().unwrap_or_default());
                }
                items.item().text("Medians and p90 are shown because incident durations are skewed; n is the number of incidents each figure rests on. Incidents without both times, with negative or zero durations, still open, or excluded by hand are left out, by reason.");
                items.finish()
            })></ul>
        </article>
    }
}
