//! Review and correct: per-file fixes (year, time zone) and an editable table of incidents with
//! the importer's guesses highlighted. Every change is an edit on top of the imported data
//! (`domain::edits`): it survives a re-import, is saved, and goes into exports.

use super::state::{use_state, AppState};
use crate::domain::edits::{self, FileFix, IncidentEdit};
use crate::domain::model::Incident;
use crate::domain::stamp::Stamp;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Rows shown at once.
const PAGE_ROWS: usize = 100;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = use_state();
    let location = crate::web::route::use_location();
    let only_id = Memo::new(move |_| {
        location.with(|l| {
            crate::domain::route::query_pairs(&l.query)
                .into_iter()
                .rev()
                .find_map(|(k, v)| (k == "id").then_some(v))
        })
    });
    let only_inferred = RwSignal::new(false);
    let shown = RwSignal::new(PAGE_ROWS);
    let ids = Memo::new(move |_| {
        let id = only_id.get();
        let inferred = only_inferred.get();
        state.incidents.with(|all| {
            all.iter()
                .filter(|i| id.as_ref().is_none_or(|x| *x == i.id))
                .filter(|i| !inferred || !i.inferred.is_empty())
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let more = move || ids.with(Vec::len) > shown.get();
    view! {
        <section class="page" data-testid="page-review">
            <super::Meta title="Review and correct" description="Check what the importer guessed and correct titles, times, zones, severities and services."/>
            <h1>"Review and correct"</h1>
            <Show when=move || !state.incidents.with(|all| all.is_empty()) fallback=|| view! {
                <div class="empty"><p>"Nothing to review. "<a href=crate::web::href("/import")>"Import some files"</a>" first."</p></div>
            }>
                <p>"Fields the importer guessed are marked "<span class="inferred-sample">"inferred"</span>". Changes are kept as edits on top of the imported files: they are saved in this browser, survive a re-import of the same files, and are part of every export."</p>
                {move || (state.source.get() != super::state::DataSource::User).then(|| view! {
                    <p class="banner demo">"These are not your files: edits here are not saved. Import your own archive to keep corrections."</p>
                })}
                <FileFixes/>
                <h2>"Incidents"</h2>
                <p class="count">
                    {move || crate::render::format::plural(ids.with(Vec::len), "incident")}
                    {move || only_id.get().map(|_| view! { " · "<a href=crate::web::href("/review")>"show all"</a> })}
                    " · "<label><input type="checkbox" prop:checked=move || only_inferred.get() on:change=move |ev| only_inferred.set(event_target_checked(&ev)) data-testid="only-inferred"/>" only incidents with guesses"</label>
                    {move || { let n = state.edits.with(|e| e.incidents.len()); (n > 0).then(|| format!(" · {n} incidents edited")) }}
                </p>
                <div class="table-wrap">
                <table class="review" data-testid="review-table">
                    <thead><tr>
                        <th scope="col">"Title"</th><th scope="col">"Started"</th><th scope="col">"Resolved"</th>
                        <th scope="col">"Severity"</th><th scope="col">"Services"</th><th scope="col">"Excluded"</th><th scope="col"><span class="sr">"Undo"</span></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || ids.with(|l| l.iter().take(shown.get()).cloned().collect::<Vec<_>>()) key=|id| id.clone() let:id>
                            <ReviewRow id=id/>
                        </For>
                    </tbody>
                </table>
                </div>
                <Show when=more>
                    <button type="button" on:click=move |_| shown.update(|n| *n += PAGE_ROWS)>{move || format!("Show more ({} left)", ids.with(Vec::len) - shown.get())}</button>
                </Show>
            </Show>
        </section>
    }
}

/// A file, with how many incidents it gave and whether any has a guessed year or no zone.
type FileRow = (String, (usize, bool, bool));

/// Set the year or the time zone of every incident read from one file.
#[component]
fn FileFixes() -> impl IntoView {
    let state = use_state();
    // Files with incidents, and whether any of their incidents has a guessed year or no zone.
    let files = Memo::new(move |_| {
        state.imported.with(|all| {
            let mut map: BTreeMap<String, (usize, bool, bool)> = BTreeMap::new();
            for i in all.iter() {
                let e = map.entry(i.source.file.clone()).or_default();
                e.0 += 1;
                e.1 |= i.inferred.iter().any(|f| f.ends_with(".year"));
                e.2 |= i.anchor().is_some_and(|s| s.is_floating());
            }
            map.into_iter().collect::<Vec<_>>()
        })
    });
    view! {
        <details class="panel" open=move || files.with(|f| f.iter().any(|(_, (_, y, z))| *y || *z))>
            <summary><h2 class="inline">"Fix a whole file"</h2></summary>
            <p class="legend">"When a file's dates lack the year, or its times lack a zone, set them once for all its incidents."</p>
            <AllZones files=files/>
            <div class="table-wrap"><table data-testid="file-fixes">
                <thead><tr><th scope="col">"File"</th><th scope="col">"Incidents"</th><th scope="col">"Year"</th><th scope="col">"Time zone"</th></tr></thead>
                <tbody>
                    <For each=move || files.get() key=|f| f.0.clone() let:f>
                        <FileFixRow file=f.0.clone() count=f.1 .0 year_guessed=f.1 .1 floating=f.1 .2/>
                    </For>
                </tbody>
            </table></div>
        </details>
    }
}

/// One zone for every file whose times have none: a folder of postmortems written in one
/// office is fixed at once.
#[component]
fn AllZones(files: Memo<Vec<FileRow>>) -> impl IntoView {
    let state = use_state();
    let zone = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let floating = Memo::new(move |_| {
        files.with(|f| {
            f.iter()
                .filter(|(_, (_, _, floating))| *floating)
                .map(|(name, _)| name.clone())
                .collect::<Vec<_>>()
        })
    });
    let apply = move |_| match edits::parse_zone(&zone.get_untracked()) {
        Ok(minutes) => {
            problem.set(None);
            let names = floating.get_untracked();
            state.edit(|e| {
                for name in &names {
                    let fix = FileFix {
                        offset_minutes: minutes,
                        ..e.files.get(name).copied().unwrap_or_default()
                    };
                    e.fix_file(name, fix);
                }
            });
        }
        Err(e) => problem.set(Some(e)),
    };
    view! {
        <Show when=move || floating.with(|f| f.len() > 1)>
            <p class="all-zones">
                <label>{move || format!("Time zone for the {} files that give none ", floating.with(Vec::len))}
                    <input type="text" size="8" placeholder="e.g. +02:00, UTC" data-testid="fix-all-zones"
                        prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev))/>
                </label>
                " "<button type="button" on:click=apply data-testid="fix-all-zones-apply">"Apply to all of them"</button>
                {move || problem.get().map(|p| view! { <span class="field-error" role="alert">{p}</span> })}
            </p>
        </Show>
    }
}

#[component]
fn FileFixRow(file: String, count: usize, year_guessed: bool, floating: bool) -> impl IntoView {
    let state = use_state();
    let key = file.clone();
    let current = Memo::new(move |_| {
        state
            .edits
            .with(|e| e.files.get(&key).copied().unwrap_or_default())
    });
    let problem = RwSignal::new(None::<String>);
    let f1 = file.clone();
    let f2 = file.clone();
    let set_year = move |ev| {
        let text = event_target_value(&ev);
        let year = text
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1970..=2200).contains(y));
        if !text.trim().is_empty() && year.is_none() {
            problem.set(Some(format!(
                "`{text}` is not a year between 1970 and 2200"
            )));
            return;
        }
        problem.set(None);
        let fix = FileFix {
            year,
            ..current.get_untracked()
        };
        state.edit(|e| e.fix_file(&f1, fix));
    };
    let set_zone = move |ev| match edits::parse_zone(&event_target_value(&ev)) {
        Ok(minutes) => {
            problem.set(None);
            let fix = FileFix {
                offset_minutes: minutes,
                ..current.get_untracked()
            };
            state.edit(|e| e.fix_file(&f2, fix));
        }
        Err(e) => problem.set(Some(e)),
    };
    let label = file.clone();
    view! {
        <tr data-testid="file-fix-row">
            <td class="src">{file.clone()}</td>
            <td>{count}</td>
            <td class:inferred=year_guessed>
                <input type="number" min="1970" max="2200" inputmode="numeric" placeholder=if year_guessed { "guessed" } else { "as read" }
                    aria-label=format!("Year for {label}") prop:value=move || current.with(|c| c.year.map(|y| y.to_string()).unwrap_or_default()) on:change=set_year data-testid="fix-year"/>
            </td>
            <td class:inferred=floating>
                <input type="text" size="8" placeholder=if floating { "none given" } else { "as read" }
                    aria-label=format!("Time zone for {file}") prop:value=move || current.with(|c| edits::zone_text(c.offset_minutes)) on:change=set_zone data-testid="fix-zone"/>
                {move || problem.get().map(|p| view! { <span class="field-error" role="alert">{p}</span> })}
            </td>
        </tr>
    }
}

fn find(state: AppState, id: &str) -> Option<Incident> {
    state
        .incidents
        .with(|all| all.iter().find(|i| i.id == id).cloned())
}

/// One editable incident. Inputs commit on change (not on every keystroke).
#[component]
fn ReviewRow(id: String) -> impl IntoView {
    let state = use_state();
    let key = id.clone();
    let inc = Memo::new(move |_| find(state, &key));
    let key = id.clone();
    let edit = Memo::new(move |_| {
        state
            .edits
            .with(|e| e.incidents.get(&key).cloned().unwrap_or_default())
    });
    let problem = RwSignal::new(None::<String>);
    let change = {
        let id = id.clone();
        move |f: &dyn Fn(&mut IncidentEdit)| {
            problem.set(None);
            state.edit(|e| e.edit(&id, f));
        }
    };
    let inferred =
        move |field: &'static str| inc.with(|i| i.as_ref().is_some_and(|i| i.is_inferred(field)));
    // Where the importer read a value: shown on hover and on keyboard focus.
    let why = move |field: &'static str| {
        move || {
            inc.with(|i| {
                i.as_ref().and_then(|i| i.evidence_of(field)).map(|c| {
                    let said = crate::domain::scan::plain(c.text);
                    let text = match c.line {
                        Some(n) => format!("read from line {n}: {said}"),
                        None => format!("read from: {said}"),
                    };
                    view! {
                        <span class="why" tabindex="0" role="note" data-testid=format!("why-{field}") aria-label=text.clone() data-evidence=text.clone() title=text>"?"</span>
                    }
                })
            })
        }
    };
    let edited = move |field: &'static str| edit.with(|e| e.fields().contains(&field));
    let time_cell = {
        let change = change.clone();
        move |field: &'static str,
              get: fn(&Incident) -> Option<Stamp>,
              put: fn(&mut IncidentEdit, Stamp)| {
            let parts = move || {
                inc.with(|i| {
                    i.as_ref()
                        .and_then(get)
                        .map(|s| edits::stamp_parts(&s))
                        .unwrap_or_default()
                })
            };
            let clock = RwSignal::new(String::new());
            let zone = RwSignal::new(String::new());
            Effect::new(move |_| {
                let (c, z) = parts();
                clock.set(c);
                zone.set(z);
            });
            let change = change.clone();
            let commit = move || {
                let (c, z) = (clock.get_untracked(), zone.get_untracked());
                if c.is_empty() {
                    return;
                }
                match edits::stamp_from_parts(&c, &z) {
                    Ok(s) => change(&|e: &mut IncidentEdit| put(e, s)),
                    Err(e) => problem.set(Some(e)),
                }
            };
            let commit2 = commit.clone();
            view! {
                <td class:inferred=move || inferred(field) class:edited=move || edited(field)>
                    <input type="datetime-local" aria-label=format!("{field} (local time)") prop:value=move || clock.get()
                        on:change=move |ev| { clock.set(event_target_value(&ev)); commit() } data-testid=format!("edit-{field}")/>
                    <input type="text" size="6" class="zone" placeholder="zone" aria-label=format!("{field} time zone") prop:value=move || zone.get()
                        on:change=move |ev| { zone.set(event_target_value(&ev)); commit2() } data-testid=format!("edit-{field}-zone")/>
                    {why(field)}
                </td>
            }
        }
    };
    let title_change = change.clone();
    let sev_change = change.clone();
    let svc_change = change.clone();
    let exc_change = change.clone();
    let undo_id = id.clone();
    view! {
        <tr data-testid="review-row" data-id=id.clone()>
            <td class:inferred=move || inferred("title") class:edited=move || edited("title")>
                <input type="text" aria-label="Title" prop:value=move || inc.with(|i| i.as_ref().map(|i| i.title.clone()).unwrap_or_default())
                    on:change=move |ev| { let t = event_target_value(&ev).trim().to_string(); if !t.is_empty() { title_change(&|e: &mut IncidentEdit| e.title = Some(t.clone())) } } data-testid="edit-title"/>
                {move || inc.with(|i| i.as_ref().map(|i| view! { <span class="src small">{i.source.file.clone()}</span> }))}
                {move || problem.get().map(|p| view! { <span class="field-error" role="alert">{p}</span> })}
            </td>
            {time_cell("started_at", |i| i.started_at, |e, s| e.started_at = Some(s))}
            {time_cell("resolved_at", |i| i.resolved_at, |e, s| e.resolved_at = Some(s))}
            <td class:inferred=move || inferred("severity") class:edited=move || edited("severity")>
                <select aria-label="Severity" data-testid="edit-severity" prop:value=move || inc.with(|i| i.as_ref().and_then(|i| i.severity.level).map(|l| l.to_string()).unwrap_or_default())
                    on:change=move |ev| { let l = event_target_value(&ev).parse::<u8>().ok(); if let Some(l) = l { sev_change(&|e: &mut IncidentEdit| e.level = Some(l)) } }>
                    <option value="" disabled=true>"unknown"</option>
                    {crate::domain::model::Level::ALL.map(|l| view! { <option value=l.number().to_string()>{l.name()}</option> })}
                </select>
                {why("severity")}
            </td>
            <td class:inferred=move || inferred("services") class:edited=move || edited("services")>
                <input type="text" aria-label="Services, comma-separated" prop:value=move || inc.with(|i| i.as_ref().map(|i| i.services.join(", ")).unwrap_or_default())
                    on:change=move |ev| { let list: Vec<String> = event_target_value(&ev).split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(); svc_change(&|e: &mut IncidentEdit| e.services = Some(list.clone())) } data-testid="edit-services"/>
            </td>
            <td class:edited=move || edited("excluded")>
                <label><input type="checkbox" prop:checked=move || inc.with(|i| i.as_ref().is_some_and(|i| i.excluded))
                    on:change=move |ev| { let x = event_target_checked(&ev); exc_change(&|e: &mut IncidentEdit| e.excluded = Some(x)) } data-testid="edit-excluded"/>
                    <span class="sr">"Exclude from metrics"</span></label>
            </td>
            <td>
                <Show when=move || edit.with(|e| *e != IncidentEdit::default())>
                    {
                        let undo_id = undo_id.clone();
                        view! { <button type="button" class="link" data-testid="undo-edit" on:click=move |_| { let id = undo_id.clone(); state.edit(move |e| { e.incidents.remove(&id); }) }>"Undo edits"</button> }
                    }
                </Show>
            </td>
        </tr>
    }
}
