//! The incident list (sortable by start, newest first) and the incident page with inferred
//! badges, timeline and action items. The postmortem body is shown as text, never as HTML.

use super::state::use_state;
use crate::domain::metrics::{self, Definitions};
use crate::domain::model::{Incident, Severity};
use crate::render::format;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// One row of the incident table, already formatted.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    title: String,
    start: String,
    duration: String,
    level: Option<u8>,
    services: String,
    source: String,
}

#[component]
pub fn IncidentList() -> impl IntoView {
    let state = use_state();
    let query = RwSignal::new(String::new());
    let defs = Definitions::default();
    let rows = Memo::new(move |_| {
        let q = query.get().to_lowercase();
        state.incidents.with(|all| {
            let mut rows: Vec<Row> = all
                .iter()
                .filter(|i| {
                    q.is_empty()
                        || i.title.to_lowercase().contains(&q)
                        || i.services.iter().any(|s| s.to_lowercase().contains(&q))
                })
                .map(|i| Row {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    start: i.started_at.map_or_else(String::new, |s| s.to_string()),
                    duration: metrics::duration(i, defs.ttr).map_or_else(
                        |e| format!("n/a ({})", e.key()),
                        |d| format::duration(d as f64),
                    ),
                    level: i.severity.level,
                    services: i.services.join(", "),
                    source: i.source.file.clone(),
                })
                .collect();
            rows.sort_by(|a, b| b.start.cmp(&a.start));
            rows
        })
    });
    view! {
        <section class="page" data-testid="page-incidents">
            <h1>"Incidents"</h1>
            <Show when=move || !state.incidents.with(Vec::is_empty) fallback=|| view! {
                <div class="empty" data-testid="empty-incidents">
                    <p>"No incidents to list. "<A href=crate::web::href("/import")>"Import some files"</A>" first."</p>
                </div>
            }>
                <label class="search">"Search "
                    <input type="search" placeholder="title or service" prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                <p class="count" aria-live="polite">{move || format!("{} incidents", rows.with(Vec::len))}</p>
                <div class="table-wrap">
                <table data-testid="incident-table">
                    <thead><tr><th scope="col">"Title"</th><th scope="col">"Start"</th><th scope="col">"Time to resolve"</th><th scope="col">"Severity"</th><th scope="col">"Services"</th><th scope="col">"Source"</th></tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| r.id.clone() let:r>
                            <tr>
                                <td><A href=crate::web::href(&format!("/incidents/{}", r.id))>{r.title.clone()}</A></td>
                                <td>{r.start.clone()}</td>
                                <td>{r.duration.clone()}</td>
                                <td><span class=format!("sev sev{}", r.level.unwrap_or(0))>{Severity::level_name(r.level)}</span></td>
                                <td>{r.services.clone()}</td>
                                <td class="src">{r.source.clone()}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
                </div>
            </Show>
        </section>
    }
}

fn stamp_text(s: Option<crate::domain::stamp::Stamp>) -> String {
    s.map_or_else(
        || "unknown".into(),
        |s| {
            if s.is_floating() {
                format!("{s} (no zone given)")
            } else {
                s.to_string()
            }
        },
    )
}

#[component]
pub fn IncidentPage() -> impl IntoView {
    let state = use_state();
    let params = use_params_map();
    let incident = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        state
            .incidents
            .with(|all| all.iter().find(|i| i.id == id).cloned())
    });
    move || {
        match incident.get() {
        None => view! {
            <section class="page empty" data-testid="incident-missing">
                <h1>"Incident not found"</h1>
                <p>{move || if state.loading.get() { "Loading…" } else { "No incident with this id in the loaded data. " }}<A href=crate::web::href("/incidents")>"Back to the list"</A></p>
            </section>
        }.into_any(),
        Some(inc) => view! { <IncidentDetail inc=inc/> }.into_any(),
    }
    }
}

#[component]
fn IncidentDetail(inc: Incident) -> impl IntoView {
    let defs = Definitions::default();
    let d = metrics::durations(&inc, &defs);
    let badge = |inc: &Incident, field: &str| {
        inc.is_inferred(field).then(
            || view! { <span class="badge" title="guessed by the importer">"inferred"</span> },
        )
    };
    let fields = [
        ("Started", "started_at", inc.started_at),
        ("Detected", "detected_at", inc.detected_at),
        ("Acknowledged", "acknowledged_at", inc.acknowledged_at),
        ("Mitigated", "mitigated_at", inc.mitigated_at),
        ("Resolved", "resolved_at", inc.resolved_at),
    ];
    view! {
        <article class="page incident" data-testid="page-incident">
            <p><A href=crate::web::href("/incidents")>"← All incidents"</A></p>
            <h1>{inc.title.clone()} {badge(&inc, "title")}</h1>
            <p class="meta">
                <span class=format!("sev sev{}", inc.severity.level.unwrap_or(0))>{Severity::level_name(inc.severity.level)}</span>
                {inc.severity.label.clone().map(|l| format!(" ({l})"))}
                {badge(&inc, "severity")}
                " · " {if inc.services.is_empty() { "no service named".to_string() } else { inc.services.join(", ") }}
                " · from " <code>{inc.source.file.clone()}</code> " (" {inc.source.format.clone()} ")"
            </p>
            {inc.summary.clone().map(|s| view! { <p class="summary">{s}</p> })}
            <dl class="times">
                {fields.into_iter().map(|(label, field, at)| view! {
                    <dt>{label}</dt><dd>{stamp_text(at)} {badge(&inc, field)}</dd>
                }).collect_view()}
                <dt>"Time to detect"</dt><dd>{format::opt_duration(d.ttd_secs.map(|v| v as f64))}</dd>
                <dt>"Time to resolve"</dt><dd data-testid="incident-ttr">{format::opt_duration(d.ttr_secs.map(|v| v as f64))}</dd>
            </dl>
            {inc.impact.clone().map(|s| view! { <h2>"Impact"</h2><p>{s}</p> })}
            {(!inc.warnings.is_empty()).then(|| view! {
                <h2>"Check these"</h2>
                <ul class="warnings">{inc.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
            })}
            {(!inc.timeline.is_empty()).then(|| view! {
                <h2>"Timeline"</h2>
                <ol class="timeline">{inc.timeline.iter().map(|t| view! {
                    <li><time>{t.at.map(|s| s.to_string().get(..16).unwrap_or_default().replace('T', " ")).unwrap_or_default()}</time> " " {t.text.clone()}</li>
                }).collect_view()}</ol>
            })}
            {(!inc.actions.is_empty()).then(|| view! {
                <h2>"Action items"</h2>
                <ul>{inc.actions.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
            })}
            {(!inc.body.is_empty()).then(|| view! {
                <details><summary>"Original text"</summary><pre class="body">{inc.body.clone()}</pre></details>
            })}
        </article>
    }
}
