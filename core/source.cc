// A source record as JSON (core/source.h).
#include "core/source.h"

#include <nlohmann/json.hpp>

namespace kg {

std::string SourceRecordJson(const SourceRecord& r, const SourceJsonOptions& options) {
  nlohmann::json j = {{"id", r.id},
                      {"title", r.title},
                      {"publisher", r.publisher},
                      {"author", r.author},
                      {"url", r.url},
                      {"published", r.published},
                      {"language", r.language},
                      {"sha256", r.sha256},
                      {"added_at", r.added_at}};
  if (options.note) j["note"] = r.note;
  if (options.relations) j["relations"] = *options.relations;
  return j.dump();
}

}  // namespace kg
