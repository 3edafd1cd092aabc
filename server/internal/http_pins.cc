// Parsing ?pins=, ?root= and ?ids= of GET /v1/render (see http_pins.h).
#include "server/internal/http_pins.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/internal/http_params.h"

namespace kg::server::internal {
namespace {

bool ParseId(std::string_view text, EntityId* id) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *id);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

// A finite decimal number (no hex, no inf/nan) within the coordinate bound.
bool ParseCoordinate(std::string_view text, double* v) {
  if (text.empty() || text.size() > 32) return false;
  for (char c : text)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' ||
          c == 'e' || c == 'E'))
      return false;
  std::string copy(text);
  char* end = nullptr;
  *v = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(*v) &&
         std::fabs(*v) <= viz::kMaxPinCoordinate;
}

Status BadPin(size_t index, std::string_view item, std::string_view why) {
  return Status::InvalidArgument("pins: item " + std::to_string(index) + " '" + std::string(item) +
                                 "' " + std::string(why));
}

}  // namespace

Result<std::map<EntityId, viz::PinPosition>> PinsParam(const HttpRequest& req) {
  std::map<EntityId, viz::PinPosition> pins;
  const std::string* value = req.Param("pins");
  if (value == nullptr) return pins;
  std::string_view rest = *value;
  size_t index = 0;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    ++index;
    if (index > kMaxPins)
      return Status::InvalidArgument("pins: more than " + std::to_string(kMaxPins) + " items");
    size_t first = item.find(':');
    size_t second = first == std::string_view::npos ? first : item.find(':', first + 1);
    EntityId id = 0;
    viz::PinPosition at;
    if (second == std::string_view::npos || !ParseId(item.substr(0, first), &id))
      return BadPin(index, item, "must be ID:X:Y (an entity id, then x and y in points)");
    if (!ParseCoordinate(item.substr(first + 1, second - first - 1), &at.x) ||
        !ParseCoordinate(item.substr(second + 1), &at.y))
      return BadPin(index, item,
                    "has a coordinate that is not a finite number of points within ±1000000");
    if (!pins.emplace(id, at).second) return BadPin(index, item, "pins entity again");
  }
  if (pins.empty()) return Status::InvalidArgument("pins: give at least one ID:X:Y");
  return pins;
}

Result<std::optional<EntityId>> IdParam(const HttpRequest& req, std::string_view name) {
  const std::string* value = req.Param(name);
  if (value == nullptr) return std::optional<EntityId>();
  EntityId id = 0;
  if (!ParseId(*value, &id))
    return Status::InvalidArgument(std::string(name) +
                                   " must be an entity id (a whole number), got '" + *value + "'");
  return std::optional<EntityId>(id);
}

Result<std::optional<EntityId>> RootParam(const HttpRequest& req) { return IdParam(req, "root"); }

Result<std::vector<EntityId>> IdsParam(const std::string& value) {
  std::vector<EntityId> ids;
  std::string_view rest = value;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (ids.size() == viz::kMaxNodes)
      return Status::InvalidArgument("ids: more than " + std::to_string(viz::kMaxNodes) +
                                     " entities, more than a drawing holds");
    EntityId id = 0;
    if (!ParseId(item, &id))
      return Status::InvalidArgument("ids: item " + std::to_string(ids.size() + 1) + " '" +
                                     std::string(item) + "' is not an entity id (a whole number)");
    ids.push_back(id);
  }
  if (ids.empty()) return Status::InvalidArgument("ids: give at least one entity id");
  return ids;
}

}  // namespace kg::server::internal
