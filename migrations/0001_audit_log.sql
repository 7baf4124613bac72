-- 0001: the audit log. One row per API call (analyze, check, load, batch), keyed by its decision id
-- (the X-Decision-Id response header). It keeps every column of the original server's `requests` table
-- (timestamps now in milliseconds) and adds what a decision is about: the policy, the number of
-- violations and the messages of the rules that raised them (request_rules), so that "which traces
-- violated rule X last week" is one query:
--   SELECT r.decision_id, b.content FROM requests r
--     JOIN request_rules x ON x.request_id = r.id JOIN request_bodies b ON b.hash = r.body_hash
--    WHERE instr(x.rule, 'X') > 0
--      AND r.timestamp_start_ms >= (unixepoch('now', '-7 days') * 1000);

-- Request bodies, deduplicated by content hash (SHA-256 hex of the body as received).
CREATE TABLE request_bodies (
  hash TEXT PRIMARY KEY,
  content TEXT,                          -- the body ('full'), the masked body ('mask'), NULL ('hash')
  size INTEGER NOT NULL,                 -- bytes of the body as received
  redaction TEXT NOT NULL                -- 'full' | 'mask' | 'hash'
);

CREATE TABLE requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- insertion order: the query API's "newest first"
  decision_id TEXT NOT NULL UNIQUE,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  ip TEXT NOT NULL,                      -- X-Forwarded-For when present, else the TCP peer
  user_agent TEXT NOT NULL,              -- 'unknown' when absent
  timestamp_start_ms INTEGER NOT NULL,   -- Unix time of the request's arrival, milliseconds
  timestamp_end_ms INTEGER NOT NULL,     -- Unix time of the answer, milliseconds
  request_duration REAL NOT NULL,        -- seconds
  body_hash TEXT NOT NULL REFERENCES request_bodies(hash),
  status_code INTEGER NOT NULL,
  response TEXT NOT NULL,                -- the response body as sent
  error_type TEXT,                       -- error.type of an error answer, NULL on success
  cache_hit INTEGER NOT NULL DEFAULT 0,  -- 1: answered from the result cache
  policy_hash TEXT,                      -- SHA-256 hex of the policy text (a batch: hashes joined by ',')
  violations INTEGER NOT NULL DEFAULT 0  -- violations in the answer (a batch: over all items)
);
CREATE INDEX requests_by_start ON requests(timestamp_start_ms);
CREATE INDEX requests_by_policy ON requests(policy_hash);
CREATE INDEX requests_by_body ON requests(body_hash);

-- The distinct rule messages of a decision's violations, with their counts.
CREATE TABLE request_rules (
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,                    -- the rule's message (raise "..." / the raised value)
  count INTEGER NOT NULL
);
CREATE INDEX request_rules_by_request ON request_rules(request_id);
-- No index on `rule`: rules are searched by substring (instr), which an index cannot serve.
