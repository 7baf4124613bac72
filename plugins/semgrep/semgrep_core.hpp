// Detector core behind `semgrep(data, lang: str) -> list[CodeIssue]`: a built-in static analyser for Python and
// bash snippets, and a runner for an installed `semgrep` program.
//
// Reference behaviour
//   The reference wrote the code to a temporary file, ran `semgrep scan --json --config <rules> --metrics off
//   --quiet <file>` with the registry rule packs `r/python.lang.security` (lang "python") or `r/bash` (lang
//   "bash") and turned every JSON result into
//       CodeIssue(description = f"{message} (source: {metadata.source}, lines: {lines})", severity)
//   with severity "ERROR" -> "error", "WARNING" -> "warning", anything else -> "info". Any other language is
//   a ValueError("Unsupported language: X").
//
// Built-in engine (builtin_semgrep_scan)
//   Works offline and needs no external program. It has its own rule set (builtin_semgrep_rules(); written
//   for this project, not a copy of any registry rule) and produces descriptions in the reference's format:
//       "<rule message> (source: invariant/<rule id>, lines: <source lines of the match>)"
//   e.g. "... (source: invariant/python.code-injection-user-input, lines: eval(input()))". The lines are the
//   complete source lines the match covers joined with "\n" (at most 10 lines, each cut after 160 bytes at a
//   UTF-8 boundary and then marked with "..."); CR LF and lone CR count as line ends.
//   * Languages: exactly "python" and "bash", as in the reference ("sh", "Python", ... are rejected with
//     std::invalid_argument("Unsupported language: <lang>") so both engines agree on what is valid).
//   * Python: the code is parsed with the project's Python 3.12 parser (plugins/python) and the rules run on
//     the syntax tree, so comments, strings and docstrings never trigger. Names are resolved through the
//     imports of the snippet (`import subprocess as sp`, `from os import system as run`, `from os import *`,
//     `__import__("os")`); dotted names without an import are taken literally (`os.system(x)` in a snippet
//     that forgot `import os` still matches). "Non-literal" means not a constant, an f-string without
//     fields, or a combination of those; a name assigned only literal values before the use counts as a
//     literal. A light taint pass marks names assigned from input(), sys.argv, sys.stdin or a web request.
//     Syntax-error fallback: when the code is not valid Python (or is nested too deeply for the parser),
//     the statements before the error are analysed normally and the rest is scanned as text with comments
//     and string literals blanked out, for the clearest patterns only: eval(/exec( with a non-literal
//     argument (python.code-injection-user-input when input( appears in the call), os.system/os.popen with a
//     non-literal argument, a subprocess call with shell=True on the same line, pickle.load(s) and yaml.load
//     without a safe loader on the same line. So a syntax error never hides such a call.
//   * Bash: a tokenizer-level parser (quoting, escapes, comments, pipes, `;` `&&` `||` `&`, redirections,
//     here-documents, `$(...)`, backticks, `<(...)`, subshells and `{ ...; }` groups, function definitions)
//     turns the script into pipelines of commands; wrappers such as sudo, env, nohup, timeout, exec and
//     xargs are looked through. Strings given to `sh -c`/`bash -c`/`su -c`/`eval` with a literal text and
//     shell here-documents are analysed as scripts too; `python -c` strings and python here-documents are
//     analysed with the Python rules (their findings point at the lines of the bash command). Comments
//     and quoted text never count as commands.
//   * Rules (id: severity, what matches; builtin_semgrep_rules() has the messages):
//       python.code-injection-user-input  error    eval/exec/compile of input(), sys.argv/stdin, request data
//       python.dynamic-code-execution     warning  eval/exec/compile of any other non-literal
//       python.os-command-injection       error    os.system/popen/exec*/spawn*, commands.* with a non-literal
//       python.subprocess-shell-injection error    subprocess.* shell=True, getoutput, create_subprocess_shell
//                                                  with a non-literal command
//       python.subprocess-shell-true      warning  the same with a literal command
//       python.insecure-deserialization   warning  pickle/cPickle/dill/shelve/jsonpickle/joblib loads,
//                                                  pandas.read_pickle, torch.load w/o weights_only=True,
//                                                  numpy.load(allow_pickle=True)
//       python.marshal-deserialization    warning  marshal.load/loads
//       python.yaml-unsafe-load           error    yaml.load/load_all without a Safe/Base/Full loader, unsafe_load
//       python.weak-hash                  warning  hashlib.md5/sha1, hashlib.new('md5'|'sha1'|...), Crypto MD5/SHA1,
//                                                  cryptography hashes.MD5/SHA1 (not with usedforsecurity=False)
//       python.insecure-cipher            error    DES, 3DES, RC2, ARC4, Blowfish, CAST, IDEA, SEED, XOR ciphers
//       python.insecure-cipher-mode       warning  ECB mode (modes.ECB, MODE_ECB)
//       python.tls-verification-disabled  error    verify=False / ssl=False on HTTP clients, CERT_NONE,
//                                                  check_hostname=False, ssl._create_unverified_context
//       python.weak-tls-protocol          warning  SSLv2/SSLv3/TLSv1/TLSv1.1 protocol constants
//       python.ssh-host-key-not-verified  warning  paramiko AutoAddPolicy / WarningPolicy
//       python.insecure-tempfile          warning  tempfile.mktemp
//       python.dynamic-import             warning  __import__ / importlib.import_module of a non-literal
//       python.bind-all-interfaces        warning  bind/serve/run on "0.0.0.0", "::" (or "" for bind)
//       python.flask-debug-enabled        warning  .run(debug=True), run_simple(use_debugger=True), app.debug=True
//       python.jinja2-autoescape-disabled warning  autoescape=False, jinja2.Environment without autoescape
//       python.xml-untrusted-parse        warning  xml.etree/xml.dom/xml.sax/expat/lxml parsers (use defusedxml)
//       python.sql-string-formatting      warning  execute()/read_sql() of SQL built with f-strings, %, +, format
//       python.insecure-random-secret     warning  random.* values stored in token/password/key/... names
//       python.world-writable-permissions warning  os.chmod / Path.chmod with the others-write bit
//       python.cleartext-protocol         info     telnetlib.Telnet, ftplib.FTP
//       python.tarfile-unsafe-extract     warning  TarFile.extractall/extract without filter=
//       bash.remote-code-execution        error    curl/wget piped into sh/bash/python/..., bash <(curl ...),
//                                                  sh -c "$(curl ...)", eval "$(curl ...)", source <(curl ...)
//       bash.encoded-payload-execution    error    base64 -d / xxd -r / openssl base64 -d fed to an interpreter
//       bash.download-then-execute        error    a file written by curl/wget run later in the script
//       bash.destructive-rm               error    rm -r of /, /*, ~, $HOME, top-level system dirs;
//                                                  --no-preserve-root; find / -delete
//       bash.rm-unchecked-variable        warning  rm -r "$VAR/" or "$VAR"/* without ${VAR:?}
//       bash.world-writable-permissions   warning  chmod 777/666/o+w/a+w (not sticky 1777), umask 000,
//                                                  mkdir/install -m 777
//       bash.setuid-bit                   warning  chmod u+s / +s / 4xxx
//       bash.reverse-shell                error    shells on /dev/tcp|udp, exec fd<>/dev/tcp + shell on the fd,
//                                                  nc -e/-c, ncat --exec, socat exec:+tcp, nc<->shell pipelines,
//                                                  python/perl/ruby/php socket one-liners
//       bash.raw-disk-write               error    dd of=/dev/<disk>, redirection/cp/tee to a disk, shred/wipefs
//       bash.filesystem-format            error    mkfs*, mke2fs, mkswap, ... on /dev/...
//       bash.fork-bomb                    error    f(){ f|f& }; f (a function piping/backgrounding itself twice)
//       bash.eval-injection               warning  eval with a parameter expansion, sh -c "$VAR", su -c "$VAR"
//       bash.sensitive-file-write         error    writes to /etc/passwd, shadow, group, sudoers(.d), pam.d,
//                                                  ld.so.preload, sshd_config, authorized_keys
//       bash.sudo-nopasswd                error    NOPASSWD written by echo/printf/tee/sed -i/here-documents
//       bash.history-tampering            info     unset HISTFILE, HISTFILE=/dev/null, HISTSIZE=0,
//                                                  set +o history, history -c, removing/truncating *_history
//       bash.cron-persistence             warning  crontab FILE / crontab - / fed crontab, writes to /etc/cron*,
//                                                  /var/spool/cron
//       bash.firewall-disabled            warning  iptables -F / -P INPUT ACCEPT, ufw disable, stopping
//                                                  firewalld/ufw/nftables, nft flush ruleset
//       bash.insecure-tls                 warning  curl -k, wget --no-check-certificate, git sslVerify=false,
//                                                  GIT_SSL_NO_VERIFY, NODE_TLS_REJECT_UNAUTHORIZED=0,
//                                                  npm strict-ssl false, pip --trusted-host
//       bash.secret-exfiltration          error    SSH keys, cloud credentials, .netrc, .env, /etc/shadow or
//                                                  env/printenv sent by curl/wget/nc/scp/... (args or pipes)
//       bash.privileged-container         warning  docker/podman run --privileged, -v /:..., the Docker socket,
//                                                  --pid=host, --cap-add ALL/SYS_ADMIN
//   * Findings are sorted by line, then rule id; one finding per rule and line range; at most 10,000 per
//     scan (further ones are dropped).
//   * Resource bounds: time and memory are linear in the input. Python nesting is bounded by the parser's
//     own limit (deeper statements go to the text fallback) and the work runs on a helper thread with a
//     large stack of its own, so the caller's stack size does not matter. Bash nesting of `$(...)`, groups
//     and re-parsed strings is bounded (deeper parts are skipped, not analysed), and the total text
//     re-parsed from strings is capped at a multiple of the input size. Unterminated quotes,
//     here-documents or brackets end at the end of the input. Nothing in the input makes a scan throw.
//
// External engine (external_semgrep_scan)
//   Runs a real semgrep program like the reference did: the code goes to a private temporary file (mkstemps,
//   mode 0600, suffix .py or .sh, removed afterwards), the program is started with posix_spawnp (no shell;
//   argv `<executable> scan --json --config <config> --metrics off --quiet <file>`, stdin /dev/null, its own
//   process group), stdout and stderr are read through pipes with poll() until the timeout, after which the
//   whole process group is killed. A JSON document with a "results" array is mapped with
//   issue_from_semgrep_result (even when the exit status is non-zero: semgrep uses exit codes for findings
//   and for partial failures). Errors (std::runtime_error, message starting "semgrep"): the timeout, a
//   non-zero exit without such a document (the message carries the status and the start of stderr), output
//   that is not valid JSON, more than 64 MiB of output, failure to create the temporary file or the pipes.
//   Returns std::nullopt when the executable cannot be found (so a caller can fall back to the built-in
//   engine). Unsupported languages throw std::invalid_argument as above, before anything is started.
//
// Thread-safety: every function may be called concurrently; results own their data (no views into inputs).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors {

struct CodeIssueFinding {
  std::string description;  // "<message> (source: <source>, lines: <lines>)"
  std::string severity;     // "error" | "warning" | "info"
  std::string rule_id;      // built-in: "python.xxx" / "bash.xxx"; external: semgrep's check_id
  int line_start = 0;       // 1-based, inclusive
  int line_end = 0;
  bool operator==(const CodeIssueFinding&) const = default;
};

// Built-in engine; lang must be "python" or "bash" (else std::invalid_argument("Unsupported language: X")).
std::vector<CodeIssueFinding> builtin_semgrep_scan(std::string_view code, std::string_view lang);

struct BuiltinRuleInfo {
  std::string id;        // e.g. "python.yaml-unsafe-load"; the description's source is "invariant/" + id
  std::string language;  // "python" | "bash"
  std::string severity;  // "error" | "warning" | "info"
  std::string message;
};

// The rule set of the built-in engine, Python rules first, each language in documentation order.
const std::vector<BuiltinRuleInfo>& builtin_semgrep_rules();

struct ExternalSemgrepOptions {
  std::string executable = "semgrep";  // a name looked up on PATH, or a path (contains '/')
  std::string python_config = "r/python.lang.security";
  std::string bash_config = "r/bash";
  std::chrono::milliseconds timeout{60000};
};

// Runs the external program (see above). nullopt: executable not found; std::runtime_error: it ran and failed.
std::optional<std::vector<CodeIssueFinding>> external_semgrep_scan(std::string_view code, std::string_view lang,
                                                                   const ExternalSemgrepOptions& options);

// `executable` itself when it contains '/' and names an executable regular file; otherwise the first
// executable regular file `<dir>/<executable>` for the directories of $PATH (an empty entry is the current
// directory; unset PATH means "/usr/local/bin:/usr/bin:/bin"). nullopt when there is none.
std::optional<std::string> find_on_path(std::string_view executable);

// Maps one element of semgrep's "results" array (its JSON text) like the reference:
//   description = "<extra.message> (source: <extra.metadata.source>, lines: <extra.lines>)"
//   severity    = extra.severity "ERROR" -> "error", "WARNING" -> "warning", anything else (or absent) -> "info"
//   rule_id = check_id, line_start = start.line, line_end = end.line.
// Absent or non-string fields: message and lines become "", a missing metadata.source is replaced by the
// check_id; absent line numbers are 0. Throws std::runtime_error when the text is not a JSON object.
CodeIssueFinding issue_from_semgrep_result(std::string_view result_json);

// Maps a whole semgrep JSON document: every element of its "results" array, in order. Throws
// std::runtime_error when the text is not JSON or has no "results" array.
std::vector<CodeIssueFinding> issues_from_semgrep_output(std::string_view document_json);

}  // namespace inv::detectors
