// Per-command checks of the bash rules: files and permissions (rm, chmod, devices, system files, sudoers,
// history), network (reverse shells, exfiltration, TLS verification) and system state (cron, firewall).
#include <algorithm>
#include <string>

#include "plugins/semgrep/bash_analysis.hpp"

namespace inv::detectors::semgrep_internal {

namespace r = rules;

void ShAnalysis::files_and_permissions(const ShView& v, const HitSink& sink, int lo, int hi) {
  const auto& a = v.args;
  // ---- rm
  if (v.name == "rm") {
    bool recursive = false, no_preserve = false, dangerous = false, glob = false, variable = false, operands = false;
    for (const ShWord* w : a) {
      const std::string_view t = w->text;
      if (!operands && sh_option(t)) {
        if (t == "--") operands = true;
        if (t == "--recursive" || cluster_has(t, 'r') || cluster_has(t, 'R')) recursive = true;
        if (t == "--no-preserve-root") no_preserve = true;
        continue;
      }
      if (precious_directory(t)) {
        dangerous = true;
        if (ends_with(t, "/*")) glob = true;  // removes everything in it even without -r
      }
      if (bare_variable_path(*w)) variable = true;
    }
    if (no_preserve || (dangerous && (recursive || glob))) sink.add(r::kShRmRoot, lo, hi);
    if (recursive && variable) sink.add(r::kShRmVar, lo, hi);
  }
  if (v.name == "find" && !a.empty() && precious_directory(a[0]->text) &&
      (has_arg(v, {"-delete"}) || std::adjacent_find(a.begin(), a.end(), [](const ShWord* x, const ShWord* y) {
                                    return (x->text == "-exec" || x->text == "-execdir") && sh_base(y->text) == "rm";
                                  }) != a.end())) {
    sink.add(r::kShRmRoot, lo, hi);
  }
  // ---- permissions
  bool world = false, setuid = false;
  if (v.name == "chmod") {
    for (const ShWord* w : a) {
      const std::string_view t = w->text;
      if (one_of(t, {"-R", "-f", "-v", "-c", "-h", "-H", "-L", "-P", "--recursive", "--verbose", "--changes",
                     "--silent", "--quiet", "--no-dereference", "--"}) ||
          starts_with(t, "--reference") || starts_with(t, "--preserve-root") || starts_with(t, "--no-preserve-root")) {
        continue;
      }
      chmod_mode(t, &world, &setuid);
      break;
    }
  }
  if (v.name == "mkdir" || v.name == "install") {
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (a[k]->text == "-m" && k + 1 < a.size()) chmod_mode(a[k + 1]->text, &world, &setuid);
      if (starts_with(a[k]->text, "--mode=")) chmod_mode(a[k]->text.substr(7), &world, &setuid);
    }
  }
  if (v.name == "umask" && !a.empty()) {
    const std::string_view m = a[0]->text;
    if (!m.empty() && std::all_of(m.begin(), m.end(), [](char ch) { return ch >= '0' && ch <= '7'; }) &&
        ((m.back() - '0') & 2) == 0) {
      world = true;
    }
  }
  if (world) sink.add(r::kShChmod, lo, hi);
  if (setuid) sink.add(r::kShSetuid, lo, hi);
  // ---- devices, system files
  const std::vector<std::string_view> targets = sh_write_targets(v);
  for (std::string_view t : targets) {
    if (disk_device(t)) sink.add(r::kShDiskWrite, lo, hi);
    if (system_auth_file(t)) sink.add(r::kShSensitiveWrite, lo, hi);
    if (cron_path(t)) sink.add(r::kShCron, lo, hi);
  }
  if (one_of(v.name, {"shred", "wipefs", "blkdiscard"})) {
    for (const ShWord* w : a) {
      if (disk_device(w->text)) sink.add(r::kShDiskWrite, lo, hi);
    }
  }
  if (starts_with(v.name, "mkfs") ||
      one_of(v.name, {"mke2fs", "mkswap", "mkntfs", "mkdosfs", "newfs", "newfs_msdos"})) {
    for (const ShWord* w : a) {
      const std::string_view t = w->text;
      if (starts_with(t, "/dev/") && !one_of(t, {"/dev/null", "/dev/zero", "/dev/stdin", "/dev/stdout"})) {
        sink.add(r::kShMkfs, lo, hi);
      }
    }
  }
  // ---- sudoers content
  const bool in_place = std::any_of(a.begin(), a.end(), [](const ShWord* w) { return starts_with(w->text, "-i"); });
  const bool reader = one_of(v.name, {"grep", "egrep", "fgrep", "zgrep", "rg",   "ag",  "ack", "awk",    "gawk",
                                      "mawk", "less",  "more",  "head",  "tail", "cat", "man", "visudo", "diff",
                                      "wc",   "sort",  "uniq",  "cut",   "test", "[",   "sudo"}) ||
                      (v.name == "sed" && !in_place);
  bool nopasswd = false;
  if (!reader) {
    for (const ShWord* w : a) nopasswd = nopasswd || contains(w->text, "NOPASSWD");
  }
  for (const ShRedir& rd : v.cmd->redirs) {
    if (rd.op == "<<<" && !reader) nopasswd = nopasswd || contains(rd.target.text, "NOPASSWD");
  }
  if (nopasswd) sink.add(r::kShNopasswd, lo, hi);
  // ---- history
  bool history = false;
  if (v.name == "unset") history = has_arg(v, {"HISTFILE", "HISTSIZE", "HISTFILESIZE"});
  if (v.name == "set") {
    for (std::size_t k = 0; k + 1 < a.size(); ++k) {
      if (a[k]->text == "+o" && a[k + 1]->text == "history") history = true;
    }
  }
  if (v.name == "history" && (has_arg(v, {"-c"}) || (has_arg(v, {"-w"}) && has_arg(v, {"/dev/null"})))) history = true;
  if (one_of(v.name, {"rm", "shred", "truncate", "ln", "srm", "wipe"})) {
    for (const ShWord* w : a) history = history || history_file(w->text);
  }
  for (const ShRedir& rd : v.cmd->redirs) {
    if ((rd.op == ">" || rd.op == ">|" || rd.op == "&>") && history_file(rd.target.text)) history = true;
  }
  if (history) sink.add(r::kShHistory, lo, hi);
}

void ShAnalysis::network(const ShView& v, const HitSink& sink, int lo, int hi) {
  const auto& a = v.args;
  const ShCommand& c = *v.cmd;
  // ---- reverse / bind shells
  bool reverse = false;
  const bool shell = sh_is_shell(v.name);
  for (const ShRedir& rd : c.redirs) {
    if (!socket_path(rd.target.text)) continue;
    if (shell) reverse = true;  // bash -i >& /dev/tcp/host/port 0>&1
    if (v.word == nullptr && v.name == "exec") {
      const int fd = rd.fd >= 0 ? rd.fd : (rd.op[0] == '<' ? 0 : 1);
      if (fd <= 2)
        reverse = true;  // the shell's own stdio goes to the socket
      else
        socket_fds_.insert(fd);
    }
  }
  if (!socket_fds_.empty() && (shell || (v.word != nullptr && v.word->param))) {
    for (const ShRedir& rd : c.redirs) {
      const std::string_view t = rd.target.text;
      if (t.empty() || t.size() > 4 || t.find_first_not_of("0123456789") != std::string_view::npos) continue;
      if (socket_fds_.count(std::stoi(std::string(t))) != 0) reverse = true;  // sh <&3 >&3
    }
  }
  if (one_of(v.name, {"nc", "ncat", "netcat", "nc.traditional", "nc.openbsd"})) {
    for (const ShWord* w : a) {
      const std::string_view t = w->text;
      if (one_of(t, {"-e", "-c", "--exec", "--sh-exec", "--lua-exec"}) || starts_with(t, "--exec=") ||
          starts_with(t, "--sh-exec=") || (sh_short_cluster(t) && t.find_first_of("ec") != std::string_view::npos)) {
        reverse = true;
      }
    }
  }
  if (v.name == "socat") {
    bool exec = false, net = false;
    for (const ShWord* w : a) {
      const std::string l = lower(w->text);
      if (starts_with(l, "exec:") || starts_with(l, "system:")) exec = true;
      for (std::string_view p : {"tcp", "udp", "openssl", "ssl", "sctp"}) {
        if (starts_with(l, p)) net = true;
      }
    }
    reverse = reverse || (exec && net);
  }
  if (reverse) sink.add(r::kShReverseShell, lo, hi);

  // ---- credentials sent to the network
  bool exfil = false;
  if (v.name == "curl") {
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      if (one_of(t, {"-o", "--output", "--cert", "--key", "-E", "--cacert", "--capath", "-K", "--config",
                     "--netrc-file", "-c", "--cookie-jar", "-b", "--cookie"})) {
        ++k;
        continue;
      }
      if (!contains(t, "://") && secret_file(t)) exfil = true;
    }
  }
  if (v.name == "wget") {
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      if ((starts_with(t, "--post-file=") || starts_with(t, "--body-file=")) &&
          secret_file(t.substr(t.find('=') + 1))) {
        exfil = true;
      }
      if ((t == "--post-file" || t == "--body-file") && k + 1 < a.size() && secret_file(a[k + 1]->text)) exfil = true;
    }
  }
  if (one_of(v.name, {"scp", "rsync", "sftp"})) {
    std::vector<std::string_view> operands;
    for (const ShWord* w : a) {
      if (!sh_option(w->text)) operands.push_back(w->text);
    }
    if (operands.size() >= 2 && contains(operands.back(), ":")) {
      for (std::size_t k = 0; k + 1 < operands.size(); ++k) {
        if (!contains(operands[k], ":") && secret_file(operands[k])) exfil = true;
      }
    }
  }
  if (net_sender(v)) {
    for (const ShRedir& rd : c.redirs) {
      if (rd.op == "<" && secret_file(rd.target.text)) exfil = true;  // nc host 9000 < ~/.ssh/id_rsa
    }
  }
  if (exfil) sink.add(r::kShExfiltration, lo, hi);

  // ---- TLS verification
  bool tls = false;
  if (v.name == "curl") {
    for (const ShWord* w : a) tls = tls || w->text == "--insecure" || cluster_has(w->text, 'k');
  }
  if (v.name == "wget" && has_arg(v, {"--no-check-certificate"})) tls = true;
  if (v.name == "git") {
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string l = lower(a[k]->text);
      if (contains(l, "sslverify=false")) tls = true;
      if (ends_with(l, "sslverify") && k + 1 < a.size() && lower(a[k + 1]->text) == "false") tls = true;
    }
  }
  if (one_of(v.name, {"npm", "yarn", "pnpm"})) {
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (a[k]->text == "--strict-ssl=false") tls = true;
      if (a[k]->text == "strict-ssl" && k + 1 < a.size() && a[k + 1]->text == "false") tls = true;
    }
  }
  if (starts_with(v.name, "pip") || sh_is_python(v.name)) {
    for (const ShWord* w : a) tls = tls || w->text == "--trusted-host" || starts_with(w->text, "--trusted-host=");
  }
  for (const ShWord* w : assignments(v)) {
    std::string_view name, value;
    if (!sh_assignment(w->text, &name, &value)) continue;
    if (name == "GIT_SSL_NO_VERIFY" && !value.empty() && value != "0" && value != "false") tls = true;
    if ((name == "NODE_TLS_REJECT_UNAUTHORIZED" || name == "PYTHONHTTPSVERIFY") && value == "0") tls = true;
  }
  if (tls) sink.add(r::kShInsecureTls, lo, hi);
}

void ShAnalysis::system_state(const ShView& v, std::size_t index, const HitSink& sink, int lo, int hi) {
  const auto& a = v.args;
  const ShCommand& c = *v.cmd;
  // ---- history variables
  for (const ShWord* w : assignments(v)) {
    std::string_view name, value;
    if (!sh_assignment(w->text, &name, &value)) continue;
    if ((name == "HISTFILE" && (value.empty() || value == "/dev/null")) ||
        ((name == "HISTSIZE" || name == "HISTFILESIZE") && value == "0")) {
      sink.add(r::kShHistory, lo, hi);
    }
  }
  // ---- cron jobs
  if (v.name == "crontab") {
    bool operation = false, operand = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string_view t = a[k]->text;
      if (t == "-u") {
        ++k;
      } else if (t == "-") {
        operand = true;
      } else if (sh_option(t)) {
        if (t.find_first_of("lerinTVc") != std::string_view::npos) operation = true;  // list, edit, remove, ...
      } else {
        operand = true;
      }
    }
    const bool fed = index > 0 || std::any_of(c.redirs.begin(), c.redirs.end(), [](const ShRedir& rd) {
                       return rd.op == "<" || rd.op == "<<" || rd.op == "<<-" || rd.op == "<<<";
                     });
    if (!operation && (operand || fed)) sink.add(r::kShCron, lo, hi);
  }
  // ---- firewall
  bool firewall = false;
  if (one_of(v.name,
             {"iptables", "ip6tables", "iptables-legacy", "iptables-nft", "ip6tables-legacy", "ip6tables-nft"})) {
    if (has_arg(v, {"-F", "--flush"})) firewall = true;
    for (std::size_t k = 0; k + 2 < a.size(); ++k) {
      if ((a[k]->text == "-P" || a[k]->text == "--policy") && one_of(a[k + 1]->text, {"INPUT", "FORWARD"}) &&
          a[k + 2]->text == "ACCEPT") {
        firewall = true;
      }
    }
  }
  auto firewall_unit = [](std::string_view t) {
    if (ends_with(t, ".service")) t.remove_suffix(8);
    return one_of(t, {"firewalld", "ufw", "iptables", "ip6tables", "nftables", "netfilter-persistent"});
  };
  if (v.name == "ufw" && has_arg(v, {"disable"})) firewall = true;
  if (v.name == "systemctl" && has_arg(v, {"stop", "disable", "mask"}) &&
      std::any_of(a.begin(), a.end(), [&](const ShWord* w) { return firewall_unit(w->text); })) {
    firewall = true;
  }
  if (v.name == "service" && a.size() >= 2 && firewall_unit(a[0]->text) && a[1]->text == "stop") firewall = true;
  if (v.name == "nft" && has_arg(v, {"flush"}) && has_arg(v, {"ruleset"})) firewall = true;
  if (firewall) sink.add(r::kShFirewall, lo, hi);
  // ---- containers with host access
  if (one_of(v.name, {"docker", "podman", "nerdctl"})) {
    std::size_t k = 0;
    while (k < a.size() && sh_option(a[k]->text))
      k += one_of(a[k]->text, {"-H", "--host", "--context", "-c", "--config", "-l", "--log-level"}) ? 2 : 1;
    if (k < a.size() && a[k]->text == "container") ++k;
    if (k < a.size() && (a[k]->text == "run" || a[k]->text == "create")) {
      bool host_access = false;
      for (std::size_t j = k + 1; j < a.size(); ++j) {
        const std::string_view t = a[j]->text;
        const std::string_view next = j + 1 < a.size() ? std::string_view(a[j + 1]->text) : std::string_view();
        std::string_view volume;
        if (t == "--privileged" || t == "--privileged=true" || t == "--pid=host" || (t == "--pid" && next == "host") ||
            t == "--cap-add=ALL" || t == "--cap-add=SYS_ADMIN" ||
            (t == "--cap-add" && (next == "ALL" || next == "SYS_ADMIN"))) {
          host_access = true;
        }
        if (t == "-v" || t == "--volume")
          volume = next;
        else if (starts_with(t, "-v=") || starts_with(t, "--volume="))
          volume = t.substr(t.find('=') + 1);
        else if (starts_with(t, "-v") && t.size() > 2)
          volume = t.substr(2);
        if (!volume.empty()) {
          const std::string_view host = volume.substr(0, volume.find(':'));
          if (host == "/" || host == "/var/run/docker.sock" || host == "/run/docker.sock") host_access = true;
        }
      }
      if (host_access) sink.add(r::kShContainer, lo, hi);
    }
  }
}

}  // namespace inv::detectors::semgrep_internal
