// Fuzz target: the record decoder (storage/internal/codec.h). A damaged
// database hands arbitrary bytes to DecodeEntity/DecodeRelation; they must
// return a record or Corruption, never crash, hang or read out of bounds.
// The first byte picks the record kind ('r': relation, else entity). A
// record that decodes must encode to bytes that decode to the same record.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "storage/internal/codec.h"

namespace si = kg::storage::internal;

namespace {

void CheckEntity(std::string_view bytes) {
  kg::Result<kg::Entity> entity = si::DecodeEntity(bytes);
  if (!entity.ok()) return;
  std::string once = si::EncodeEntity(*entity);
  kg::Result<kg::Entity> again = si::DecodeEntity(once);
  if (!again.ok() || si::EncodeEntity(*again) != once) std::abort();
}

void CheckRelation(std::string_view bytes) {
  kg::Result<kg::Relation> relation = si::DecodeRelation(bytes);
  if (!relation.ok()) return;
  std::string once = si::EncodeRelation(*relation);
  kg::Result<kg::Relation> again = si::DecodeRelation(once);
  if (!again.ok() || si::EncodeRelation(*again) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 'r')
    CheckRelation(bytes);
  else
    CheckEntity(bytes);
  return 0;
}
