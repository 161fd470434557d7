//! The time histogram (SVG): bars per bucket with errors stacked, hover for the bucket's count
//! and time (UTC and local), drag to select a time range.

use super::state::Action;
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::format::{count, duration_parts, local_time, utc, TimeUnit};
use console_core::trail::query::QueryResult;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The query whose histogram this draws (shared: compared by pointer first).
    pub result: Rc<QueryResult>,
    /// Gets `SetRange(from, to)` (Unix ms, `[from, to)`) after a drag.
    pub on_action: Callback<Action>,
}

const W: f64 = 1000.0;
const H: f64 = 120.0;

/// The unit a histogram of `ms` buckets is read in.
fn bucket_unit(ms: i64) -> TimeUnit {
    match ms {
        x if x < 3_600_000 => TimeUnit::Minute,
        x if x < 86_400_000 => TimeUnit::Hour,
        x if x < 7 * 86_400_000 => TimeUnit::Day,
        _ => TimeUnit::Week,
    }
}

#[function_component(TimeHistogram)]
pub fn time_histogram(p: &Props) -> Html {
    let lang = use_lang();
    let h = &p.result.histogram;
    let n = h.counts.len().max(1);
    let max = h.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bw = W / n as f64;
    let svg_ref = use_node_ref();
    let hover = use_state(|| None::<usize>);
    let drag = use_state(|| None::<(usize, usize)>);

    let bucket_at = {
        let svg_ref = svg_ref.clone();
        move |client_x: i32| -> usize {
            let Some(el) = svg_ref.cast::<Element>() else { return 0 };
            let r = el.get_bounding_client_rect();
            let x = ((client_x as f64 - r.left()) / r.width().max(1.0)).clamp(0.0, 0.999_999);
            (x * n as f64) as usize
        }
    };
    let onmousedown = {
        let (drag, bucket_at) = (drag.clone(), bucket_at.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let b = bucket_at(e.client_x());
            drag.set(Some((b, b)));
        })
    };
    let onmousemove = {
        let (drag, hover, bucket_at) = (drag.clone(), hover.clone(), bucket_at.clone());
        Callback::from(move |e: MouseEvent| {
            let b = bucket_at(e.client_x());
            hover.set(Some(b));
            if let Some((a, _)) = *drag {
                drag.set(Some((a, b)));
            }
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let onmouseup = {
        let (drag, on_action, bucket_at) = (drag.clone(), p.on_action.clone(), bucket_at);
        let (start, bucket) = (h.start_ms, h.bucket_ms);
        Callback::from(move |e: MouseEvent| {
            if let Some((a, _)) = *drag {
                let b = bucket_at(e.client_x());
                let (lo, hi) = (a.min(b), a.max(b));
                let at = |k: usize| start.saturating_add((k as i64).saturating_mul(bucket));
                on_action.emit(Action::SetRange(at(lo), at(hi + 1)));
            }
            drag.set(None);
        })
    };

    // Two paths (every bar, then the error part of each) instead of a node per bar: an answer
    // redraws in one step, whatever the number of buckets. The hover tooltip says each bar's
    // numbers.
    let w = (bw - 0.6).max(0.4);
    let mut ok_path = String::with_capacity(h.counts.len() * 32);
    let mut err_path = String::new();
    for (k, (&c, &e)) in h.counts.iter().zip(&h.errors).enumerate() {
        let x = k as f64 * bw;
        if c > 0 {
            let bh = c as f64 / max * (H - 4.0);
            ok_path.push_str(&format!("M{x:.2} {:.2}h{w:.2}V{H}h-{w:.2}Z", H - bh));
        }
        if e > 0 {
            let eh = e as f64 / max * (H - 4.0);
            err_path.push_str(&format!("M{x:.2} {:.2}h{w:.2}V{H}h-{w:.2}Z", H - eh));
        }
    }
    let selection = (*drag).map(|(a, b)| {
        let (lo, hi) = (a.min(b), a.max(b));
        html! { <rect class="selection" x={format!("{:.2}", lo as f64 * bw)} y="0" width={format!("{:.2}", (hi - lo + 1) as f64 * bw)} height={H.to_string()} /> }
    });
    let tooltip = (*hover).filter(|&k| k < h.counts.len()).map(|k| {
        let t = h.start_ms + k as i64 * h.bucket_ms;
        html! {
            <div class="hist-tip" data-testid="histogram-tooltip" data-start={t.to_string()}>
                <strong>{ lang.t(Key::EventCount(&count(lang, h.counts[k]))) }</strong>
                if h.errors[k] > 0 { <span class="bad-text">{ lang.t(Key::TipErrors(&count(lang, h.errors[k]))) }</span> }
                <div>{ lang.t(Key::TimeUtc(&utc(t))) }</div>
                <div class="hint">{ lang.t(Key::TimeLocal(&local_time(lang, t))) }</div>
            </div>
        }
    });
    let end = h.start_ms + h.counts.len() as i64 * h.bucket_ms;
    html! {
        <section class="card histogram" aria-labelledby="histogram-title">
            <div class="hist-head">
                <h3 id="histogram-title">{ lang.t(Key::HistogramTitle) }</h3>
                <span class="hint">{ lang.t(Key::HistogramHint(duration_parts(h.bucket_ms))) }</span>
                { tooltip }
            </div>
            <svg ref={svg_ref} viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img"
                 aria-label={lang.t(Key::HistogramLabel(bucket_unit(h.bucket_ms)))}
                 data-testid="time-histogram" data-start-ms={h.start_ms.to_string()} data-bucket-ms={h.bucket_ms.to_string()}
                 {onmousedown} {onmousemove} {onmouseup} {onmouseleave}>
                <path class="ok" d={ok_path} />
                <path class="err" d={err_path} />
                { for selection }
            </svg>
            <div class="hist-axis hint"><span>{ utc(h.start_ms) }</span><span>{ utc(end) }</span></div>
        </section>
    }
}
