//! The incident list (filterable, sortable by any column, state in the URL) and the incident
//! page with inferred badges, timeline, action items and the postmortem rendered from
//! Markdown safely (in the worker: raw HTML shown as text, only http/https/mailto links).

use super::filters::{use_set_view, use_view, FilterBar};
use super::state::use_state;
use crate::domain::metrics::{self, Definitions, Metric};
use crate::domain::model::{Incident, Kind, Milestone, Severity};
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

/// A milestone's time for the incident page: as people read it, with the machine form in the
/// `datetime` attribute and a tooltip.
fn when(s: Option<crate::domain::stamp::Stamp>) -> AnyView {
    match s {
        None => view! { <span class="na">"unknown"</span> }.into_any(),
        Some(s) => {
            let iso = s.to_string();
            let note = s.is_floating().then_some(" (no zone given)");
            view! { <time datetime=iso.clone() title=iso>{format::stamp(&s)}</time>{note} }
                .into_any()
        }
    }
}

/// "from: *the line as written* (line 12)" for a value read from text.
fn cited(inc: &Incident, field: &str) -> Option<AnyView> {
    let c = inc.evidence_of(field)?;
    let line = c.line.map(|n| format!(" (line {n})"));
    let plain = crate::domain::scan::plain(c.text);
    // A list or table line reads as its words: no bullet, no cell borders.
    let text = plain
        .trim_matches(|ch: char| ch == '|' || ch.is_whitespace())
        .trim_start_matches(['-', '*', '+', '•'])
        .trim()
        .replace(" | ", " ");
    Some(
        view! {
            <span class="evidence" data-testid=format!("evidence-{field}")>
                " — from: "<q>{text}</q>{line}
            </span>
        }
        .into_any(),
    )
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
    let defs = Definitions::default();
    let d = metrics::durations(&inc, &defs);
    let badge = |inc: &Incident, field: &str| {
        inc.is_inferred(field).then(
            || view! { <span class="badge" title="guessed by the importer">"inferred"</span> },
        )
    };
    let duration_row = |label: &'static str,
                        key: &'static str,
                        secs: Option<i64>,
                        testid: &'static str| {
        let shown = defs
            .duration(
                &inc,
                match key {
                    "ttd" => Metric::Ttd,
                    _ => Metric::Ttr,
                },
            )
            .map_or_else(
                |e| match secs {
                    Some(v) => format!("{} (not counted: {})", format::duration(v as f64), e.key()),
                    None => format!("n/a ({})", e.key()),
                },
                |v| format::duration(v as f64),
            );
        let stated = format!("durations.{key}_secs");
        view! {
            <dt>{label}</dt>
            <dd data-testid=testid>{shown}{cited(&inc, &stated)}</dd>
        }
    };
    let kind = inc.kind;
    view! {
        <article class="page incident" data-testid="page-incident">
            <super::Meta title=inc.title.clone() description=inc.summary.as_deref().map(crate::domain::scan::plain).unwrap_or_else(|| format!("Postmortem: {}", inc.title))/>
            <p><a href=crate::web::href("/incidents")>"← All incidents"</a>" · "<a href=crate::web::href(&format!("/review?id={}", inc.id))>"Correct this incident"</a></p>
            {inc.excluded.then(|| view! { <p class="banner demo">"Left out of the metrics (marked as excluded)."</p> })}
            {(kind != Kind::Incident).then(|| view! {
                <p class="banner demo" data-testid="incident-kind">
                    {format!("This is a {}: left out of incident metrics unless the dashboard counts planned work.", kind.label())}
                    {cited(&inc, "kind")}
                </p>
            })}
            <h1>{inc.title.clone()} {badge(&inc, "title")}</h1>
            <p class="meta">
                <span class=format!("sev sev{}", inc.severity.level.unwrap_or(0))>{Severity::level_name(inc.severity.level)}</span>
                {inc.severity.label.clone().map(|l| format!(" ({l})"))}
                {badge(&inc, "severity")}
                {cited(&inc, "severity")}
                " · " {if inc.services.is_empty() { "no service named".to_string() } else { inc.services.join(", ") }}
                " · from " <code>{inc.source.file.clone()}</code> " (" {inc.source.format.clone()} ")"
                {inc.source.external_id.clone().map(|id| view! { " · id " <code data-testid="incident-external-id">{id}</code> })}
                {inc.source.url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://")).map(|u| view! {
                    " · " <a href=u rel="noopener noreferrer nofollow" data-testid="incident-source-link">"open in the source"</a>
                })}
            </p>
            {inc.lead().map(|s| view! { <p class="summary">{crate::domain::scan::plain(s)}</p> })}
            <dl class="times">
                {Milestone::ALL.into_iter().map(|m| view! {
                    <dt>{m.label()}</dt>
                    <dd data-testid=format!("incident-{}", m.name())>{when(m.of(&inc))} {badge(&inc, m.name())}{cited(&inc, m.name())}</dd>
                }).collect_view()}
                {duration_row("Time to detect", "ttd", d.ttd_secs, "incident-ttd")}
                {duration_row("Time to resolve", "ttr", d.ttr_secs, "incident-ttr")}
            </dl>
            {inc.impact.clone().map(|s| view! { <h2>"Impact"</h2><p>{s}</p> })}
            {(!inc.warnings.is_empty()).then(|| view! {
                <h2>"Check these"</h2>
                <ul class="warnings">{inc.warnings.iter().map(|w| view! { <li>{w.to_string()}</li> }).collect_view()}</ul>
            })}
            {(!inc.timeline.is_empty()).then(|| view! {
                <h2>"Timeline"</h2>
                <ol class="timeline">{inc.timeline.iter().map(|t| view! {
                    <li>{t.at.map(|s| view! { <time datetime=s.to_string() title=s.to_string()>{format::stamp(&s)}</time> })} " " {crate::domain::scan::plain(&t.text)}</li>
                }).collect_view()}</ol>
            })}
            {(!inc.actions.is_empty()).then(|| view! {
                <h2>"Action items"</h2>
                <ul>{inc.actions.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
            })}
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
