# kg's Cap'n Proto RPC interface (kg serve --rpc HOST:PORT). The bootstrap
# capability is a Kg. Query results are paged through a Cursor so a large
# result never travels in one message; rows are JSON arrays in the contract
# of `kg query --format json` (nodes {"_id", "_labels", ...}, relationships
# {"_id", "_type", "_start", "_end", ...}, paths {"_nodes", "_rels"}).
# Errors are returned in `error` (code "" means success), never as RPC
# exceptions, with the HTTP front end's codes (docs/server.md).
@0xece6d94233927490;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("kg::rpc");

struct Error {
  code @0 :Text;      # "" on success; "SyntaxError", "Unauthorized", ...
  message @1 :Text;
  line @2 :UInt32;    # 1-based query position; 0 when none
  column @3 :UInt32;
  httpStatus @4 :UInt16;  # what HTTP would have answered
  # A name that matched no entity (entity, ego): the names it may have
  # meant, by edit distance over names and aliases (HTTP's "suggestions").
  suggestions @5 :List(Text);
}

struct Count {
  name @0 :Text;
  count @1 :UInt64;
}

struct Stats {
  entities @0 :UInt64;
  relations @1 :UInt64;
  entitiesByLabel @2 :List(Count);
  relationsByType @3 :List(Count);
  ontology @4 :Text;
  # The topology cache (docs/storage.md): budget, what this graph's copy
  # would take, what the copy built in the server holds (0: none yet).
  topologyBudgetBytes @5 :UInt64;
  topologyEstimateBytes @6 :UInt64;
  topologyHeldBytes @7 :UInt64;
}

# A warning about a statement that still ran (docs/query-language.md,
# "Notifications"): code "UnknownLabelWarning", ...; position 0 when none.
struct Notification {
  code @0 :Text;
  title @1 :Text;
  description @2 :Text;
  severity @3 :Text;  # "WARNING"
  source @4 :Text;    # the name in the position ("query")
  line @5 :UInt32;
  column @6 :UInt32;
}

# What a statement changed, counted as Neo4j counts it (docs/server.md,
# "Update counters"); all zero for a read.
struct UpdateCounters {
  nodesCreated @0 :UInt64;
  nodesDeleted @1 :UInt64;
  relationshipsCreated @2 :UInt64;
  relationshipsDeleted @3 :UInt64;
  propertiesSet @4 :UInt64;
  labelsAdded @5 :UInt64;
  labelsRemoved @6 :UInt64;
}

# Whether notifications are errors for one query: the server's --strict,
# or on / off for this query.
enum Strict {
  serverDefault @0;
  on @1;
  off @2;
}

interface Cursor {
  # The next at most `pageSize` rows (capped by the server's page limit).
  # `done` is true once no rows remain after this page.
  next @0 (pageSize :UInt32) -> (rows :List(Text), done :Bool);
}

interface Kg {
  # Runs one statement. `paramsJson` is a JSON object ("" for none); `token`
  # is needed for writes (and for reads on an --auth-reads server).
  # `strict`: notifications are errors (code = the notification's, with its
  # position); otherwise they come in `notifications`. The scope
  # (docs/temporal.md; "" for none): `validAt` follows only relationships
  # valid on that day, `knownAt` only those stated by then, `asOf` both;
  # `minConfidence` (negative: none) only those at least that sure.
  query @0 (query :Text, paramsJson :Text, token :Text, asOf :Text, strict :Strict,
            validAt :Text, knownAt :Text, minConfidence :Float64 = -1)
      -> (error :Error, columns :List(Text), rowCount :UInt64, cursor :Cursor,
          notifications :List(Notification), stats :UpdateCounters);
  # Draws what a read-only query returns; format svg, png, pdf or dot.
  render @1 (query :Text, paramsJson :Text, format :Text, token :Text)
      -> (error :Error, data :Data, mediaType :Text);
  stats @2 (token :Text) -> (error :Error, stats :Stats);
  # The entities whose name or alias is `name` (any case), as HTTP's
  # GET /v1/entities/{name} answers them (JSON); NotFound with
  # `error.suggestions` when none.
  entity @3 (name :Text, token :Text) -> (error :Error, json :Text);
  # The neighbourhood of the entity called `name` (HTTP's GET /v1/ego):
  # `types` in any case (an unknown one is BadRequest listing the known
  # ones), depth 0 means 1, maxNodes 0 means 25; format svg, png, pdf or dot.
  ego @4 (name :Text, types :List(Text), depth :UInt32, maxNodes :UInt32, format :Text,
          token :Text) -> (error :Error, data :Data, mediaType :Text);
}
