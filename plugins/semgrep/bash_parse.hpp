// Internal: a tokenizer-level parser for bash scripts (bash_parse.cpp) used by the bash rules.
//
// It is not a full shell grammar: it recognises what the rules need and stays total on any input. Words
// come out with quotes removed (expansions are kept as written, e.g. "$HOME/x"), commands with their
// assignments, redirections and here-documents, pipelines of commands, and nested command lists for
// `$(...)`, backticks, `<(...)`/`>(...)`, `( ... )` and `{ ...; }`. Reserved words (if, then, do, done, ...)
// are looked through, so the commands inside control structures are ordinary commands. Unterminated quotes,
// substitutions and here-documents end at the end of the input. Past kMaxDepth levels of nesting, `( ...)`
// and `{ ...; }` are read as part of the enclosing list (no recursion) and substitutions are skipped.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inv::detectors::semgrep_internal {

struct ShWord {
  std::string text;  // quotes removed; $VAR, ${...}, $(...) and `...` kept as written
  int line = 0;
  bool quoted = false;    // some part was quoted or escaped
  bool param = false;     // has a parameter expansion ($x, ${x}, $1, $@) outside single quotes
  bool guarded = false;   // has an expansion that cannot be empty (${x:?..}, ${x:-default}, ...)
  bool proc_sub = false;  // <(...) / >(...)
  std::vector<int> subs;  // nested lists ($(...), `...`, <(...)) by index into ShUnit::lists
};

struct ShRedir {
  std::string op;    // "<", ">", ">>", ">|", "<>", "<&", ">&", "&>", "&>>", "<<", "<<-", "<<<"
  int fd = -1;       // explicit file descriptor number, -1 when absent
  ShWord target;     // file, fd number, here-string word or here-document delimiter
  int heredoc = -1;  // index into ShUnit::heredocs for "<<" / "<<-"
};

struct ShCommand {
  std::vector<ShWord> words;    // command name and arguments (assignments before the name excluded)
  std::vector<ShWord> assigns;  // NAME=value words before the command name
  std::vector<ShRedir> redirs;
  int group = -1;           // ( ... ) or { ...; } body, index into ShUnit::lists
  std::string funcdef;      // a function definition `name() ...`: its name (the body is `group`)
  bool background = false;  // followed by `&`
  int line_start = 0, line_end = 0;
};

struct ShPipeline {
  std::vector<ShCommand> cmds;
};

struct ShList {
  std::vector<ShPipeline> pipelines;
};

struct ShHeredoc {
  std::string body;
  int line = 0;  // line of the first body line
};

// Storage of the nested parts of the pipelines the parser returns (valid until clear()).
struct ShUnit {
  std::deque<ShList> lists;
  std::deque<ShHeredoc> heredocs;
  void clear() {
    lists.clear();
    heredocs.clear();
  }
};

class ShParser {
 public:
  static constexpr int kMaxDepth = 24;
  static constexpr std::size_t kMaxItems = 4096;  // pipelines per list, commands per pipeline, words per command
  static constexpr std::size_t kMaxLists = 65536;

  ShParser(std::string_view src, ShUnit& unit, int first_line = 1, int depth = 0)
      : s_(src), u_(unit), line_(first_line), depth_(depth) {}

  // Parses the pipelines up to the next top-level newline (and its here-documents) into `out`.
  // Returns false when the input was already exhausted.
  bool next(std::vector<ShPipeline>& out);

 private:
  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool eof() const { return i_ >= s_.size(); }
  void skip_blanks();
  void skip_comment();
  void newline();
  bool at_word(std::string_view w) const;
  bool parse_items(std::vector<ShPipeline>& out, char closer, bool top);
  bool parse_pipeline(ShPipeline& p, char closer);
  bool parse_command(ShCommand& c, char closer);
  bool redirect_start() const;
  void parse_redirect(ShCommand& c);
  ShWord parse_word();
  void double_quoted(ShWord& w);
  void dollar(ShWord& w);
  void backtick(ShWord& w);
  int nested(char closer);
  void skip_balanced();
  void read_heredocs();

  std::string_view s_;
  ShUnit& u_;
  std::size_t i_ = 0;
  int line_;
  int depth_;
  struct Pending {
    int index;
    std::string delimiter;
    bool strip_tabs;
  };
  std::vector<Pending> pending_;
};

// Whether a word is an assignment NAME=value / NAME+=value / NAME[i]=value; `name` receives NAME.
bool sh_assignment(std::string_view text, std::string_view* name = nullptr, std::string_view* value = nullptr);

}  // namespace inv::detectors::semgrep_internal
