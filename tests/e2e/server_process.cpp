#include "tests/e2e/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

extern char** environ;

namespace inv::e2e {

namespace {
bool dropped(const std::string& entry) {
  return entry.rfind("INVARIANT_", 0) == 0 || entry.rfind("PROMETHEUS_TOKEN=", 0) == 0 ||
         entry.rfind("PRODUCTION=", 0) == 0;
}
}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

ServerProcess::ServerProcess(Env env, std::vector<std::string> args) {
  for (auto& [k, v] : env)
    if (k == "INVARIANT_DATA_DIR") data_dir_ = v;
  if (data_dir_.empty()) {
    char tmpl[] = "/tmp/invariant-e2e-XXXXXX";
    if (char* d = mkdtemp(tmpl)) temp_dir_ = d;
    data_dir_ = temp_dir_ + "/data";
  }
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e)
    if (!dropped(*e)) envs.emplace_back(*e);
  if (!temp_dir_.empty()) envs.push_back("INVARIANT_DATA_DIR=" + data_dir_);
  for (auto& [k, v] : env) envs.push_back(k + "=" + v);
  std::vector<std::string> argv_s{INVARIANT_BINARY, "serve"};
  for (auto& a : args) argv_s.push_back(a);

  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : envs) envp.push_back(e.data());
  envp.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd_ = fds[0];
  reader_ = std::thread([this] { read_loop(); });
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    int st;
    waitpid(pid_, &st, 0);
  }
  if (reader_.joinable()) reader_.join();
  if (out_fd_ >= 0) close(out_fd_);
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);  // the data directory holds the audit database
  }
}

void ServerProcess::read_loop() {
  char buf[4096];
  for (;;) {
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    std::lock_guard lock(mu_);
    if (n <= 0) {
      eof_ = true;
      cv_.notify_all();
      return;
    }
    output_.append(buf, static_cast<std::size_t>(n));
    cv_.notify_all();
  }
}

bool ServerProcess::wait_ready(std::chrono::seconds timeout) {
  static const std::regex ready(R"(listening on http://[^ ]*:(\d+))");
  std::unique_lock lock(mu_);
  std::smatch m;
  bool ok = cv_.wait_for(lock, timeout, [&] { return std::regex_search(output_, m, ready) || eof_; });
  if (!ok || !std::regex_search(output_, m, ready)) return false;
  port_ = std::stoi(m[1].str());
  return true;
}

void ServerProcess::signal(int sig) {
  if (pid_ > 0 && !exited_) kill(pid_, sig);
}

int ServerProcess::wait_exit(std::chrono::seconds timeout) {
  if (exited_) return exit_code_;
  auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    int st = 0;
    pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      exit_code_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      if (reader_.joinable()) reader_.join();
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

std::string ServerProcess::output() const {
  std::lock_guard lock(mu_);
  return output_;
}

namespace {
int connect_loopback(int port, std::chrono::seconds timeout) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval tv{static_cast<time_t>(timeout.count()), 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}
}  // namespace

bool can_connect(int port) {
  int fd = connect_loopback(port, std::chrono::seconds(2));
  if (fd < 0) return false;
  close(fd);
  return true;
}

HttpResponse http_request(int port, const std::string& method, const std::string& target, const std::string& body,
                          const Env& headers, std::chrono::seconds timeout) {
  HttpResponse r;
  int fd = connect_loopback(port, timeout);
  if (fd < 0) return r;
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool has_type = false;
  for (auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    if (strcasecmp(k.c_str(), "content-type") == 0) has_type = true;
  }
  if (!body.empty() || method == "POST") {
    if (!has_type) req += "Content-Type: application/json\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n";
  req += body;
  std::size_t sent = 0;
  while (sent < req.size()) {
    ssize_t n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer (413) and close before reading everything
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buf[16384];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.compare(0, 5, "HTTP/") != 0) return r;
  std::istringstream head(raw.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  r.status = std::atoi(line.substr(line.find(' ') + 1).c_str());
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers[name] = value;
  }
  r.body = raw.substr(head_end + 4);
  if (auto cl = r.header("content-length"); !cl.empty()) {
    std::size_t n = std::stoull(cl);
    if (r.body.size() > n) r.body.resize(n);
  }
  return r;
}

}  // namespace inv::e2e
