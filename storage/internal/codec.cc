// Cap'n Proto codec of stored records (see codec.h).
#include "storage/internal/codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>
#include <kj/io.h>

#include <cstring>
#include <utility>

#include "schema/records.capnp.h"

namespace kg::storage::internal {
namespace {

namespace cp = ::kg::schema::capnp;

// Most records fit in this many words; larger ones spill to the heap.
constexpr size_t kScratchWords = 128;

void SetValue(const Value& v, cp::PropertyValue::Builder b) {
  switch (v.type()) {
    case Value::Type::kBool:
      b.setBool(v.as_bool());
      return;
    case Value::Type::kInt:
      b.setInt(v.as_int());
      return;
    case Value::Type::kDouble:
      b.setDouble(v.as_double());
      return;
    case Value::Type::kString:
      b.setText(capnp::Text::Reader(v.as_string().data(), v.as_string().size()));
      return;
    case Value::Type::kDate:
      b.setDate(v.as_date().days());
      return;
    case Value::Type::kList: {
      const ValueList& items = v.as_list();
      auto list = b.initList(static_cast<unsigned>(items.size()));
      for (unsigned i = 0; i < items.size(); ++i) SetValue(items[i], list[i]);
      return;
    }
    default:  // null and non-storable values (refused earlier by the ontology)
      b.setNull();
      return;
  }
}

void SetProperties(const PropertyMap& props, capnp::List<cp::Property>::Builder list) {
  unsigned i = 0;
  for (const auto& [key, value] : props) {
    list[i].setKey(capnp::Text::Reader(key.data(), key.size()));
    SetValue(value, list[i].initValue());
    ++i;
  }
}

// Serialises straight into the returned string (one allocation).
std::string ToBytes(capnp::MessageBuilder& message) {
  size_t words = capnp::computeSerializedSizeInWords(message);
  std::string out(words * sizeof(capnp::word), '\0');
  kj::ArrayOutputStream stream(kj::arrayPtr(reinterpret_cast<kj::byte*>(out.data()), out.size()));
  capnp::writeMessage(stream, message);
  return out;
}

std::string TextOf(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

Result<Value> GetValue(cp::PropertyValue::Reader r) {
  switch (r.which()) {
    case cp::PropertyValue::NULL_:
      return Value();
    case cp::PropertyValue::BOOL:
      return Value(r.getBool());
    case cp::PropertyValue::INT:
      return Value(static_cast<int64_t>(r.getInt()));
    case cp::PropertyValue::DOUBLE:
      return Value(r.getDouble());
    case cp::PropertyValue::TEXT:
      return Value(TextOf(r.getText()));
    case cp::PropertyValue::DATE:
      return Value(Date(r.getDate()));
    case cp::PropertyValue::LIST: {
      ValueList items;
      for (auto item : r.getList()) {
        KG_ASSIGN_OR_RETURN(Value v, GetValue(item));
        items.push_back(std::move(v));
      }
      return Value(std::move(items));
    }
  }
  return Status::Corruption("unknown property value kind " + std::to_string(r.which()));
}

Result<PropertyMap> GetProperties(capnp::List<cp::Property>::Reader list) {
  PropertyMap props;
  for (auto p : list) {
    KG_ASSIGN_OR_RETURN(Value v, GetValue(p.getValue()));
    props.emplace(TextOf(p.getKey()), std::move(v));
  }
  return props;
}

Result<Entity> ReadEntity(capnp::MessageReader& message) {
  auto r = message.getRoot<cp::EntityRecord>();
  Entity e;
  e.id = r.getId();
  for (auto label : r.getLabels()) e.labels.push_back(TextOf(label));
  KG_ASSIGN_OR_RETURN(e.properties, GetProperties(r.getProperties()));
  return e;
}

Result<Relation> ReadRelation(capnp::MessageReader& message) {
  auto r = message.getRoot<cp::RelationRecord>();
  Relation rel;
  rel.id = r.getId();
  rel.type = TextOf(r.getType());
  rel.start = r.getStart();
  rel.end = r.getEnd();
  KG_ASSIGN_OR_RETURN(rel.properties, GetProperties(r.getProperties()));
  return rel;
}

// Copies the bytes into word-aligned memory and runs `read` on the message,
// turning every Cap'n Proto exception into Corruption.
template <typename T, typename Fn>
Result<T> Decode(std::string_view bytes, const char* what, Fn read) {
  if (bytes.empty() || bytes.size() % sizeof(capnp::word) != 0)
    return Status::Corruption(std::string(what) + " record has a bad size (" +
                              std::to_string(bytes.size()) + " bytes)");
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.begin(), bytes.data(), bytes.size());
  try {
    capnp::FlatArrayMessageReader message(words.asPtr());
    Result<T> result = read(message);
    if (!result.ok()) return result.status().WithPrefix(std::string(what) + " record");
    return result;
  } catch (const kj::Exception& e) {
    return Status::Corruption(std::string(what) +
                              " record does not decode: " + e.getDescription().cStr());
  }
}

}  // namespace

std::string EncodeEntity(const Entity& e) {
  capnp::word scratch[kScratchWords] = {};  // first segment on the stack
  capnp::MallocMessageBuilder message(kj::arrayPtr(scratch, kScratchWords));
  auto r = message.initRoot<cp::EntityRecord>();
  r.setId(e.id);
  auto labels = r.initLabels(static_cast<unsigned>(e.labels.size()));
  for (unsigned i = 0; i < e.labels.size(); ++i)
    labels.set(i, capnp::Text::Reader(e.labels[i].data(), e.labels[i].size()));
  SetProperties(e.properties, r.initProperties(static_cast<unsigned>(e.properties.size())));
  return ToBytes(message);
}

std::string EncodeRelation(const Relation& rel) {
  capnp::word scratch[kScratchWords] = {};
  capnp::MallocMessageBuilder message(kj::arrayPtr(scratch, kScratchWords));
  auto r = message.initRoot<cp::RelationRecord>();
  r.setId(rel.id);
  r.setType(capnp::Text::Reader(rel.type.data(), rel.type.size()));
  r.setStart(rel.start);
  r.setEnd(rel.end);
  SetProperties(rel.properties, r.initProperties(static_cast<unsigned>(rel.properties.size())));
  return ToBytes(message);
}

Result<Entity> DecodeEntity(std::string_view bytes) {
  return Decode<Entity>(bytes, "entity", ReadEntity);
}

Result<Relation> DecodeRelation(std::string_view bytes) {
  return Decode<Relation>(bytes, "relation", ReadRelation);
}

}  // namespace kg::storage::internal
