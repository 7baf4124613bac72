// Internal interfaces of the semgrep detector core, shared by its translation units (not installed).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors::semgrep_internal {

// One rule match: the rule id (a string with static storage: the rule table's) and the 1-based lines.
struct Hit {
  std::string_view rule;
  int line_start = 0;
  int line_end = 0;
};

// Where the hits of a piece of code go, and how its line numbers map to the scanned input: either shifted
// by `offset`, or (`pinned`) all reported at [lo, hi] (code that came out of a string of the outer script).
class HitSink {
 public:
  explicit HitSink(std::vector<Hit>& out) : out_(&out) {}
  HitSink shifted(int by) const {
    HitSink s = *this;
    s.offset_ += by;
    return s;
  }
  HitSink pinned(int lo, int hi) const {
    HitSink s = *this;
    if (!s.pinned_) {
      s.pinned_ = true;
      s.lo_ = lo + offset_;
      s.hi_ = hi + offset_;
    }
    return s;
  }
  void add(std::string_view rule, int line_start, int line_end) const {
    if (out_->size() >= kMaxHits) return;
    if (pinned_) {
      out_->push_back({rule, lo_, hi_});
    } else {
      if (line_end < line_start) line_end = line_start;
      out_->push_back({rule, line_start + offset_, line_end + offset_});
    }
  }
  bool full() const { return out_->size() >= kMaxHits; }
  // Raw hits are bounded too (several hits per finding are possible before de-duplication).
  static constexpr std::size_t kMaxHits = 200000;

 private:
  std::vector<Hit>* out_;
  int offset_ = 0;
  bool pinned_ = false;
  int lo_ = 0, hi_ = 0;
};

// Shared budget for text analysed a second time (strings run as code), so nested re-parsing stays linear.
struct Budget {
  std::size_t bytes = 0;
  bool take(std::size_t n) {
    if (n > bytes) return false;
    bytes -= n;
    return true;
  }
};

// Python rules over `src` (newlines already normalised to "\n"). Needs a large stack: the caller runs it on
// the helper thread (semgrep_core.cpp).
void scan_python(std::string_view src, const HitSink& sink);

// Bash rules over `src`; `budget` limits the re-parsing of strings (and the Python snippets inside).
void scan_bash(std::string_view src, const HitSink& sink, Budget& budget);

// Text fallback for Python that does not parse, applied from line `first_line` on.
void scan_python_text(std::string_view src, int first_line, const HitSink& sink);

// Rule ids, as constants with static storage (they are also the keys of the rule table).
namespace rules {
// python
inline constexpr std::string_view kPyCodeInjection = "python.code-injection-user-input";
inline constexpr std::string_view kPyDynamicCode = "python.dynamic-code-execution";
inline constexpr std::string_view kPyOsCommand = "python.os-command-injection";
inline constexpr std::string_view kPyShellInjection = "python.subprocess-shell-injection";
inline constexpr std::string_view kPyShellTrue = "python.subprocess-shell-true";
inline constexpr std::string_view kPyDeserialization = "python.insecure-deserialization";
inline constexpr std::string_view kPyMarshal = "python.marshal-deserialization";
inline constexpr std::string_view kPyYaml = "python.yaml-unsafe-load";
inline constexpr std::string_view kPyWeakHash = "python.weak-hash";
inline constexpr std::string_view kPyCipher = "python.insecure-cipher";
inline constexpr std::string_view kPyCipherMode = "python.insecure-cipher-mode";
inline constexpr std::string_view kPyTlsVerify = "python.tls-verification-disabled";
inline constexpr std::string_view kPyWeakTls = "python.weak-tls-protocol";
inline constexpr std::string_view kPySshHostKey = "python.ssh-host-key-not-verified";
inline constexpr std::string_view kPyMktemp = "python.insecure-tempfile";
inline constexpr std::string_view kPyDynamicImport = "python.dynamic-import";
inline constexpr std::string_view kPyBindAll = "python.bind-all-interfaces";
inline constexpr std::string_view kPyFlaskDebug = "python.flask-debug-enabled";
inline constexpr std::string_view kPyJinjaAutoescape = "python.jinja2-autoescape-disabled";
inline constexpr std::string_view kPyXml = "python.xml-untrusted-parse";
inline constexpr std::string_view kPySql = "python.sql-string-formatting";
inline constexpr std::string_view kPyRandomSecret = "python.insecure-random-secret";
inline constexpr std::string_view kPyChmod = "python.world-writable-permissions";
inline constexpr std::string_view kPyCleartext = "python.cleartext-protocol";
inline constexpr std::string_view kPyTarfile = "python.tarfile-unsafe-extract";
// bash
inline constexpr std::string_view kShRemoteExec = "bash.remote-code-execution";
inline constexpr std::string_view kShEncodedExec = "bash.encoded-payload-execution";
inline constexpr std::string_view kShDownloadExec = "bash.download-then-execute";
inline constexpr std::string_view kShRmRoot = "bash.destructive-rm";
inline constexpr std::string_view kShRmVar = "bash.rm-unchecked-variable";
inline constexpr std::string_view kShChmod = "bash.world-writable-permissions";
inline constexpr std::string_view kShSetuid = "bash.setuid-bit";
inline constexpr std::string_view kShReverseShell = "bash.reverse-shell";
inline constexpr std::string_view kShDiskWrite = "bash.raw-disk-write";
inline constexpr std::string_view kShMkfs = "bash.filesystem-format";
inline constexpr std::string_view kShForkBomb = "bash.fork-bomb";
inline constexpr std::string_view kShEval = "bash.eval-injection";
inline constexpr std::string_view kShSensitiveWrite = "bash.sensitive-file-write";
inline constexpr std::string_view kShNopasswd = "bash.sudo-nopasswd";
inline constexpr std::string_view kShHistory = "bash.history-tampering";
inline constexpr std::string_view kShCron = "bash.cron-persistence";
inline constexpr std::string_view kShFirewall = "bash.firewall-disabled";
inline constexpr std::string_view kShInsecureTls = "bash.insecure-tls";
inline constexpr std::string_view kShExfiltration = "bash.secret-exfiltration";
inline constexpr std::string_view kShContainer = "bash.privileged-container";
}  // namespace rules

// Small string helpers.
inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
inline bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }
inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}
inline bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace inv::detectors::semgrep_internal
