// Key layouts of the kg store's column families and the case folding of the
// name index. Every id is a fixed-width big-endian integer so that keys sort
// numerically; see docs/storage.md for the full layout.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/relation.h"

namespace kg::storage::internal {

// Column family names, in the order the store opens them (index = CfIndex).
enum CfIndex : int {
  kCfDefault = 0,  // unused; RocksDB requires it
  kCfEntities,     // id(8) -> EntityRecord
  kCfRelations,    // id(8) -> RelationRecord
  kCfOut,          // start(8) type(4) end(8) rel(8) -> the relation's clock
  kCfIn,           // end(8) type(4) start(8) rel(8) -> the relation's clock
  kCfNames,        // folded name or alias | 0x00 | id(8) -> ""
  kCfLabels,       // label_id(4) | id(8) -> ""
  kCfMeta,         // see the meta keys below
  kCfCount,
};
const char* CfName(int cf);

// The on-disk format this build writes. Version 2 keeps each relation's
// clock in its adjacency values (adj_clock.h); version 3 writes relation
// records in Cap'n Proto's packed encoding (packed_record.h; records
// written before stay plain and read as they are). An older database is
// read as it is and upgraded by the first writable open (1: its values
// filled), so that a kg that knows only an older version refuses a
// database it would misread or not keep up to date.
inline constexpr uint32_t kFormatVersion = 3;
// The first version with clocks in the adjacency values.
inline constexpr uint32_t kAdjacencyClocksFormatVersion = 2;
// The first version with packed relation records.
inline constexpr uint32_t kPackedRelationsFormatVersion = 3;
// The oldest format this build reads.
inline constexpr uint32_t kOldestFormatVersion = 1;

// Meta keys.
inline constexpr std::string_view kMetaFormatVersion = "format_version";    // u32
inline constexpr std::string_view kMetaOntology = "ontology";               // JSON text
inline constexpr std::string_view kMetaNextEntity = "next/entity";          // u64
inline constexpr std::string_view kMetaNextRelation = "next/relation";      // u64
inline constexpr std::string_view kMetaLabelDict = "dict/label/";           // + name -> u32 id
inline constexpr std::string_view kMetaTypeDict = "dict/type/";             // + name -> u32 id
inline constexpr std::string_view kMetaCountEntities = "count/entities";    // u64
inline constexpr std::string_view kMetaCountRelations = "count/relations";  // u64
inline constexpr std::string_view kMetaCountLabel = "count/label/";         // + name -> u64
inline constexpr std::string_view kMetaCountType = "count/type/";           // + name -> u64

// Every property key ever written (entities and relations): + name -> u32
// id; and the marker saying that those entries cover the whole database
// (absent in one written before kg kept them): "". See
// storage/internal/property_keys.h.
inline constexpr std::string_view kMetaPropDict = "dict/prop/";
inline constexpr std::string_view kMetaPropDictComplete = "dict/prop-complete";

// Present (value "") when every adjacency value holds its relation's clock
// (storage/internal/adj_clock.h), with format version 2; absent in a
// version-1 database.
inline constexpr std::string_view kMetaAdjacencyClocks = "adjacency-clocks";

// The first id handed out; 0 is never a valid entity or relation id.
inline constexpr uint64_t kFirstId = 1;

void PutU32(std::string* out, uint32_t v);
void PutU64(std::string* out, uint64_t v);
// Big-endian, so that keys sort as their numbers. Inline, as one store or
// load and a byte swap: the import writes three of these for every
// adjacency entry, and the byte loop called out of line was ~5% of writing
// the adjacency files; a traversal decodes three per entry it scans.
inline void WriteU32(char* out, uint32_t v) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
  std::memcpy(out, &v, sizeof v);
}
inline void WriteU64(char* out, uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  std::memcpy(out, &v, sizeof v);
}
inline uint32_t ReadU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return std::endian::native == std::endian::little ? __builtin_bswap32(v) : v;
}
inline uint64_t ReadU64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}

std::string U32Value(uint32_t v);
std::string U64Value(uint64_t v);

// An entity or relation record key.
std::string IdKey(uint64_t id);

// Adjacency keys, identical in layout for both directions.
inline constexpr size_t kAdjKeySize = 28;
struct AdjKey {
  uint64_t node = 0;   // the node the entry belongs to
  uint32_t type = 0;   // relation type id
  uint64_t other = 0;  // the neighbour
  uint64_t relation = 0;
};
std::string EncodeAdjKey(const AdjKey& k);
void EncodeAdjKey(const AdjKey& k, char* out);  // writes kAdjKeySize bytes
// False when `key` is not kAdjKeySize bytes long.
bool DecodeAdjKey(std::string_view key, AdjKey* k);
std::string AdjPrefix(uint64_t node);
std::string AdjPrefix(uint64_t node, uint32_t type);

// Label index.
inline constexpr size_t kLabelKeySize = 12;
std::string LabelKey(uint32_t label, uint64_t id);
std::string LabelPrefix(uint32_t label);

// Name index: FoldCase(text) | 0x00 | id(8).
std::string NameKey(std::string_view text, uint64_t id);
std::string NamePrefix(std::string_view text);
// Splits a name key; false when malformed.
bool DecodeNameKey(std::string_view key, std::string_view* folded, uint64_t* id);

// The distinct folded texts under which an entity is indexed by name: its
// `name` and each alias, empty ones skipped, sorted.
std::vector<std::string> FoldedNames(const Entity& entity);

// Simple case folding of UTF-8 text: ASCII, Latin-1 Supplement, Latin
// Extended-A (pairs), Greek and Cyrillic letters map to lower case. Invalid
// UTF-8 bytes pass through unchanged.
std::string FoldCase(std::string_view text);

// The smallest key greater than every key starting with `prefix` ("" when
// none exists, i.e. the prefix is all 0xff).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace kg::storage::internal
