// The bash rules of the built-in engine (see builtin_semgrep_rules() for ids, severities and messages):
// pipelines are checked as a whole (something downloaded or decoded flowing into an interpreter, a socket
// connected to a shell, a secret flowing into a network tool), commands one by one (bash_checks.cpp), and
// nested code (command substitutions, groups, strings run by sh -c / eval, here-documents fed to a shell or
// to Python) recursively.
#include <algorithm>
#include <string>
#include <utility>

#include "plugins/semgrep/bash_analysis.hpp"

namespace inv::detectors::semgrep_internal {

namespace r = rules;

void ShAnalysis::script(std::string_view src, const HitSink& sink) {
  if (string_depth_ >= kMaxStringDepth) return;
  ++string_depth_;
  ShUnit unit;
  ShParser parser(src, unit);
  std::vector<ShPipeline> items;
  while (parser.next(items) && !sink.full()) {
    for (const ShPipeline& p : items) pipeline(unit, p, sink);
    items.clear();
    unit.clear();
  }
  --string_depth_;
}

bool ShAnalysis::command_has(const ShUnit& u, const ShCommand& c, Pred pred, int depth) const {
  if (pred(sh_view(c))) return true;
  if (depth >= kMaxSearchDepth) return false;
  if (list_has(u, c.group, pred, depth + 1)) return true;
  if (words_have(u, c.words, pred, depth) || words_have(u, c.assigns, pred, depth)) return true;
  for (const ShRedir& rd : c.redirs) {
    for (int s : rd.target.subs) {
      if (list_has(u, s, pred, depth + 1)) return true;
    }
  }
  return false;
}

bool ShAnalysis::words_have(const ShUnit& u, const std::vector<ShWord>& words, Pred pred, int depth) const {
  for (const ShWord& w : words) {
    for (int s : w.subs) {
      if (list_has(u, s, pred, depth + 1)) return true;
    }
  }
  return false;
}

bool ShAnalysis::word_has(const ShUnit& u, const ShWord& w, Pred pred) const {
  return std::any_of(w.subs.begin(), w.subs.end(), [&](int s) { return list_has(u, s, pred, 1); });
}

bool ShAnalysis::list_has(const ShUnit& u, int idx, Pred pred, int depth) const {
  if (idx < 0 || depth > kMaxSearchDepth) return false;
  for (const ShPipeline& p : u.lists[static_cast<std::size_t>(idx)].pipelines) {
    for (const ShCommand& c : p.cmds) {
      if (command_has(u, c, pred, depth)) return true;
    }
  }
  return false;
}

void ShAnalysis::pipeline(const ShUnit& u, const ShPipeline& p, const HitSink& sink) {
  if (p.cmds.empty()) return;
  const std::size_t n = p.cmds.size();
  std::vector<ShView> views;
  views.reserve(n);
  for (const ShCommand& c : p.cmds) views.push_back(sh_view(c));
  const int lo = p.cmds.front().line_start;
  const int hi = std::max(p.cmds.back().line_end, lo);
  if (n > 1) {
    // Stages after k: whether one runs its stdin as code / is a shell / sends to the network.
    std::vector<char> later_exec(n + 1, 0), later_shell(n + 1, 0), later_sender(n + 1, 0);
    for (std::size_t j = n; j-- > 0;) {
      const bool exec = sh_runs_stdin(views[j]);
      later_exec[j] = later_exec[j + 1] || exec;
      later_shell[j] = later_shell[j + 1] || (exec && sh_is_shell(views[j].name));
      later_sender[j] = later_sender[j + 1] || net_sender(views[j]);
    }
    bool net = false, shell_before = false;
    for (std::size_t k = 0; k < n; ++k) {
      const ShCommand& c = p.cmds[k];
      if (later_exec[k + 1]) {
        if (command_has(u, c, downloader, 0)) sink.add(r::kShRemoteExec, lo, hi);
        if (command_has(u, c, decoder, 0)) sink.add(r::kShEncodedExec, lo, hi);
      }
      const bool socket_stage =
          net_client(views[k]) ||
          std::any_of(c.redirs.begin(), c.redirs.end(), [](const ShRedir& rd) { return socket_path(rd.target.text); });
      if ((socket_stage && (later_shell[k + 1] || shell_before)) ||
          (net && sh_is_shell(views[k].name) && sh_runs_stdin(views[k]))) {
        sink.add(r::kShReverseShell, lo, hi);
      }
      net = net || socket_stage;
      shell_before = shell_before || (sh_is_shell(views[k].name) && sh_runs_stdin(views[k]));
      if (later_sender[k + 1] && reads_secret(views[k])) sink.add(r::kShExfiltration, lo, hi);
    }
  }
  for (std::size_t k = 0; k < n; ++k) command(u, p.cmds[k], views[k], k, sink);
}

void ShAnalysis::nested(const ShUnit& u, int idx, const HitSink& sink) {
  if (idx < 0) return;
  for (const ShPipeline& p : u.lists[static_cast<std::size_t>(idx)].pipelines) pipeline(u, p, sink);
}

void ShAnalysis::run_string(std::string_view code, const HitSink& sink, bool python) {
  if (code.empty() || !budget_.take(code.size())) return;
  if (python)
    scan_python(code, sink);
  else
    script(code, sink);
}

void ShAnalysis::command(const ShUnit& u, const ShCommand& c, const ShView& v, std::size_t index, const HitSink& sink) {
  const int lo = c.line_start;
  const int hi = std::max(c.line_end, lo);
  const bool shell = sh_is_shell(v.name);
  const bool stdin_code = sh_runs_stdin(v);

  // ---- executing downloaded or decoded content
  if (executes_download(v)) sink.add(r::kShDownloadExec, lo, hi);
  downloads(v);
  std::string_view code;
  const ShWord* code_word = nullptr;
  const bool has_code = sh_code_argument(v, &code, &code_word);
  for (auto [pred, rule] : {std::pair<Pred, std::string_view>{downloader, r::kShRemoteExec},
                            std::pair<Pred, std::string_view>{decoder, r::kShEncodedExec}}) {
    bool run = false;
    if (code_word != nullptr && word_has(u, *code_word, pred)) run = true;  // sh -c "$(curl ...)"
    if (shell || sh_is_script_interpreter(v.name) || v.name == "source" || v.name == ".") {
      for (const ShWord* a : v.args) {
        if (a->proc_sub && word_has(u, *a, pred)) run = true;  // bash <(curl ...)
      }
    }
    if (v.name == "eval") {
      for (const ShWord* a : v.args) {
        if (word_has(u, *a, pred)) run = true;  // eval "$(curl ...)"
      }
    }
    if (stdin_code) {
      for (const ShRedir& rd : c.redirs) {
        if ((rd.op == "<" || rd.op == "<<<") && word_has(u, rd.target, pred)) run = true;  // bash < <(curl ...)
      }
    }
    if (run) sink.add(rule, lo, hi);
  }

  // ---- shell code injection, fork bombs
  if (v.name == "eval" &&
      std::any_of(v.args.begin(), v.args.end(), [](const ShWord* a) { return a->param && !a->guarded; })) {
    sink.add(r::kShEval, lo, hi);
  }
  if ((shell || v.name == "su") && code_word != nullptr && code_word->param && sh_single_expansion(code_word->text)) {
    sink.add(r::kShEval, lo, hi);
  }
  if (!c.funcdef.empty() && c.group >= 0) {
    int calls = 0;
    bool piped = false, background = false;
    for (const ShPipeline& p : u.lists[static_cast<std::size_t>(c.group)].pipelines) {
      int in_pipeline = 0;
      for (const ShCommand& x : p.cmds) {
        if (x.words.empty() || x.words[0].text != c.funcdef) continue;
        ++in_pipeline;
        ++calls;
        background = background || x.background;
      }
      piped = piped || in_pipeline >= 2;
    }
    if (piped || (background && calls >= 2)) sink.add(r::kShForkBomb, lo, hi);
  }

  for (const ShRedir& rd : c.redirs) {  // cat <<EOF | sudo tee /etc/sudoers.d/x ... NOPASSWD ...
    if (rd.heredoc >= 0 && contains(u.heredocs[static_cast<std::size_t>(rd.heredoc)].body, "NOPASSWD") &&
        !one_of(v.name, {"grep", "egrep", "fgrep", "rg", "awk"})) {
      sink.add(r::kShNopasswd, lo, hi);
    }
  }
  if (net_sender(v) && std::any_of(v.args.begin(), v.args.end(), [&](const ShWord* a) {
        return word_has(u, *a, reads_secret);  // curl -d "$(cat ~/.aws/credentials)" / -d "$(env)"
      })) {
    sink.add(r::kShExfiltration, lo, hi);
  }
  files_and_permissions(v, sink, lo, hi);
  network(v, sink, lo, hi);
  system_state(v, index, sink, lo, hi);

  // ---- nested code
  if (c.group >= 0) nested(u, c.group, sink);
  for (const auto* words : {&c.words, &c.assigns}) {
    for (const ShWord& w : *words) {
      for (int s : w.subs) nested(u, s, sink);
    }
  }
  for (const ShRedir& rd : c.redirs) {
    for (int s : rd.target.subs) nested(u, s, sink);
  }
  const HitSink here = sink.pinned(lo, hi);
  if (has_code && (shell || v.name == "su")) run_string(code, here, false);
  if (has_code && sh_is_python(v.name)) run_string(code, here, true);
  if (has_code && sh_is_script_interpreter(v.name) && socket_one_liner(code)) sink.add(r::kShReverseShell, lo, hi);
  if (v.name == "eval" && std::none_of(v.args.begin(), v.args.end(), [](const ShWord* a) { return a->param; })) {
    std::string joined;
    for (const ShWord* a : v.args) {
      if (!joined.empty()) joined += ' ';
      joined += a->text;
    }
    run_string(joined, here, false);
  }
  for (const ShRedir& rd : c.redirs) {
    if (!stdin_code) continue;
    const bool python = sh_is_python(v.name);
    if (!shell && !python) continue;
    if (rd.heredoc >= 0) {
      const ShHeredoc& doc = u.heredocs[static_cast<std::size_t>(rd.heredoc)];
      if (python && socket_one_liner(doc.body)) sink.add(r::kShReverseShell, lo, hi);
      run_string(doc.body, sink.shifted(doc.line - 1), python);
    } else if (rd.op == "<<<") {
      run_string(rd.target.text, here, python);
    }
  }
}

void ShAnalysis::downloads(const ShView& v) {
  if (!downloader(v) || downloads_.size() >= kMaxDownloads) return;
  const auto& a = v.args;
  std::string_view url;
  for (const ShWord* w : a) {
    if (starts_with(w->text, "http://") || starts_with(w->text, "https://") || starts_with(w->text, "ftp://")) {
      url = w->text;
      break;
    }
  }
  std::string_view url_name = url.substr(0, url.find_first_of("?#"));
  url_name = url_name.find('/', url_name.find("//") + 2) == std::string_view::npos ? "" : sh_base(url_name);
  std::vector<std::string> files;
  bool remote_name = false, to_stdout = false;
  std::string dir;
  const bool curl = v.name == "curl";
  const std::string_view out_short = curl ? "-o" : "-O";
  for (std::size_t k = 0; k < a.size(); ++k) {
    const std::string_view t = a[k]->text;
    std::string_view file;
    bool found = false;
    if (t == out_short || t == "--output" || t == "--output-document") {
      if (k + 1 < a.size()) file = a[++k]->text;
      found = true;
    } else if (starts_with(t, "--output=") || starts_with(t, "--output-document=")) {
      file = t.substr(t.find('=') + 1);
      found = true;
    } else if (sh_short_cluster(t) || (t.size() > 2 && t[0] == '-' && t[1] != '-')) {
      const auto pos = t.find(out_short[1]);
      if (pos != std::string_view::npos && pos > 0) {
        if (pos + 1 == t.size()) {
          if (k + 1 < a.size()) file = a[++k]->text;
        } else {
          file = t.substr(pos + 1);
        }
        found = true;
      } else if (curl && t.find('O') != std::string_view::npos) {
        remote_name = true;
      }
    } else if (curl && t == "--remote-name") {
      remote_name = true;
    } else if (!curl && (t == "-P" || t == "--directory-prefix") && k + 1 < a.size()) {
      dir = a[++k]->text;
    } else if (!curl && starts_with(t, "--directory-prefix=")) {
      dir = std::string(t.substr(19));
    }
    if (found) {
      if (file == "-" || file.empty())
        to_stdout = true;
      else
        files.emplace_back(file);
    }
  }
  for (const ShRedir& rd : v.cmd->redirs) {
    if (rd.op == ">" || rd.op == ">>" || rd.op == ">|") {
      if (rd.fd <= 1) files.push_back(rd.target.text);
    }
  }
  if (files.empty() && !to_stdout && !url_name.empty() && (remote_name || !curl)) {
    files.push_back(dir.empty() ? std::string(url_name) : dir + "/" + std::string(url_name));
  }
  for (std::string& f : files) {
    if (downloads_.size() < kMaxDownloads && !f.empty()) downloads_.push_back(std::move(f));
  }
}

bool ShAnalysis::executes_download(const ShView& v) const {
  if (downloads_.empty() || v.word == nullptr) return false;
  std::vector<std::string_view> run;
  if (contains(v.word->text, "/")) run.push_back(v.word->text);
  if (sh_is_shell(v.name) || sh_is_script_interpreter(v.name) || v.name == "source" || v.name == ".") {
    for (const ShWord* a : v.args) {
      if (sh_option(a->text)) {
        if (a->text == "-c" || a->text == "-m" || a->text == "-e") break;
        continue;
      }
      run.push_back(a->text);
      break;
    }
  }
  auto strip = [](std::string_view s) {
    while (starts_with(s, "./")) s.remove_prefix(2);
    return s;
  };
  for (std::string_view x : run) {
    x = strip(x);
    for (const std::string& d : downloads_) {
      const std::string_view y = strip(d);
      if (x == y) return true;
      if (x.size() > y.size() && ends_with(x, y) && x[x.size() - y.size() - 1] == '/') return true;
      if (y.size() > x.size() && ends_with(y, x) && y[y.size() - x.size() - 1] == '/') return true;
    }
  }
  return false;
}

void scan_bash(std::string_view src, const HitSink& sink, Budget& budget) {
  ShAnalysis analysis(budget);
  analysis.script(src, sink);
}

}  // namespace inv::detectors::semgrep_internal
