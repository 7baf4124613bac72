// Built-in engine of the semgrep detector core: the rule table, language dispatch, the helper thread and the
// conversion of rule hits into CodeIssueFinding (descriptions in the reference's format).
#include "plugins/semgrep/semgrep_core.hpp"
#include "plugins/python/python_core.hpp"
#include "plugins/support/large_stack.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "common/utf8.hpp"
#include "plugins/semgrep/semgrep_internal.hpp"

namespace inv::detectors {

namespace {

namespace r = semgrep_internal::rules;
using semgrep_internal::Hit;

struct RuleRow {
  std::string_view id, language, severity, message;
};

// Messages are written for this project.
constexpr RuleRow kRules[] = {
    // ---------------------------------------------------------------------------------------- python
    {r::kPyCodeInjection, "python", "error",
     "Data read from the user (input(), sys.argv, sys.stdin or a web request) reaches eval/exec/compile. "
     "Whoever controls that input can run arbitrary Python code; parse the input instead (e.g. "
     "ast.literal_eval or int())."},
    {r::kPyDynamicCode, "python", "warning",
     "eval/exec/compile is called on a value that is not a literal. If any part of it can come from outside "
     "the program this is code injection; prefer explicit parsing such as ast.literal_eval."},
    {r::kPyOsCommand, "python", "error",
     "A command built from non-literal data is run through the os module (os.system, os.popen, os.exec*, "
     "os.spawn*). Untrusted parts can inject shell commands; use subprocess with an argument list and "
     "without a shell."},
    {r::kPyShellInjection, "python", "error",
     "A subprocess is started through the shell (shell=True, getoutput, create_subprocess_shell) with a "
     "command that is not a literal, which allows shell injection. Pass an argument list and keep "
     "shell=False."},
    {r::kPyShellTrue, "python", "warning",
     "A subprocess is started with shell=True. The command is a literal today, but the shell interprets "
     "metacharacters; prefer an argument list with shell=False."},
    {r::kPyDeserialization, "python", "warning",
     "Deserialising with pickle (or cPickle, dill, shelve, jsonpickle, joblib, pandas.read_pickle, "
     "torch.load without weights_only=True, numpy.load with allow_pickle=True) can execute arbitrary code "
     "when the data is untrusted. Use a data-only format such as JSON."},
    {r::kPyMarshal, "python", "warning",
     "marshal.load/loads is not safe against malicious data; do not unmarshal untrusted input."},
    {r::kPyYaml, "python", "error",
     "yaml.load without a safe loader (or yaml.unsafe_load) can construct arbitrary Python objects from the "
     "document. Use yaml.safe_load or Loader=yaml.SafeLoader."},
    {r::kPyWeakHash, "python", "warning",
     "MD5/SHA-1 (or MD4) are broken hash functions; do not use them for passwords, signatures or integrity "
     "checks. Use SHA-256 or better (or pass usedforsecurity=False for non-security uses)."},
    {r::kPyCipher, "python", "error",
     "A broken or obsolete cipher (DES, 3DES, RC2, RC4/ARC4, Blowfish, IDEA, CAST5, SEED, XOR) is used. "
     "Use AES-GCM or ChaCha20-Poly1305."},
    {r::kPyCipherMode, "python", "warning",
     "ECB mode encrypts equal blocks to equal ciphertext and leaks patterns; use an authenticated mode such "
     "as GCM."},
    {r::kPyTlsVerify, "python", "error",
     "TLS certificate or host name verification is disabled (verify=False, CERT_NONE, check_hostname=False, "
     "an unverified SSL context), so connections can be intercepted."},
    {r::kPyWeakTls, "python", "warning",
     "An obsolete SSL/TLS protocol version (SSLv2, SSLv3, TLS 1.0, TLS 1.1) is requested; use TLS 1.2 or "
     "newer (ssl.PROTOCOL_TLS_CLIENT)."},
    {r::kPySshHostKey, "python", "warning",
     "SSH host keys are accepted without verification (paramiko AutoAddPolicy/WarningPolicy), which allows "
     "man-in-the-middle attacks. Load known hosts and use RejectPolicy."},
    {r::kPyMktemp, "python", "warning",
     "tempfile.mktemp only returns a name; another process can create the file first. Use "
     "tempfile.mkstemp or NamedTemporaryFile."},
    {r::kPyDynamicImport, "python", "warning",
     "A module is imported by a non-literal name (__import__ / importlib.import_module); if the name can be "
     "influenced from outside, arbitrary code can be loaded."},
    {r::kPyBindAll, "python", "warning",
     "The server binds to all network interfaces (0.0.0.0, :: or an empty host), exposing it to the "
     "network; bind to 127.0.0.1 unless remote access is intended."},
    {r::kPyFlaskDebug, "python", "warning",
     "The application is started with debug=True; the Flask/Werkzeug debugger allows running code from the "
     "browser. Never enable it where the server can be reached."},
    {r::kPyJinjaAutoescape, "python", "warning",
     "A Jinja2 environment is created with autoescaping disabled (explicitly or by default), which allows "
     "cross-site scripting; use autoescape=True or select_autoescape()."},
    {r::kPyXml, "python", "warning",
     "XML is parsed with the standard library or lxml parsers, which are not hardened against malicious "
     "documents (entity expansion, external entities). Use the defusedxml equivalents for untrusted data."},
    {r::kPySql, "python", "warning",
     "An SQL statement is built with string formatting or concatenation and passed to execute(); use "
     "query parameters instead to avoid SQL injection."},
    {r::kPyRandomSecret, "python", "warning",
     "The random module is not cryptographically secure, but its output is used for a token, password, key "
     "or similar secret. Use the secrets module."},
    {r::kPyChmod, "python", "warning",
     "File permissions are set world-writable (others may write); restrict the mode, e.g. 0o644 or 0o755."},
    {r::kPyCleartext, "python", "info",
     "A cleartext protocol client (telnetlib.Telnet, ftplib.FTP) is used; credentials and data travel "
     "unencrypted. Prefer SSH/SFTP or FTP_TLS."},
    {r::kPyTarfile, "python", "warning",
     "A tar archive is extracted without a member filter; crafted entries (../ paths, absolute paths, links) "
     "can write outside the target directory. Pass filter=\"data\" (Python 3.12+) or validate the members."},
    // ------------------------------------------------------------------------------------------ bash
    {r::kShRemoteExec, "bash", "error",
     "Content downloaded from the network is executed directly (curl/wget piped into a shell or interpreter, "
     "or substituted into bash/eval/source) without being reviewed or verified."},
    {r::kShEncodedExec, "bash", "error",
     "A decoded (base64/hex) payload is executed by a shell or interpreter; encoded commands are a common way "
     "to hide malicious code."},
    {r::kShDownloadExec, "bash", "error",
     "A file downloaded earlier in the script (curl -o / wget -O / redirection) is executed without "
     "verifying a checksum or signature."},
    {r::kShRmRoot, "bash", "error",
     "A recursive delete targets the root directory, the home directory or a top-level system directory "
     "(or uses --no-preserve-root); this destroys the system or the user's data."},
    {r::kShRmVar, "bash", "warning",
     "A recursive delete targets $VAR/ or $VAR/*; if the variable is empty or unset this becomes / or /*. "
     "Use ${VAR:?} to abort on an empty value."},
    {r::kShChmod, "bash", "warning",
     "Permissions are made world-writable (e.g. chmod 777, o+w, umask 000); any local user can modify the "
     "files."},
    {r::kShSetuid, "bash", "warning",
     "The set-user-ID bit is set on a file (chmod u+s / 4xxx); a setuid program runs with its owner's "
     "privileges and is a classic privilege-escalation backdoor."},
    {r::kShReverseShell, "bash", "error",
     "A shell is connected to a network socket (/dev/tcp, nc -e, ncat --exec, socat exec:, a socket "
     "one-liner): this is a reverse or bind shell giving remote control of the machine."},
    {r::kShDiskWrite, "bash", "error",
     "Data is written directly to a block device (dd of=/dev/sdX, redirection to a disk, shred/wipefs), "
     "destroying the file system on it."},
    {r::kShMkfs, "bash", "error",
     "A file system is created on a device (mkfs, mke2fs, mkswap, ...), erasing everything on it."},
    {r::kShForkBomb, "bash", "error",
     "A function calls itself twice in the background or through a pipe (fork bomb), exhausting the "
     "process table."},
    {r::kShEval, "bash", "warning",
     "eval (or sh -c) runs the contents of a variable as code; if the value can be influenced from outside "
     "this is command injection."},
    {r::kShSensitiveWrite, "bash", "error",
     "A system account, authentication or privilege file is modified (/etc/passwd, /etc/shadow, "
     "/etc/sudoers, PAM, ld.so.preload, authorized_keys); this can create backdoor access."},
    {r::kShNopasswd, "bash", "error", "A sudo rule with NOPASSWD is written, granting password-less root access."},
    {r::kShHistory, "bash", "info",
     "Shell history is disabled or erased (unset HISTFILE, HISTSIZE=0, history -c, ...), which hides what "
     "was run."},
    {r::kShCron, "bash", "warning",
     "A cron job is installed (crontab - / crontab FILE or a write to /etc/cron*), a common persistence "
     "mechanism; make sure it is intended."},
    {r::kShFirewall, "bash", "warning",
     "The firewall is flushed or disabled (iptables -F, a default ACCEPT policy, ufw disable, stopping "
     "firewalld), exposing all services."},
    {r::kShInsecureTls, "bash", "warning",
     "TLS certificate verification is turned off (curl -k, wget --no-check-certificate, "
     "http.sslVerify=false, ...), so downloads can be tampered with."},
    {r::kShExfiltration, "bash", "error",
     "Credentials (an SSH private key, cloud credentials, .netrc, .env, /etc/shadow or the whole environment) "
     "are sent to a network destination."},
    {r::kShContainer, "bash", "warning",
     "A container is started with host-level access (--privileged, the host root or the Docker socket "
     "mounted, host PID namespace, all capabilities), which lets it take over the host."},
};

constexpr std::size_t kMaxFindings = 10000;
constexpr std::size_t kMaxLinesPerFinding = 10;
constexpr std::size_t kMaxLineBytes = 160;

const RuleRow* find_rule(std::string_view id) {
  for (const RuleRow& row : kRules) {
    if (row.id == id) return &row;
  }
  return nullptr;
}

// Start offsets of the lines of `src` (line k, 1-based, starts at starts[k - 1]).
std::vector<std::size_t> line_starts(std::string_view src) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

// Cuts `line` after kMaxLineBytes bytes, not inside a UTF-8 sequence.
std::string clip_line(std::string_view line) {
  if (line.size() <= kMaxLineBytes) return std::string(line);
  std::size_t cut = kMaxLineBytes;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return std::string(line.substr(0, cut)) + "...";
}

std::string lines_text(std::string_view src, const std::vector<std::size_t>& starts, int first, int last) {
  const int count = static_cast<int>(starts.size());
  first = std::clamp(first, 1, count);
  last = std::clamp(last, first, count);
  std::string out;
  int shown = 0;
  for (int l = first; l <= last; ++l) {
    if (shown == static_cast<int>(kMaxLinesPerFinding)) {
      out += "\n...";
      break;
    }
    const std::size_t b = starts[l - 1];
    std::size_t e = l < count ? starts[l] - 1 : src.size();
    if (shown > 0) out += '\n';
    out += clip_line(src.substr(b, e - b));
    ++shown;
  }
  return out;
}

std::vector<CodeIssueFinding> to_findings(std::string_view src, std::vector<Hit> hits) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.line_start, a.line_end, a.rule) < std::tie(b.line_start, b.line_end, b.rule);
  });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [](const Hit& a, const Hit& b) {
                           return a.rule == b.rule && a.line_start == b.line_start && a.line_end == b.line_end;
                         }),
             hits.end());
  if (hits.size() > kMaxFindings) hits.resize(kMaxFindings);
  const std::vector<std::size_t> starts = line_starts(src);
  std::vector<CodeIssueFinding> out;
  out.reserve(hits.size());
  for (const Hit& h : hits) {
    const RuleRow* row = find_rule(h.rule);
    if (row == nullptr) continue;  // cannot happen: every rule id is a table key
    const int count = static_cast<int>(starts.size());
    const int first = std::clamp(h.line_start, 1, count);
    const int last = std::clamp(h.line_end, first, count);
    CodeIssueFinding f;
    f.description = std::string(row->message) + " (source: invariant/" + std::string(row->id) +
                    ", lines: " + lines_text(src, starts, first, last) + ")";
    f.severity = std::string(row->severity);
    f.rule_id = std::string(row->id);
    f.line_start = first;
    f.line_end = last;
    out.push_back(std::move(f));
  }
  return out;
}


}  // namespace

std::vector<CodeIssueFinding> builtin_semgrep_scan(std::string_view code, std::string_view lang) {
  if (lang != "python" && lang != "bash") throw std::invalid_argument("Unsupported language: " + std::string(lang));
  // Invalid UTF-8 is repaired (U+FFFD per invalid sequence) so that descriptions are always valid text.
  std::string storage;
  const std::string src = normalise_newlines(utf8::repaired(code, storage));
  // The Python parser recurses (boundedly) with the nesting of the input.
  std::vector<Hit> hits;
  support::run_with_large_stack([&] {
    semgrep_internal::HitSink sink(hits);
    if (lang == "python") {
      semgrep_internal::scan_python(src, sink);
    } else {
      semgrep_internal::Budget budget{4 * src.size() + (1u << 20)};
      semgrep_internal::scan_bash(src, sink, budget);
    }
  });
  return to_findings(src, std::move(hits));
}

const std::vector<BuiltinRuleInfo>& builtin_semgrep_rules() {
  static const std::vector<BuiltinRuleInfo> rules = [] {
    std::vector<BuiltinRuleInfo> out;
    for (const RuleRow& row : kRules) {
      out.push_back(
          {std::string(row.id), std::string(row.language), std::string(row.severity), std::string(row.message)});
    }
    return out;
  }();
  return rules;
}

}  // namespace inv::detectors
