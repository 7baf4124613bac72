// Test support for the end-to-end tests: runs the built `invariant serve` as a child process (its output
// collected in the background), waits for its ready line, and a tiny blocking HTTP/1.1 client
// (one connection per request, `Connection: close`).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace inv::e2e {

using Env = std::vector<std::pair<std::string, std::string>>;

class ServerProcess {
 public:
  // Starts `invariant serve --port 0` (plus `args`) with the parent's environment minus every INVARIANT_*,
  // PROMETHEUS_TOKEN and PRODUCTION variable, plus `env` and a fresh INVARIANT_DATA_DIR (removed with its
  // contents afterwards) unless `env` names one.
  explicit ServerProcess(Env env = {}, std::vector<std::string> args = {"--port", "0"});
  ~ServerProcess();

  // Waits for "listening on http://HOST:PORT"; false if the process exits first or on timeout.
  bool wait_ready(std::chrono::seconds timeout = std::chrono::seconds(30));
  int port() const { return port_; }
  void signal(int sig);
  // Waits for the process to exit; the exit code, or -1 on timeout, 128+N when killed by signal N.
  int wait_exit(std::chrono::seconds timeout = std::chrono::seconds(30));
  std::string output() const;
  bool running() const { return pid_ > 0 && !exited_; }
  const std::string& data_dir() const { return data_dir_; }

 private:
  void read_loop();
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  bool exited_ = false;
  int exit_code_ = -1;
  std::string data_dir_;
  std::string temp_dir_;   // created here (empty when `env` named the data directory)
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string output_;
  bool eof_ = false;
  std::thread reader_;
};

struct HttpResponse {
  int status = 0;                             // 0: no response (connection failed or closed early)
  std::map<std::string, std::string> headers; // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

HttpResponse http_request(int port, const std::string& method, const std::string& target,
                          const std::string& body = "", const Env& headers = {},
                          std::chrono::seconds timeout = std::chrono::seconds(120));

// True when a TCP connection to 127.0.0.1:port is accepted.
bool can_connect(int port);

std::string read_file(const std::string& path);

}  // namespace inv::e2e
