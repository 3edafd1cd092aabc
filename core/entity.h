// Entities (nodes) and the typed views of their well-known properties.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace kg {

using EntityId = uint64_t;

// Property keys with a meaning to kg. Everything else is a free property.
inline constexpr std::string_view kNameKey = "name";        // canonical name (string)
inline constexpr std::string_view kAliasesKey = "aliases";  // list of strings

// A node: a stable id, its labels (kinds) and properties. In the built-in
// ontology an entity has exactly one kind and a string `name`; the open
// ontology allows any number of labels and no name.
struct Entity {
  EntityId id = 0;
  std::vector<std::string> labels;
  PropertyMap properties;

  // The `name` property, or "" when absent or not a string.
  std::string_view name() const;
  // The `aliases` property's strings (non-strings are skipped).
  std::vector<std::string> aliases() const;
  bool HasLabel(std::string_view label) const;
  // The property's value, or nullptr.
  const Value* Find(std::string_view key) const;

  friend bool operator==(const Entity&, const Entity&) = default;
};

}  // namespace kg
