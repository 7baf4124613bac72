#include "adapters/http/http_server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/json/serialize.hpp>
#include <restinio/all.hpp>

#include "adapters/http/embedded_docs.hpp"
#include "adapters/http/routes.hpp"
#include "adapters/http/static_files.hpp"
#include "app/bearer_auth.hpp"
#include "app/decision_id.hpp"
#include "domain/util/sha256.hpp"

namespace inv::adapters {

namespace {

using clock_type = std::chrono::steady_clock;

struct ServerTraits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = true;
};
using HttpServer = restinio::http_server_t<ServerTraits>;

std::string_view sv(restinio::string_view_t s) { return {s.data(), s.size()}; }

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kPrometheusText = "text/plain; version=0.0.4; charset=utf-8";
constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kGetAllow = "GET, HEAD";
// The OpenAPI document and our page change only with the binary: clients revalidate (ETag) every time.
// The Swagger UI files are a pinned package version: an hour, then revalidation.
constexpr std::string_view kRevalidate = "no-cache";
constexpr std::string_view kAssetCaching = "public, max-age=3600";

// A strong validator of an embedded document: the first 16 hex digits of its SHA-256.
std::string content_etag(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  const auto d = h.digest();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (std::size_t i = 0; i < 8; ++i) {
    tag += kHex[d[i] >> 4];
    tag += kHex[d[i] & 15];
  }
  return tag + "\"";
}

std::filesystem::path executable_path() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : p;
}

bool truthy(std::string_view v) {
  std::string s(v);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "true" || s == "1" || s == "yes" || s == "on";
}

// ?detail=true (also 1/yes/on). Other parameters are ignored, as the original ignored them.
bool detail_requested(std::string_view query) {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    auto eq = part.find('=');
    if (part.substr(0, eq) == "detail") return eq == std::string_view::npos ? true : truthy(part.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

struct Reply {
  int status = 200;
  std::string body;
  std::string_view content_type = kJson;   // empty: no Content-Type (a redirect)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string file{};                      // when set, the body is this file (sendfile), not `body`
  std::uint64_t file_size = 0;
  app::DecisionFacts facts{};              // API answers: for the audit log
  std::string error_type{};
};

// What the response needs to know about its request.
struct Exchange {
  restinio::request_handle_t req;
  std::string_view handler;
  std::string method;
  std::string decision_id;
  clock_type::time_point start;
  bool instrumented = true;    // /metrics itself is not instrumented (as the original)
  bool head = false;           // HEAD: the answer of GET without its body
  bool audited = false;        // a call of an API endpoint: recorded in the audit log before it is sent
  std::chrono::system_clock::time_point wall_start = std::chrono::system_clock::now();
};

class Server {
 public:
  explicit Server(const HttpServerDeps& deps)
      : d_(deps),
        static_(locate_asset_root(deps.config.static_dir, executable_path())),
        openapi_etag_(content_etag(embedded::openapi_json())),
        page_etag_(content_etag(embedded::swagger_index_html())) {}

  const StaticFiles& static_files() const { return static_; }

  restinio::request_handling_status_t handle(restinio::request_handle_t req) noexcept {
    Exchange ex{req, "none", "", "", clock_type::now(), true, false};
    track_start();
    try {
      ex.method = req->header().method().c_str();
      ex.decision_id = ids_.next();
      route(ex);
    } catch (const std::exception& e) {
      log(std::string("internal error while routing: ") + e.what());
      d_.metrics.internal_error();
      Reply r{500, app::error_json("InternalError", "internal server error"), kJson, {}};
      respond(ex, std::move(r));
    }
    return restinio::request_accepted();
  }

  void begin_shutdown() { shutting_down_.store(true); }
  bool idle() const { return in_flight_.load() == 0 && pending_writes_.load() == 0; }
  std::size_t in_flight() const { return in_flight_.load(); }

  void log(const std::string& line) {
    std::lock_guard lock(log_mu_);
    d_.log << "invariant: " << line << std::endl;
  }

 private:
  void track_start() { d_.metrics.in_flight(++in_flight_); }

  void route(Exchange& ex) {
    const auto& h = ex.req->header();
    const RouteMatch match = match_route(sv(h.path()));
    const auto method = h.method();
    ex.head = method == restinio::http_method_head();
    const bool get_or_head = ex.head || method == restinio::http_method_get();
    if (!match.spec) {
      // As the original's static mount at "/": GET and HEAD find nothing (404), other methods are not
      // allowed there (405).
      if (get_or_head) return respond(ex, {404, app::detail_json("Not Found"), kJson, {}});
      return respond(ex, {405, app::detail_json("Method Not Allowed"), kJson, {{"Allow", std::string(kGetAllow)}}});
    }
    const RouteSpec& spec = *match.spec;
    ex.handler = spec.openapi_path;
    const bool method_ok = spec.post ? method == restinio::http_method_post() : get_or_head;
    if (!method_ok)
      return respond(ex, {405, app::detail_json("Method Not Allowed"), kJson,
                          {{"Allow", spec.post ? std::string("POST") : std::string(kGetAllow)}}});

    switch (spec.route) {
      case Route::Healthz:
        return respond(ex, {200, R"({"status":"ok"})", kJson, {}});
      case Route::Readyz:
        if (shutting_down_.load()) return respond(ex, {503, R"({"status":"shutting down"})", kJson, {}});
        return respond(ex, {200, R"({"status":"ready"})", kJson, {}});
      case Route::Metrics: {
        ex.instrumented = false;
        if (!app::bearer_token_matches(authorization(ex), d_.config.prometheus_token))
          return respond(ex, {401, app::detail_json("Unauthorized"), kJson, {{"WWW-Authenticate", "Bearer"}}});
        return respond(ex, {200, d_.render_metrics ? d_.render_metrics() : std::string(), kPrometheusText, {}});
      }
      case Route::OpenApi:
        return respond(ex, conditional(ex, {200, std::string(embedded::openapi_json()), kJson,
                                            {{"ETag", openapi_etag_}, {"Cache-Control", std::string(kRevalidate)}}}));
      case Route::Docs:
        return respond(ex, docs_page(ex));
      case Route::DocsFile:
        return respond(ex, docs_file(ex, match.rest));
      case Route::Root:
        // The original served its playground here; ours is the API documentation.
        return respond(ex, {307, "", "", {{"Location", "/docs"}}});
      case Route::AuditList:
        return audit_query(ex, {});
      case Route::AuditShow:
        return audit_query(ex, std::string(match.rest));
      case Route::Detectors: {
        if (!d_.config.api_token.empty() && !app::bearer_token_matches(authorization(ex), d_.config.api_token))
          return respond(ex, {401, app::detail_json("Unauthorized"), kJson, {{"WWW-Authenticate", "Bearer"}}});
        std::string body = d_.detectors ? boost::json::serialize(d_.detectors->describe())
                                        : std::string(R"({"detectors":[],"refused":[]})");
        return respond(ex, {200, std::move(body), kJson, {}});
      }
      default:
        break;
    }
    ex.audited = true;

    // The API: authenticate, check the body limit, then hand over to a worker.
    if (!d_.config.api_token.empty() && !app::bearer_token_matches(authorization(ex), d_.config.api_token))
      return respond(ex, {401, app::detail_json("Unauthorized"), kJson, {{"WWW-Authenticate", "Bearer"}}});
    const std::size_t body_size = ex.req->body().size();
    if (body_size > d_.config.max_body_bytes)
      return respond(ex, {413,
                          app::error_json("LimitExceeded", "the request body has " + std::to_string(body_size) +
                                                               " bytes; the limit is " +
                                                               std::to_string(d_.config.max_body_bytes)),
                          kJson,
                          {}});
    if (shutting_down_.load()) {
      d_.metrics.rejected("shutting_down");
      return respond(ex, {503, app::error_json("Unavailable", "the server is shutting down"), kJson,
                          {{"Retry-After", "1"}}});
    }

    app::ApiRequest call;
    call.endpoint = spec.route == Route::Analyze ? app::Endpoint::Analyze
                    : spec.route == Route::Check ? app::Endpoint::Check
                    : spec.route == Route::Load  ? app::Endpoint::Load
                                               : app::Endpoint::Batch;
    auto cc = h.opt_value_of(restinio::http_field::cache_control);
    call.no_cache = cc && sv(*cc) == "no-cache";
    call.detail = detail_requested(sv(h.query()));
    call.decision_id = ex.decision_id;
    call.deadline = ex.start + d_.config.request_timeout;

    auto shared = std::make_shared<Exchange>(ex);
    auto task = [this, shared, call]() mutable {
      if (clock_type::now() > *call.deadline) {
        d_.metrics.rejected("deadline");
        return respond(*shared, {503, app::error_json("Unavailable", "the request waited longer than its deadline"),
                                 kJson, {{"Retry-After", "1"}}});
      }
      const auto& body = shared->req->body();
      call.body = std::string_view(body.data(), body.size());
      Reply reply;
      try {
        app::ApiResponse r = d_.api.handle(call);
        reply.status = r.status;
        reply.body = std::move(r.body);
        reply.facts = std::move(r.facts);
        reply.error_type = std::move(r.error_type);
        if (r.cache_hit) reply.headers.emplace_back("X-Cache", "hit");
      } catch (const std::exception& e) {
        log("internal error in " + std::string(shared->handler) + ": " + e.what());
        d_.metrics.internal_error();
        reply = {500, app::error_json("InternalError", "internal server error"), kJson, {}};
      }
      respond(*shared, std::move(reply));
    };
    submit_or_busy(*shared, std::move(task));
  }

  // 304 without a body when the client's If-None-Match names the reply's ETag.
  Reply conditional(const Exchange& ex, Reply reply) const {
    auto inm = ex.req->header().opt_value_of(restinio::http_field::if_none_match);
    if (!inm) return reply;
    for (const auto& [name, value] : reply.headers)
      if (name == "ETag" && etag_matches(sv(*inm), value)) {
        reply.status = 304;
        break;
      }
    return reply;
  }

  Reply assets_missing() const {
    return {503, app::error_json("Unavailable", std::string(kAssetsMissingMessage)), kJson, {}};
  }

  // Our Swagger UI page (/docs, /docs/, /docs/index.html), served only when the UI's files are there.
  Reply docs_page(const Exchange& ex) const {
    if (!static_.installed()) return assets_missing();
    return conditional(ex, {200, std::string(embedded::swagger_index_html()), kHtml,
                            {{"ETag", page_etag_}, {"Cache-Control", std::string(kRevalidate)},
                             {"X-Content-Type-Options", "nosniff"}}});
  }

  Reply docs_file(const Exchange& ex, std::string_view name) const {
    if (name == "index.html") return docs_page(ex);
    AssetLookup a = static_.find(name);
    if (a.status == AssetLookup::Status::NotInstalled) return assets_missing();
    if (a.status == AssetLookup::Status::NotFound) return {404, app::detail_json("Not Found"), kJson, {}};
    Reply r{200, "", a.content_type,
            {{"ETag", a.etag}, {"Cache-Control", std::string(kAssetCaching)}, {"X-Content-Type-Options", "nosniff"}}};
    r.file = a.file.string();
    r.file_size = a.size;
    return conditional(ex, std::move(r));
  }

  // GET /api/audit/decisions (`id` empty) and /api/audit/decisions/{decision_id} (`id` as received,
  // still %-encoded): the audit log's read-only query API, behind INVARIANT_AUDIT_TOKEN when set (else the
  // API token rule); 404 when the audit log is off. Reads run on a worker; they are not audited themselves.
  // Hands `task` to a worker; a full queue is an immediate 503 with Retry-After.
  void submit_or_busy(Exchange& ex, std::function<void()> task) {
    if (d_.pool.try_submit(std::move(task))) return;
    d_.metrics.rejected("queue_full");
    respond(ex, {503, app::error_json("Unavailable", "the server is busy: the worker queue is full"), kJson,
                 {{"Retry-After", "1"}}});
  }

  void audit_query(Exchange& ex, std::string id) {
    const std::string& token = d_.config.audit.token.empty() ? d_.config.api_token : d_.config.audit.token;
    if (!token.empty() && !app::bearer_token_matches(authorization(ex), token))
      return respond(ex, {401, app::detail_json("Unauthorized"), kJson, {{"WWW-Authenticate", "Bearer"}}});
    if (!d_.audit_queries)
      return respond(ex, {404, app::error_json("NotFound", "the audit log is off (INVARIANT_AUDIT=off)"), kJson, {}});
    auto shared = std::make_shared<Exchange>(ex);
    std::string query(sv(ex.req->header().query()));
    auto task = [this, shared, id = std::move(id), query = std::move(query)] {
      Reply reply;
      try {
        app::ApiResponse r = id.empty() ? d_.audit_queries->list(query) : d_.audit_queries->show(id);
        reply.status = r.status;
        reply.body = std::move(r.body);
      } catch (const std::exception& e) {
        log("internal error in the audit query API: " + std::string(e.what()));
        d_.metrics.internal_error();
        reply = {500, app::error_json("InternalError", "internal server error"), kJson, {}};
      }
      respond(*shared, std::move(reply));
    };
    submit_or_busy(*shared, std::move(task));
  }

  // Hands an API call's record to the audit sink; the reply is sent when the sink is done with it (sync:
  // after the commit, from the writer thread; async: at once). A sync write that failed is answered 503.
  void record_then_respond(const Exchange& ex, Reply reply) {
    app::ports::AuditRecord rec;
    const auto& h = ex.req->header();
    rec.decision_id = ex.decision_id;
    rec.method = ex.method;
    rec.path = std::string(sv(h.path()));
    auto xff = h.opt_value_of("X-Forwarded-For");
    rec.client_ip = xff && !xff->empty() ? std::string(sv(*xff)) : ex.req->remote_endpoint().address().to_string();
    auto ua = h.opt_value_of(restinio::http_field::user_agent);
    rec.user_agent = ua ? std::string(sv(*ua)) : std::string("unknown");
    const auto unix_ms = [](std::chrono::system_clock::time_point t) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    };
    rec.start_ms = unix_ms(ex.wall_start);
    rec.end_ms = unix_ms(std::chrono::system_clock::now());
    rec.duration_seconds = std::chrono::duration<double>(clock_type::now() - ex.start).count();
    rec.body = std::string(ex.req->body());
    rec.status = reply.status;
    rec.response = reply.body;
    rec.error_type = reply.error_type;
    for (const auto& [k, v] : reply.headers) rec.cache_hit = rec.cache_hit || (k == "X-Cache" && v == "hit");
    rec.facts = std::move(reply.facts);
    auto sent = std::make_shared<std::pair<Exchange, Reply>>(ex, std::move(reply));
    sent->first.audited = false;
    d_.audit->submit(std::move(rec), [this, sent](app::ports::AuditOutcome outcome) {
      if (outcome == app::ports::AuditOutcome::Failed)
        sent->second = {503, app::error_json("Unavailable", "the audit log could not be written"), kJson,
                        {{"Retry-After", "1"}}};
      respond(sent->first, std::move(sent->second));
    });
  }

  std::string_view authorization(const Exchange& ex) const {
    auto v = ex.req->header().opt_value_of(restinio::http_field::authorization);
    return v ? sv(*v) : std::string_view();
  }

  // Sends the reply (from any thread: restinio moves the write to the connection's strand), records the
  // request in the metrics and ends its in-flight accounting.
  // HEAD and 304 answers carry the headers (Content-Length included) of the full answer, not its body.
  void respond(const Exchange& ex, Reply reply) {
    if (ex.audited && d_.audit) return record_then_respond(ex, std::move(reply));
    const bool send_body = !ex.head && reply.status != 304;
    std::optional<restinio::sendfile_t> file;
    if (!reply.file.empty() && send_body) {
      try {
        file.emplace(restinio::sendfile(reply.file));
        reply.file_size = file->size();
      } catch (const std::exception& e) {
        log("cannot open " + reply.file + ": " + e.what());
        reply = {404, app::detail_json("Not Found"), kJson, {}};
      }
    }
    const std::size_t length = reply.file.empty() ? reply.body.size() : static_cast<std::size_t>(reply.file_size);
    const std::size_t response_bytes = send_body ? length : 0;
    const int status = reply.status;
    try {
      auto resp = ex.req->create_response<restinio::user_controlled_output_t>(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, reason_phrase(status)});
      if (!reply.content_type.empty())
        resp.append_header(restinio::http_field::content_type, std::string(reply.content_type));
      resp.append_header("X-Decision-Id", ex.decision_id);
      for (auto& [k, v] : reply.headers) resp.append_header(k, v);
      resp.set_content_length(length);
      if (send_body) {
        if (file)
          resp.set_body(std::move(*file));
        else if (!reply.body.empty())
          resp.set_body(std::move(reply.body));
      }
      ++pending_writes_;
      resp.done([this](const asio::error_code&) { --pending_writes_; });
    } catch (const std::exception& e) {
      log(std::string("cannot send a response: ") + e.what());
    }
    if (ex.instrumented) {
      app::ports::RequestObservation o;
      o.handler = ex.handler;
      o.method = ex.method;
      o.status = status;
      o.seconds = std::chrono::duration<double>(clock_type::now() - ex.start).count();
      o.request_bytes = ex.req->body().size();
      o.response_bytes = response_bytes;
      d_.metrics.request_finished(o);
    }
    d_.metrics.in_flight(--in_flight_);
  }

  const HttpServerDeps& d_;
  const StaticFiles static_;
  const std::string openapi_etag_;
  const std::string page_etag_;
  app::DecisionIdGenerator ids_;
  std::atomic<std::size_t> in_flight_{0};
  std::atomic<std::size_t> pending_writes_{0};
  std::atomic<bool> shutting_down_{false};
  std::mutex log_mu_;
};

}  // namespace

int run_http_server(const HttpServerDeps& deps) {
  const auto& cfg = deps.config;
  Server server(deps);
  asio::io_context ioc;

  std::atomic<unsigned> bound_port{cfg.port};
  restinio::server_settings_t<ServerTraits> settings;
  settings.address(cfg.host)
      .port(cfg.port)
      .request_handler([&server](restinio::request_handle_t req) { return server.handle(std::move(req)); })
      .read_next_http_message_timelimit(cfg.idle_timeout)
      .write_http_response_timelimit(std::max<clock_type::duration>(std::chrono::seconds(5), cfg.request_timeout))
      .handle_request_timeout(cfg.request_timeout + std::chrono::seconds(5))
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                    .max_url_size(cfg.max_url_bytes)
                                    .max_field_name_size(1024)
                                    .max_field_value_size(cfg.max_header_bytes)
                                    .max_field_count(cfg.max_header_fields)
                                    // Bodies up to twice the limit are read so that they get a JSON 413;
                                    // beyond that the connection is closed without reading the rest.
                                    .max_body_size(2 * static_cast<std::uint64_t>(cfg.max_body_bytes) + 65536))
      .acceptor_post_bind_hook([&bound_port](asio::ip::tcp::acceptor& a) { bound_port = a.local_endpoint().port(); });
  settings.max_parallel_connections(cfg.max_connections);

  auto http = std::make_unique<HttpServer>(restinio::external_io_context(ioc), std::move(settings));
  try {
    http->open_sync();
  } catch (const std::exception& e) {
    server.log("cannot listen on " + cfg.host + ":" + std::to_string(cfg.port) + ": " + e.what());
    return 5;
  }

  // Graceful stop: close the listening socket, let in-flight requests finish (bounded by the grace
  // period), then stop the IO threads. A second signal stops at once.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain_timer(ioc);
  clock_type::time_point drain_deadline;
  std::function<void()> poll_drain = [&] {
    if (server.idle() || clock_type::now() >= drain_deadline) {
      if (!server.idle()) server.log("shutdown grace period over with " + std::to_string(server.in_flight()) +
                                     " request(s) in flight");
      ioc.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(10));
    drain_timer.async_wait([&](const asio::error_code&) { poll_drain(); });
  };
  bool first = true;
  std::function<void(const asio::error_code&, int)> on_signal = [&](const asio::error_code& ec, int sig) {
    if (ec) return;
    if (!first) {
      server.log("second signal: stopping now");
      ioc.stop();
      return;
    }
    first = false;
    server.log(std::string("received ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
               ": no new connections; finishing " + std::to_string(server.in_flight()) + " request(s) in flight");
    server.begin_shutdown();
    drain_deadline = clock_type::now() + cfg.shutdown_grace;
    http->close_async([] {}, [&](std::exception_ptr) { server.log("closing the listener failed"); });
    poll_drain();
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);

  if (server.static_files().installed())
    server.log("serving the Swagger UI at /docs from " + server.static_files().root()->string());
  else
    server.log("/docs answers 503: " + std::string(kAssetsMissingMessage));
  const std::string shown_host = cfg.host.find(':') != std::string::npos ? "[" + cfg.host + "]" : cfg.host;
  server.log("listening on http://" + shown_host + ":" + std::to_string(bound_port.load()) + " (io threads " +
             std::to_string(cfg.io_threads) + ", worker threads " + std::to_string(deps.pool.threads()) +
             ", queue " + std::to_string(deps.pool.queue_bound()) + ")");

  std::vector<std::thread> io_threads;
  for (std::size_t i = 1; i < cfg.io_threads; ++i) io_threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : io_threads) t.join();
  // Tasks still queued (only after the grace period ran out) finish before the server object goes away.
  deps.pool.shutdown();
  if (deps.audit) deps.audit->flush();  // answers waiting for their commit are sent before `server` goes
  http.reset();
  server.log("stopped");
  return 0;
}

}  // namespace inv::adapters
