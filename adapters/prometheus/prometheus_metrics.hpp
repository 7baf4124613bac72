// The metrics port implemented with prometheus-cpp (core only): counters, gauges and histograms in a
// registry, rendered in the Prometheus text format by render() (served at GET /metrics by the HTTP
// adapter). Names use the original server's namespace `invariant_server_`; process_* metrics are read
// from /proc/self at each render.
//
// Thread-safety: every method may be called concurrently.
#pragma once

#include <memory>
#include <string>

#include "app/ports/metrics.hpp"

namespace inv::adapters {

class PrometheusMetrics final : public app::ports::Metrics {
 public:
  PrometheusMetrics();
  ~PrometheusMetrics() override;

  void request_finished(const app::ports::RequestObservation& r) override;
  void evaluation_finished(const app::ports::EvaluationObservation& e) override;
  void cache_lookup(app::ports::CacheKind cache, bool hit) override;
  void cache_size(app::ports::CacheKind cache, std::size_t entries, std::size_t bytes) override;
  void queue_depth(std::size_t waiting) override;
  void in_flight(std::size_t requests) override;
  void rejected(std::string_view reason) override;
  void internal_error() override;
  void audit_queue_depth(std::size_t records) override;
  void audit_batch(std::size_t rows, double commit_seconds) override;
  void audit_dropped(std::size_t records) override;
  void audit_write_error() override;
  void detector_call(std::string_view detector, std::string_view outcome, double seconds) override;

  // The text exposition (Content-Type: text/plain; version=0.0.4).
  std::string render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace inv::adapters
