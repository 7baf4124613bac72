#include "adapters/prometheus/prometheus_metrics.hpp"

#include <chrono>
#include <mutex>
#include <unordered_map>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "adapters/prometheus/process_stats.hpp"

namespace inv::adapters {

namespace pm = prometheus;
using app::ports::CacheKind;

namespace {
std::string status_class(int status) {
  if (status < 100 || status > 599) return "none";
  return std::string(1, static_cast<char>('0' + status / 100)) + "xx";
}
const char* cache_name(CacheKind k) { return k == CacheKind::Policy ? "policy" : "result"; }

const pm::Histogram::BucketBoundaries kLatency{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25,   0.5,   1,      2.5,   5,    10,    30,    60};
const pm::Histogram::BucketBoundaries kBytes{64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216};
}  // namespace

struct PrometheusMetrics::Impl {
  pm::Counter* cache_hit_series[2] = {};
  pm::Counter* cache_miss_series[2] = {};
  pm::Gauge* cache_entry_series[2] = {};
  pm::Gauge* cache_byte_series[2] = {};
  std::shared_ptr<pm::Registry> registry = std::make_shared<pm::Registry>();
  pm::Family<pm::Counter>& requests = pm::BuildCounter()
                                          .Name("invariant_server_http_requests_total")
                                          .Help("HTTP requests by handler, method and status class")
                                          .Register(*registry);
  pm::Family<pm::Histogram>& duration = pm::BuildHistogram()
                                            .Name("invariant_server_http_request_duration_seconds")
                                            .Help("Time from a request's arrival to its response")
                                            .Register(*registry);
  pm::Family<pm::Histogram>& request_size = pm::BuildHistogram()
                                                .Name("invariant_server_http_request_size_bytes")
                                                .Help("Request body sizes")
                                                .Register(*registry);
  pm::Family<pm::Histogram>& response_size = pm::BuildHistogram()
                                                 .Name("invariant_server_http_response_size_bytes")
                                                 .Help("Response body sizes")
                                                 .Register(*registry);
  pm::Family<pm::Histogram>& evaluation = pm::BuildHistogram()
                                              .Name("invariant_server_evaluation_seconds")
                                              .Help("Policy compilation (cache misses), trace normalisation "
                                                    "and evaluation times by endpoint")
                                              .Register(*registry);
  pm::Family<pm::Counter>& cache_hits = pm::BuildCounter()
                                            .Name("invariant_server_cache_hits_total")
                                            .Help("Cache hits (policy: compiled policies, result: responses)")
                                            .Register(*registry);
  pm::Family<pm::Counter>& cache_misses = pm::BuildCounter()
                                              .Name("invariant_server_cache_misses_total")
                                              .Help("Cache misses")
                                              .Register(*registry);
  pm::Family<pm::Gauge>& cache_entries = pm::BuildGauge()
                                             .Name("invariant_server_cache_entries")
                                             .Help("Entries held by a cache")
                                             .Register(*registry);
  pm::Family<pm::Gauge>& cache_bytes = pm::BuildGauge()
                                           .Name("invariant_server_cache_bytes")
                                           .Help("Bytes accounted to a cache (results: body sizes; policies: "
                                                 "an estimate from the source size)")
                                           .Register(*registry);
  pm::Gauge& queue = pm::BuildGauge()
                         .Name("invariant_server_worker_queue_depth")
                         .Help("Requests waiting for a worker")
                         .Register(*registry)
                         .Add({});
  pm::Gauge& in_flight = pm::BuildGauge()
                             .Name("invariant_server_in_flight_requests")
                             .Help("Requests received and not yet answered")
                             .Register(*registry)
                             .Add({});
  pm::Family<pm::Counter>& rejected = pm::BuildCounter()
                                          .Name("invariant_server_rejected_requests_total")
                                          .Help("Requests answered 503 by reason (queue_full, deadline, "
                                                "shutting_down)")
                                          .Register(*registry);
  pm::Counter& internal_errors = pm::BuildCounter()
                                     .Name("invariant_server_internal_errors_total")
                                     .Help("Our own faults (HTTP 500)")
                                     .Register(*registry)
                                     .Add({});
  pm::Family<pm::Gauge>& system_usage = pm::BuildGauge()
                                            .Name("invariant_server_system_usage")
                                            .Help("CPU (percent of one core since the previous scrape) and "
                                                  "memory (resident percent of system memory) of the process")
                                            .Register(*registry);
  pm::Counter& cpu = pm::BuildCounter()
                         .Name("process_cpu_seconds_total")
                         .Help("Total user and system CPU time spent in seconds.")
                         .Register(*registry)
                         .Add({});
  pm::Gauge& resident = pm::BuildGauge()
                            .Name("process_resident_memory_bytes")
                            .Help("Resident memory size in bytes.")
                            .Register(*registry)
                            .Add({});
  pm::Gauge& virtual_mem = pm::BuildGauge()
                               .Name("process_virtual_memory_bytes")
                               .Help("Virtual memory size in bytes.")
                               .Register(*registry)
                               .Add({});
  pm::Gauge& start_time = pm::BuildGauge()
                              .Name("process_start_time_seconds")
                              .Help("Start time of the process since unix epoch in seconds.")
                              .Register(*registry)
                              .Add({});
  pm::Gauge& open_fds = pm::BuildGauge()
                            .Name("process_open_fds")
                            .Help("Number of open file descriptors.")
                            .Register(*registry)
                            .Add({});
  pm::Gauge& threads = pm::BuildGauge()
                           .Name("process_threads")
                           .Help("Number of OS threads in the process.")
                           .Register(*registry)
                           .Add({});

  pm::Gauge& audit_queue = pm::BuildGauge()
                               .Name("invariant_server_audit_queue_depth")
                               .Help("Audit records waiting for the writer")
                               .Register(*registry)
                               .Add({});
  pm::Histogram& audit_batch = pm::BuildHistogram()
                                   .Name("invariant_server_audit_batch_size")
                                   .Help("Audit records written per transaction (group commit)")
                                   .Register(*registry)
                                   .Add({}, pm::Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128, 256, 512,
                                                                            1024});
  pm::Histogram& audit_commit = pm::BuildHistogram()
                                    .Name("invariant_server_audit_commit_seconds")
                                    .Help("Time of one audit transaction, BEGIN to the end of COMMIT")
                                    .Register(*registry)
                                    .Add({}, pm::Histogram::BucketBoundaries{0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                                             0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1});
  pm::Counter& audit_written = pm::BuildCounter()
                                   .Name("invariant_server_audit_rows_written_total")
                                   .Help("Audit rows committed")
                                   .Register(*registry)
                                   .Add({});
  pm::Counter& audit_dropped = pm::BuildCounter()
                                   .Name("invariant_server_audit_rows_dropped_total")
                                   .Help("Audit records dropped because the async queue was full")
                                   .Register(*registry)
                                   .Add({});
  pm::Counter& audit_errors = pm::BuildCounter()
                                  .Name("invariant_server_audit_write_errors_total")
                                  .Help("Audit transactions that failed (their records are not stored)")
                                  .Register(*registry)
                                  .Add({});

  pm::Family<pm::Counter>& detector_calls = pm::BuildCounter()
                                                .Name("invariant_server_detector_calls_total")
                                                .Help("Detector plugin calls by policy function and outcome (ok, error, timeout)")
                                                .Register(*registry);
  pm::Family<pm::Histogram>& detector_seconds = pm::BuildHistogram()
                                                    .Name("invariant_server_detector_call_seconds")
                                                    .Help("Duration of detector plugin calls (memoised repeats are not calls)")
                                                    .Register(*registry);

  // Family::Add constructs a metric (a histogram allocates its buckets) before it looks the labels up,
  // so the series of each label combination are looked up once and kept here.
  struct RequestSeries {
    pm::Counter* count;
    pm::Histogram* duration;
    pm::Histogram* request_size;
    pm::Histogram* response_size;
  };
  std::mutex series_mu;
  std::unordered_map<std::string, RequestSeries> request_series;
  std::unordered_map<std::string, pm::Histogram*> evaluation_series;
  std::unordered_map<std::string, std::pair<pm::Counter*, pm::Histogram*>> detector_series;

  std::pair<pm::Counter*, pm::Histogram*> detector(std::string_view name, std::string_view outcome) {
    std::string key = std::string(name) + '\x1f' + std::string(outcome);
    std::lock_guard lock(series_mu);
    auto it = detector_series.find(key);
    if (it != detector_series.end()) return it->second;
    std::pair<pm::Counter*, pm::Histogram*> s{
        &detector_calls.Add({{"detector", std::string(name)}, {"outcome", std::string(outcome)}}),
        &detector_seconds.Add({{"detector", std::string(name)}}, kLatency)};
    return detector_series.emplace(std::move(key), s).first->second;
  }

  RequestSeries& request(const std::string& handler, const std::string& method, const std::string& status) {
    std::string key = handler + '\x1f' + method + '\x1f' + status;
    std::lock_guard lock(series_mu);
    auto it = request_series.find(key);
    if (it != request_series.end()) return it->second;
    RequestSeries s{&requests.Add({{"handler", handler}, {"method", method}, {"status", status}}),
                    &duration.Add({{"handler", handler}, {"method", method}, {"status", status}}, kLatency),
                    &request_size.Add({{"handler", handler}, {"status", status}}, kBytes),
                    &response_size.Add({{"handler", handler}, {"status", status}}, kBytes)};
    return request_series.emplace(std::move(key), s).first->second;
  }

  pm::Histogram& eval(const std::string& kind, const char* phase) {
    std::string key = kind + '\x1f' + phase;
    std::lock_guard lock(series_mu);
    auto it = evaluation_series.find(key);
    if (it != evaluation_series.end()) return *it->second;
    auto* h = &evaluation.Add({{"kind", kind}, {"phase", phase}}, kLatency);
    evaluation_series.emplace(std::move(key), h);
    return *h;
  }

  std::mutex render_mu;
  double last_cpu = 0;
  std::chrono::steady_clock::time_point last_render = std::chrono::steady_clock::now();
};

PrometheusMetrics::PrometheusMetrics() : impl_(std::make_unique<Impl>()) {
  for (CacheKind k : {CacheKind::Policy, CacheKind::Result}) {
    impl_->cache_hit_series[static_cast<int>(k)] = &impl_->cache_hits.Add({{"cache", cache_name(k)}});
    impl_->cache_miss_series[static_cast<int>(k)] = &impl_->cache_misses.Add({{"cache", cache_name(k)}});
    impl_->cache_entry_series[static_cast<int>(k)] = &impl_->cache_entries.Add({{"cache", cache_name(k)}});
    impl_->cache_byte_series[static_cast<int>(k)] = &impl_->cache_bytes.Add({{"cache", cache_name(k)}});
  }
  impl_->rejected.Add({{"reason", "queue_full"}});
  impl_->last_cpu = read_process_stats().cpu_seconds;
}

PrometheusMetrics::~PrometheusMetrics() = default;

void PrometheusMetrics::request_finished(const app::ports::RequestObservation& r) {
  auto& s = impl_->request(std::string(r.handler), std::string(r.method), status_class(r.status));
  s.count->Increment();
  s.duration->Observe(r.seconds);
  s.request_size->Observe(static_cast<double>(r.request_bytes));
  s.response_size->Observe(static_cast<double>(r.response_bytes));
}

void PrometheusMetrics::evaluation_finished(const app::ports::EvaluationObservation& e) {
  const std::string kind(e.kind);
  if (e.policy_compiled) impl_->eval(kind, "compile").Observe(e.compile_seconds);
  if (e.normalize_seconds > 0 || e.evaluate_seconds > 0) {
    impl_->eval(kind, "normalize").Observe(e.normalize_seconds);
    impl_->eval(kind, "evaluate").Observe(e.evaluate_seconds);
  }
}

void PrometheusMetrics::cache_lookup(CacheKind cache, bool hit) {
  (hit ? impl_->cache_hit_series : impl_->cache_miss_series)[static_cast<int>(cache)]->Increment();
}

void PrometheusMetrics::cache_size(CacheKind cache, std::size_t entries, std::size_t bytes) {
  impl_->cache_entry_series[static_cast<int>(cache)]->Set(static_cast<double>(entries));
  impl_->cache_byte_series[static_cast<int>(cache)]->Set(static_cast<double>(bytes));
}

void PrometheusMetrics::queue_depth(std::size_t waiting) { impl_->queue.Set(static_cast<double>(waiting)); }
void PrometheusMetrics::in_flight(std::size_t requests) { impl_->in_flight.Set(static_cast<double>(requests)); }
void PrometheusMetrics::rejected(std::string_view reason) {
  impl_->rejected.Add({{"reason", std::string(reason)}}).Increment();
}
void PrometheusMetrics::internal_error() { impl_->internal_errors.Increment(); }
void PrometheusMetrics::audit_queue_depth(std::size_t records) {
  impl_->audit_queue.Set(static_cast<double>(records));
}
void PrometheusMetrics::audit_batch(std::size_t rows, double commit_seconds) {
  impl_->audit_batch.Observe(static_cast<double>(rows));
  impl_->audit_commit.Observe(commit_seconds);
  impl_->audit_written.Increment(static_cast<double>(rows));
}
void PrometheusMetrics::audit_dropped(std::size_t records) {
  impl_->audit_dropped.Increment(static_cast<double>(records));
}
void PrometheusMetrics::audit_write_error() { impl_->audit_errors.Increment(); }
void PrometheusMetrics::detector_call(std::string_view detector, std::string_view outcome, double seconds) {
  auto [count, duration] = impl_->detector(detector, outcome);
  count->Increment();
  duration->Observe(seconds);
}

std::string PrometheusMetrics::render() {
  {
    std::lock_guard lock(impl_->render_mu);
    const ProcessStats p = read_process_stats();
    const auto now = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(now - impl_->last_render).count();
    const double cpu_delta = p.cpu_seconds - impl_->last_cpu;
    if (wall > 0) impl_->system_usage.Add({{"resource_type", "CPU"}}).Set(100.0 * cpu_delta / wall);
    if (p.system_memory_bytes > 0)
      impl_->system_usage.Add({{"resource_type", "Memory"}})
          .Set(100.0 * static_cast<double>(p.resident_bytes) / static_cast<double>(p.system_memory_bytes));
    impl_->last_cpu = p.cpu_seconds;
    impl_->last_render = now;
    if (p.cpu_seconds > impl_->cpu.Value()) impl_->cpu.Increment(p.cpu_seconds - impl_->cpu.Value());
    impl_->resident.Set(static_cast<double>(p.resident_bytes));
    impl_->virtual_mem.Set(static_cast<double>(p.virtual_bytes));
    impl_->start_time.Set(p.start_time_seconds);
    impl_->open_fds.Set(static_cast<double>(p.open_fds));
    impl_->threads.Set(static_cast<double>(p.threads));
  }
  return pm::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace inv::adapters
