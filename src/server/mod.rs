//! `termtool serve`: the workspace over HTTP with JSON, for CAT tools, scripts and review
//! pages (axum on tokio). docs/api.md lists the endpoints.
//!
//! Reads go to a pool of connections, each answering from one snapshot of the workspace;
//! writes (units, glossary decisions) go through one writer connection, one transaction each.
//! The glossary is analysed once and shared by every reader; a decision replaces it.
//! Blocking work runs on tokio's blocking threads, never on the ones serving sockets.
use crate::error::{Error, Result};
use crate::glossary::curated::{Action, Decision};
use crate::glossary::{concept_id, Concept};
use crate::index::lookup::{self, Answer, ConcordanceHit, Fuzzy, Lookup, Options};
use crate::index::terms::TermMatcher;
use crate::store::{self, Store, Unit};
use crate::text::Lang;
use axum::body::to_bytes;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

pub mod review;

/// Largest request body accepted (a batch of units): 4 MiB.
pub const MAX_BODY: usize = 4 << 20;
/// A request that takes longer is answered 408.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;
/// Most hits per section a request may ask for.
pub const MAX_LIMIT: usize = 100;
/// Most units in one POST.
pub const MAX_UNITS: usize = 10_000;
/// Lookups answered at once per core: more only make each wait longer (they are CPU-bound),
/// and the rest queue in order of arrival.
const READERS_PER_CORE: usize = 2;
/// amaGama's defaults (its settings.py): similarity threshold and number of candidates.
const AMAGAMA_MIN_SIMILARITY: u32 = 70;
const AMAGAMA_MAX_CANDIDATES: usize = 5;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The workspace.
    pub store: store::Config,
    /// Address to listen on (port 0: any free port).
    pub bind: SocketAddr,
    /// Token allowing every request, reads and writes.
    pub editor_token: Option<String>,
    /// Token allowing reads only.
    pub reader_token: Option<String>,
}

impl Config {
    /// Refuse what would expose the workspace: an address other than loopback without an
    /// editor token, a reader token without an editor token, or the two tokens alike.
    pub fn check(&self) -> Result<()> {
        for t in [&self.editor_token, &self.reader_token]
            .into_iter()
            .flatten()
        {
            if t.trim().len() < 16 || t.chars().any(char::is_whitespace) {
                return Err(Error::Usage(
                    "a token must be at least 16 characters without spaces (e.g. `openssl rand -hex 16`)".into(),
                ));
            }
        }
        if self.reader_token.is_some() && self.editor_token.is_none() {
            return Err(Error::Usage(
                "a reader token needs an editor token too (otherwise nobody could write)".into(),
            ));
        }
        if self.reader_token.is_some() && self.reader_token == self.editor_token {
            return Err(Error::Usage(
                "the editor's and the readers' tokens must differ".into(),
            ));
        }
        if !self.bind.ip().is_loopback() && self.editor_token.is_none() {
            return Err(Error::Usage(format!(
                "{} is not a loopback address: give an editor token (--editor-token-file or $TERMTOOL_EDITOR_TOKEN) before serving beyond this machine",
                self.bind
            )));
        }
        Ok(())
    }
}

/// Serve `config.store` until `shutdown` completes; requests under way are finished first.
/// `on_listen` is told the address bound (with port 0, the port chosen).
pub async fn serve(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
    on_listen: impl FnOnce(SocketAddr),
) -> Result<()> {
    config.check()?;
    let writer = Store::open_with(&config.store)?;
    let matcher = lookup::matcher(&writer)?;
    let shared = Arc::new(Shared {
        store: config.store.clone(),
        pool: Mutex::new(Vec::new()),
        readers: tokio::sync::Semaphore::new(
            READERS_PER_CORE * std::thread::available_parallelism().map_or(1, |n| n.get()),
        ),
        writer: Mutex::new(writer),
        matcher: RwLock::new(Arc::new(matcher)),
        editor_token: config.editor_token.clone(),
        reader_token: config.reader_token.clone(),
    });
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {}", config.bind, e)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {}", config.bind, e)))?;
    on_listen(addr);
    axum::serve(listener, router(shared))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Error::Usage(format!("the server stopped: {e}")))
}

/// What every request shares.
pub(crate) struct Shared {
    store: store::Config,
    /// Reader connections kept open between requests (as many as may run at once).
    pool: Mutex<Vec<Store>>,
    /// Permits to read: one per reader that may run at once.
    readers: tokio::sync::Semaphore,
    writer: Mutex<Store>,
    matcher: RwLock<Arc<TermMatcher>>,
    editor_token: Option<String>,
    reader_token: Option<String>,
}

pub(crate) type Shr = Arc<Shared>;

fn router(shared: Shr) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/lookup", get(lookup_q))
        .route("/api/concordance", get(concordance))
        .route("/api/entries/{id}", get(entry))
        .route("/api/entries/{id}/decision", post(decide))
        .route("/api/units", post(add_units))
        .route("/api/entries", get(review::entries).post(add_entry))
        .route("/api/reviews", get(review::list))
        .route("/api/reviews/{id}", get(review::one))
        .route("/api/reviews/{id}/actions", post(review::act))
        .route("/", get(review::page))
        .route("/assets/review.css", get(review::css))
        .route("/assets/review.js", get(review::js))
        .route("/tmserver/languages/", get(amagama_languages))
        .route("/tmserver/{src}/{tgt}/unit/{*text}", get(amagama_unit))
        .layer(middleware::from_fn_with_state(shared.clone(), authorize))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        // A declared length over the limit is refused before the body is read.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            TIMEOUT,
        ))
        // Outermost, so that the layers' own answers (413, 408) are JSON too.
        .layer(middleware::from_fn(json_errors))
        .with_state(shared)
}

/// An error answer: a status and `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError(StatusCode, String, Option<serde_json::Value>);

pub(crate) fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into(), None)
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let status = match &e {
            Error::Usage(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError(status, e.to_string(), None)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({ "error": self.1 });
        if let Some(serde_json::Value::Object(extra)) = self.2 {
            body.as_object_mut().expect("an object").extend(extra);
        }
        (self.0, Json(body)).into_response()
    }
}

pub(crate) type Answered<T> = std::result::Result<Json<T>, ApiError>;

/// Turn axum's own plain-text errors (unknown route, wrong method, body too large, malformed
/// JSON or query, timeout) into `{"error": …}` with the same status.
async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if res.status().is_success() || is_json {
        return res;
    }
    let status = res.status();
    let text = to_bytes(res.into_body(), 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let msg = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    ApiError(status, msg, None).into_response()
}

/// Who may do what: without tokens (loopback only) everyone may do everything; with them, a
/// request carries `Authorization: Bearer TOKEN` (or `?token=TOKEN`, for clients such as
/// amaGama's that cannot set headers): the editor's token reads and writes, the readers' reads.
async fn authorize(State(s): State<Shr>, req: Request, next: Next) -> Response {
    let Some(editor) = &s.editor_token else {
        return next.run(req).await;
    };
    // the front end holds no data: a browser loads it before it can send the token
    let path = req.uri().path();
    if req.method() == axum::http::Method::GET && (path == "/" || path.starts_with("/assets/")) {
        return next.run(req).await;
    }
    let given = bearer(req.headers()).or_else(|| token_param(req.uri().query()));
    let write = req.method() != axum::http::Method::GET && req.method() != axum::http::Method::HEAD;
    let role_ok = match given.as_deref() {
        Some(t) if same(t, editor) => true,
        Some(t) if s.reader_token.as_deref().is_some_and(|r| same(t, r)) => {
            if write {
                return ApiError(
                    StatusCode::FORBIDDEN,
                    "this token may only read; writing needs the editor's token".into(),
                    None,
                )
                .into_response();
            }
            true
        }
        _ => false,
    };
    if !role_ok {
        let mut res = ApiError(
            StatusCode::UNAUTHORIZED,
            "a token is needed: send `Authorization: Bearer TOKEN`".into(),
            None,
        )
        .into_response();
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            "Bearer".parse().expect("a header value"),
        );
        return res;
    }
    next.run(req).await
}

fn bearer(h: &HeaderMap) -> Option<String> {
    let v = h.get(header::AUTHORIZATION)?.to_str().ok()?;
    v.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

fn token_param(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "token")
        .map(|(_, v)| v.to_string())
}

/// Compare tokens in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Shared {
    /// Run `f` with a reader connection and the shared glossary matcher, off the async threads.
    async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Lookup) -> Result<T> + Send + 'static,
    ) -> std::result::Result<T, ApiError> {
        let _permit = self
            .readers
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let s = self.clone();
        blocking(move || {
            let store = match s.pool.lock().expect("pool lock").pop() {
                Some(st) => st,
                None => Store::open_to_read(&s.store)?,
            };
            let out = f(&Lookup::with_matcher(&store, s.matcher()));
            s.pool.lock().expect("pool lock").push(store);
            out
        })
        .await
    }

    /// The glossary, analysed (as the last decision left it).
    fn matcher(&self) -> Arc<TermMatcher> {
        self.matcher.read().expect("matcher lock").clone()
    }

    /// Run `f` with the writer connection; when it changed the glossary, analyse it again.
    async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        glossary_changes: bool,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, ApiError> + Send + 'static,
    ) -> std::result::Result<T, ApiError> {
        let s = self.clone();
        let res = tokio::task::spawn_blocking(move || {
            let mut store = s.writer.lock().expect("writer lock");
            let out = f(&mut store)?;
            if glossary_changes {
                let m = lookup::matcher(&store)?;
                *s.matcher.write().expect("matcher lock") = Arc::new(m);
            }
            Ok(out)
        })
        .await;
        res.unwrap_or_else(|e| Err(internal(e)))
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> std::result::Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(ApiError::from),
        Err(e) => Err(internal(e)),
    }
}

fn internal(e: tokio::task::JoinError) -> ApiError {
    ApiError(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the request failed: {e}"),
        None,
    )
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    concepts: usize,
    units: usize,
}

async fn health(State(s): State<Shr>) -> Answered<Health> {
    let c = s.read(|l| l.store().counts()).await?;
    Ok(Json(Health {
        status: "ok",
        concepts: c.concepts,
        units: c.units,
    }))
}

/// The query string of `/api/lookup` and `/api/concordance` (the options of `lookup`).
#[derive(Deserialize)]
struct LookupQuery {
    q: Option<String>,
    lang: Option<String>,
    limit: Option<usize>,
    min_score: Option<u32>,
    concordance: Option<bool>,
    fuzzy: Option<String>,
}

impl LookupQuery {
    fn parse(self) -> std::result::Result<(String, Options), ApiError> {
        let q = self.q.unwrap_or_default().trim().to_string();
        if q.is_empty() {
            return Err(bad("expected a query: ?q=TEXT"));
        }
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(bad(format!(
                "the query is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        let d = Options::default();
        let lang = match self.lang.as_deref() {
            None | Some("") => None,
            Some("en") => Some(Lang::En),
            Some("ru") => Some(Lang::Ru),
            Some(l) => return Err(bad(format!("lang={l}: expected en or ru"))),
        };
        let limit = self.limit.unwrap_or(d.limit);
        if limit > MAX_LIMIT {
            return Err(bad(format!("limit={limit}: at most {MAX_LIMIT}")));
        }
        let min_score = self.min_score.unwrap_or(d.min_score);
        if min_score > 100 {
            return Err(bad(format!("min_score={min_score}: expected 0 to 100")));
        }
        let fuzzy = match self.fuzzy.as_deref() {
            None | Some("words") => Fuzzy::Words,
            Some("characters") => Fuzzy::Characters,
            Some(f) => return Err(bad(format!("fuzzy={f}: expected words or characters"))),
        };
        Ok((
            q,
            Options {
                lang,
                limit,
                min_score,
                concordance: self.concordance.unwrap_or(false),
                fuzzy,
            },
        ))
    }
}

async fn lookup_q(State(s): State<Shr>, Query(q): Query<LookupQuery>) -> Answered<Answer> {
    let (q, opt) = q.parse()?;
    Ok(Json(s.read(move |l| l.run(&q, &opt)).await?))
}

#[derive(Serialize)]
struct Concordance {
    query: String,
    lang: &'static str,
    concordance: Vec<ConcordanceHit>,
}

async fn concordance(State(s): State<Shr>, Query(q): Query<LookupQuery>) -> Answered<Concordance> {
    let (q, mut opt) = q.parse()?;
    opt.concordance = true;
    let a = s.read(move |l| l.run(&q, &opt)).await?;
    Ok(Json(Concordance {
        query: a.query,
        lang: a.lang,
        concordance: a.concordance.unwrap_or_default(),
    }))
}

/// A glossary entry with its version.
#[derive(Serialize)]
pub(crate) struct Entry {
    version: String,
    #[serde(flatten)]
    concept: Concept,
}

impl From<Concept> for Entry {
    fn from(concept: Concept) -> Entry {
        Entry {
            version: concept.version(),
            concept,
        }
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError(
        StatusCode::NOT_FOUND,
        format!("no glossary entry {id:?}"),
        Some(serde_json::json!({ "id": id })),
    )
}

async fn entry(State(s): State<Shr>, UrlPath(id): UrlPath<String>) -> Answered<Entry> {
    let found = {
        let id = id.clone();
        s.read(move |l| l.store().concept(&id)).await?
    };
    found.map(|c| Json(c.into())).ok_or_else(|| not_found(&id))
}

/// A person's decision on an entry, made against the version they saw.
#[derive(Deserialize)]
struct DecisionIn {
    action: String,
    version: Option<String>,
    #[serde(default)]
    en: String,
    #[serde(default)]
    ru: String,
    #[serde(default)]
    note: String,
    /// For a merge: the entry merged into this one, and the version of it that was read.
    #[serde(default)]
    other: String,
    other_version: Option<String>,
}

#[derive(Serialize)]
struct Decided {
    id: String,
    action: &'static str,
    /// The entry after the decision (absent when it was rejected).
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<Entry>,
    /// For a split: the new entry holding the terms taken out.
    #[serde(skip_serializing_if = "Option::is_none")]
    split_off: Option<Entry>,
}

fn stale(id: &str, version: &str, now: String) -> ApiError {
    ApiError(
        StatusCode::CONFLICT,
        format!("entry {id:?} changed since version {version} was read; nothing was changed: read it again"),
        Some(serde_json::json!({ "id": id, "version": now })),
    )
}

/// The term of `list` that `text` names (by match key), as stored: `Some("")` for an empty
/// text, `None` when the list has no such term.
fn stored_term(list: &[crate::glossary::Term], text: &str) -> Option<String> {
    if text.is_empty() {
        return Some(String::new());
    }
    let k = crate::text::match_key(text);
    list.iter()
        .find(|t| crate::text::match_key(&t.text) == k)
        .map(|t| t.text.clone())
}

async fn decide(
    State(s): State<Shr>,
    UrlPath(id): UrlPath<String>,
    Json(d): Json<DecisionIn>,
) -> Answered<Decided> {
    let action = match Action::parse(&d.action) {
        Some(Action::Add) | None => {
            return Err(bad(format!(
                "action {:?}: expected accept, reject, edit, prefer, merge or split (POST /api/entries adds one)",
                d.action
            )))
        }
        Some(a) => a,
    };
    let Some(version) = d.version.filter(|v| !v.is_empty()) else {
        return Err(bad(
            "expected the entry's version (from GET /api/entries/{id}) with the decision",
        ));
    };
    let other_version = d.other_version.unwrap_or_default();
    if action == Action::Merge && other_version.is_empty() {
        return Err(bad(
            "a merge needs other_version, the version of the entry merged in",
        ));
    }
    let decision = Decision {
        action,
        id: id.clone(),
        en: d.en.trim().to_string(),
        ru: d.ru.trim().to_string(),
        note: d.note.trim().to_string(),
        other: d.other.trim().to_string(),
        line: 0,
    };
    if let Some(problem) = decision.problem() {
        return Err(bad(problem));
    }
    s.write(true, move |store| {
        let mut b = store.batch()?;
        let Some(current) = b.concept(&id)? else {
            return Err(not_found(&id));
        };
        let now = current.version();
        if now != version {
            return Err(stale(&id, &version, now));
        }
        if action == Action::Merge {
            let other = &decision.other;
            let Some(o) = b.concept(other)? else {
                return Err(not_found(other));
            };
            if o.version() != other_version {
                return Err(stale(other, &other_version, o.version()));
            }
        }
        let named = (
            stored_term(&current.en, &decision.en),
            stored_term(&current.ru, &decision.ru),
        );
        let (en, ru) = match named {
            (Some(en), Some(ru)) => (en, ru),
            _ if matches!(action, Action::Prefer | Action::Split) => {
                return Err(bad(format!(
                    "entry {id:?} has no term {:?} / {:?}; nothing was changed",
                    decision.en, decision.ru
                )))
            }
            _ => Default::default(),
        };
        b.add_decisions(std::slice::from_ref(&decision), "serve")?;
        b.apply_decisions()?;
        let after = b.concept(&id)?;
        let split_off = match action {
            Action::Split => b.concept(&concept_id(&en, &ru))?,
            _ => None,
        };
        b.commit()?;
        Ok(Json(Decided {
            id,
            action: action.as_str(),
            entry: after.map(Entry::from),
            split_off: split_off.map(Entry::from),
        }))
    })
    .await
}

/// A new entry: an English and a Russian term.
#[derive(Deserialize)]
struct NewEntry {
    en: String,
    ru: String,
    #[serde(default)]
    note: String,
}

async fn add_entry(State(s): State<Shr>, Json(n): Json<NewEntry>) -> Response {
    let (en, ru) = (n.en.trim().to_string(), n.ru.trim().to_string());
    if en.is_empty() || ru.is_empty() {
        return bad("a new entry needs both en and ru").into_response();
    }
    let id = concept_id(&en, &ru);
    let decision = Decision {
        action: Action::Add,
        id: String::new(),
        en,
        ru,
        note: n.note.trim().to_string(),
        other: String::new(),
        line: 0,
    };
    let res = s
        .write(true, move |store| {
            let mut b = store.batch()?;
            let existed = b.concept(&id)?.is_some();
            b.add_decisions(std::slice::from_ref(&decision), "serve")?;
            b.apply_decisions()?;
            let after = b.concept(&id)?;
            b.commit()?;
            Ok((existed, after))
        })
        .await;
    match res {
        Ok((existed, Some(c))) => {
            let status = if existed {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            };
            (status, Json(Entry::from(c))).into_response()
        }
        // the pair was already in another entry (same terms by match key)
        Ok((_, None)) => ApiError(
            StatusCode::CONFLICT,
            "an entry with these terms exists already".into(),
            None,
        )
        .into_response(),
        Err(e) => e.into_response(),
    }
}

/// Confirmed segments: `{"units": [{"en": …, "ru": …, "source": …}]}`.
#[derive(Deserialize)]
struct UnitsIn {
    units: Vec<UnitIn>,
}

#[derive(Deserialize)]
struct UnitIn {
    en: String,
    ru: String,
    source: Option<String>,
}

#[derive(Serialize)]
struct UnitsAdded {
    received: usize,
    added: usize,
}

async fn add_units(State(s): State<Shr>, Json(u): Json<UnitsIn>) -> Answered<UnitsAdded> {
    if u.units.len() > MAX_UNITS {
        return Err(bad(format!(
            "{} units: at most {MAX_UNITS} in one request",
            u.units.len()
        )));
    }
    if let Some(k) = u
        .units
        .iter()
        .position(|x| x.en.trim().is_empty() || x.ru.trim().is_empty())
    {
        return Err(bad(format!(
            "units[{k}]: expected both en and ru; nothing was added"
        )));
    }
    let received = u.units.len();
    let units: Vec<Unit> = u
        .units
        .into_iter()
        .map(|x| Unit::new(x.en, x.ru, x.source.unwrap_or_else(|| "serve".into())))
        .collect();
    let added = s
        .write(false, move |store| Ok(store.add_units(&units)?))
        .await?;
    Ok(Json(UnitsAdded { received, added }))
}

/// amaGama's `GET /tmserver/languages/`.
async fn amagama_languages() -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "sourceLanguages": ["en", "ru"],
        "targetLanguages": ["en", "ru"],
    }))
}

#[derive(Deserialize)]
struct AmagamaQuery {
    min_similarity: Option<u32>,
    max_candidates: Option<usize>,
}

/// One amaGama suggestion.
#[derive(Serialize)]
struct Suggestion {
    source: String,
    target: String,
    /// Similarity of `source` to the text asked for, 0–100, on characters as amaGama does.
    quality: f64,
    rank: f64,
}

/// The primary language of a tag as amaGama clients send it (`en`, `en_US`, `ru-RU`).
fn primary(tag: &str) -> Option<Lang> {
    let p = tag
        .split(['_', '-'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match p.as_str() {
        "en" => Some(Lang::En),
        "ru" => Some(Lang::Ru),
        _ => None,
    }
}

async fn amagama_unit(
    State(s): State<Shr>,
    UrlPath((src, tgt, text)): UrlPath<(String, String, String)>,
    Query(q): Query<AmagamaQuery>,
) -> Answered<Vec<Suggestion>> {
    let (Some(from), Some(to)) = (primary(&src), primary(&tgt)) else {
        return Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("{src} → {tgt}: this server holds English–Russian only"),
            None,
        ));
    };
    if from == to {
        return Err(bad(format!("{src} → {tgt}: the two languages must differ")));
    }
    let min = q.min_similarity.unwrap_or(AMAGAMA_MIN_SIMILARITY);
    let max = q.max_candidates.unwrap_or(AMAGAMA_MAX_CANDIDATES);
    let (text, opt) = LookupQuery {
        q: Some(text),
        lang: Some(from.code().to_string()),
        limit: Some(max.min(MAX_LIMIT)),
        min_score: Some(min.min(100)),
        concordance: None,
        fuzzy: Some("characters".into()),
    }
    .parse()?;
    let a = s.read(move |l| l.run(&text, &opt)).await?;
    Ok(Json(
        a.tm.into_iter()
            .map(|h| {
                let (source, target) = if from == Lang::En {
                    (h.en, h.ru)
                } else {
                    (h.ru, h.en)
                };
                Suggestion {
                    source,
                    target,
                    quality: h.score as f64,
                    rank: h.score as f64,
                }
            })
            .collect(),
    ))
}
