#!/usr/bin/env python3
"""Regenerates the fuzzers' seed corpora (tests/fuzz/corpus/{parser,trace}/).

    python3 tests/fuzz/make_corpus.py [--cases PATH/TO/cases.jsonl] [--bench PATH/TO/bench]

Sources:
  parser/  every distinct policy text of the conformance corpus (one file each, named by a hash of
           the text), the benchmark policies, and hand-written hostile inputs (deep nesting, long
           lines and operator chains, unterminated strings, bad indentation, NUL and invalid UTF-8).
  trace/   every distinct trace of the conformance corpus (analyze traces, and past + pending events
           of monitor checks), the README trace, a small synthetic trace, and hostile JSON (deep
           nesting, odd field types, unknown tool_call_id, lone surrogates, huge numbers, ...).

The output folders are emptied first, so the result depends only on the inputs. Only the Python 3
standard library is used. By default the shared material is looked up next to the repository
(../shared), the same default as the CMake cache variable INVARIANT_SHARED_DIR.
"""
import argparse
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SHARED = os.path.join(os.path.dirname(REPO), "shared")


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:16]


def write(folder: str, name: str, data: bytes) -> None:
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def reset(folder: str) -> None:
    os.makedirs(folder, exist_ok=True)
    for n in os.listdir(folder):
        os.remove(os.path.join(folder, n))


# ---- hostile policies ------------------------------------------------------------------------------
def hostile_policies() -> dict:
    rule = 'raise "x" if:\n    (m: Message)\n    '
    p = {}
    p["deep-parens"] = rule + "(" * 600 + "1" + ")" * 600 + "\n"
    p["deep-brackets"] = rule + "[" * 600 + "]" * 600 + " == m.content\n"
    p["deep-dicts"] = rule + '{"a": ' * 300 + "1" + "}" * 300 + "\n"
    p["deep-unary"] = rule + "not " * 800 + "m.content\n"
    p["deep-minus"] = rule + "-" * 2000 + "1 == 1\n"
    p["deep-power"] = rule + "**".join(["2"] * 700) + " > 0\n"
    p["long-and-chain"] = rule + " and ".join(['m.content == "a"'] * 1500) + "\n"
    p["long-plus-chain"] = rule + "len(m.content) < " + " + ".join(["1"] * 3000) + "\n"
    p["long-compare-chain"] = rule + " < ".join(["1"] * 1000) + "\n"
    p["long-member-chain"] = rule + "m" + ".a" * 2000 + " == 1\n"
    p["long-call-chain"] = rule + "len" + "(x)" * 1000 + "\n"
    p["long-line"] = rule + '"' + "a" * 20000 + '" in m.content\n'
    p["long-identifier"] = rule + "m" * 20000 + " == 1\n"
    p["many-rules"] = "".join('raise "r%d" if:\n    (m: Message)\n    m.content == "%d"\n\n' % (i, i) for i in range(300))
    p["many-vars"] = 'raise "x" if:\n' + "".join("    (v%d: Message)\n" % i for i in range(40)) + "    v0 == v39\n"
    p["unterminated-string"] = rule + '"abc in m.content\n'
    p["unterminated-string-eof"] = rule + '"abc'
    p["unterminated-triple"] = rule + '"""abc\n\n in m.content\n'
    p["unterminated-fstring"] = rule + 'f"{m.content" in m.content\n'
    p["unterminated-bracket"] = rule + "[1, 2, (3\n"
    p["unterminated-pattern"] = 'raise "x" if:\n    (c: ToolCall)\n    c is tool:send_email({to: "a"\n'
    p["bad-escape"] = rule + '"\\x\\u12\\N{nope}\\' + '" in m.content\n'
    p["regex-catastrophic"] = rule + 'match("(a+)+$", "a" * 40 + "b")\n'
    p["regex-invalid"] = rule + 'match("(?<", m.content)\n'
    p["tabs-and-spaces"] = 'raise "x" if:\n\t(m: Message)\n        m.content == "a"\n'
    p["dedent-mismatch"] = '    raise "x" if:\n  (m: Message)\n      m.content\n'
    p["crlf"] = rule.replace("\n", "\r\n") + "m.content\r\n"
    p["only-indent"] = "    \n\t\n        \n"
    p["nul-bytes"] = rule + "m.content == \"a\x00b\"\x00\n"
    p["empty-rule"] = 'raise "x" if:\n'
    p["recursive-predicate"] = "p(x: Message) :=\n    p(x)\n\n" + rule + "p(m)\n"
    p["mutual-recursion"] = "a(x) :=\n    b(x)\nb(x) :=\n    a(x)\n\n" + rule + "a(m)\n"
    p["quantifier-nest"] = 'raise "x" if:\n' + "".join("    " * (i + 1) + "forall:\n" for i in range(60)) + "    " * 61 + "(m: Message)\n"
    p["listcomp-nest"] = rule + "[" * 100 + "x for x in m.content" + "]" * 100 + "\n"
    p["huge-int"] = rule + "len(m.content) == " + "9" * 5000 + "\n"
    p["int-overflow"] = rule + "9223372036854775807 + 1 > 0\n    -9223372036854775808 // -1 > 0\n    2 ** 64 > 0\n"
    p["float-edge"] = rule + "1e309 > 1e-400\n    1.0 / 0.0 > 0\n    10 % 0 == 0\n"
    p["string-repeat"] = rule + '"ab" * 9223372036854775807 in m.content\n'
    p["slice-edge"] = rule + "m.content[9223372036854775807:-9223372036854775808:-1] == \"\"\n"
    p["imports"] = ("from invariant.detectors import secrets, pii\nimport invariant.detectors.code as code\n"
                    "from nowhere import x\n" + rule + "secrets(m)\n")
    p["input-params"] = rule + "input.user in m.content\n    input.missing == 1\n"
    return {k: v.encode("utf-8", "surrogatepass") for k, v in p.items()} | {
        "invalid-utf8": (rule + '"\xff\xfe\xc0\xaf" in m.content\n').encode("latin-1"),
        "lone-surrogate": rule.encode() + b'"\xed\xa0\x80" in m.content\n',
    }


# ---- hostile traces --------------------------------------------------------------------------------
def call(cid, name, args):
    return {"id": cid, "type": "function", "function": {"name": name, "arguments": args}}


def hostile_traces() -> dict:
    t = {}
    deep = "x"
    for _ in range(300):
        deep = {"a": [deep]}
    t["deep-arguments"] = [{"role": "assistant", "content": None, "tool_calls": [call("1", "f", deep)]}]
    t["deep-content"] = [{"role": "user", "content": [[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]}]
    t["deep-raw-list"] = "[" + "[" * 250 + "]" * 250 + "]"
    t["deep-raw-object"] = '[{"role":"user","content":"a","extra":' + '{"k":' * 250 + "1" + "}" * 250 + "}]"
    t["unknown-tool-call-id"] = [{"role": "tool", "tool_call_id": "nope", "content": "x"}]
    t["tool-output-first"] = [{"role": "tool", "tool_call_id": "1", "content": "x"},
                              {"role": "assistant", "content": None, "tool_calls": [call("1", "f", {})]}]
    t["duplicate-ids"] = [{"role": "assistant", "content": None, "tool_calls": [call("1", "f", {}), call("1", "g", {})]},
                          {"role": "tool", "tool_call_id": "1", "content": "a"},
                          {"role": "tool", "tool_call_id": "1", "content": "b"}]
    t["odd-types"] = [{"role": 1, "content": {"a": 1}}, {"role": None}, {"content": True},
                      {"role": "assistant", "tool_calls": "not a list"},
                      {"role": "assistant", "tool_calls": [None, 1, "x", {}]},
                      {"role": "assistant", "tool_calls": [{"id": 1, "type": "function", "function": {"name": 2}}]},
                      {"id": "2", "type": "function", "function": {"name": "f", "arguments": "{\"a\": 1}"}},
                      {"id": "3", "type": "function", "function": {"name": "f", "arguments": "not json"}},
                      {"id": "4", "type": "function", "function": {"name": "f", "arguments": [1, 2]}}]
    t["content-parts"] = [{"role": "user", "content": [{"type": "text", "text": "hi"},
                                                       {"type": "image_url", "image_url": {"url": "data:,"}}]}]
    t["json-tool-output"] = [{"role": "assistant", "content": None, "tool_calls": [call("1", "http_request", {})]},
                             {"role": "tool", "tool_call_id": "1",
                              "content": json.dumps({"status": 500, "body": [1, {"x": None}], "key": "v"})}]
    t["numbers"] = [{"role": "user", "content": "n", "n": [0, -0, 1e308, -1e308, 5e-324, 9223372036854775807,
                                                           -9223372036854775808, 18446744073709551615, 1.5]}]
    t["raw-numbers"] = '[{"role":"user","content":"n","x":[1e999,-1e999,123456789012345678901234567890,-0.0,1E+2]}]'
    t["unicode"] = [{"role": "user", "content": "\u00e9\u4e2d\U0001F600\u200b\u202e\ufeff"},
                    {"role": "assistant", "content": "\\u0000 \x00 \x7f \x1b[31m"}]
    t["lone-surrogates"] = '[{"role":"user","content":"\\ud800 \\udfff \\udc00\\ud800"}]'
    t["invalid-utf8"] = b'[{"role":"user","content":"\xff\xfe\xc0\xaf\xed\xa0\x80"}]'
    t["empty-strings"] = [{"role": "", "content": ""}, {"": ""}]
    t["tools-definition"] = [{"tools": [{"name": "f", "description": "d", "inputSchema": {"type": "object",
                                                                                           "properties": {"a": {"type": "string"}}}}]}]
    t["many-keys"] = [{"role": "user", "content": "x", **{"k%d" % i: i for i in range(500)}}]
    t["metadata"] = [{"role": "user", "content": "x", "metadata": {"trace_idx": 7}}, {"metadata": None}]
    t["not-objects"] = [1, "two", None, [], {}]
    t["empty"] = []
    t["nested-empty"] = [{}]
    t["duplicate-keys"] = '[{"role":"user","role":"assistant","content":"a","content":null}]'
    return t


def encode_trace(v) -> bytes:
    if isinstance(v, bytes):
        return v
    if isinstance(v, str):
        return v.encode()
    return json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=os.path.join(DEFAULT_SHARED, "conformance", "cases.jsonl"))
    ap.add_argument("--bench", default=os.path.join(DEFAULT_SHARED, "bench"))
    ap.add_argument("--out", default=os.path.join(HERE, "corpus"))
    args = ap.parse_args(argv)

    policies, traces = {}, {}
    with open(args.cases, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            data = case["policy"].encode("utf-8", "surrogatepass")
            policies.setdefault(digest(data), data)
            events = case.get("trace")
            if events is None:
                events = (case.get("past_events") or []) + (case.get("pending_events") or [])
            data = encode_trace(events)
            traces.setdefault(digest(data), data)

    bench_policies = os.path.join(args.bench, "policies")
    if os.path.isdir(bench_policies):
        for n in sorted(os.listdir(bench_policies)):
            with open(os.path.join(bench_policies, n), "rb") as f:
                data = f.read()
            policies.setdefault(digest(data), data)
    readme = os.path.join(args.bench, "readme_trace.json")
    if os.path.exists(readme):
        with open(readme, "rb") as f:
            traces["bench-readme"] = f.read()
    gen = os.path.join(args.bench, "gen_traces.py")
    if os.path.exists(gen):
        sys.path.insert(0, args.bench)
        import gen_traces  # noqa: E402  (the shared, deterministic generator)
        traces["bench-synthetic-40"] = encode_trace(gen_traces.generate(seed=7, events=40))

    parser_dir = os.path.join(args.out, "parser")
    trace_dir = os.path.join(args.out, "trace")
    reset(parser_dir)
    reset(trace_dir)
    for name, data in policies.items():
        write(parser_dir, "case-" + name, data)
    for name, data in hostile_policies().items():
        write(parser_dir, "hostile-" + name, data)
    for name, data in traces.items():
        write(trace_dir, ("" if name.startswith("bench-") else "case-") + name, data)
    for name, data in hostile_traces().items():
        write(trace_dir, "hostile-" + name, encode_trace(data))

    print(f"parser: {len(os.listdir(parser_dir))} files, trace: {len(os.listdir(trace_dir))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
