// The Python rules of the built-in engine (see builtin_semgrep_rules() for ids, severities and messages).
// Calls are matched by the qualified name of their target (resolved through the imports), references by
// the qualified name of a Name/Attribute, assignments by their target.
#include <charconv>
#include <string>
#include <unordered_set>

#include "plugins/semgrep/python_analysis.hpp"

namespace inv::detectors::semgrep_internal {

using py::Kind;
using py::Node;

namespace {

namespace r = rules;
using Set = std::unordered_set<std::string_view>;

const Set kEval = {"eval", "exec", "compile", "builtins.eval", "builtins.exec", "builtins.compile"};
const Set kOsCommand = {"os.system",     "os.popen",           "os.popen2",
                        "os.popen3",     "os.popen4",          "posix.system",
                        "posix.popen",   "commands.getoutput", "commands.getstatusoutput",
                        "popen2.popen2", "popen2.popen3",      "popen2.popen4",
                        "os.startfile",  "os.posix_spawn",     "os.posix_spawnp"};
const Set kSubprocess = {"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
                         "subprocess.Popen"};
const Set kSubprocessAttr = {"run", "call", "check_call", "check_output", "Popen"};
const Set kShellAlways = {"subprocess.getoutput", "subprocess.getstatusoutput", "asyncio.create_subprocess_shell"};
const Set kPickle = {"pickle.load",       "pickle.loads",       "pickle.Unpickler",  "cPickle.load",
                     "cPickle.loads",     "cPickle.Unpickler",  "_pickle.load",      "_pickle.loads",
                     "_pickle.Unpickler", "dill.load",          "dill.loads",        "cloudpickle.load",
                     "cloudpickle.loads", "shelve.open",        "jsonpickle.decode", "jsonpickle.loads",
                     "joblib.load",       "pandas.read_pickle", "pd.read_pickle",    "sklearn.externals.joblib.load"};
const Set kMarshal = {"marshal.load", "marshal.loads"};
const Set kYamlLoad = {"yaml.load", "yaml.load_all"};
const Set kYamlUnsafe = {"yaml.unsafe_load", "yaml.unsafe_load_all"};
const Set kSafeLoaders = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader", "FullLoader", "CFullLoader"};
const Set kWeakHash = {"hashlib.md5",
                       "hashlib.sha1",
                       "Crypto.Hash.MD2.new",
                       "Crypto.Hash.MD4.new",
                       "Crypto.Hash.MD5.new",
                       "Crypto.Hash.SHA.new",
                       "Crypto.Hash.SHA1.new",
                       "Cryptodome.Hash.MD2.new",
                       "Cryptodome.Hash.MD4.new",
                       "Cryptodome.Hash.MD5.new",
                       "Cryptodome.Hash.SHA1.new",
                       "cryptography.hazmat.primitives.hashes.MD5",
                       "cryptography.hazmat.primitives.hashes.SHA1",
                       "hashes.MD5",
                       "hashes.SHA1"};
const Set kWeakHashNames = {"md5", "sha1", "sha-1", "md4", "md5-sha1", "md2"};
const Set kCiphers = {"Crypto.Cipher.DES.new",
                      "Crypto.Cipher.DES3.new",
                      "Crypto.Cipher.ARC2.new",
                      "Crypto.Cipher.ARC4.new",
                      "Crypto.Cipher.Blowfish.new",
                      "Crypto.Cipher.CAST.new",
                      "Crypto.Cipher.XOR.new",
                      "Cryptodome.Cipher.DES.new",
                      "Cryptodome.Cipher.DES3.new",
                      "Cryptodome.Cipher.ARC2.new",
                      "Cryptodome.Cipher.ARC4.new",
                      "Cryptodome.Cipher.Blowfish.new",
                      "Cryptodome.Cipher.CAST.new",
                      "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
                      "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
                      "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
                      "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
                      "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
                      "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
                      "cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES",
                      "cryptography.hazmat.decrepit.ciphers.algorithms.ARC4",
                      "cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish",
                      "algorithms.TripleDES",
                      "algorithms.ARC4",
                      "algorithms.Blowfish",
                      "algorithms.IDEA",
                      "algorithms.CAST5",
                      "pyDes.des",
                      "pyDes.triple_des",
                      "DES.new",
                      "DES3.new",
                      "ARC4.new",
                      "ARC2.new",
                      "Blowfish.new"};
const Set kEcb = {"cryptography.hazmat.primitives.ciphers.modes.ECB", "modes.ECB"};
const Set kTlsRefs = {"ssl._create_unverified_context", "ssl._create_stdlib_context", "ssl.CERT_NONE"};
const Set kWeakTlsRefs = {"ssl.PROTOCOL_SSLv2",        "ssl.PROTOCOL_SSLv3",       "ssl.PROTOCOL_TLSv1",
                          "ssl.PROTOCOL_TLSv1_1",      "ssl.TLSVersion.SSLv3",     "ssl.TLSVersion.TLSv1",
                          "ssl.TLSVersion.TLSv1_1",    "OpenSSL.SSL.SSLv2_METHOD", "OpenSSL.SSL.SSLv3_METHOD",
                          "OpenSSL.SSL.SSLv23_METHOD", "OpenSSL.SSL.TLSv1_METHOD", "OpenSSL.SSL.TLSv1_1_METHOD"};
const Set kSshRefs = {"paramiko.AutoAddPolicy", "paramiko.client.AutoAddPolicy", "paramiko.WarningPolicy",
                      "paramiko.client.WarningPolicy"};
const Set kHttpAttrs = {"get",     "post",    "put",           "patch",        "delete",      "head",
                        "options", "request", "send",          "Session",      "Client",      "AsyncClient",
                        "stream",  "urlopen", "ClientSession", "TCPConnector", "PoolManager", "ws_connect"};
const Set kHttpModules = {"requests", "httpx", "aiohttp", "urllib3"};
const Set kServers = {"bind",
                      "HTTPServer",
                      "ThreadingHTTPServer",
                      "TCPServer",
                      "UDPServer",
                      "ThreadingTCPServer",
                      "ThreadingUDPServer",
                      "ForkingTCPServer",
                      "WSGIServer",
                      "create_server",
                      "make_server",
                      "run_simple",
                      "run",
                      "serve",
                      "start_server",
                      "listen"};
const Set kXml = {"xml.etree.ElementTree.parse",
                  "xml.etree.ElementTree.iterparse",
                  "xml.etree.ElementTree.fromstring",
                  "xml.etree.ElementTree.fromstringlist",
                  "xml.etree.ElementTree.XML",
                  "xml.etree.ElementTree.XMLParser",
                  "xml.etree.ElementTree.XMLPullParser",
                  "xml.etree.cElementTree.parse",
                  "xml.etree.cElementTree.iterparse",
                  "xml.etree.cElementTree.fromstring",
                  "xml.etree.cElementTree.XML",
                  "xml.etree.cElementTree.XMLParser",
                  "xml.dom.minidom.parse",
                  "xml.dom.minidom.parseString",
                  "xml.dom.pulldom.parse",
                  "xml.dom.pulldom.parseString",
                  "xml.dom.expatbuilder.parse",
                  "xml.dom.expatbuilder.parseString",
                  "xml.sax.parse",
                  "xml.sax.parseString",
                  "xml.sax.make_parser",
                  "xml.parsers.expat.ParserCreate",
                  "lxml.etree.parse",
                  "lxml.etree.fromstring",
                  "lxml.etree.XML",
                  "lxml.etree.XMLParser",
                  "lxml.etree.iterparse",
                  "ET.parse",
                  "ET.fromstring",
                  "ET.XML",
                  "ET.iterparse",
                  "etree.parse",
                  "etree.fromstring",
                  "etree.XML",
                  "minidom.parse",
                  "minidom.parseString"};
const Set kSqlAttrs = {"execute",  "executemany",    "executescript",   "raw",
                       "read_sql", "read_sql_query", "exec_driver_sql", "mogrify"};
const Set kRandom = {"random.random", "random.randint",     "random.randrange", "random.choice",  "random.choices",
                     "random.sample", "random.getrandbits", "random.uniform",   "random.shuffle", "random.randbytes"};
const Set kCleartext = {"telnetlib.Telnet", "ftplib.FTP"};
const Set kMkTemp = {"tempfile.mktemp"};
const Set kDynImport = {"__import__", "importlib.import_module", "importlib.__import__"};
const Set kChmod = {"os.chmod", "os.lchmod", "os.fchmod"};

std::string_view last_part(std::string_view q) {
  const auto dot = q.rfind('.');
  return dot == std::string_view::npos ? q : q.substr(dot + 1);
}

std::string_view first_part(std::string_view q) { return q.substr(0, q.find('.')); }

bool is_constant(const Node* n, std::uint8_t kind) {
  return n != nullptr && n->kind == Kind::Constant && n->op == kind;
}

// A constant that is true / false in a boolean context (True, non-zero numbers; False, None, 0).
bool is_true(const Node* n) {
  if (n == nullptr || n->kind != Kind::Constant) return false;
  if (n->op == py::kTrue) return true;
  if (n->op == py::kInt) return n->text.find_first_not_of("0_xXoObB") != std::string::npos;
  return false;
}
bool is_false(const Node* n) {
  if (n == nullptr || n->kind != Kind::Constant) return false;
  if (n->op == py::kFalse || n->op == py::kNone) return true;
  if (n->op == py::kInt) return n->text.find_first_not_of("0_xXoObB") == std::string::npos;
  return false;
}

std::size_t positional_count(const Node* c) { return static_cast<std::size_t>(c->n[0]); }
const Node* positional(const Node* c, std::size_t i) {
  return i < positional_count(c) && i + 1 < c->kids.size() ? c->kids[i + 1] : nullptr;
}
const Node* keyword(const Node* c, std::string_view name) {
  for (std::size_t i = 1 + positional_count(c); i < c->kids.size(); ++i) {
    const Node* k = c->kids[i];
    if (k->kind == Kind::Keyword && k->text == name && !k->kids.empty()) return k->kids[0];
  }
  return nullptr;
}
bool has_kwargs(const Node* c) {
  for (std::size_t i = 1 + positional_count(c); i < c->kids.size(); ++i) {
    if (c->kids[i]->kind == Kind::Keyword && c->kids[i]->text.empty()) return true;
  }
  return false;
}
const Node* argument(const Node* c, std::size_t i, std::string_view name) {
  const Node* a = positional(c, i);
  return a != nullptr ? a : keyword(c, name);
}

bool sql_like(std::string_view text) {
  const std::string l = lower(text);
  static constexpr std::string_view kWords[] = {"select ",        "insert into",  "update ",     "delete from",
                                                "drop table",     "create table", "alter table", " where ",
                                                "truncate table", "replace into"};
  for (std::string_view w : kWords) {
    if (contains(l, w)) return true;
  }
  return false;
}

std::optional<long long> int_value(const Node* n) {
  if (!is_constant(n, py::kInt)) return std::nullopt;
  std::string t;
  for (char c : n->text) {
    if (c != '_') t += c;
  }
  int base = 10;
  std::size_t skip = 0;
  if (t.size() > 2 && t[0] == '0') {
    const char p = ascii_lower(t[1]);
    if (p == 'o')
      base = 8;
    else if (p == 'x')
      base = 16;
    else if (p == 'b')
      base = 2;
    if (base != 10) skip = 2;
  }
  long long v = 0;
  const auto [ptr, ec] = std::from_chars(t.data() + skip, t.data() + t.size(), v, base);
  if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return v;
}

}  // namespace

bool is_known_member(std::string_view module, std::string_view name) {
  const std::string q = std::string(module) + "." + std::string(name);
  for (const Set* s : {&kOsCommand, &kSubprocess, &kShellAlways, &kPickle, &kMarshal, &kYamlLoad, &kYamlUnsafe,
                       &kWeakHash, &kTlsRefs, &kWeakTlsRefs, &kSshRefs, &kRandom, &kCleartext, &kMkTemp}) {
    if (s->count(q) != 0) return true;
  }
  return module == "os" && (starts_with(name, "exec") || starts_with(name, "spawn"));
}

bool PyAnalysis::formatted_sql(const Node* n, int depth) const {
  if (n == nullptr || depth > 8) return false;
  switch (n->kind) {
    case Kind::Name: return sql_names_.count(n->text) != 0;
    case Kind::JoinedStr: {
      bool dynamic = false;
      std::string text;
      for (const Node* k : n->kids) {
        if (k->kind == Kind::Constant)
          text += k->text;
        else if (k->kind == Kind::FormattedValue && !literal(k))
          dynamic = true;
      }
      return dynamic && sql_like(text);
    }
    case Kind::BinOp: {
      if (n->kids.size() != 2) return false;
      if (n->op == py::kMod) {
        auto fmt = str_value(n->kids[0]);
        return fmt && sql_like(*fmt) && !literal(n->kids[1]);
      }
      if (n->op != py::kAdd) return false;
      // Flatten the + chain (left-nested) and look at its operands.
      std::vector<const Node*> operands;
      const Node* cur = n;
      while (cur->kind == Kind::BinOp && cur->op == py::kAdd && cur->kids.size() == 2 && operands.size() < 64) {
        operands.push_back(cur->kids[1]);
        cur = cur->kids[0];
      }
      operands.push_back(cur);
      bool dynamic = false;
      std::string text;
      for (const Node* o : operands) {
        if (auto s = str_value(o)) text += *s;
        if (!literal(o)) dynamic = true;
        if (o->kind == Kind::JoinedStr) {
          for (const Node* k : o->kids) {
            if (k->kind == Kind::Constant) text += k->text;
          }
        }
      }
      return dynamic && sql_like(text);
    }
    case Kind::Call: {
      const Node* f = n->kids[0];
      if (f->kind != Kind::Attribute || f->text != "format" || f->kids.empty()) return false;
      auto fmt = str_value(f->kids[0]);
      return fmt && sql_like(*fmt) && !literal(n);
    }
    default: return false;
  }
}

bool PyAnalysis::opens_tarfile(const Node* n) const {
  if (n == nullptr || n->kind != Kind::Call) return false;
  const std::string q = qual(n->kids[0]);
  return q == "tarfile.open" || q == "tarfile.TarFile" || q == "tarfile.TarFile.open" || q == "tarfile.TarFile.gzopen";
}

void PyAnalysis::on_call(const Node* c, std::uint8_t flags) {
  const Node* f = c->kids[0];
  const std::string q = qual(f);
  const std::string_view attr = (f->kind == Kind::Attribute || f->kind == Kind::Name) ? std::string_view(f->text) : "";

  // ---- code execution
  if (kEval.count(q) != 0) {
    const Node* a = argument(c, 0, "source");
    if (a != nullptr && !literal(a)) hit(from_user(a) ? r::kPyCodeInjection : r::kPyDynamicCode, c);
  }
  // ---- commands
  bool os_command = kOsCommand.count(q) != 0;
  std::size_t program = 0;
  if (starts_with(q, "os.exec") || starts_with(q, "os.spawn") || starts_with(q, "posix.exec")) {
    os_command = true;
    program = starts_with(q, "os.spawn") ? 1 : 0;
  }
  if (os_command) {
    const Node* a = argument(c, program, "command");
    if (a != nullptr && !literal(a)) hit(r::kPyOsCommand, c);
  }
  if (kSubprocess.count(q) != 0 || kSubprocessAttr.count(attr) != 0) {
    const Node* shell = keyword(c, "shell");
    if (is_true(shell)) {
      const Node* cmd = argument(c, 0, "args");
      hit(cmd != nullptr && !literal(cmd) ? r::kPyShellInjection : r::kPyShellTrue, c);
    }
  }
  if (kShellAlways.count(q) != 0) {
    const Node* cmd = argument(c, 0, "cmd");
    hit(cmd != nullptr && !literal(cmd) ? r::kPyShellInjection : r::kPyShellTrue, c);
  }
  // ---- deserialisation
  if (kPickle.count(q) != 0) hit(r::kPyDeserialization, c);
  if (q == "torch.load" && !is_true(keyword(c, "weights_only"))) hit(r::kPyDeserialization, c);
  if ((q == "numpy.load" || q == "np.load") && is_true(keyword(c, "allow_pickle"))) hit(r::kPyDeserialization, c);
  if (kMarshal.count(q) != 0) hit(r::kPyMarshal, c);
  if (kYamlUnsafe.count(q) != 0) hit(r::kPyYaml, c);
  if (kYamlLoad.count(q) != 0) {
    const Node* loader = argument(c, 1, "Loader");
    if (loader == nullptr) {
      if (!has_kwargs(c)) hit(r::kPyYaml, c);
    } else if (kSafeLoaders.count(last_part(qual(loader))) == 0) {
      hit(r::kPyYaml, c);
    }
  }
  // ---- cryptography
  const bool not_for_security = is_false(keyword(c, "usedforsecurity"));
  if (kWeakHash.count(q) != 0 && !not_for_security) hit(r::kPyWeakHash, c);
  if (q == "hashlib.new" && !not_for_security) {
    if (auto name = str_value(argument(c, 0, "name")); name && kWeakHashNames.count(lower(*name)) != 0) {
      hit(r::kPyWeakHash, c);
    }
  }
  if (kCiphers.count(q) != 0) hit(r::kPyCipher, c);
  if (kEcb.count(q) != 0) hit(r::kPyCipherMode, c);
  // ---- TLS / SSH
  if (is_false(keyword(c, "verify")) && (kHttpModules.count(first_part(q)) != 0 || kHttpAttrs.count(attr) != 0)) {
    hit(r::kPyTlsVerify, c);
  }
  if (is_false(keyword(c, "ssl")) && kHttpAttrs.count(attr) != 0) hit(r::kPyTlsVerify, c);
  if (auto reqs = str_value(keyword(c, "cert_reqs")); reqs && *reqs == "CERT_NONE") hit(r::kPyTlsVerify, c);
  if (is_false(keyword(c, "check_hostname"))) hit(r::kPyTlsVerify, c);
  if (attr == "set_missing_host_key_policy") {
    const Node* p = positional(c, 0);
    if (p != nullptr) {
      const std::string pq = qual(p->kind == Kind::Call ? p->kids[0] : p);
      const std::string_view last = last_part(pq);
      if (last == "AutoAddPolicy" || last == "WarningPolicy") hit(r::kPySshHostKey, c);
    }
  }
  // ---- files, imports
  if (kMkTemp.count(q) != 0) hit(r::kPyMktemp, c);
  if (kDynImport.count(q) != 0) {
    const Node* a = argument(c, 0, "name");
    if (a != nullptr && !literal(a)) hit(r::kPyDynamicImport, c);
  }
  if (kChmod.count(q) != 0 || (attr == "chmod" && f->kind == Kind::Attribute)) {
    const Node* mode = kChmod.count(q) != 0 ? argument(c, 1, "mode") : argument(c, 0, "mode");
    bool world = false;
    std::vector<const Node*> stack{mode};
    for (std::size_t seen = 0; !stack.empty() && seen < 64; ++seen) {
      const Node* m = stack.back();
      stack.pop_back();
      if (m == nullptr) continue;
      if (auto v = int_value(m); v && (*v & 02) != 0 && *v <= 07777) world = true;
      if (m->kind == Kind::Attribute || m->kind == Kind::Name) {
        const std::string mq = qual(m);
        if (mq == "stat.S_IWOTH" || mq == "stat.S_IRWXO" || mq == "S_IWOTH" || mq == "S_IRWXO") world = true;
      }
      if (m->kind == Kind::BinOp && m->op == py::kBitOr) stack.insert(stack.end(), m->kids.begin(), m->kids.end());
    }
    if (world) hit(r::kPyChmod, c);
  }
  // ---- servers
  auto all_interfaces = [](const std::optional<std::string>& h, bool allow_empty) {
    return h && (*h == "0.0.0.0" || *h == "::" || (allow_empty && h->empty()));
  };
  const std::string_view callee = q.empty() ? attr : last_part(q);
  if (kServers.count(callee) != 0) {
    const Node* first = positional(c, 0);
    if (first != nullptr && first->kind == Kind::Tuple && !first->kids.empty() &&
        all_interfaces(str_value(first->kids[0]), callee == "bind")) {
      hit(r::kPyBindAll, c);
    } else if (callee != "bind" && all_interfaces(str_value(first), false)) {
      hit(r::kPyBindAll, c);
    }
  }
  if (all_interfaces(str_value(keyword(c, "host")), false)) hit(r::kPyBindAll, c);
  if ((attr == "run" && is_true(keyword(c, "debug"))) ||
      (attr == "run_simple" && is_true(keyword(c, "use_debugger")))) {
    hit(r::kPyFlaskDebug, c);
  }
  const Node* autoescape = keyword(c, "autoescape");
  if (is_false(autoescape)) {
    hit(r::kPyJinjaAutoescape, c);
  } else if ((q == "jinja2.Environment" || q == "jinja2.environment.Environment") && autoescape == nullptr &&
             !has_kwargs(c)) {
    hit(r::kPyJinjaAutoescape, c);
  }
  // ---- parsing, SQL
  if (kXml.count(q) != 0) hit(r::kPyXml, c);
  if (kSqlAttrs.count(attr) != 0 || q == "pandas.read_sql" || q == "pandas.read_sql_query") {
    const Node* stmt = positional(c, 0);
    // conn.execute(text(f"...")) with sqlalchemy's text()
    if (stmt != nullptr && stmt->kind == Kind::Call && last_part(qual(stmt->kids[0])) == "text") {
      stmt = positional(stmt, 0);
    }
    if (stmt != nullptr && formatted_sql(stmt)) hit(r::kPySql, c);
  }
  // ---- archives
  if ((attr == "extractall" || attr == "extract") && f->kind == Kind::Attribute && keyword(c, "filter") == nullptr) {
    const Node* receiver = f->kids[0];
    if ((receiver->kind == Kind::Name && tar_names_.count(receiver->text) != 0) || opens_tarfile(receiver)) {
      hit(r::kPyTarfile, c);
    }
  }
  // ---- randomness, cleartext protocols
  if ((flags & kSecretValue) != 0 && kRandom.count(q) != 0) hit(r::kPyRandomSecret, c);
  if (kCleartext.count(q) != 0) hit(r::kPyCleartext, c);
}

void PyAnalysis::on_reference(const Node* n) {
  if (n->kind == Kind::Attribute && n->text == "MODE_ECB") {
    hit(r::kPyCipherMode, n);
    return;
  }
  // Plain names matter only when they were imported (`from ssl import CERT_NONE`).
  if (n->kind == Kind::Name && n->text.find_first_of("_ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos) return;
  const std::string q = qual(n);
  if (q.empty() || q.find('.') == std::string::npos) return;
  if (kTlsRefs.count(q) != 0)
    hit(r::kPyTlsVerify, n);
  else if (kWeakTlsRefs.count(q) != 0)
    hit(r::kPyWeakTls, n);
  else if (kSshRefs.count(q) != 0)
    hit(r::kPySshHostKey, n);
}

void PyAnalysis::on_assign_target(const Node* target, const Node* value, const Node* stmt) {
  if (target == nullptr || target->kind != Kind::Attribute) return;
  if ((target->text == "check_hostname" || target->text == "verify") && is_false(value)) hit(r::kPyTlsVerify, stmt);
  if (target->text == "debug" && is_true(value) && !target->kids.empty() && target->kids[0]->kind == Kind::Name &&
      contains(lower(target->kids[0]->text), "app")) {
    hit(r::kPyFlaskDebug, stmt);
  }
}

}  // namespace inv::detectors::semgrep_internal
