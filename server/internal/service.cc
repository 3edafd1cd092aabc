// Service: authorisation, limits, the writer lock, diagrams and entity lookups.
#include "server/internal/service.h"

#include <cassert>
#include <sstream>
#include <utility>

#include "analytics/procedures.h"
#include "core/json.h"
#include "query/query.h"
#ifdef KG_SERVER_HAVE_VIZ
#include "viz/render.h"
#endif

namespace kg::server::internal {
namespace {

// Compares without an early exit so the time does not leak the token.
bool TokenEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The engine states its limits neutrally ("more than N result rows (the
// limit)"); a client of the server is also told which flag of `kg serve`
// sets the limit it hit.
Status NameServerLimit(const Status& status, const Limits& limits) {
  const std::string& m = status.message();
  auto starts = [&m](std::string_view prefix) { return m.compare(0, prefix.size(), prefix) == 0; };
  if (starts("TimeoutError:")) {
    std::ostringstream seconds;
    seconds << limits.query_timeout_seconds;
    return Status(status.code(), m + "; the server's limit is --timeout " + seconds.str());
  }
  if (starts("MemoryLimitExceeded:"))
    return Status(status.code(), m + "; the server's limit is --max-memory " +
                                     std::to_string(limits.max_memory_bytes));
  if (starts("LimitExceeded:") && m.find(" result rows ") != std::string::npos)
    return Status(status.code(),
                  m + "; the server's limit is --max-rows " + std::to_string(limits.max_rows));
  return status;
}

ApiError Unauthorized(std::string message) { return {401, "Unauthorized", std::move(message)}; }
ApiError Forbidden(std::string message) { return {403, "Forbidden", std::move(message)}; }

void AppendEntityRelations(const storage::Transaction& txn, EntityId id, uint64_t max_rows,
                           std::string* out) {
  out->append("\"relations\":[");
  bool first = true;
  uint64_t count = 0;
  Status s = txn.Expand(id, storage::Direction::kBoth, {}, [&](const storage::Edge& edge) {
    auto rel = txn.GetRelation(edge.relation);
    auto other = txn.GetEntity(edge.other);
    if (!rel.ok() || !other.ok()) return true;  // reported by kg check, not here
    if (!first) out->append(",");
    first = false;
    out->append("{\"direction\":");
    out->append(edge.outgoing ? "\"out\"" : "\"in\"");
    out->append(",\"relationship\":");
    AppendJson(Value(std::make_shared<const Relation>(std::move(rel).value())), out);
    out->append(",\"other\":");
    AppendJson(Value(std::make_shared<const Entity>(std::move(other).value())), out);
    out->append("}");
    return max_rows == 0 || ++count < max_rows;
  });
  (void)s;
  out->append("]");
}

}  // namespace

Service::Service(storage::Store& store, const ServerOptions& options)
    : store_(store), options_(options), procedures_(query::ProcedureRegistry::WithBuiltins()) {
  // Fails only when a name is taken, which the fixed kg.* names never are.
  Status registered = analytics::RegisterProcedures(store_.ontology(), &procedures_);
  assert(registered.ok());
  (void)registered;
}

std::optional<ApiError> Service::AuthorizeRead(std::string_view token) const {
  if (!options_.auth_reads) return std::nullopt;
  if (options_.token.empty()) return Forbidden("reads need a token but the server has none");
  if (token.empty()) return Unauthorized("this server needs 'Authorization: Bearer <token>'");
  if (!TokenEquals(token, options_.token)) return Unauthorized("invalid token");
  return std::nullopt;
}

std::optional<ApiError> Service::Authorize(std::string_view token, bool write) const {
  if (!write) return AuthorizeRead(token);
  if (options_.read_only) return Forbidden("the server is read-only: write statements are refused");
  if (options_.token.empty())
    return Forbidden("write statements are disabled: the server was started without --token-file");
  if (token.empty()) return Unauthorized("write statements need 'Authorization: Bearer <token>'");
  if (!TokenEquals(token, options_.token)) return Unauthorized("invalid token");
  return std::nullopt;
}

query::QueryOptions Service::QueryOptionsFor(const ValueMap& params,
                                             std::optional<Date> as_of) const {
  query::QueryOptions options;
  options.parameters = params;
  options.as_of = as_of;
  options.procedures = &procedures_;
  options.timeout_seconds = options_.limits.query_timeout_seconds;
  options.max_rows = options_.limits.max_rows == 0 ? UINT64_MAX : options_.limits.max_rows;
  options.max_memory_bytes = options_.limits.max_memory_bytes;
  options.cancel = &cancel_;
  return options;
}

Result<ResultTable> Service::Execute(const query::PreparedStatement& statement,
                                     const query::QueryOptions& options) {
  if (!statement.writes()) return statement.Execute(store_, options);
  std::lock_guard<std::timed_mutex> lock(writer_);
  return statement.Execute(store_, options);
}

std::unique_lock<std::timed_mutex> Service::LockWriter(double wait_seconds) {
  if (wait_seconds <= 0) return std::unique_lock<std::timed_mutex>(writer_);
  return std::unique_lock<std::timed_mutex>(
      writer_, std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                   std::chrono::duration<double>(wait_seconds)));
}

Status Service::NameLimit(const Status& status) const { return NameServerLimit(status, limits()); }

Result<ResultTable> Service::Query(std::string_view token, std::string_view text,
                                   const ValueMap& params, std::optional<ApiError>* denied,
                                   std::optional<Date> as_of) {
  *denied = AuthorizeRead(token);
  if (denied->has_value()) return Status::Internal((*denied)->message);
  query::QueryOptions options = QueryOptionsFor(params, as_of);
  KG_ASSIGN_OR_RETURN(query::PreparedStatement statement,
                      query::PreparedStatement::Prepare(text, options));
  if (statement.writes()) {
    *denied = Authorize(token, true);
    if (denied->has_value()) return Status::Internal((*denied)->message);
  }
  Result<ResultTable> table = Execute(statement, options);
  if (!table.ok()) return NameServerLimit(table.status(), limits());
  return table;
}

Result<std::string> Service::Render(std::string_view text, const ValueMap& params,
                                    std::string_view format, std::optional<Date> as_of) {
#ifdef KG_SERVER_HAVE_VIZ
  viz::RenderOptions options;
  KG_ASSIGN_OR_RETURN(options.format, viz::ParseFormat(format));
  options.as_of = as_of;
  query::QueryOptions query_options = QueryOptionsFor(params, as_of);
  KG_ASSIGN_OR_RETURN(query::PreparedStatement statement,
                      query::PreparedStatement::Prepare(text, query_options));
  if (statement.writes())
    return Status::InvalidArgument("render takes a read-only query; use POST /v1/query to write");
  Result<ResultTable> table = statement.Execute(store_, query_options);
  if (!table.ok()) return NameServerLimit(table.status(), limits());
  KG_ASSIGN_OR_RETURN(Subgraph graph, query::ResultSubgraph(store_, *table));
  if (graph.empty())
    return Status::InvalidArgument("the query returned no nodes or relationships to draw");
  for (const auto& type : store_.ontology().relation_types())
    if (type.symmetric) options.symmetric_types.insert(type.name);
  KG_ASSIGN_OR_RETURN(viz::Rendering rendering, viz::Render(graph, options));
  return std::move(rendering.data);
#else
  (void)text, (void)params, (void)format, (void)as_of;
  return Status::NotSupported("this kg was built without the diagram module (viz)");
#endif
}

Result<std::string> Service::EntityJson(std::string_view name) {
  auto txn = store_.BeginRead();
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, txn->FindByName(name));
  if (ids.empty())
    return Status::NotFound("no entity is named or aliased '" + std::string(name) + "'");
  std::string out = "{\"entities\":[";
  for (size_t i = 0; i < ids.size(); ++i) {
    KG_ASSIGN_OR_RETURN(Entity e, txn->GetEntity(ids[i]));
    if (i > 0) out.append(",");
    out.append("{\"node\":");
    AppendJson(Value(std::make_shared<const Entity>(std::move(e))), &out);
    out.append(",");
    AppendEntityRelations(*txn, ids[i], options_.limits.max_rows, &out);
    out.append("}");
  }
  out.append("]}");
  return out;
}

Result<std::string> Service::StatsJson() const {
  KG_ASSIGN_OR_RETURN(storage::StoreStats s, store_.Stats());
  std::string out = "{\"entities\":" + std::to_string(s.entities) +
                    ",\"relations\":" + std::to_string(s.relations) + ",\"ontology\":";
  AppendJsonString(s.ontology, &out);
  auto append_counts = [&out](const char* key, const auto& counts) {
    out.append(",\"").append(key).append("\":{");
    for (size_t i = 0; i < counts.size(); ++i) {
      if (i > 0) out.append(",");
      AppendJsonString(counts[i].first, &out);
      out.append(":").append(std::to_string(counts[i].second));
    }
    out.append("}");
  };
  append_counts("entities_by_label", s.entities_by_label);
  append_counts("relations_by_type", s.relations_by_type);
  out.append("}");
  return out;
}

std::string_view DiagramMediaType(std::string_view format) {
  if (format == "svg") return "image/svg+xml";
  if (format == "png") return "image/png";
  if (format == "pdf") return "application/pdf";
  return "text/vnd.graphviz";
}

Result<ValueMap> ParseParams(std::string_view json) {
  if (json.empty()) return ValueMap{};
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return Status::InvalidArgument("params: " + parsed.status().message());
  if (!parsed->is_map()) return Status::InvalidArgument("params must be a JSON object");
  return parsed->as_map();
}

Result<std::optional<Date>> ParseAsOf(std::string_view text) {
  if (text.empty()) return std::optional<Date>();
  Result<Date> day = Date::Parse(text);
  if (!day.ok()) return day.status().WithPrefix("as_of");
  return std::optional<Date>(*day);
}

}  // namespace kg::server::internal
