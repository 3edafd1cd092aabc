// The parameter tables of the HTTP endpoints and their typed readers (see
// http_params.h).
#include "server/internal/http_params.h"

#include <charconv>
#include <cstdlib>
#include <set>
#include <sstream>

namespace kg::server::internal {
namespace {

std::vector<std::string_view> Concat(std::vector<std::string_view> head,
                                     const std::vector<std::string_view>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

std::string Listing(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) out.append(out.empty() ? "" : ", ").append(n);
  return out;
}

Status Bad(std::string_view name, const std::string& value, std::string_view expected) {
  return Status::InvalidArgument(std::string(name) + " must be " + std::string(expected) +
                                 ", got '" + value + "'");
}

}  // namespace

const std::vector<std::string_view> kScopeParams = {"valid_at", "known_at", "as_of",
                                                    "min_confidence"};
const std::vector<std::string_view> kDrawParams = Concat(
    {"format", "layout", "rankdir", "title", "no_legend", "no_merge", "size_by"}, kScopeParams);

const ParamTable kRenderParams = {"GET /v1/render",
                                  Concat(Concat({"query", "params"}, kDrawParams),
                                         {"diff_from", "diff_to", "pins", "root", "ids"})};
const ParamTable kRenderDeltaParams = {
    "GET /v1/render/delta",
    Concat({"ids", "pins", "focus", "redraw_pinned", "no_legend", "no_merge", "size_by"},
           kScopeParams)};
const ParamTable kEgoParams = {
    "GET /v1/ego", Concat({"name", "depth", "types", "max_nodes", "cross_edges"}, kDrawParams)};
const ParamTable kAnalyzeParams = {
    "GET /v1/analyze", Concat({"algorithm", "labels", "types", "top", "direction", "directed",
                               "raw", "damping", "iterations", "seed", "from", "to", "weight"},
                              kScopeParams)};
const ParamTable kPathParams = {
    "GET /v1/path", Concat({"from", "to", "labels", "types", "weight", "directed"}, kScopeParams)};
const ParamTable kExportParams = {"GET /v1/export",
                                  Concat({"format", "query", "params"}, kScopeParams)};
const ParamTable kSuggestParams = {"GET /v1/suggest", {"q", "limit"}};
// Timelines and diffs span valid time: no valid_at (as_of counts as known_at).
const ParamTable kTimelineParams = {"GET /v1/timeline",
                                    {"name", "types", "from", "to", "format", "title", "no_legend",
                                     "known_at", "as_of", "min_confidence"}};
const ParamTable kDiffParams = {
    "GET /v1/diff", {"from", "to", "name", "types", "known_at", "as_of", "min_confidence"}};

ParamTable NoParams(std::string_view endpoint) { return ParamTable{endpoint, {}}; }

std::optional<ApiError> CheckParams(const HttpRequest& req, const ParamTable& table) {
  std::set<std::string_view> seen;
  for (const auto& [name, value] : req.query) {
    bool known = false;
    for (std::string_view accepted : table.names) known = known || accepted == name;
    std::string where = "parameter '" + name + "' of " + std::string(table.endpoint);
    if (!known && table.names.empty())
      return ApiError{400, "BadRequest", "unknown " + where + ", which takes no parameters"};
    if (!known)
      return ApiError{400, "BadRequest",
                      "unknown " + where + "; accepted: " + Listing(table.names)};
    if (!seen.insert(name).second)
      return ApiError{400, "BadRequest", where + " is given twice; give it once"};
  }
  return std::nullopt;
}

Result<session::Scope> ScopeParams(const HttpRequest& req) {
  session::Scope scope;
  KG_ASSIGN_OR_RETURN(scope.valid_at, session::ParseDay(TextParam(req, "valid_at"), "valid_at"));
  KG_ASSIGN_OR_RETURN(scope.known_at, session::ParseDay(TextParam(req, "known_at"), "known_at"));
  KG_ASSIGN_OR_RETURN(scope.as_of, session::ParseDay(TextParam(req, "as_of"), "as_of"));
  if (req.Param("min_confidence") != nullptr) {
    KG_ASSIGN_OR_RETURN(double floor, NumberParam(req, "min_confidence", 1.0));
    scope.min_confidence = floor;
  }
  KG_RETURN_IF_ERROR(scope.Filter().status());
  return scope;
}

Result<bool> FlagParam(const HttpRequest& req, std::string_view name, bool fallback) {
  const std::string* value = req.Param(name);
  if (value == nullptr) return fallback;
  if (value->empty() || *value == "true" || *value == "1") return true;
  if (*value == "false" || *value == "0") return false;
  return Bad(name, *value, "true, false, 1 or 0");
}

Result<int64_t> IntParam(const HttpRequest& req, std::string_view name, int64_t fallback,
                         int64_t min, int64_t max) {
  const std::string* value = req.Param(name);
  if (value == nullptr) return fallback;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (ec != std::errc() || end != value->data() + value->size() || n < min || n > max)
    return Bad(name, *value, range);
  return n;
}

Result<double> NumberParam(const HttpRequest& req, std::string_view name, double fallback) {
  const std::string* value = req.Param(name);
  if (value == nullptr) return fallback;
  std::istringstream in(*value);
  double n = 0;
  char extra = 0;
  if (value->empty() || !(in >> n) || (in >> extra)) return Bad(name, *value, "a number");
  return n;
}

std::vector<std::string> ListParam(const HttpRequest& req, std::string_view name) {
  const std::string* value = req.Param(name);
  return value == nullptr ? std::vector<std::string>() : session::SplitNames(*value);
}

std::string TextParam(const HttpRequest& req, std::string_view name, std::string fallback) {
  const std::string* value = req.Param(name);
  return value != nullptr ? *value : std::move(fallback);
}

}  // namespace kg::server::internal
