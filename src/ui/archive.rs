//! Every postmortem, listed by quarter (newest first): the index of a published site.

use super::state::use_state;
use crate::domain::dashboard;
use crate::domain::view::View;
use crate::render::html;
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
    // Tables and lists as markup from `render::html` (pure, escaped): one string each.
    view! {
        <section class="page" data-testid="page-archive">
            <super::Meta title="Postmortems by quarter" description="Every postmortem in the archive, listed by quarter, newest first."/>
            <h1>"Postmortems by quarter"</h1>
            <Show when=move || !state.incidents.with(|all| all.is_empty()) fallback=|| view! {
                <div class="empty"><p>"No postmortems yet. "<a href=crate::web::href("/import")>"Import some files"</a>"."</p></div>
            }>
                <h2>"Quarter over quarter"</h2>
                <p class="legend">"Medians first (durations are skewed), with p90 and the number of incidents each rests on; availability weighted by impact (critical 100 %, major 30 %, others 0 %; maintenance is not downtime). Changes are from the quarter before."</p>
                <div class="table-wrap"><table class="quarters-table" data-testid="quarter-table">
                    <thead><tr>
                        <th scope="col">"Quarter"</th><th scope="col">"Incidents"</th><th scope="col">"Time to resolve"</th>
                        <th scope="col">"Time to detect"</th><th scope="col">"Availability"</th><th scope="col">"Top services"</th><th scope="col"><span class="sr">"Views"</span></th>
                    </tr></thead>
                    <tbody inner_html=move || compared.with(|rows| html::quarter_rows(rows, crate::web::href))></tbody>
                </table></div>
                <h2>"Postmortems"</h2>
                <nav class="quarters" aria-label="Quarters" inner_html=move || quarters.with(|q| html::quarter_nav(q))></nav>
                <div inner_html=move || quarters.with(|q| html::quarter_sections(q, crate::web::href))></div>
            </Show>
        </section>
    }
}
