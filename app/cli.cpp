#include "app/cli.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json.hpp>

namespace inv::app {

namespace json = boost::json;

std::string usage_text() {
  return
      "usage: invariant <command> [options]\n"
      "\n"
      "commands:\n"
      "  analyze [FILE|-]        read one /api/policy/analyze request body ({\"policy\", \"trace\"}) and print\n"
      "                          the response body\n"
      "  check [FILE|-]          read one /api/monitor/check request body ({\"policy\", \"past_events\",\n"
      "                          \"pending_events\"}) and print the response body\n"
      "  eval --jsonl [FILE|-]   read JSON lines {\"kind\": \"analyze\"|\"check\", \"policy\", ...,\n"
      "                          \"parameters\"?} and print one result line each (the response body, or\n"
      "                          {\"error\": {...}} for a rejected request)\n"
      "  serve [--host H] [--port P]  run the HTTP server (options: invariant serve --help)\n"
      "  audit list|show|export  read the audit log (options: invariant audit --help)\n"
      "\n"
      "options:\n"
      "  --detail                add structured errors and timings to the output\n"
      "\n"
      "exit codes: 0 evaluated (with or without violations), 1 request rejected (invalid JSON, policy,\n"
      "trace or runtime error), 2 usage or configuration error, 3 limit exceeded, 4 internal error, 5 the\n"
      "server could not start. In eval --jsonl mode the exit code is 0 unless the input cannot be read;\n"
      "each line carries its own result.\n";
}

namespace {
int exit_for(const ServiceResponse& r) {
  if (r.status == 200) return r.error_type.empty() ? kExitOk : kExitRejected;
  if (r.status == 413 || r.status == 422) return kExitLimit;
  if (r.status >= 500) return kExitInternal;
  return kExitRejected;
}

bool read_all(const std::string& path, std::istream& in, std::string& out, std::ostream& err) {
  if (path.empty() || path == "-") {
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    err << "invariant: cannot read " << path << "\n";
    return false;
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

ServiceResponse parse_error(const boost::system::error_code& ec, std::size_t offset) {
  return error_response(400, "InvalidJSON", "the request body is not valid JSON: " + ec.message() + " (at byte " +
                                                std::to_string(offset) + ")",
                        std::nullopt, std::nullopt, "", false);
}

ServiceResponse handle(const std::string& kind, const json::value& body, const AnalyzeService& s, bool detail) {
  if (kind == "analyze") return s.analyze(body, detail);
  return s.check(body, detail);
}

json::value parse_body(const std::string& text, ServiceResponse& err, bool& ok) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 512;
  json::stream_parser p({}, opts);
  std::size_t n = p.write(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    err = parse_error(ec, n);
    ok = false;
    return nullptr;
  }
  ok = true;
  return p.release();
}
}  // namespace

int run_cli(const std::vector<std::string>& args, const AnalyzeService& service, std::istream& in,
            std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? err : out) << usage_text();
    return args.empty() ? kExitUsage : kExitOk;
  }
  const std::string& cmd = args[0];
  bool detail = false, jsonl = false;
  std::string file;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--detail") detail = true;
    else if (args[i] == "--jsonl") jsonl = true;
    else if (file.empty()) file = args[i];
    else {
      err << "invariant: unexpected argument " << args[i] << "\n" << usage_text();
      return kExitUsage;
    }
  }
  if (cmd == "analyze" || cmd == "check") {
    std::string text;
    if (!read_all(file, in, text, err)) return kExitUsage;
    ServiceResponse r;
    bool ok;
    json::value body = parse_body(text, r, ok);
    if (ok) r = handle(cmd, body, service, detail);
    out << json::serialize(r.body) << "\n";
    return exit_for(r);
  }
  if (cmd == "eval") {
    if (!jsonl) {
      err << "invariant: eval needs --jsonl\n" << usage_text();
      return kExitUsage;
    }
    std::ifstream f;
    std::istream* src = &in;
    if (!file.empty() && file != "-") {
      f.open(file, std::ios::binary);
      if (!f) {
        err << "invariant: cannot read " << file << "\n";
        return kExitUsage;
      }
      src = &f;
    }
    std::string line;
    while (std::getline(*src, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      ServiceResponse r;
      bool ok;
      json::value req = parse_body(line, r, ok);
      if (ok) {
        std::string kind;
        if (req.is_object()) {
          auto it = req.as_object().find("kind");
          if (it != req.as_object().end() && it->value().is_string()) kind = std::string(it->value().as_string());
        }
        if (kind != "analyze" && kind != "check")
          r = error_response(400, "InvalidRequest", "each line needs \"kind\": \"analyze\" or \"check\"",
                             std::nullopt, std::nullopt, "kind", false);
        else
          r = handle(kind, req, service, detail);
      }
      if (r.status == 200 && r.error_type.empty()) {
        out << json::serialize(r.body) << "\n";
      } else {
        json::object wrapped;
        wrapped["error"] = r.body.is_object() && r.body.as_object().contains("error")
                               ? r.body.as_object().at("error")
                               : json::value(json::object{{"type", r.error_type}, {"message", r.body}});
        wrapped["status"] = r.status;
        out << json::serialize(wrapped) << "\n";
      }
    }
    return kExitOk;
  }
  err << "invariant: unknown command '" << cmd << "'\n" << usage_text();
  return kExitUsage;
}

}  // namespace inv::app
