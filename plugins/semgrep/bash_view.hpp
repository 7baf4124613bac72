// Internal: how the bash rules look at a parsed command (bash_view.cpp): the effective command behind
// wrappers (sudo, env, nohup, timeout, xargs, ...), interpreters and what they execute, and the files a
// command writes.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/semgrep/bash_parse.hpp"

namespace inv::detectors::semgrep_internal {

struct ShView {
  const ShCommand* cmd = nullptr;
  std::string_view name;         // basename of the effective command word ("" when none)
  const ShWord* word = nullptr;  // the effective command word
  std::vector<const ShWord*> args;
};

ShView sh_view(const ShCommand& c);

std::string_view sh_base(std::string_view path);
bool sh_option(std::string_view t);                    // "-x", "--long", not "-" alone
bool sh_short_cluster(std::string_view t);             // "-abc": one dash, letters only
bool sh_is_shell(std::string_view name);               // sh, bash, zsh, ...
bool sh_is_script_interpreter(std::string_view name);  // python*, perl, ruby, node, php, ...
bool sh_is_python(std::string_view name);
// Whether the command executes its standard input as code (`bash`, `sh -s`, `python3 -`, `source /dev/stdin`).
bool sh_runs_stdin(const ShView& v);
// The code given on the command line (`sh -c CODE`, `su -c CODE`, `python -c CODE`, `perl -e CODE`); the
// word is returned in `word` when it is a whole argument.
bool sh_code_argument(const ShView& v, std::string_view* code, const ShWord** word);
// Files the command writes: output redirections, tee, cp/mv/install/ln/rsync destinations, dd of=, in-place
// sed/perl and truncate operands.
std::vector<std::string_view> sh_write_targets(const ShView& v);
// Whether the word is exactly one parameter expansion: $x, ${x}, $1, "$@".
bool sh_single_expansion(std::string_view text);

// ---- predicates of the rules
bool one_of(std::string_view s, std::initializer_list<std::string_view> list);
bool has_arg(const ShView& v, std::initializer_list<std::string_view> list);
bool cluster_has(std::string_view option, char c);  // "-fsSL" has 'L'
bool downloader(const ShView& v);                   // curl, wget, ...
bool decoder(const ShView& v);                      // base64 -d, xxd -r, openssl base64 -d, ...
bool net_client(const ShView& v);                   // nc, ncat, socat, telnet, openssl s_client
bool net_sender(const ShView& v);                   // net_client or curl, wget, scp, rsync, ssh, ...
bool socket_path(std::string_view t);               // /dev/tcp/..., /dev/udp/...
bool disk_device(std::string_view t);               // /dev/sda, /dev/nvme0n1, /dev/disk2, ...
bool system_auth_file(std::string_view t);          // /etc/passwd, /etc/sudoers(.d), authorized_keys, ...
bool cron_path(std::string_view t);
bool history_file(std::string_view t);
bool secret_file(std::string_view t);         // SSH private keys, cloud credentials, .netrc, .env, ...
bool precious_directory(std::string_view t);  // /, ~, $HOME, /etc, /usr, ... (with / or /*)
bool bare_variable_path(const ShWord& w);     // $VAR/ or ${VAR}/* as the whole word
void chmod_mode(std::string_view mode, bool* world_writable, bool* setuid);
bool socket_one_liner(std::string_view code);
// Whether the command outputs credentials: reads a secret_file, or dumps the environment (env, printenv).
bool reads_secret(const ShView& v);  // python/perl/ruby/php reverse-shell one-liners
// Assignment words of a command: NAME=value prefixes and the operands of export/declare/typeset/readonly/local.
std::vector<const ShWord*> assignments(const ShView& v);

}  // namespace inv::detectors::semgrep_internal
