// HTTP backend for the moderation detector: an OpenAI-compatible moderation endpoint (the reference's
// model="OpenAI" option) as a batch scorer for moderate_text_batch(). libcurl + Boost.JSON.
//
// Protocol
//  * POST {base_url}/moderations (a trailing '/' of base_url is ignored) with the JSON body
//    {"input": [chunk, ...], "model": model} ("model" omitted when empty), Content-Type
//    application/json, and "Authorization: Bearer {api_key}" when api_key is not empty. Chunks are sent in
//    batches of at most max_batch inputs (one request per batch, in order).
//  * The response must be HTTP 200 with {"results": [{"category_scores": {...}}, ...]} holding one result
//    per input, in order. Category keys are matched after replacing '_' with '/' or '-' as needed, so both
//    "self-harm" and "self_harm", "sexual/minors" and "sexual_minors", ... are accepted; other keys (e.g.
//    "harassment/threatening", "illicit") are ignored; a missing category scores 0; a score outside [0, 1]
//    is clamped; a non-numeric score is an error.
//  * Errors throw std::runtime_error with a message starting "moderation http:" that says what failed:
//    connection / DNS / TLS / timeout errors (libcurl's message and the URL), a non-200 status (with the
//    first 200 bytes of the body), malformed JSON, or a response of the wrong shape or length.
//  * options.timeout bounds each request as a whole (connect + transfer); connecting alone is also bounded
//    by it. Redirects are not followed. Proxies follow libcurl's usual environment variables.
//
// Thread-safety: may be called concurrently (one libcurl easy handle per call; global initialisation
// happens once). Each call blocks the calling thread for the duration of its requests.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/moderation/moderation_core.hpp"

namespace inv::detectors {

struct ModerationHttpOptions {
  std::string base_url;  // e.g. "https://api.openai.com/v1"
  std::string api_key;   // empty: no Authorization header
  std::string model;     // e.g. "omni-moderation-latest"; empty: not sent
  std::chrono::milliseconds timeout{10000};
  std::size_t max_batch = 32;  // inputs per request (0 = all in one request)
};

// Scores `chunks` with the endpoint; one ModerationScores per chunk, in order. No request is made for an
// empty vector.
std::vector<ModerationScores> moderation_scores_http(const std::vector<std::string>& chunks,
                                                     const ModerationHttpOptions& options);

// Parses one response body (exposed for tests): the scores of `expected` results.
std::vector<ModerationScores> parse_moderation_response(std::string_view body, std::size_t expected);

}  // namespace inv::detectors
