//! The review pages and their API (docs/review.md): the embedded front end, alignments under
//! review and their actions, and the glossary's entries as a list to decide on.
use super::{bad, Answered, ApiError, Entry, Shr};
use crate::glossary::Concept;
use crate::review::view::{view, ReviewView};
use crate::review::{Action, Refused};
use crate::store::ReviewInfo;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

/// The front end, embedded: one page, one stylesheet, one script.
pub const PAGE: &str = include_str!("assets/index.html");
pub const CSS: &str = include_str!("assets/review.css");
pub const JS: &str = include_str!("assets/review.js");

/// Most entries in one page of `GET /api/entries`.
const MAX_ENTRIES: usize = 1_000;
const DEFAULT_ENTRIES: usize = 200;

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

pub(super) async fn page() -> Response {
    asset("text/html; charset=utf-8", PAGE)
}

pub(super) async fn css() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

pub(super) async fn js() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}

#[derive(Serialize)]
pub(super) struct Reviews {
    reviews: Vec<ReviewInfo>,
}

pub(super) async fn list(State(s): State<Shr>) -> Answered<Reviews> {
    let reviews = s.read(|l| l.store().reviews()).await?;
    Ok(Json(Reviews { reviews }))
}

fn no_review(id: i64) -> ApiError {
    ApiError(
        StatusCode::NOT_FOUND,
        format!("no review {id} (GET /api/reviews lists them)"),
        None,
    )
}

pub(super) async fn one(State(s): State<Shr>, UrlPath(id): UrlPath<i64>) -> Answered<ReviewView> {
    let found = s
        .read(move |l| {
            let rv = l.store().review(id)?;
            Ok(rv.map(|rv| view(&rv, Some(l.matcher()))))
        })
        .await?;
    found.map(Json).ok_or_else(|| no_review(id))
}

/// The review after an action, and the action that undoes it.
#[derive(Serialize)]
pub(super) struct Acted {
    #[serde(flatten)]
    review: ReviewView,
    undo: Action,
}

pub(super) async fn act(
    State(s): State<Shr>,
    UrlPath(id): UrlPath<i64>,
    Json(action): Json<Action>,
) -> Answered<Acted> {
    let matcher = s.matcher();
    s.write(false, move |store| {
        let Some(done) = store.review_action(id, &action)? else {
            return Err(no_review(id));
        };
        match done {
            Ok((rv, undo)) => Ok(Json(Acted {
                review: view(&rv, Some(&matcher)),
                undo,
            })),
            Err(Refused::Unknown(b)) => Err(ApiError(
                StatusCode::NOT_FOUND,
                format!("review {id} has no bead {b}; nothing was changed: read the review again"),
                None,
            )),
            Err(Refused::Stale(current)) => Err(ApiError(
                StatusCode::CONFLICT,
                "a bead changed since it was read (another tab or reviewer?); nothing was changed: read the review again".into(),
                Some(serde_json::json!({ "beads": current })),
            )),
            Err(Refused::Invalid(msg)) => Err(bad(format!("{msg}; nothing was changed"))),
        }
    })
    .await
}

#[derive(Deserialize)]
pub(super) struct EntriesQuery {
    status: Option<String>,
    filter: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
    sort: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Entries {
    total: usize,
    entries: Vec<Entry>,
}

/// The glossary's entries by confidence (highest first, then id): the candidates (extracted,
/// not yet decided), the decided ones, or all.
pub(super) async fn entries(
    State(s): State<Shr>,
    Query(q): Query<EntriesQuery>,
) -> Answered<Entries> {
    use crate::glossary::Origin;
    let status = q.status.unwrap_or_else(|| "candidates".into());
    let keep: fn(Origin) -> bool = match status.as_str() {
        "candidates" => |o| o == Origin::Extracted,
        "decided" => |o| o != Origin::Extracted,
        "all" => |_| true,
        other => {
            return Err(bad(format!(
                "status={other}: expected candidates, decided or all"
            )))
        }
    };
    if let Some(sort) = q.sort.as_deref().filter(|s| *s != "confidence") {
        return Err(bad(format!("sort={sort}: only confidence is offered")));
    }
    let limit = q.limit.unwrap_or(DEFAULT_ENTRIES);
    if limit == 0 || limit > MAX_ENTRIES {
        return Err(bad(format!("limit={limit}: expected 1 to {MAX_ENTRIES}")));
    }
    let filter = q.filter.map(|f| f.to_lowercase()).unwrap_or_default();
    let offset = q.offset.unwrap_or(0);
    let mut concepts = s.read(|l| Ok(l.store().glossary()?.concepts)).await?;
    concepts.retain(|c| {
        keep(c.origin)
            && (filter.is_empty()
                || c.en
                    .iter()
                    .chain(&c.ru)
                    .any(|t| t.text.to_lowercase().contains(&filter)))
    });
    by_confidence(&mut concepts);
    let total = concepts.len();
    let entries = concepts
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(Entry::from)
        .collect();
    Ok(Json(Entries { total, entries }))
}

/// Highest confidence first, then by id.
fn by_confidence(concepts: &mut [Concept]) {
    concepts.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then(a.id.cmp(&b.id)));
}

/// The stylesheet and script tags of [`PAGE`], which a static report replaces.
const CSS_TAG: &str = r#"<link rel="stylesheet" href="assets/review.css">"#;
const JS_TAG: &str = r#"<script src="assets/review.js"></script>"#;

/// The review page as one self-contained file: the stylesheet and the script inline, and
/// `data` (`{"reviews": [...], "entries": [...]}`) in it, which the script shows read-only.
pub fn static_page(reviews: &[ReviewView], mut concepts: Vec<Concept>) -> String {
    by_confidence(&mut concepts);
    let entries: Vec<Entry> = concepts.into_iter().map(Entry::from).collect();
    let data = serde_json::json!({ "reviews": reviews, "entries": entries });
    page_with(&data)
}

fn page_with(data: &serde_json::Value) -> String {
    // `<` only stands inside JSON strings, where \u003c means the same and cannot end the script
    let json = data.to_string().replace('<', "\\u003c");
    PAGE.replacen(CSS_TAG, &format!("<style>\n{CSS}\n</style>"), 1)
        .replacen(
            JS_TAG,
            &format!("<script>window.TERMTOOL_DATA = {json};</script>\n<script>\n{JS}\n</script>"),
            1,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_static_page_holds_everything_inline() {
        assert!(PAGE.contains(CSS_TAG) && PAGE.contains(JS_TAG));
        assert!(!JS.contains("</script") && !CSS.contains("</style"));
        let data = serde_json::json!({"reviews": [], "entries": [{"note": "</script><b>"}]});
        let page = page_with(&data);
        assert!(
            !page.contains("assets/review."),
            "a link to an asset is left"
        );
        assert_eq!(page.matches("</script>").count(), 2);
        assert!(page.contains("window.TERMTOOL_DATA = {"));
    }
}
