// Named time zones ("Europe/Stockholm") from the system tz database
// (/usr/share/zoneinfo, TZif files; $TZDIR overrides). libstdc++ 12 has no
// std::chrono::tzdb, so a small reader does it.
//
// A zone is loaded once and gets a process-wide id (> 0) that a TimeValue
// stores; storage writes the name, never the id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kg {

// The id of the zone of this name, loading it on first use. NotFound when
// the tz database has no such zone, InvalidArgument for a malformed name.
Result<int32_t> FindZone(std::string_view name);
// The name of a zone id from FindZone.
const std::string& ZoneName(int32_t zone);
// The zone's offset from UTC (seconds east) at a UTC instant.
int32_t ZoneOffsetAt(int32_t zone, int64_t utc_seconds);
// The offset for a local date-time (seconds since 1970-01-01T00:00 local),
// as java.time resolves it: in an overlap the earlier offset (or `preferred`
// when it is one of the two), in a gap the offset before it, which moves the
// local time forward by the gap's length when the caller rebuilds it.
int32_t ZoneOffsetForLocal(int32_t zone, int64_t local_seconds, int32_t preferred);

}  // namespace kg
