// The ontology a database enforces: entity kinds, relation types with the
// kinds they may join, symmetry and stance. Loaded from JSON (the built-in
// vocabulary is schema/ontology/builtin.json, compiled in; users may supply
// their own file in the same format) or "open" (anything goes, as in Neo4j).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/relation.h"
#include "core/result.h"

namespace kg::schema {

struct KindDef {
  std::string name;
  std::string description;
};

struct RelationTypeDef {
  std::string name;
  std::vector<std::string> from;  // allowed start kinds
  std::vector<std::string> to;    // allowed end kinds
  bool symmetric = false;         // direction carries no meaning
  bool stance = false;            // carries a stance in [-1, 1]
  std::string description;
};

class Ontology {
 public:
  // Parses the JSON format documented in docs/ontology.md. `origin` names the
  // text in messages ("my.json: relation 'X': unknown kind 'Y'"). Duplicate or
  // dangling names are InvalidArgument.
  static Result<Ontology> FromJson(std::string_view text, std::string_view origin);
  // The compiled-in vocabulary.
  static Ontology Builtin();
  // Accepts any label, type and property (used for the openCypher TCK).
  static Ontology Open();
  // "builtin", "open", or a path to a JSON file.
  static Result<Ontology> Load(std::string_view spec);

  const std::string& name() const { return name_; }
  bool is_open() const { return open_; }
  const std::vector<KindDef>& kinds() const { return kinds_; }
  const std::vector<RelationTypeDef>& relation_types() const { return types_; }
  const KindDef* FindKind(std::string_view name) const;
  const RelationTypeDef* FindType(std::string_view name) const;
  // True when the type is declared symmetric (always false for open).
  bool IsSymmetric(std::string_view type) const;

  // Checks an entity: exactly one known kind, a non-empty string `name`,
  // `aliases` a list of strings, every property storable. Open: only
  // storability. Error: SchemaViolation naming the entity and the rule.
  Status CheckEntity(const Entity& entity) const;
  // Checks a relation whose endpoints have these labels: known type, start and
  // end kinds allowed, stance only on stance types and in [-1, 1], confidence
  // in [0, 1], valid_from/valid_to/date are dates with valid_from <= valid_to.
  // Open: only storability and the numeric ranges of stance/confidence.
  Status CheckRelation(const Relation& relation, const std::vector<std::string>& start_labels,
                       const std::vector<std::string>& end_labels) const;

  // The JSON form (round-trips through FromJson); open is {"open": true}.
  std::string ToJson() const;

 private:
  std::string name_;
  bool open_ = false;
  std::string description_;
  int version_ = 1;
  std::vector<KindDef> kinds_;
  std::vector<RelationTypeDef> types_;
  std::map<std::string, size_t, std::less<>> kind_index_;
  std::map<std::string, size_t, std::less<>> type_index_;
};

}  // namespace kg::schema
