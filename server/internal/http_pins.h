// The `pins`, `root` and `ids` parameters of GET /v1/render: the
// explorer's "pin the layout" (nodes kept where the previous drawing put
// them), the centre of a radial (twopi) drawing, and the view drawn
// without a statement. Parsed here; viz::Render checks that
// the ids are drawn and the layout can keep positions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/entity.h"
#include "core/result.h"
#include "server/internal/http_wire.h"
#include "viz/render.h"

namespace kg::server::internal {

// At most this many pins in one request (more than viz::kMaxNodes could
// never all be drawn).
inline constexpr size_t kMaxPins = viz::kMaxNodes;

// ?pins=ID:X:Y,ID:X:Y,... (entity id, then x and y in points as
// RenderOptions::pins has them). An empty map when absent; InvalidArgument
// "pins: ..." naming the item when one is malformed, repeats an id, has a
// coordinate that is not a finite number within viz::kMaxPinCoordinate, or
// there are more than kMaxPins.
Result<std::map<EntityId, viz::PinPosition>> PinsParam(const HttpRequest& req);

// ?NAME=ID: nullopt when absent; InvalidArgument "NAME must be an entity
// id ..." when not an entity id.
Result<std::optional<EntityId>> IdParam(const HttpRequest& req, std::string_view name);

// ?root=ID: nullopt when absent; InvalidArgument when not an entity id.
Result<std::optional<EntityId>> RootParam(const HttpRequest& req);

// ?ids=ID,ID,... (the value of the parameter): the entity ids in order,
// repeats kept. InvalidArgument "ids: ..." naming the item when one is not
// a whole number, for none, or for more than viz::kMaxNodes.
Result<std::vector<EntityId>> IdsParam(const std::string& value);

}  // namespace kg::server::internal
