//! Every postmortem, listed by quarter (newest first): the index of a published site.

use super::state::use_state;
use crate::domain::dashboard;
use crate::domain::model::Severity;
use crate::render::format;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let state = use_state();
    let quarters = Memo::new(move |_| state.incidents.with(|all| dashboard::by_quarter(all)));
    view! {
        <section class="page" data-testid="page-archive">
            <super::Meta title="Postmortems by quarter" description="Every postmortem in the archive, listed by quarter, newest first."/>
            <h1>"Postmortems by quarter"</h1>
            <Show when=move || !state.incidents.with(|all| all.is_empty()) fallback=|| view! {
                <div class="empty"><p>"No postmortems yet. "<A href=crate::web::href("/import")>"Import some files"</A>"."</p></div>
            }>
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
