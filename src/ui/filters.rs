//! The view state lives in the URL query: every page reads it with [`use_view`] and changes
//! it with [`set_view`], so any view is a permalink and back/forward work. The filter bar is
//! shared by the dashboard, the incident list and the report.

use super::state::use_state;
use crate::domain::view::{QuickRange, View};
use leptos::prelude::*;

/// The view shared by every page: the URL's, unless a filter change is being shown. A change
/// is shown at once and written to the URL after the frame is painted, so the frame that shows
/// it does not also pay for a history entry and a route match.
#[derive(Clone, Copy)]
struct SharedView {
    url: Memo<View>,
    /// The view being shown ahead of the URL.
    ahead: RwSignal<Option<View>>,
    /// URL updates queued and not yet made.
    queued: StoredValue<u32>,
    /// The location the last update wrote.
    written: StoredValue<String>,
}

fn view_of(location: &crate::web::route::Location) -> View {
    let pairs = crate::domain::route::query_pairs(&location.query);
    View::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Provides the shared view to `children` (the routes); must sit inside the router.
#[component]
pub fn ViewScope(children: Children) -> impl IntoView {
    let location = crate::web::route::use_location();
    provide_context(SharedView {
        url: Memo::new(move |_| location.with(view_of)),
        ahead: RwSignal::new(None),
        queued: StoredValue::new(0),
        written: StoredValue::new(String::new()),
    });
    children()
}

/// The current view: the URL's, or the change being applied.
pub fn use_view() -> Memo<View> {
    match use_context::<SharedView>() {
        Some(s) => Memo::new(move |_| s.ahead.get().unwrap_or_else(|| s.url.get())),
        None => {
            let location = crate::web::route::use_location();
            Memo::new(move |_| location.with(view_of))
        }
    }
}

/// Every incident prepared under the view's definitions: recomputed when the data or the
/// interval definition changes, not when a filter does.
pub fn use_prepared(view: Memo<View>) -> Memo<crate::domain::metrics::Prepared> {
    let state = use_state();
    // Everything that changes how durations are measured, and nothing else.
    let measured = Memo::new(move |_| view.with(|v| (v.resolve_from, v.include_planned)));
    Memo::new(move |_| {
        let (resolve_from, include_planned) = measured.get();
        let v = View {
            resolve_from,
            include_planned,
            ..View::default()
        };
        state
            .incidents
            .with(|all| crate::domain::dashboard::prepare(all, &v))
    })
}

/// The incidents the view's filters select, prepared: recomputed when a filter changes, not
/// when only the display does (trend period, heatmap window, sort). The dashboard's panels each
/// compute their part from it.
pub fn use_selection(view: Memo<View>) -> Memo<crate::domain::metrics::Prepared> {
    let state = use_state();
    let base = use_prepared(view);
    let filters = Memo::new(move |_| view.with(View::filters_only));
    Memo::new(move |_| {
        filters.with(|v| {
            base.with(|b| {
                state
                    .incidents
                    .with(|all| crate::domain::dashboard::select(all, b, v))
            })
        })
    })
}

/// Everything the dashboard shows for the URL's view, in one memo over `dashboard::compute`
/// (the printable report, which shows it all at once).
pub fn use_dashboard(view: Memo<View>) -> Memo<crate::domain::dashboard::Dashboard> {
    let state = use_state();
    let base = use_prepared(view);
    Memo::new(move |_| {
        let v = view.get();
        base.with(|b| {
            state
                .incidents
                .with(|all| crate::domain::dashboard::compute(all, b, &v, state.today))
        })
    })
}

/// A function that shows `view` on `page` (e.g. `/incidents`, the page it is called from): the
/// view changes at once, the URL after the frame is painted. `replace` keeps typing in the
/// search box out of the history.
pub fn use_set_view(page: &'static str) -> impl Fn(View, bool) + Copy + 'static {
    let shared = use_context::<SharedView>();
    move |view: View, replace: bool| {
        let url = crate::web::href(&format!("{page}{}", view.to_query()));
        let go = move || crate::web::route::navigate(&url, replace, false);
        let Some(shared) = shared else {
            go();
            return;
        };
        shared.ahead.set(Some(view));
        shared.queued.update_value(|n| *n += 1);
        let here = crate::web::current_location();
        crate::web::after_paint(move || {
            shared.queued.update_value(|n| *n = n.saturating_sub(1));
            // The user may have moved meanwhile (a link, back): then the URL is theirs. An
            // earlier change written from here is not a move.
            let now = crate::web::current_location();
            if now == here || shared.written.with_value(|w| *w == now) {
                go();
                shared.written.set_value(crate::web::current_location());
            }
            if shared.queued.get_value() == 0 {
                shared.ahead.set(None);
            }
        });
    }
}

/// Distinct values of a field across all incidents, for the filter menus.
fn choices(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut list: Vec<String> = values.filter(|v| !v.is_empty()).collect();
    crate::domain::order::sort_by(&mut list, |a, b| a.cmp(b));
    list.dedup();
    list
}

/// The filter bar: date range with quick picks, severity, service, tag, source, search.
#[component]
pub fn FilterBar(page: &'static str) -> impl IntoView {
    let state = use_state();
    let view = use_view();
    let set = use_set_view(page);
    let change = move |f: &dyn Fn(&mut View), replace: bool| {
        let mut v = view.get_untracked();
        f(&mut v);
        set(v, replace);
    };
    let menus = Memo::new(move |_| {
        state.incidents.with(|all| {
            (
                choices(all.iter().flat_map(|i| i.services.iter().cloned())),
                choices(all.iter().flat_map(|i| i.tags.iter().cloned())),
                choices(all.iter().map(|i| i.source.file.clone())),
            )
        })
    });
    // One memo per control: a change re-runs only the controls whose value it changed.
    let range = Memo::new(move |_| view.with(|v| (v.from, v.to)));
    let severity = Memo::new(move |_| view.with(|v| v.severity));
    let service = Memo::new(move |_| view.with(|v| v.service.clone()));
    let tag = Memo::new(move |_| view.with(|v| v.tag.clone()));
    let source = Memo::new(move |_| view.with(|v| v.source.clone()));
    let q = Memo::new(move |_| view.with(|v| v.q.clone()));
    let filtered = Memo::new(move |_| view.with(View::is_filtered));
    let opt = |s: String| (!s.is_empty()).then_some(s);
    let select = move |label: &'static str,
                       id: &'static str,
                       items: Signal<Vec<String>>,
                       current: Memo<Option<String>>,
                       apply: fn(&mut View, Option<String>)| {
        view! {
            <label>{label}" "
                <select data-testid=format!("filter-{id}") on:change=move |ev| { let v = opt(event_target_value(&ev)); change(&|view: &mut View| apply(view, v.clone()), false) }
                    prop:value=move || current.get().unwrap_or_default()>
                    <option value="">"All"</option>
                    {move || items.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    // On a phone the filters fold behind one button, so the figures come first.
    let open = RwSignal::new(false);
    let active = Memo::new(move |_| view.with(View::active_filters));
    view! {
        <div class="filter-bar" class:open=move || open.get()>
        <button type="button" class="filters-toggle" data-testid="filters-toggle" aria-controls="filters"
            aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            {move || match active.get() { 0 => "Filters".to_string(), n => format!("Filters ({n} active)") }}
        </button>
        <form class="filters" id="filters" data-testid="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <fieldset class="range">
                <legend class="sr">"Date range"</legend>
                <label>"From "<input type="date" data-testid="filter-from" prop:value=move || range.get().0.map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| { let d = crate::domain::dates::parse_day(&event_target_value(&ev)); change(&|v: &mut View| v.from = d, false) }/></label>
                <label>"to "<input type="date" data-testid="filter-to" prop:value=move || range.get().1.map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| { let d = crate::domain::dates::parse_day(&event_target_value(&ev)); change(&|v: &mut View| v.to = d, false) }/></label>
                <span class="quick">
                    {QuickRange::ALL.into_iter().map(|r| {
                        let (from, to) = r.range(state.today);
                        let pressed = move || range.get() == (Some(from), Some(to));
                        view! {
                            <button type="button" class="chip" aria-pressed=move || pressed().to_string()
                                on:click=move |_| change(&|v: &mut View| { if pressed() { v.from = None; v.to = None } else { v.from = Some(from); v.to = Some(to) } }, false)>{r.label()}</button>
                        }
                    }).collect_view()}
                </span>
            </fieldset>
            <label>"Severity "
                <select data-testid="filter-severity" prop:value=move || severity.get().map(|l| l.to_string()).unwrap_or_default()
                    on:change=move |ev| { let l = event_target_value(&ev).parse().ok(); change(&|v: &mut View| v.severity = l, false) }>
                    <option value="">"All"</option>
                    {crate::domain::model::Level::ALL.map(|l| view! { <option value=l.number().to_string()>{l.label()}</option> })}
                    <option value="0">"Unknown"</option>
                </select>
            </label>
            {select("Service", "service", Signal::derive(move || menus.with(|m| m.0.clone())), service, |v, s| v.service = s)}
            {select("Tag", "tag", Signal::derive(move || menus.with(|m| m.1.clone())), tag, |v, s| v.tag = s)}
            {select("Source", "source", Signal::derive(move || menus.with(|m| m.2.clone())), source, |v, s| v.source = s)}
            <label class="grow">"Search "
                <input type="search" placeholder="title, summary, service, tag, file" data-testid="filter-q"
                    prop:value=q
                    on:input=move |ev| { let q = event_target_value(&ev); change(&|v: &mut View| v.q = q.trim().to_string(), true) }/>
            </label>
            <Show when=move || filtered.get()>
                <button type="button" class="link" data-testid="filter-reset" on:click=move |_| change(&|v: &mut View| {
                    *v = v.display_only();
                }, false)>"Clear filters"</button>
            </Show>
        </form>
        </div>
    }
}
