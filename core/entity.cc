// Typed views of entity and relation properties.
#include "core/entity.h"

#include <algorithm>

#include "core/relation.h"

namespace kg {

const Value* Entity::Find(std::string_view key) const {
  auto it = properties.find(std::string(key));
  return it == properties.end() ? nullptr : &it->second;
}

std::string_view Entity::name() const {
  const Value* v = Find(kNameKey);
  return v != nullptr && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

std::vector<std::string> Entity::aliases() const {
  std::vector<std::string> out;
  const Value* v = Find(kAliasesKey);
  if (v == nullptr) return out;
  if (v->is_string()) {
    out.push_back(v->as_string());
  } else if (v->is_list()) {
    for (const auto& e : v->as_list())
      if (e.is_string()) out.push_back(e.as_string());
  }
  return out;
}

bool Entity::HasLabel(std::string_view label) const {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

const Value* Relation::Find(std::string_view key) const {
  auto it = properties.find(std::string(key));
  return it == properties.end() ? nullptr : &it->second;
}

namespace {
std::optional<double> NumberOf(const Value* v) {
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->as_number();
}
std::optional<Date> DateOf(const Value* v) {
  if (v == nullptr || !v->is_date()) return std::nullopt;
  return v->as_date();
}
}  // namespace

std::optional<double> Relation::stance() const { return NumberOf(Find(kStanceKey)); }
std::optional<double> Relation::confidence() const { return NumberOf(Find(kConfidenceKey)); }
std::optional<Date> Relation::valid_from() const { return DateOf(Find(kValidFromKey)); }
std::optional<Date> Relation::valid_to() const { return DateOf(Find(kValidToKey)); }

std::string_view Relation::StringProperty(std::string_view key) const {
  const Value* v = Find(key);
  return v != nullptr && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

bool Relation::ValidAt(Date day) const {
  auto from = valid_from();
  auto to = valid_to();
  if (from && day < *from) return false;
  if (to && day > *to) return false;
  return true;
}

}  // namespace kg
