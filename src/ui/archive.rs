//! Every postmortem, listed by quarter (newest first): the index of a published site.

use super::state::use_state;
use crate::domain::dashboard;
use crate::domain::model::{Level, Severity};
use crate::domain::review::{change, QuarterRow};
use crate::domain::view::View;
use crate::render::format;
use leptos::prelude::*;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let state = use_state();
    let quarters = Memo::new(move |_| state.incidents.with(|all| dashboard::by_quarter(all)));
    let compared = Memo::new(move |_| {
        state.incidents.with(|all| {
            let view = View::default();
            let selected = dashboard::select(all, &dashboard::prepare(all, &view), &view);
            dashboard::quarters(all, &selected)
        })
    });
    view! {
        <section class="page" data-testid="page-archive">
            <super::Meta title="Postmortems by quarter" description="Every postmortem in the archive, listed by quarter, newest first."/>
            <h1>"Postmortems by quarter"</h1>
            <Show when=move || !state.incidents.with(|all| all.is_empty()) fallback=|| view! {
                <div class="empty"><p>"No postmortems yet. "<a href=crate::web::href("/import")>"Import some files"</a>"."</p></div>
            }>
                <QuarterTable rows=compared/>
                <h2>"Postmortems"</h2>
                <nav class="quarters" aria-label="Quarters">
                    {move || quarters.get().into_iter().map(|(label, list)| {
                        let name = label.clone().unwrap_or_else(|| "Undated".into());
                        view! { <a href=format!("#q-{name}")>{format!("{name} ({})", list.len())}</a> }
                    }).collect_view()}
                </nav>
                {move || quarters.get().into_iter().map(|(label, list)| {
                    let name = label.clone().unwrap_or_else(|| "Undated".into());
                    view! {
                        <section class="quarter" data-testid="quarter">
                            <h2 id=format!("q-{name}")>{format!("{name} · {}", format::plural(list.len(), "incident"))}</h2>
                            <ul class="listing">
                                {list.into_iter().map(|l| view! {
                                    <li data-testid="quarter-item">
                                        <time datetime=l.day.map(|d| d.to_string()).unwrap_or_default()>{l.day.map(format::day).unwrap_or_default()}</time>" "
                                        <a href=crate::web::href(&format!("/incidents/{}", l.id))>{l.title}</a>
                                        " "<span class=format!("sev sev{}", l.level.unwrap_or(0))>{Severity::level_name(l.level)}</span>
                                        <span class="muted">{format!(" {}", format::opt_duration(l.ttr_secs.map(|v| v as f64)))}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </Show>
        </section>
    }
}

/// Quarters side by side, newest first, each with the change from the quarter before it (an
/// arrow and the amount: colour is never the only cue), empty quarters as zeros, and links to
/// the quarter's dashboard and printable report.
#[component]
fn QuarterTable(rows: Memo<Vec<QuarterRow>>) -> impl IntoView {
    let median_line = |s: &crate::domain::metrics::Summary| {
        if s.n == 0 {
            "n/a".to_string()
        } else {
            format!(
                "{} (p90 {}, n = {})",
                format::opt_duration(s.median_secs),
                format::p90(s),
                s.n
            )
        }
    };
    view! {
        <h2>"Quarter over quarter"</h2>
        <p class="legend">"Medians first (durations are skewed), with p90 and the number of incidents each rests on; availability weighted by impact (critical 100 %, major 30 %, others 0 %; maintenance is not downtime). Changes are from the quarter before."</p>
        <div class="table-wrap"><table class="quarters-table" data-testid="quarter-table">
            <thead><tr>
                <th scope="col">"Quarter"</th><th scope="col">"Incidents"</th><th scope="col">"Time to resolve"</th>
                <th scope="col">"Time to detect"</th><th scope="col">"Availability"</th><th scope="col">"Top services"</th><th scope="col"><span class="sr">"Views"</span></th>
            </tr></thead>
            <tbody>{move || {
                let list = rows.get();
                list.iter().enumerate().rev().map(|(i, r)| {
                    let r = r.clone();
                    let prev = i.checked_sub(1).and_then(|p| list.get(p)).cloned();
                    let count_change = prev.as_ref().and_then(|p| change(Some(p.total as f64), Some(r.total as f64), |d| format!("{d:.0}")));
                    let ttr_change = prev.as_ref().and_then(|p| change(p.ttr.median_secs, r.ttr.median_secs, format::duration));
                    let ttd_change = prev.as_ref().and_then(|p| change(p.ttd.median_secs, r.ttd.median_secs, format::duration));
                    // From the figures as shown, so that the change is their difference.
                    let shown = |a: &crate::domain::availability::Availability| crate::domain::availability::shown_hundredths(a) as f64 / 100.0;
                    let avail_change = prev.as_ref().and_then(|p| change(Some(shown(&p.availability)), Some(shown(&r.availability)), |d| {
                        let hundredths = (d * 100.0).round() as i64;
                        format!("{}.{:02} pts", hundredths / 100, hundredths % 100)
                    }));
                    let levels: Vec<String> = Level::ALL
                        .iter()
                        .filter_map(|l| {
                            let n = r.by_level.get(usize::from(l.number())).copied().unwrap_or(0);
                            (n > 0).then(|| format!("{n} {}", l.name()))
                        })
                        .collect();
                    let filtered = View { from: Some(r.start), to: Some(r.last), ..View::default() }.to_query();
                    let down = if r.availability.down_secs > 0 { format!(" ({} down)", format::duration(r.availability.down_secs as f64)) } else { String::new() };
                    view! {
                        <tr data-testid="quarter-row">
                            <th scope="row">{r.label.clone()}</th>
                            <td><b>{r.total}</b>{count_change.map(|c| view! { <span class="delta">{format!(" {c}")}</span> })}<br/><span class="muted">{levels.join(", ")}</span></td>
                            <td>{median_line(&r.ttr)}{ttr_change.map(|c| view! { <br/><span class="delta">{c}</span> })}</td>
                            <td>{median_line(&r.ttd)}{ttd_change.map(|c| view! { <br/><span class="delta">{c}</span> })}</td>
                            <td>{format!("{}{down}", crate::domain::availability::percent_text(&r.availability))}{avail_change.map(|c| view! { <br/><span class="delta">{c}</span> })}</td>
                            <td>{if r.top_services.is_empty() { "—".to_string() } else { r.top_services.iter().map(|(s, n)| format!("{s} ({n})")).collect::<Vec<_>>().join(", ") }}</td>
                            <td class="nowrap"><a href=crate::web::href(&format!("/{filtered}"))>"Dashboard"</a>" · "<a href=crate::web::href(&format!("/report{filtered}"))>"Report"</a></td>
                        </tr>
                    }
                }).collect_view()
            }}</tbody>
        </table></div>
    }
}
