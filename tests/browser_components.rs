//! Browser tests (wasm-bindgen-test in headless Chromium): components mounted in a real DOM.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aftermath::domain::metrics::{summarize, Interval, Metric, Summary};
use aftermath::domain::model::Incident;
use aftermath::ui::dashboard::KpiCard;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container(id: &str) -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    el.set_id(id);
    doc.body().unwrap().append_child(&el).unwrap();
    el.dyn_into().unwrap()
}

fn text_of(id: &str) -> String {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .get_element_by_id(id)
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

fn incident(start: &str, end: &str) -> Incident {
    Incident {
        title: "x".into(),
        started_at: start.parse().ok(),
        resolved_at: end.parse().ok(),
        ..Incident::default()
    }
}

#[wasm_bindgen_test]
fn kpi_card_shows_median_p90_mean_and_n() {
    let list = [
        incident("2024-01-01T10:00:00Z", "2024-01-01T10:10:00Z"),
        incident("2024-01-02T10:00:00Z", "2024-01-02T11:00:00Z"),
        incident("2024-01-03T10:00:00Z", "2024-01-03T10:20:00Z"),
        incident("2024-01-04T10:00:00Z", "2024-01-04T09:00:00Z"),
    ];
    let summary = summarize(list.iter(), Interval::standard(Metric::Ttr));
    let handle = leptos::mount::mount_to(container("kpi-a"), move || {
        view! { <KpiCard metric=Metric::Ttr summary=Signal::derive(move || summary.clone()) def="resolved_at − started_at".to_string()/> }
    });
    let text = text_of("kpi-a");
    assert!(text.contains("Time to resolve"), "{text}");
    assert!(text.contains("20min"), "median is the big number: {text}");
    assert!(!text.contains("p90"), "no p90 of three incidents: {text}");
    assert!(text.contains("mean 30min"), "{text}");
    assert!(text.contains("n = 3"), "{text}");
    assert!(text.contains("Few incidents"), "{text}");
    assert!(
        text.contains("left out: 1 ending before they start"),
        "{text}"
    );
    handle.forget();
}

#[wasm_bindgen_test]
fn kpi_card_shows_the_p90_from_ten_incidents_and_what_pulls_the_mean_up() {
    let mut list: Vec<Incident> = (0..9)
        .map(|i| {
            incident(
                &format!("2024-01-{:02}T10:00:00Z", i + 1),
                &format!("2024-01-{:02}T11:00:00Z", i + 1),
            )
        })
        .collect();
    list.push(incident("2024-01-20T10:00:00Z", "2024-03-20T10:00:00Z"));
    let summary = summarize(list.iter(), Interval::standard(Metric::Ttr));
    let handle = leptos::mount::mount_to(container("kpi-c"), move || {
        view! { <KpiCard metric=Metric::Ttr summary=Signal::derive(move || summary.clone()) def="resolved_at − started_at".to_string()/> }
    });
    let text = text_of("kpi-c");
    assert!(text.contains("n = 10"), "{text}");
    assert!(text.contains("p90 "), "{text}");
    assert!(!text.contains("Few incidents"), "{text}");
    assert!(
        text.contains("The mean is pulled up by 1 incident over 1d."),
        "{text}"
    );
    handle.forget();
}

#[wasm_bindgen_test]
fn kpi_card_says_na_with_the_reason_never_zero() {
    let summary = summarize(
        [incident("2024-01-01T10:00:00Z", "")].iter(),
        Interval::standard(Metric::Ttd),
    );
    assert_eq!(
        summary,
        Summary {
            excluded: [(aftermath::domain::metrics::Exclusion::Missing, 1)]
                .into_iter()
                .collect(),
            ..Summary::default()
        }
    );
    let handle = leptos::mount::mount_to(container("kpi-b"), move || {
        view! { <KpiCard metric=Metric::Ttd summary=Signal::derive(move || summary.clone()) def="detected_at − started_at".to_string()/> }
    });
    let text = text_of("kpi-b");
    assert!(text.contains("n/a"), "{text}");
    assert!(text.contains("1 without both times"), "{text}");
    assert!(!text.contains("0s"), "{text}");
    handle.forget();
}

#[wasm_bindgen_test]
fn browser_errors_read_as_people_read_them() {
    use aftermath::web::js_text;
    use wasm_bindgen::JsValue;
    let quota = web_sys::DomException::new_with_message_and_name(
        "The quota has been exceeded.",
        "QuotaExceededError",
    )
    .unwrap();
    assert_eq!(
        js_text(&quota.into()),
        "QuotaExceededError: The quota has been exceeded."
    );
    let thrown = js_sys::TypeError::new("Failed to fetch");
    assert_eq!(js_text(&thrown.into()), "TypeError: Failed to fetch");
    assert_eq!(js_text(&JsValue::from_str("no room left")), "no room left");
    assert_eq!(
        js_text(&JsValue::from_f64(3.0)),
        "an error the browser did not describe"
    );
}
