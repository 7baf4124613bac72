// Runner for an installed semgrep program and the mapping of its JSON output; see semgrep_core.hpp.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include "plugins/semgrep/semgrep_core.hpp"

extern char** environ;

namespace inv::detectors {

namespace {

namespace json = boost::json;

constexpr std::size_t kMaxOutput = 64u * 1024u * 1024u;
constexpr std::size_t kMaxStderrKept = 64u * 1024u;
constexpr std::size_t kStderrInMessage = 500;

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

bool executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// A private temporary file holding the code, removed when this goes out of scope.
class TempFile {
 public:
  TempFile(std::string_view code, const char* suffix) {
    const char* dir = std::getenv("TMPDIR");
    std::string path = (dir != nullptr && *dir != '\0') ? dir : "/tmp";
    if (path.back() != '/') path += '/';
    path += "invariant-semgrep-XXXXXX";
    path += suffix;
    std::vector<char> buf(path.begin(), path.end());
    buf.push_back('\0');
    const int fd = ::mkstemps(buf.data(), static_cast<int>(std::strlen(suffix)));
    if (fd < 0) throw std::runtime_error("semgrep: cannot create a temporary file: " + errno_text("mkstemps"));
    path_.assign(buf.data());
    ::fchmod(fd, 0600);
    std::size_t done = 0;
    while (done < code.size()) {
      const ssize_t n = ::write(fd, code.data() + done, code.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const std::string err = errno_text("write");
        ::close(fd);
        ::unlink(path_.c_str());
        throw std::runtime_error("semgrep: cannot write the temporary file: " + err);
      }
      done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
      const std::string err = errno_text("close");
      ::unlink(path_.c_str());
      throw std::runtime_error("semgrep: cannot write the temporary file: " + err);
    }
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class Pipe {
 public:
  Pipe() {
    if (::pipe2(fds_, O_CLOEXEC) != 0) throw std::runtime_error("semgrep: " + errno_text("pipe"));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read() {
    if (fds_[0] >= 0) ::close(fds_[0]);
    fds_[0] = -1;
  }
  void close_write() {
    if (fds_[1] >= 0) ::close(fds_[1]);
    fds_[1] = -1;
  }

 private:
  int fds_[2] = {-1, -1};
};

struct RunResult {
  int status = 0;
  std::string out, err;
};

// Runs argv (argv[0] a path) with stdin /dev/null, capturing stdout and stderr, in its own process group,
// killed (the whole group) at the deadline.
RunResult run(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  Pipe out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGHUP);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("semgrep: cannot start " + args[0] + ": " + std::strerror(rc));
  out.close_write();
  err.close_write();

  RunResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto kill_group = [&] {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    int ignored = 0;
    while (::waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {
    }
  };
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      kill_group();
      throw std::runtime_error("semgrep timed out after " + std::to_string(timeout.count()) + " ms");
    }
    pollfd fds[2];
    nfds_t n = 0;
    if (out_open) fds[n++] = {out.read_end(), POLLIN, 0};
    if (err_open) fds[n++] = {err.read_end(), POLLIN, 0};
    const int ready = ::poll(fds, n, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0) {
      if (errno == EINTR) continue;
      kill_group();
      throw std::runtime_error("semgrep: " + errno_text("poll"));
    }
    for (nfds_t k = 0; k < n; ++k) {
      if (fds[k].revents == 0) continue;
      const bool is_out = fds[k].fd == out.read_end();
      const ssize_t got = ::read(fds[k].fd, buf, sizeof buf);
      if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (got <= 0) {
        (is_out ? out_open : err_open) = false;
        continue;
      }
      if (is_out) {
        result.out.append(buf, static_cast<std::size_t>(got));
        if (result.out.size() > kMaxOutput) {
          kill_group();
          throw std::runtime_error("semgrep produced more than " + std::to_string(kMaxOutput >> 20) + " MiB of output");
        }
      } else if (result.err.size() < kMaxStderrKept) {
        result.err.append(buf, static_cast<std::size_t>(got));
      }
    }
  }
  // Both pipes are closed; wait for the exit (still bounded by the deadline).
  for (;;) {
    int status = 0;
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      result.status = status;
      break;
    }
    if (w < 0 && errno != EINTR) throw std::runtime_error("semgrep: " + errno_text("waitpid"));
    if (std::chrono::steady_clock::now() >= deadline) {
      kill_group();
      throw std::runtime_error("semgrep timed out after " + std::to_string(timeout.count()) + " ms");
    }
    ::usleep(2000);
  }
  return result;
}

std::string status_text(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

std::string trimmed_stderr(const std::string& err) {
  std::string s = err.substr(0, kStderrInMessage);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s.empty() ? "no error output" : s;
}

const json::value* find_path(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* cur = &v;
  for (std::string_view key : path) {
    const json::object* o = cur->if_object();
    if (o == nullptr) return nullptr;
    cur = o->if_contains(key);
    if (cur == nullptr) return nullptr;
  }
  return cur;
}

std::string string_at(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* x = find_path(v, path);
  if (x == nullptr || !x->is_string()) return "";
  return std::string(x->get_string());
}

int int_at(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* x = find_path(v, path);
  if (x == nullptr) return 0;
  if (x->is_int64()) return static_cast<int>(x->get_int64());
  if (x->is_uint64()) return static_cast<int>(x->get_uint64());
  return 0;
}

CodeIssueFinding map_result(const json::value& result) {
  if (!result.is_object()) throw std::runtime_error("semgrep result is not a JSON object");
  CodeIssueFinding f;
  f.rule_id = string_at(result, {"check_id"});
  const std::string message = string_at(result, {"extra", "message"});
  const json::value* source = find_path(result, {"extra", "metadata", "source"});
  const std::string src = source != nullptr && source->is_string() ? std::string(source->get_string()) : f.rule_id;
  const std::string lines = string_at(result, {"extra", "lines"});
  f.description = message + " (source: " + src + ", lines: " + lines + ")";
  const std::string severity = string_at(result, {"extra", "severity"});
  f.severity = severity == "ERROR" ? "error" : severity == "WARNING" ? "warning" : "info";
  f.line_start = int_at(result, {"start", "line"});
  f.line_end = int_at(result, {"end", "line"});
  return f;
}

json::value parse_json(std::string_view text, const char* what) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) throw std::runtime_error(std::string(what) + " is not valid JSON: " + ec.message());
  return v;
}

}  // namespace

CodeIssueFinding issue_from_semgrep_result(std::string_view result_json) {
  return map_result(parse_json(result_json, "semgrep result"));
}

std::vector<CodeIssueFinding> issues_from_semgrep_output(std::string_view document_json) {
  const json::value doc = parse_json(document_json, "semgrep output");
  const json::value* results = find_path(doc, {"results"});
  if (results == nullptr || !results->is_array()) throw std::runtime_error("semgrep output has no \"results\" array");
  std::vector<CodeIssueFinding> out;
  for (const json::value& r : results->get_array()) out.push_back(map_result(r));
  return out;
}

std::optional<std::string> find_on_path(std::string_view executable) {
  if (executable.empty()) return std::nullopt;
  const std::string exe(executable);
  if (exe.find('/') != std::string::npos) {
    if (executable_file(exe)) return exe;
    return std::nullopt;
  }
  const char* env = std::getenv("PATH");
  const std::string path = env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  for (;;) {
    const std::size_t colon = path.find(':', start);
    std::string dir = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/" + exe;
    if (executable_file(candidate)) return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

std::optional<std::vector<CodeIssueFinding>> external_semgrep_scan(std::string_view code, std::string_view lang,
                                                                   const ExternalSemgrepOptions& options) {
  if (lang != "python" && lang != "bash") throw std::invalid_argument("Unsupported language: " + std::string(lang));
  const bool python = lang == "python";
  const std::optional<std::string> exe = find_on_path(options.executable);
  if (!exe) return std::nullopt;
  TempFile file(code, python ? ".py" : ".sh");
  const std::vector<std::string> args = {
      *exe,        "scan", "--json",  "--config", python ? options.python_config : options.bash_config,
      "--metrics", "off",  "--quiet", file.path()};
  const RunResult run_result = run(args, options.timeout);
  boost::system::error_code ec;
  const json::value doc = json::parse(run_result.out, ec);
  const json::value* results = ec ? nullptr : find_path(doc, {"results"});
  if (results == nullptr || !results->is_array()) {
    const bool ok = WIFEXITED(run_result.status) && WEXITSTATUS(run_result.status) == 0;
    if (!ok) {
      throw std::runtime_error("semgrep failed (" + status_text(run_result.status) +
                               "): " + trimmed_stderr(run_result.err));
    }
    if (ec) throw std::runtime_error("semgrep output is not valid JSON: " + ec.message());
    throw std::runtime_error("semgrep output has no \"results\" array");
  }
  std::vector<CodeIssueFinding> out;
  for (const json::value& r : results->get_array()) out.push_back(map_result(r));
  return out;
}

}  // namespace inv::detectors
