// How the bash rules look at a parsed command; see bash_view.hpp.
#include "plugins/semgrep/bash_view.hpp"

#include <algorithm>
#include <initializer_list>

#include "plugins/semgrep/semgrep_internal.hpp"

namespace inv::detectors::semgrep_internal {

bool one_of(std::string_view s, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string_view sh_base(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool sh_option(std::string_view t) { return t.size() > 1 && t[0] == '-'; }

bool sh_short_cluster(std::string_view t) {
  if (t.size() < 2 || t[0] != '-' || t[1] == '-') return false;
  return std::all_of(t.begin() + 1, t.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

bool sh_is_shell(std::string_view n) {
  return one_of(n,
                {"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "yash", "fish", "csh", "tcsh", "rbash", "ksh93"});
}

bool sh_is_python(std::string_view n) { return starts_with(n, "python") || starts_with(n, "pypy"); }

bool sh_is_script_interpreter(std::string_view n) {
  return sh_is_python(n) || one_of(n, {"perl", "perl5", "ruby", "node", "nodejs", "php", "lua", "tclsh", "Rscript"});
}

ShView sh_view(const ShCommand& c) {
  ShView v;
  v.cmd = &c;
  const auto& w = c.words;
  std::size_t i = 0;
  std::string_view wrapper;
  auto skip_options = [&](std::initializer_list<std::string_view> with_argument) {
    while (i < w.size() && sh_option(w[i].text)) {
      const std::string_view o = w[i].text;
      if (o == "--") {
        ++i;
        break;
      }
      i += one_of(o, with_argument) ? 2 : 1;
    }
  };
  for (int rounds = 0; i < w.size() && rounds < 8; ++rounds) {
    const std::string_view n = sh_base(w[i].text);
    if (n == "sudo" || n == "doas") {
      ++i;
      skip_options({"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "-R", "--user", "--group"});
      while (i < w.size() && sh_assignment(w[i].text)) ++i;
    } else if (n == "env") {
      ++i;
      while (i < w.size()) {
        const std::string_view t = w[i].text;
        if (t == "-u" || t == "--unset" || t == "-C" || t == "--chdir")
          i += 2;
        else if (sh_option(t) || t == "-" || sh_assignment(t))
          ++i;
        else
          break;
      }
    } else if (n == "nice" || n == "ionice" || n == "chrt" || n == "taskset") {
      ++i;
      skip_options({"-n", "-c", "-p", "--adjustment"});
      if ((n == "chrt" || n == "taskset") && i < w.size()) ++i;  // priority / mask
    } else if (one_of(n, {"nohup", "setsid", "builtin", "exec", "stdbuf", "unbuffer", "caffeinate", "torsocks",
                          "proxychains", "proxychains4", "time", "busybox"})) {
      ++i;
      skip_options({"-a", "-o", "-e", "-i"});
    } else if (n == "command") {
      if (i + 1 < w.size() && (w[i + 1].text == "-v" || w[i + 1].text == "-V")) break;
      ++i;
      skip_options({});
    } else if (n == "timeout") {
      ++i;
      skip_options({"-s", "--signal", "-k", "--kill-after"});
      if (i < w.size()) ++i;  // duration
    } else if (n == "xargs") {
      ++i;
      skip_options(
          {"-I", "-n", "-P", "-L", "-s", "-d", "-E", "-a", "--max-args", "--max-procs", "--delimiter", "--arg-file"});
    } else {
      break;
    }
    wrapper = n;
  }
  if (i < w.size()) {
    v.word = &w[i];
    v.name = sh_base(w[i].text);
    for (std::size_t j = i + 1; j < w.size(); ++j) v.args.push_back(&w[j]);
  } else {
    v.name = wrapper;  // e.g. `exec 3<>/dev/tcp/host/port`
  }
  return v;
}

bool sh_runs_stdin(const ShView& v) {
  const auto& a = v.args;
  if (sh_is_shell(v.name)) {
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      if (t == "-" || t == "-s") return true;
      if (t == "--") return k + 1 >= a.size();
      if (t == "-o" || t == "+o" || t == "-O" || t == "+O") {
        ++k;
        continue;
      }
      if (sh_short_cluster(t)) {
        if (t.find('c') != std::string_view::npos) return false;
        if (t.find('s') != std::string_view::npos) return true;
        continue;
      }
      if (sh_option(t) || (t.size() > 1 && t[0] == '+')) continue;
      return t == "/dev/stdin";
    }
    return true;
  }
  if (sh_is_script_interpreter(v.name)) {
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      if (t == "-" || t == "/dev/stdin") return true;
      if (!sh_option(t)) return false;  // a script file
      if (t == "-W" || t == "-X") {
        ++k;
        continue;
      }
      if (starts_with(t, "--eval") || starts_with(t, "--print")) return false;
      if (sh_short_cluster(t) && t.find_first_of("cemEpr") != std::string_view::npos) return false;
    }
    return true;
  }
  if (v.name == "source" || v.name == ".") return !a.empty() && (a[0]->text == "/dev/stdin" || a[0]->text == "-");
  return false;
}

bool sh_code_argument(const ShView& v, std::string_view* code, const ShWord** word) {
  const auto& a = v.args;
  *word = nullptr;
  if (v.name == "su") {
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      if ((t == "-c" || t == "--command") && k + 1 < a.size()) {
        *word = a[k + 1];
        *code = a[k + 1]->text;
        return true;
      }
      if (starts_with(t, "--command=")) {
        *code = t.substr(10);
        return true;
      }
    }
    return false;
  }
  if (sh_is_shell(v.name)) {
    bool saw_c = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      if (t == "-o" || t == "+o" || t == "-O" || t == "+O") {
        ++k;
        continue;
      }
      if (sh_short_cluster(t)) {
        if (t.find('c') != std::string_view::npos) saw_c = true;
        continue;
      }
      if (sh_option(t) || (t.size() > 1 && t[0] == '+')) continue;
      if (!saw_c) return false;
      *word = a[k];
      *code = a[k]->text;
      return true;
    }
    return false;
  }
  if (sh_is_script_interpreter(v.name)) {
    const bool python = sh_is_python(v.name);
    for (std::size_t k = 0; k + 1 < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      bool takes_code = false;
      if (python)
        takes_code = t == "-c";
      else if (t == "--eval" || t == "--print")
        takes_code = true;
      else if (sh_short_cluster(t))
        takes_code = t.back() == 'e' || t.back() == 'E' || t == "-r" || t == "-p";
      if (takes_code) {
        *word = a[k + 1];
        *code = a[k + 1]->text;
        return true;
      }
      if (python && (t == "-m" || !sh_option(t))) return false;
    }
  }
  return false;
}

std::vector<std::string_view> sh_write_targets(const ShView& v) {
  std::vector<std::string_view> out;
  for (const ShRedir& r : v.cmd->redirs) {
    const std::string_view t = r.target.text;
    if (one_of(r.op, {">", ">>", ">|", "&>", "&>>", "<>"})) {
      out.push_back(t);
    } else if (r.op == ">&" && !t.empty() && t != "-" && t.find_first_not_of("0123456789-") != std::string_view::npos) {
      out.push_back(t);
    }
  }
  std::vector<std::string_view> operands;
  for (const ShWord* a : v.args) {
    if (!sh_option(a->text)) operands.push_back(a->text);
  }
  const std::string_view n = v.name;
  if (n == "tee" || n == "truncate") {
    for (std::size_t k = 0; k < v.args.size(); ++k) {
      const std::string_view t = v.args[k]->text;
      if (n == "truncate" && (t == "-s" || t == "--size" || t == "-r" || t == "--reference")) {
        ++k;
        continue;
      }
      if (!sh_option(t)) out.push_back(t);
    }
  } else if (one_of(n, {"cp", "mv", "install", "ln", "rsync", "link"})) {
    if (operands.size() >= 2) out.push_back(operands.back());
  } else if (n == "dd") {
    for (std::string_view t : operands) {
      if (starts_with(t, "of=")) out.push_back(t.substr(3));
    }
  } else if (n == "sed" || n == "perl") {
    bool in_place = false;
    for (const ShWord* a : v.args) {
      const std::string_view t = a->text;
      if (starts_with(t, "--in-place") || (sh_short_cluster(t) && t.find('i') != std::string_view::npos) ||
          starts_with(t, "-i")) {
        in_place = true;
      }
    }
    if (in_place) out.insert(out.end(), operands.begin(), operands.end());
  }
  return out;
}

bool sh_single_expansion(std::string_view t) {
  if (t.size() < 2 || t[0] != '$') return false;
  std::string_view body = t.substr(1);
  if (body.front() == '{') {
    if (body.back() != '}') return false;
    body = body.substr(1, body.size() - 2);
  }
  if (body == "@" || body == "*") return true;
  return !body.empty() && std::all_of(body.begin(), body.end(), [](char c) { return is_ident_char(c); });
}

// ------------------------------------------------------------------------------------------- predicates

bool has_arg(const ShView& v, std::initializer_list<std::string_view> list) {
  return std::any_of(v.args.begin(), v.args.end(), [&](const ShWord* a) { return one_of(a->text, list); });
}

bool cluster_has(std::string_view t, char c) { return sh_short_cluster(t) && t.find(c) != std::string_view::npos; }

bool downloader(const ShView& v) {
  return one_of(v.name, {"curl", "wget", "fetch", "http", "https", "lwp-request", "GET"});
}

bool decoder(const ShView& v) {
  if (one_of(v.name, {"base64", "base32", "basenc"})) {
    return std::any_of(v.args.begin(), v.args.end(), [](const ShWord* a) {
      return a->text == "--decode" || a->text == "-D" || cluster_has(a->text, 'd');
    });
  }
  if (v.name == "openssl") return has_arg(v, {"base64", "enc"}) && has_arg(v, {"-d"});
  if (v.name == "xxd") {
    return std::any_of(v.args.begin(), v.args.end(), [](const ShWord* a) { return cluster_has(a->text, 'r'); });
  }
  return v.name == "uudecode";
}

bool net_client(const ShView& v) {
  return one_of(v.name, {"nc", "ncat", "netcat", "nc.traditional", "nc.openbsd", "telnet", "socat"}) ||
         (v.name == "openssl" && has_arg(v, {"s_client"}));
}

bool net_sender(const ShView& v) {
  return net_client(v) || one_of(v.name, {"curl", "wget", "scp", "rsync", "sftp", "ftp", "ssh"});
}

bool socket_path(std::string_view t) { return starts_with(t, "/dev/tcp/") || starts_with(t, "/dev/udp/"); }

bool disk_device(std::string_view t) {
  if (!starts_with(t, "/dev/")) return false;
  const std::string_view d = t.substr(5);
  for (std::string_view p :
       {"sd", "hd", "vd", "xvd", "nvme", "mmcblk", "disk", "rdisk", "md", "dm-", "mapper/", "mem", "kmem", "port"}) {
    if (starts_with(d, p)) return true;
  }
  return false;
}

bool system_auth_file(std::string_view t) {
  return one_of(t, {"/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/sudoers", "/etc/master.passwd",
                    "/etc/ld.so.preload", "/etc/ssh/sshd_config", "/etc/sudoers.d"}) ||
         starts_with(t, "/etc/sudoers.d/") || starts_with(t, "/etc/pam.d/") || ends_with(t, ".ssh/authorized_keys") ||
         ends_with(t, ".ssh/authorized_keys2");
}

bool cron_path(std::string_view t) { return starts_with(t, "/etc/cron") || starts_with(t, "/var/spool/cron"); }

bool history_file(std::string_view t) { return ends_with(t, "_history") || ends_with(t, "/.history"); }

// Credential files: SSH private keys, cloud / registry / git credentials, .netrc, .env, /etc/shadow.
bool secret_file(std::string_view t) {
  if (const auto at = t.rfind('@'); at != std::string_view::npos) t = t.substr(at + 1);  // curl -d @file
  if (const auto lt = t.rfind('<'); lt != std::string_view::npos) t = t.substr(lt + 1);  // curl -F f=<file
  if (ends_with(t, ".pub")) return false;
  if (contains(t, ".ssh/id_") || ends_with(t, "/.ssh") || ends_with(t, "/.ssh/") || t == "~/.ssh" || t == ".ssh")
    return true;
  for (std::string_view p : {".aws/credentials", ".git-credentials", ".docker/config.json", ".kube/config",
                             ".config/gcloud", ".gnupg", ".azure/"}) {
    if (contains(t, p)) return true;
  }
  return ends_with(t, ".netrc") || t == "/etc/shadow" || sh_base(t) == ".env" || ends_with(t, "/environ");
}

// Root, home or a top-level system directory, optionally followed by "/" or "/*".
bool precious_directory(std::string_view t) {
  if (ends_with(t, "/*")) t.remove_suffix(2);
  while (t.size() > 1 && t.back() == '/') t.remove_suffix(1);
  if (t == "/" || t.empty()) return true;
  return one_of(
      t, {"~",     "$HOME", "${HOME}", "/home", "/root", "/etc", "/usr", "/bin",    "/sbin",  "/lib",    "/lib64",
          "/boot", "/var",  "/opt",    "/dev",  "/proc", "/sys", "/srv", "/System", "/Users", "/Library"});
}

// $VAR/ or ${VAR}/* as the whole target.
bool bare_variable_path(const ShWord& w) {
  if (!w.param || w.guarded) return false;
  std::string_view t = w.text;
  if (ends_with(t, "/*"))
    t.remove_suffix(2);
  else if (ends_with(t, "/"))
    t.remove_suffix(1);
  else
    return false;
  return sh_single_expansion(t);
}

// Mode strings: whether they make a file world-writable / set-user-ID.
void chmod_mode(std::string_view m, bool* world, bool* setuid) {
  if (!m.empty() && std::all_of(m.begin(), m.end(), [](char c) { return c >= '0' && c <= '7'; })) {
    if (m.size() > 4) return;
    const int v = std::stoi(std::string(m), nullptr, 8);
    if ((v & 02) != 0 && (v & 01000) == 0) *world = true;
    if ((v & 04000) != 0) *setuid = true;
    return;
  }
  std::size_t p = 0;
  while (p < m.size()) {
    std::string who;
    while (p < m.size() && std::string_view("ugoa").find(m[p]) != std::string_view::npos) who += m[p++];
    while (p < m.size() && (m[p] == '+' || m[p] == '-' || m[p] == '=')) {
      const char op = m[p++];
      std::string perms;
      while (p < m.size() && m[p] != ',' && m[p] != '+' && m[p] != '-' && m[p] != '=') perms += m[p++];
      if (op == '-') continue;
      const bool others = who.find_first_of("oa") != std::string::npos;
      if (others && perms.find('w') != std::string::npos) *world = true;
      if ((who.empty() || who.find_first_of("ua") != std::string::npos) && perms.find('s') != std::string::npos) {
        *setuid = true;
      }
    }
    while (p < m.size() && m[p] != ',') ++p;
    if (p < m.size()) ++p;
  }
}

// Heuristic for socket one-liners in python/perl/ruby/php code.
bool socket_one_liner(std::string_view code) {
  const bool socket = contains(code, "socket") || contains(code, "Socket") || contains(code, "fsockopen");
  if (!socket) return false;
  for (std::string_view s : {"subprocess", "pty.spawn", "os.dup2", "/bin/sh", "/bin/bash", "exec(", "system(", "popen",
                             "cmd.exe", "sh -i", "spawn("}) {
    if (contains(code, s)) return true;
  }
  return false;
}

bool reads_secret(const ShView& v) {
  if ((v.name == "env" || v.name == "printenv") &&
      std::all_of(v.args.begin(), v.args.end(), [](const ShWord* a) { return sh_option(a->text); })) {
    return true;  // the whole environment (API keys, tokens)
  }
  if (one_of(v.name,
             {"ssh-keygen", "ssh-add", "chmod", "chown", "ls", "stat", "test", "[", "mkdir", "touch", "ssh-copy-id"})) {
    return false;
  }
  for (const ShWord* a : v.args) {
    if (!sh_option(a->text) && secret_file(a->text)) return true;
  }
  if (v.word != nullptr && secret_file(v.word->text)) return false;
  return std::any_of(v.cmd->redirs.begin(), v.cmd->redirs.end(),
                     [](const ShRedir& rd) { return rd.op == "<" && secret_file(rd.target.text); });
}

std::vector<const ShWord*> assignments(const ShView& v) {
  std::vector<const ShWord*> out;
  for (const ShWord& w : v.cmd->assigns) out.push_back(&w);
  if (one_of(v.name, {"export", "declare", "typeset", "readonly", "local"})) {
    for (const ShWord* w : v.args) {
      if (sh_assignment(w->text)) out.push_back(w);
    }
  }
  return out;
}

}  // namespace inv::detectors::semgrep_internal
