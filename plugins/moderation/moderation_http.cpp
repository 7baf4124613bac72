// HTTP backend for the moderation detector (see moderation_http.hpp).
#include "plugins/moderation/moderation_http.hpp"

#include <curl/curl.h>

#include "common/utf8.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace inv::detectors {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("moderation http: libcurl initialisation failed");
    }
  });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  constexpr std::size_t kMaxBody = 64u * 1024u * 1024u;
  if (body->size() + size * count > kMaxBody) return 0;  // aborts the transfer
  body->append(data, size * count);
  return size * count;
}

std::string endpoint(const std::string& base_url) {
  std::string url = base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/moderations";
}

// The category index of a response key ("self_harm" -> "self-harm", "sexual_minors" -> "sexual/minors").
std::optional<std::size_t> category_of_key(std::string_view key) {
  if (const auto exact = moderation_category_index(key)) return exact;
  for (std::size_t i = 0; i < kModerationCategoryCount; ++i) {
    const std::string_view name = kModerationCategories[i];
    if (name.size() != key.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < name.size() && same; ++k) {
      const char a = name[k], b = key[k];
      same = a == b || ((a == '/' || a == '-') && (b == '_' || b == '/' || b == '-'));
    }
    if (same) return i;
  }
  return std::nullopt;
}

std::vector<ModerationScores> request_batch(const std::vector<std::string>& chunks, std::size_t begin,
                                            std::size_t end, const ModerationHttpOptions& options) {
  boost::json::array input;
  for (std::size_t i = begin; i < end; ++i) {
    std::string storage;
    const std::string_view text = utf8::repaired(chunks[i], storage);  // JSON strings must be valid UTF-8
    input.emplace_back(boost::json::string_view(text.data(), text.size()));
  }
  boost::json::object request;
  request["input"] = std::move(input);
  if (!options.model.empty()) request["model"] = options.model;
  const std::string payload = boost::json::serialize(request);

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw std::runtime_error("moderation http: cannot create a libcurl handle");
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& h) {
    curl_slist* next = curl_slist_append(headers.get(), h.c_str());
    if (next == nullptr) throw std::runtime_error("moderation http: out of memory");
    (void)headers.release();
    headers.reset(next);
  };
  add_header("Content-Type: application/json");
  add_header("Accept: application/json");
  add_header("Expect:");  // no 100-continue round trip
  if (!options.api_key.empty()) add_header("Authorization: Bearer " + options.api_key);

  const std::string url = endpoint(options.base_url);
  std::string body;
  char error[CURL_ERROR_SIZE] = {0};
  const long timeout_ms = std::max<long>(1, static_cast<long>(options.timeout.count()));
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);

  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    const std::string detail = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      throw std::runtime_error("moderation http: request to " + url + " timed out after " +
                               std::to_string(timeout_ms) + " ms (" + detail + ")");
    }
    throw std::runtime_error("moderation http: request to " + url + " failed: " + detail);
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    throw std::runtime_error("moderation http: " + url + " returned HTTP " + std::to_string(status) + ": " +
                             body.substr(0, 200));
  }
  return parse_moderation_response(body, end - begin);
}

}  // namespace

std::vector<ModerationScores> parse_moderation_response(std::string_view body, std::size_t expected) {
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(body, ec);
  if (ec) {
    throw std::runtime_error("moderation http: malformed JSON response (" + ec.message() + "): " +
                             std::string(body.substr(0, 200)));
  }
  const auto* root = doc.if_object();
  const auto* results_value = root != nullptr ? root->if_contains("results") : nullptr;
  const auto* results = results_value != nullptr ? results_value->if_array() : nullptr;
  if (results == nullptr) throw std::runtime_error("moderation http: response has no \"results\" array");
  if (results->size() != expected) {
    throw std::runtime_error("moderation http: response has " + std::to_string(results->size()) +
                             " results for " + std::to_string(expected) + " inputs");
  }
  std::vector<ModerationScores> out;
  out.reserve(expected);
  for (const auto& result : *results) {
    const auto* object = result.if_object();
    const auto* scores_value = object != nullptr ? object->if_contains("category_scores") : nullptr;
    const auto* scores = scores_value != nullptr ? scores_value->if_object() : nullptr;
    if (scores == nullptr) throw std::runtime_error("moderation http: a result has no \"category_scores\" object");
    ModerationScores s{};
    for (const auto& [key, value] : *scores) {
      const auto index = category_of_key(std::string_view(key.data(), key.size()));
      if (!index) continue;
      double v = 0;
      if (value.is_double()) {
        v = value.get_double();
      } else if (value.is_int64()) {
        v = static_cast<double>(value.get_int64());
      } else if (value.is_uint64()) {
        v = static_cast<double>(value.get_uint64());
      } else {
        throw std::runtime_error("moderation http: score of \"" + std::string(key) + "\" is not a number");
      }
      s[*index] = std::clamp(v, 0.0, 1.0);
    }
    out.push_back(s);
  }
  return out;
}

std::vector<ModerationScores> moderation_scores_http(const std::vector<std::string>& chunks,
                                                     const ModerationHttpOptions& options) {
  if (chunks.empty()) return {};
  if (options.base_url.empty()) throw std::runtime_error("moderation http: no base URL configured");
  global_init();
  const std::size_t batch = options.max_batch == 0 ? chunks.size() : options.max_batch;
  std::vector<ModerationScores> out;
  out.reserve(chunks.size());
  for (std::size_t begin = 0; begin < chunks.size(); begin += batch) {
    const std::size_t end = std::min(chunks.size(), begin + batch);
    auto scores = request_batch(chunks, begin, end, options);
    for (auto& s : scores) out.push_back(s);
  }
  return out;
}

}  // namespace inv::detectors
