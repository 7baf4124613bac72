#include "adapters/http/http_server.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include <restinio/all.hpp>

#include "app/bearer_auth.hpp"
#include "app/decision_id.hpp"

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

enum class Route { Analyze, Check, Load, Batch, Healthz, Readyz, Metrics, None };

struct RouteInfo {
  Route route;
  const char* handler;   // metrics label
  const char* allow;     // the methods the path accepts
  bool post;             // true: POST, false: GET
};

RouteInfo match_route(std::string_view path) {
  if (path == "/api/policy/analyze") return {Route::Analyze, "/api/policy/analyze", "POST", true};
  if (path == "/api/monitor/check") return {Route::Check, "/api/monitor/check", "POST", true};
  if (path == "/api/policy/load") return {Route::Load, "/api/policy/load", "POST", true};
  if (path == "/api/policy/analyze/batch") return {Route::Batch, "/api/policy/analyze/batch", "POST", true};
  if (path == "/healthz") return {Route::Healthz, "/healthz", "GET", false};
  if (path == "/readyz") return {Route::Readyz, "/readyz", "GET", false};
  if (path == "/metrics") return {Route::Metrics, "/metrics", "GET", false};
  return {Route::None, "none", "", false};
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
  std::string_view content_type = kJson;
  std::vector<std::pair<std::string, std::string>> headers;
};

// What the response needs to know about its request.
struct Exchange {
  restinio::request_handle_t req;
  const char* handler;
  std::string method;
  std::string decision_id;
  clock_type::time_point start;
  bool instrumented = true;    // /metrics itself is not instrumented (as the original)
};

class Server {
 public:
  explicit Server(const HttpServerDeps& deps) : d_(deps) {}

  restinio::request_handling_status_t handle(restinio::request_handle_t req) noexcept {
    Exchange ex{req, "none", "", "", clock_type::now(), true};
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
    const RouteInfo ri = match_route(sv(h.path()));
    ex.handler = ri.handler;
    if (ri.route == Route::None) return respond(ex, {404, app::detail_json("Not Found"), kJson, {}});
    const auto method = h.method();
    const bool method_ok = ri.post ? method == restinio::http_method_post() : method == restinio::http_method_get();
    if (!method_ok)
      return respond(ex, {405, app::detail_json("Method Not Allowed"), kJson, {{"Allow", ri.allow}}});

    switch (ri.route) {
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
      default:
        break;
    }

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
    call.endpoint = ri.route == Route::Analyze ? app::Endpoint::Analyze
                    : ri.route == Route::Check ? app::Endpoint::Check
                    : ri.route == Route::Load  ? app::Endpoint::Load
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
        if (r.cache_hit) reply.headers.emplace_back("X-Cache", "hit");
      } catch (const std::exception& e) {
        log(std::string("internal error in ") + shared->handler + ": " + e.what());
        d_.metrics.internal_error();
        reply = {500, app::error_json("InternalError", "internal server error"), kJson, {}};
      }
      respond(*shared, std::move(reply));
    };
    if (!d_.pool.try_submit(std::function<void()>(task))) {
      d_.metrics.rejected("queue_full");
      respond(*shared, {503, app::error_json("Unavailable", "the server is busy: the worker queue is full"), kJson,
                        {{"Retry-After", "1"}}});
    }
  }

  std::string_view authorization(const Exchange& ex) const {
    auto v = ex.req->header().opt_value_of(restinio::http_field::authorization);
    return v ? sv(*v) : std::string_view();
  }

  // Sends the reply (from any thread: restinio moves the write to the connection's strand), records the
  // request in the metrics and ends its in-flight accounting.
  void respond(const Exchange& ex, Reply reply) {
    const std::size_t response_bytes = reply.body.size();
    const int status = reply.status;
    try {
      auto resp = ex.req->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, reason_phrase(status)});
      resp.append_header(restinio::http_field::content_type, std::string(reply.content_type));
      resp.append_header("X-Decision-Id", ex.decision_id);
      for (auto& [k, v] : reply.headers) resp.append_header(k, v);
      resp.set_body(std::move(reply.body));
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
  http.reset();
  server.log("stopped");
  return 0;
}

}  // namespace inv::adapters
