// Runs every case of the conformance corpus through the engine (the same service the HTTP API and the
// CLI use) and compares with the reference's answer: `expect_ours` where DECISIONS.md changes it, else
// `expect_pinned`; a line of divergences.jsonl overrides both with our documented expectation.
//
// usage: conformance_runner CASES.jsonl DIVERGENCES.jsonl KNOWN_FAILURES.txt [--verbose] [--only ID]
// Prints one line per failing case and a closing "N passed, N failed". Exits 1 when a case fails that is
// not listed in KNOWN_FAILURES.txt (a regression) or when a listed case passes (the list must shrink).
#include <fstream>
#include <map>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "adapters/plugins/plugin_registry.hpp"
#include "app/analyze_service.hpp"

namespace json = boost::json;

namespace {
std::string exception_type(const std::string& text) {
  auto colon = text.find(':');
  return colon == std::string::npos ? text : text.substr(0, colon);
}

bool is_load_type(const std::string& t) {
  return t == "PolicyLoadingError" || t == "ImportError" || t == "ModuleNotFoundError" || t == "AttributeError" ||
         t == "ValueError" || t == "LimitExceeded";
}

// Compares our response with an expectation; returns an empty string on success, else the reason.
std::string compare(const json::value& expected, const inv::app::ServiceResponse& r, const std::string& stage_hint) {
  if (expected.is_object() && expected.as_object().contains("exception")) {
    std::string exc(expected.as_object().at("exception").as_string());
    std::string type = exception_type(exc);
    if (r.status == 200 && r.error_type.empty()) return "expected an error (" + exc.substr(0, 200) + "), got " + json::serialize(r.body).substr(0, 300);
    if (type == "PolicyLoadingError" && !is_load_type(r.error_type))
      return "expected a policy loading error, got " + r.error_type + ": " + json::serialize(r.body).substr(0, 300);
    if ((exc.find("validation error") != std::string::npos || exc.find("Could not parse event") != std::string::npos) &&
        r.error_type != "InvalidTrace")
      return "expected an invalid-trace error, got " + r.error_type;
    (void)stage_hint;
    return "";
  }
  if (r.status != 200 || !r.error_type.empty()) return "unexpected error " + json::serialize(r.body).substr(0, 600);
  if (expected != r.body)
    return "mismatch\n    expected: " + json::serialize(expected).substr(0, 1500) + "\n    got:      " +
           json::serialize(r.body).substr(0, 1500);
  return "";
}

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line))
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: conformance_runner CASES.jsonl DIVERGENCES.jsonl KNOWN_FAILURES.txt [--verbose] [--only ID]\n";
    return 2;
  }
  bool verbose = false;
  std::string only;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--verbose") verbose = true;
    else if (a == "--only" && i + 1 < argc) only = argv[++i];
  }
  std::map<std::string, json::value> divergences;
  for (const auto& line : lines_of(argv[2])) {
    auto v = json::parse(line);
    divergences[std::string(v.at("id").as_string())] = v.at("expect");
  }
  std::set<std::string> known;
  for (const auto& line : lines_of(argv[3])) known.insert(line);

  inv::adapters::plugins::PluginRegistry detectors(inv::adapters::plugins::builtin_plugins_only());
  inv::app::ServiceOptions options;
  inv::app::AnalyzeService service(detectors, options);

  std::size_t passed = 0, failed = 0, regressions = 0, fixed = 0, total = 0;
  for (const auto& line : lines_of(argv[1])) {
    auto c = json::parse(line).as_object();
    std::string id(c.at("id").as_string());
    if (!only.empty() && id != only) continue;
    ++total;
    json::value expected = c.contains("expect_ours") ? c.at("expect_ours") : c.at("expect_pinned");
    if (auto d = divergences.find(id); d != divergences.end()) expected = d->second;
    json::object request;
    request["policy"] = c.at("policy");
    if (c.contains("parameters")) request["parameters"] = c.at("parameters");
    inv::app::ServiceResponse r;
    try {
      if (c.at("kind").as_string() == "check") {
        request["past_events"] = c.at("past_events");
        request["pending_events"] = c.at("pending_events");
        r = service.check(request);
      } else {
        request["trace"] = c.at("trace");
        r = service.analyze(request);
      }
    } catch (const std::exception& e) {
      r.status = 500;
      r.error_type = "InternalError";
      r.body = json::string(e.what());
    }
    std::string why = compare(expected, r, "");
    if (why.empty()) {
      ++passed;
      if (known.count(id)) {
        ++fixed;
        std::cout << "FIXED (remove from known_failures.txt): " << id << "\n";
      }
      if (verbose) std::cout << "ok   " << id << "\n";
    } else {
      ++failed;
      bool expected_failure = known.count(id) > 0;
      if (!expected_failure) ++regressions;
      std::cout << (expected_failure ? "KNOWN " : "FAIL ") << id << ": " << why << "\n";
    }
  }
  std::cout << "conformance: " << passed << " passed, " << failed << " failed (" << regressions
            << " not in the known-failures list, " << fixed << " listed but passing) of " << total << " cases\n";
  return (regressions || fixed) ? 1 : 0;
}
