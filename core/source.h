// A source record: the document relations come from (see storage/sources.h
// for how it is stored, docs/storage.md "Sources"). A plain value type in
// core, so the session layer and its fronts can name it without a storage
// header.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kg {

struct SourceRecord {
  std::string id;     // what relations' `source` holds, e.g. "000_4fb6684bd204918f.txt"
  std::string title;  // "" when the document gives none (likewise below)
  std::string publisher;
  std::string author;
  std::string url;
  std::string published;  // "YYYY", "YYYY-MM" or "YYYY-MM-DD": the precision the text gives
  std::string language;   // BCP 47 tag, e.g. "en"
  std::string sha256;     // lower-case hex of the stored text's bytes
  std::string added_at;   // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string note;

  friend bool operator==(const SourceRecord&, const SourceRecord&) = default;
};

// The record as one JSON object, keys in name order: how it is stored
// (storage/sources.cc, with `note`) and what `kg sources --json` prints
// (without `note`, with the `relations` that name it).
struct SourceJsonOptions {
  bool note = true;
  std::optional<uint64_t> relations;
};
std::string SourceRecordJson(const SourceRecord& record, const SourceJsonOptions& options = {});

// What a diagram footer or `kg get` shows for a source.
struct SourceLabel {
  std::string title;
  std::string publisher;
};

}  // namespace kg
