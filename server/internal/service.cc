// Service: the server's limits and token over the session layer, and the
// JSON of entity lookups and stats.
#include "server/internal/service.h"

#include <chrono>
#include <sstream>
#include <utility>

#include "core/json.h"

namespace kg::server::internal {
namespace {

// The session states its limits neutrally ("more than N result rows (the
// limit)"); a client of the server is also told which flag of `kg serve`
// sets the limit it hit.
Status NameServerLimit(const Status& status, const Limits& limits) {
  const std::string& cls = status.error_class();
  std::string hint;
  if (cls == "Timeout") {
    std::ostringstream seconds;
    seconds << limits.query_timeout_seconds;
    hint = "; the server's limit is --timeout " + seconds.str();
  } else if (cls == "LimitExceeded" &&
             status.message().find(" result rows ") != std::string::npos) {
    hint = "; the server's limit is --max-rows " + std::to_string(limits.max_rows);
  } else if (cls == "MemoryLimitExceeded") {
    hint = "; the server's limit is --max-memory " + std::to_string(limits.max_memory_bytes);
  }
  if (hint.empty()) return status;
  return Status(status.code(), status.message() + hint)
      .WithClass(cls)
      .WithPosition(status.position());
}

bool IsDenial(const Status& status) {
  return status.error_class() == "Unauthorized" || status.error_class() == "Forbidden";
}

std::optional<ApiError> Denial(const Status& status) {
  if (status.ok()) return std::nullopt;
  return ToApiError(status);
}

session::AccessPolicy PolicyFor(const ServerOptions& options) {
  session::AccessPolicy policy;
  policy.enforce = true;
  policy.token = options.token;
  policy.auth_reads = options.auth_reads;
  policy.read_only = options.read_only;
  return policy;
}

void AppendNeighbour(const session::Neighbour& n, std::string* out) {
  out->append("{\"direction\":");
  out->append(n.outgoing ? "\"out\"" : "\"in\"");
  out->append(",\"relationship\":");
  AppendJson(Value(std::make_shared<const Relation>(n.relation)), out);
  out->append(",\"other\":");
  AppendJson(Value(std::make_shared<const Entity>(*n.other)), out);
  out->append("}");
}

}  // namespace

Service::Service(session::Session& session, const ServerOptions& options)
    : session_(session), options_(options) {
  session_.set_access_policy(PolicyFor(options));
}

std::optional<ApiError> Service::AuthorizeRead(std::string_view token) const {
  return Denial(session_.Authorize(token, /*write=*/false));
}

std::optional<ApiError> Service::Authorize(std::string_view token, bool write) const {
  return Denial(session_.Authorize(token, write));
}

session::CallOptions Service::CallOptionsFor(std::string_view token, const ValueMap& params,
                                             const session::Scope& scope) const {
  session::CallOptions options;
  options.parameters = params;
  options.scope = scope;
  options.token = std::string(token);
  options.timeout_seconds = options_.limits.query_timeout_seconds;
  options.max_rows = options_.limits.max_rows;
  options.max_memory_bytes = options_.limits.max_memory_bytes;
  options.cancel = &cancel_;
  options.strict = options_.strict;
  return options;
}

Status Service::NameLimit(const Status& status) const { return NameServerLimit(status, limits()); }

Result<session::QueryResult> Service::Query(std::string_view token, std::string_view text,
                                            const ValueMap& params, std::optional<ApiError>* denied,
                                            const session::Scope& scope,
                                            std::optional<bool> strict) {
  *denied = std::nullopt;
  session::CallOptions options = CallOptionsFor(token, params, scope);
  if (strict.has_value()) options.strict = *strict;
  Result<session::QueryResult> result = session_.Run(text, options);
  if (result.ok()) return result;
  if (IsDenial(result.status())) {
    *denied = ToApiError(result.status());
    return Status::Internal((*denied)->message);
  }
  return NameServerLimit(result.status(), limits());
}

Result<std::string> Service::Render(std::string_view token, std::string_view text,
                                    const ValueMap& params, std::string_view format) {
  session::DrawRequest request;
  KG_ASSIGN_OR_RETURN(request.render.format, viz::ParseFormat(format));
  KG_ASSIGN_OR_RETURN(session::Drawing drawing,
                      Render(token, text, params, std::move(request), session::Scope{}));
  return std::move(drawing.rendering.data);
}

Result<session::Drawing> Service::Render(std::string_view token, std::string_view text,
                                         const ValueMap& params, session::DrawRequest request,
                                         const session::Scope& scope) {
  request.output.clear();  // the server never writes files
  session::CallOptions options = CallOptionsFor(token, params, scope);
  options.read_only_reason = "render takes a read-only query; use POST /v1/query to write";
  Result<session::Drawing> drawing = session_.Render(text, options, request);
  if (!drawing.ok()) return NameServerLimit(drawing.status(), limits());
  return drawing;
}

Result<session::Drawing> Service::RenderView(std::string_view token,
                                             const std::vector<EntityId>& ids,
                                             session::DrawRequest request,
                                             const session::Scope& scope) {
  request.output.clear();  // the server never writes files
  session::CallOptions options = CallOptionsFor(token, {}, scope);
  Result<session::Drawing> drawing = session_.RenderView(ids, options, request);
  if (!drawing.ok()) return NameServerLimit(drawing.status(), limits());
  return drawing;
}

Result<std::string> Service::Ego(std::string_view token, const session::EgoRequest& ego,
                                 const session::DrawRequest& draw) {
  KG_RETURN_IF_ERROR(session_.Authorize(token, /*write=*/false));
  session::DrawRequest request = draw;
  request.output.clear();  // the server never writes files
  Result<session::Drawing> drawing = session_.RenderEgo(ego, request);
  if (!drawing.ok()) return drawing.status();
  return std::move(drawing->rendering.data);
}

Result<ResultTable> Service::Analyze(std::string_view token, session::AnalyzeRequest request) {
  KG_RETURN_IF_ERROR(session_.Authorize(token, /*write=*/false));
  request.write.reset();  // a read: scores are never stored from here
  double timeout = options_.limits.query_timeout_seconds;
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(timeout));
  request.options.interrupt = [this, timeout, deadline]() -> Status {
    if (cancel_.load()) return Status::IOError("the server is stopping").WithClass("Cancelled");
    if (timeout > 0 && std::chrono::steady_clock::now() > deadline)
      return Status::IOError("TimeoutError: the analysis exceeded its time limit and was stopped")
          .WithClass("Timeout");
    return Status::OK();
  };
  Result<session::AnalyzeResult> result = session_.Analyze(request);
  if (!result.ok()) return NameServerLimit(result.status(), limits());
  return std::move(result->table);
}

ApiError Service::NameError(const Status& status, const std::vector<std::string>& names) const {
  ApiError error = ToApiError(status);
  // An unknown type or label, a bad depth: the request's fault, as a bad
  // parameter value is.
  if (status.code() == StatusCode::kInvalidArgument && status.error_class().empty())
    error.code = "BadRequest";
  if (status.code() != StatusCode::kNotFound) return error;
  for (const std::string& name : names) {
    if (name.empty()) continue;
    Result<std::vector<Entity>> found = session_.FindEntities(name, /*prefer_exact=*/false);
    if (found.ok() && found->empty()) {
      error.suggestions = session_.Suggest(name);
      break;
    }
  }
  return error;
}

Result<std::string> Service::EntityJson(std::string_view name) {
  session::LookupLimits lookup;
  lookup.max_relations = options_.limits.max_rows;
  KG_ASSIGN_OR_RETURN(std::vector<session::EntityView> found, session_.Lookup(name, lookup));
  if (found.empty()) return session_.NoSuchEntity(name);
  std::string out = "{\"entities\":[";
  for (size_t i = 0; i < found.size(); ++i) {
    if (i > 0) out.append(",");
    out.append("{\"node\":");
    AppendJson(Value(std::make_shared<const Entity>(found[i].entity)), &out);
    out.append(",\"relations\":[");
    bool first = true;
    for (const session::Neighbour& n : found[i].relations) {
      if (!n.other) continue;  // reported by kg check, not here
      if (!first) out.append(",");
      first = false;
      AppendNeighbour(n, &out);
    }
    out.append("]}");
  }
  out.append("]}");
  return out;
}

Result<std::string> Service::StatsJson() const {
  KG_ASSIGN_OR_RETURN(session::Stats s, session_.GetStats());
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
  // The explorer's suggestion index (docs/explorer.md): kg serve builds it
  // in the background at start and after commits.
  session::SuggestIndexState index = session_.SuggestIndexStatus();
  out.append(",\"suggest_index\":{\"ready\":").append(index.ready ? "true" : "false");
  out.append(",\"sequence\":").append(std::to_string(index.sequence));
  out.append(",\"entries\":").append(std::to_string(index.entries));
  out.append(",\"builds\":").append(std::to_string(index.builds));
  out.append(",\"unsupported\":").append(index.unsupported ? "true" : "false");
  out.append("}");
  // The topology cache (docs/storage.md): its budget, what this graph's
  // copy would take, and what the copy built at start (or later) holds.
  out.append(",\"topology_cache\":{\"budget_bytes\":")
      .append(std::to_string(s.topology_budget_bytes));
  out.append(",\"estimate_bytes\":").append(std::to_string(s.topology_estimate_bytes));
  out.append(",\"held_bytes\":").append(std::to_string(s.topology_held_bytes));
  out.append("}}");
  return out;
}

Result<std::string> Service::DatesJson() const {
  KG_ASSIGN_OR_RETURN(ClockSpan span, session_.DateSpan());
  std::string out = "{";
  auto append_range = [&out](const char* key, const DateRange& range) {
    out.append("\"").append(key).append("\":{\"first\":");
    out.append(range.first ? "\"" + range.first->ToString() + "\"" : "null");
    out.append(",\"last\":");
    out.append(range.last ? "\"" + range.last->ToString() + "\"" : "null");
    // The days they span, for a caller that reads days only (the slider).
    out.append(",\"first_day\":");
    out.append(range.first ? "\"" + range.first->first_day().ToString() + "\"" : "null");
    out.append(",\"last_day\":");
    out.append(range.last ? "\"" + range.last->last_day().ToString() + "\"" : "null");
    out.append("},");
  };
  append_range("valid_from", span.valid_from);
  append_range("valid_to", span.valid_to);
  append_range("said", span.said);
  out.append("\"dated_relations\":").append(std::to_string(span.dated)).append("}");
  return out;
}

std::string_view DiagramMediaType(std::string_view format) {
  if (format == "svg") return "image/svg+xml";
  if (format == "png") return "image/png";
  if (format == "pdf") return "application/pdf";
  if (format == "canvas") return "application/json";
  return "text/vnd.graphviz";
}

}  // namespace kg::server::internal
