// Entity and relation records <-> Cap'n Proto bytes (schema/records.capnp).
// This file is the one adapter around Cap'n Proto's throwing reader: every
// kj::Exception becomes Corruption, and a record either decodes completely
// or not at all.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/entity.h"
#include "core/relation.h"
#include "core/relation_clock.h"
#include "core/result.h"

namespace kg::storage::internal {

// Properties must be storable (Value::IsStorable); the store checks that
// through the ontology before encoding. Keys are written in sorted order.
// `import_id`: the CSV `:ID` the entity was imported with ("" for none).
// An entity record is its plain message; a relation record its message in
// Cap'n Proto's packed encoding (packed_record.h).
std::string EncodeEntity(const Entity& entity, std::string_view import_id = {});
std::string EncodeRelation(const Relation& relation);
// The plain messages, appended to `out` (the importer gathers many records
// in one buffer, and packs each relation's as it writes it).
void AppendEntity(const Entity& entity, std::string* out, std::string_view import_id = {});
void AppendRelation(const Relation& relation, std::string* out);
// A property by reference: its key and value.
struct PropertyRef {
  std::string_view key;
  const Value* value;
};
// The bytes AppendRelation appends for the relation {id, type, start, end}
// whose properties are `props` (sorted by key, no key twice), made without
// a Relation (the bulk importer's rows keep their values by column).
void AppendRelation(uint64_t id, uint64_t start, uint64_t end, std::string_view type,
                    std::span<const PropertyRef> props, std::string* out);
// The same bytes made by Cap'n Proto's MessageBuilder (the encoders above
// write small records directly); for tests.
std::string EncodeEntityWithBuilder(const Entity& entity, std::string_view import_id = {});
std::string EncodeRelationWithBuilder(const Relation& relation);

// Corruption when the bytes are not a well-formed record of that kind,
// plain or packed.
Result<Entity> DecodeEntity(std::string_view bytes);
// The entity record's import id ("" when it has none), nothing else decoded.
Result<std::string> DecodeImportId(std::string_view bytes);
Result<Relation> DecodeRelation(std::string_view bytes);
// Only the relation's id and what RelationFilter reads, decoding no other
// property (the clock of every edge a filtered traversal follows); equals
// RelationClock::Of(*DecodeRelation(bytes)) for a well-formed record.
Result<RelationClock> DecodeRelationClock(std::string_view bytes, RelationId* id);

}  // namespace kg::storage::internal
