//! The incident list (filterable, sortable by any column, state in the URL) and the incident
//! page with inferred badges, timeline, action items and the postmortem rendered from
//! Markdown safely (in the worker: raw HTML shown as text, only http/https/mailto links).

use super::filters::{use_set_view, use_view, FilterBar};
use super::state::use_state;
use crate::domain::metrics;
use crate::domain::model::Incident;
use crate::domain::view::{SortKey, View};
use crate::render::format;
use leptos::prelude::*;

use crate::render::html::IncidentRow as Row;

/// Rows shown at once; the rest one click away (a 10k-row table would stall the page).
const PAGE_ROWS: usize = 200;

#[component]
pub fn IncidentList() -> impl IntoView {
    let state = use_state();
    let view = use_view();
    let set = use_set_view("/incidents");
    let shown = RwSignal::new(PAGE_ROWS);
    let rows = Memo::new(move |_| {
        let v = view.get();
        let defs = v.definitions();
        state.incidents.with(|all| {
            let mut refs: Vec<&Incident> = all.iter().filter(|i| v.matches(i)).collect();
            v.sort(&mut refs);
            refs.into_iter()
                .map(|i| Row {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    start: i.anchor().map_or_else(String::new, |s| format::stamp(&s)),
                    duration: defs.duration(i, metrics::Metric::Ttr).map_or_else(
                        |e| format!("n/a ({})", e.key()),
                        |d| format::duration(d as f64),
                    ),
                    level: i.severity.level,
                    services: i.services.join(", "),
                    source: i.source.file.clone(),
                    excluded: i.excluded,
                    kind: i.kind,
                })
                .collect::<Vec<_>>()
        })
    });
    let more = move || rows.with(Vec::len) > shown.get();
    let header = move |key: SortKey, label: &'static str| {
        let sorted = move || view.with(|v| v.sort == key);
        let aria = move || {
            if !sorted() {
                "none"
            } else if view.with(|v| v.desc) {
                "descending"
            } else {
                "ascending"
            }
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" data-testid=format!("sort-{}", key.key())
                    on:click=move |_| { let mut v = view.get_untracked(); if v.sort == key { v.desc = !v.desc } else { v.sort = key; v.desc = matches!(key, SortKey::Start | SortKey::Duration | SortKey::Severity) } set(v, false) }>
                    {label}
                    <span aria-hidden="true">{move || if !sorted() { "" } else if view.with(|v| v.desc) { " ▼" } else { " ▲" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <section class="page" data-testid="page-incidents">
            <super::Meta title="Incidents" description="Every incident with its start, time to resolve, severity, services and source file; sortable and filterable."/>
            <h1>"Incidents"</h1>
            <Show when=move || !state.incidents.with(|all| all.is_empty()) fallback=|| view! {
                <div class="empty" data-testid="empty-incidents">
                    <p>"No incidents to list. "<a href=crate::web::href("/import")>"Import some files"</a>" first."</p>
                </div>
            }>
                <FilterBar page="/incidents"/>
                <p class="count"><span aria-live="polite" data-testid="incident-count">{move || format::plural(rows.with(Vec::len), "incident")}</span>
                    " · "<a href=move || crate::web::href(&format!("/{}", view.with(View::to_query)))>"dashboard for this view"</a>
                    " · "<a href=crate::web::href("/review")>"review and correct"</a></p>
                <div class="table-wrap">
                <table data-testid="incident-table">
                    <thead><tr>
                        {SortKey::ALL.into_iter().map(|k| header(k, match k {
                            SortKey::Title => "Title", SortKey::Start => "Start", SortKey::Duration => "Time to resolve",
                            SortKey::Severity => "Severity", SortKey::Services => "Services", SortKey::Source => "Source",
                        })).collect_view()}
                    </tr></thead>
                    // One string of rows (`render::html`), not a keyed view per row.
                    <tbody inner_html=move || rows.with(|r| {
                        crate::render::html::incident_rows(r.iter().take(shown.get()), crate::web::href)
                    })></tbody>
                </table>
                </div>
                <Show when=more>
                    <button type="button" on:click=move |_| shown.update(|n| *n += PAGE_ROWS) data-testid="show-more">
                        {move || format!("Show {} more of {}", PAGE_ROWS.min(rows.with(Vec::len) - shown.get()), rows.with(Vec::len) - shown.get())}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

#[component]
pub fn IncidentPage(id: String) -> impl IntoView {
    let state = use_state();
    let incident = Memo::new(move |_| {
        state
            .incidents
            .with(|all| all.iter().find(|i| i.id == id).cloned())
    });
    move || {
        match incident.get() {
        None => view! {
            <section class="page empty" data-testid="incident-missing">
                <h1>"Incident not found"</h1>
                <p>{move || if state.loading.get() { "Loading…" } else { "No incident with this id in the loaded data. " }}<a href=crate::web::href("/incidents")>"Back to the list"</a></p>
            </section>
        }.into_any(),
        Some(inc) => view! { <IncidentDetail inc=inc/> }.into_any(),
    }
    }
}

#[component]
fn IncidentDetail(inc: Incident) -> impl IntoView {
    // Read-only: one string from `render::html` (pure, escaped); the postmortem's text is
    // rendered in the worker.
    let detail = crate::render::html::incident_detail(&inc, crate::web::href);
    view! {
        <article class="page incident" data-testid="page-incident">
            <super::Meta title=inc.title.clone() description=inc.summary.as_deref().map(crate::domain::scan::plain).unwrap_or_else(|| format!("Postmortem: {}", inc.title))/>
            <div inner_html=detail></div>
            {(!inc.body.is_empty()).then(|| view! { <Body text=inc.body.clone()/> })}
        </article>
    }
}

/// The postmortem text: rendered from Markdown in the worker (safe HTML by construction, see
/// `render::markdown`); the plain text shows until then, and if rendering fails.
#[component]
fn Body(text: String) -> impl IntoView {
    let html = RwSignal::new(None::<String>);
    let source = text.clone();
    leptos::task::spawn_local(async move {
        if let Ok(h) = crate::web::worker::render_markdown(source).await {
            html.set(Some(h));
        }
    });
    view! {
        <h2>"Postmortem"</h2>
        {move || match html.get() {
            Some(h) => view! { <div class="markdown" data-testid="incident-body" inner_html=h></div> }.into_any(),
            None => view! { <pre class="body" data-testid="incident-body-text">{text.clone()}</pre> }.into_any(),
        }}
    }
}
