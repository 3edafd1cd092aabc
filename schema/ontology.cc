// Ontology parsing and the rules it enforces on entities and relations.
#include "schema/ontology.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kg::schema {

// Defined in the generated builtin_ontology.cc (from ontology/builtin.json).
extern const char* const kBuiltinOntologyJson;

namespace {

using nlohmann::json;

Result<std::vector<std::string>> StringList(const json& j, std::string_view what) {
  std::vector<std::string> out;
  if (!j.is_array()) return Status::InvalidArgument(std::string(what) + " must be a list of names");
  for (const auto& e : j) {
    if (!e.is_string() || e.get<std::string>().empty())
      return Status::InvalidArgument(std::string(what) + " must hold non-empty strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) s += ", ";
    s += v[i];
  }
  return s;
}

bool Intersects(const std::vector<std::string>& allowed, const std::vector<std::string>& labels) {
  for (const auto& l : labels)
    for (const auto& a : allowed)
      if (a == l) return true;
  return false;
}

std::string LabelText(const std::vector<std::string>& labels) {
  return labels.empty() ? std::string("no kind") : Join(labels);
}

Status CheckStorable(const PropertyMap& props, std::string_view owner) {
  for (const auto& [k, v] : props) {
    if (!k.empty() && k[0] == '_')
      return Status::SchemaViolation(std::string(owner) + ": property name '" + k +
                                     "' is reserved: names starting with '_' belong to kg "
                                     "(results use _id, _labels, _type, _start, _end)");
    if (!v.IsStorable())
      return Status::SchemaViolation(std::string(owner) + ": property '" + k + "' of type " +
                                     ValueTypeName(v.type()) + " cannot be stored");
  }
  return Status::OK();
}

Status CheckRanges(const Relation& r, std::string_view owner) {
  if (const Value* s = r.Find(kStanceKey); s != nullptr && !s->is_null()) {
    if (!s->is_number())
      return Status::SchemaViolation(std::string(owner) + ": stance must be a number, got " +
                                     ValueTypeName(s->type()));
    double d = s->as_number();
    if (!(d >= -1.0 && d <= 1.0))
      return Status::SchemaViolation(std::string(owner) + ": stance " + s->ToDisplayString() +
                                     " is outside [-1, 1]");
  }
  if (const Value* c = r.Find(kConfidenceKey); c != nullptr && !c->is_null()) {
    if (!c->is_number())
      return Status::SchemaViolation(std::string(owner) + ": confidence must be a number");
    double d = c->as_number();
    if (!(d >= 0.0 && d <= 1.0))
      return Status::SchemaViolation(std::string(owner) + ": confidence " + c->ToDisplayString() +
                                     " is outside [0, 1]");
  }
  return Status::OK();
}

// One entry of "kinds": a name, or an object with a name and a description.
Result<KindDef> ReadKind(const json& k, const std::string& where) {
  KindDef def;
  if (k.is_string()) {
    def.name = k.get<std::string>();
  } else if (k.is_object() && k.contains("name") && k["name"].is_string()) {
    def.name = k["name"].get<std::string>();
    def.description = k.value("description", std::string());
  } else {
    return Status::InvalidArgument(where + ": each kind needs a string 'name'");
  }
  if (def.name.empty()) return Status::InvalidArgument(where + ": empty kind name");
  return def;
}

// One entry of "relations", whose 'from' and 'to' kinds must be declared.
Result<RelationTypeDef> ReadRelationType(const json& r, const std::string& where,
                                         const std::map<std::string, size_t, std::less<>>& kinds) {
  if (!r.is_object() || !r.contains("type") || !r["type"].is_string())
    return Status::InvalidArgument(where + ": each relation needs a string 'type'");
  RelationTypeDef def;
  def.name = r["type"].get<std::string>();
  const std::string at = where + ": relation '" + def.name + "'";
  if (def.name.empty()) return Status::InvalidArgument(where + ": empty relation type");
  if (!r.contains("from") || !r.contains("to"))
    return Status::InvalidArgument(at + ": needs 'from' and 'to'");
  KG_ASSIGN_OR_RETURN(def.from, StringList(r["from"], at + ": 'from'"));
  KG_ASSIGN_OR_RETURN(def.to, StringList(r["to"], at + ": 'to'"));
  for (const auto* list : {&def.from, &def.to})
    for (const auto& k : *list)
      if (!kinds.count(k)) return Status::InvalidArgument(at + ": unknown kind '" + k + "'");
  def.symmetric = r.value("symmetric", false);
  def.stance = r.value("stance", false);
  def.description = r.value("description", std::string());
  return def;
}

}  // namespace

Result<Ontology> Ontology::FromJson(std::string_view text, std::string_view origin) {
  const std::string where(origin);
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const std::exception& e) {
    return Status::InvalidArgument(where + ": not valid JSON: " + e.what());
  }
  if (!j.is_object()) return Status::InvalidArgument(where + ": expected a JSON object");
  // json::value() and get<>() throw on a field of the wrong type (a number
  // where a name belongs): bad input, reported as such. The body runs in a
  // lambda so that one handler covers all of it.
  auto build = [&]() -> Result<Ontology> {
    if (j.value("open", false)) return Open();
    Ontology o;
    o.name_ = j.value("name", std::string("custom"));
    o.description_ = j.value("description", std::string());
    if (j.contains("version")) {
      // Checked before get<int>(): a float or an integer beyond int's range
      // would otherwise convert with undefined behaviour.
      const json& v = j["version"];
      if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 1'000'000)
        return Status::InvalidArgument(where +
                                       ": 'version' must be a whole number from 1 to 1000000");
      o.version_ = static_cast<int>(v.get<int64_t>());
    }
    if (!j.contains("kinds") || !j["kinds"].is_array())
      return Status::InvalidArgument(where + ": 'kinds' must be a list");
    for (const auto& k : j["kinds"]) {
      KG_ASSIGN_OR_RETURN(KindDef def, ReadKind(k, where));
      if (o.kind_index_.count(def.name))
        return Status::InvalidArgument(where + ": kind '" + def.name + "' declared twice");
      o.kind_index_[def.name] = o.kinds_.size();
      o.kinds_.push_back(std::move(def));
    }
    if (!j.contains("relations") || !j["relations"].is_array())
      return Status::InvalidArgument(where + ": 'relations' must be a list");
    for (const auto& r : j["relations"]) {
      KG_ASSIGN_OR_RETURN(RelationTypeDef def, ReadRelationType(r, where, o.kind_index_));
      if (o.type_index_.count(def.name))
        return Status::InvalidArgument(where + ": relation '" + def.name + "' declared twice");
      o.type_index_[def.name] = o.types_.size();
      o.types_.push_back(std::move(def));
    }
    return o;
  };
  try {
    return build();
  } catch (const json::exception& e) {
    return Status::InvalidArgument(where + ": a field has the wrong type: " + e.what());
  }
}

Ontology Ontology::Builtin() {
  auto o = FromJson(kBuiltinOntologyJson, "builtin ontology");
  // The built-in text is tested; failing here is a build defect.
  if (!o.ok()) return Open();
  return std::move(o).value();
}

Ontology Ontology::Open() {
  Ontology o;
  o.name_ = "open";
  o.open_ = true;
  return o;
}

Result<Ontology> Ontology::Load(std::string_view spec) {
  if (spec == "builtin") return Builtin();
  if (spec == "open") return Open();
  std::ifstream in{std::string(spec)};
  if (!in) return Status::IOError(std::string(spec) + ": cannot read ontology file");
  std::stringstream ss;
  ss << in.rdbuf();
  return FromJson(ss.str(), spec);
}

const KindDef* Ontology::FindKind(std::string_view name) const {
  auto it = kind_index_.find(name);
  return it == kind_index_.end() ? nullptr : &kinds_[it->second];
}

const RelationTypeDef* Ontology::FindType(std::string_view name) const {
  auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : &types_[it->second];
}

bool Ontology::IsSymmetric(std::string_view type) const {
  const RelationTypeDef* t = FindType(type);
  return t != nullptr && t->symmetric;
}

Status Ontology::CheckEntity(const Entity& e) const {
  std::string owner = "entity";
  if (!e.name().empty()) owner += " '" + std::string(e.name()) + "'";
  KG_RETURN_IF_ERROR(CheckStorable(e.properties, owner));
  if (open_) return Status::OK();
  if (e.labels.size() != 1)
    return Status::SchemaViolation(owner + ": needs exactly one kind, has " +
                                   std::to_string(e.labels.size()) + " (" + LabelText(e.labels) +
                                   ")");
  if (FindKind(e.labels[0]) == nullptr)
    return Status::SchemaViolation(owner + ": unknown kind '" + e.labels[0] + "'");
  const Value* name = e.Find(kNameKey);
  if (name == nullptr || !name->is_string() || name->as_string().empty())
    return Status::SchemaViolation(owner + ": a " + e.labels[0] + " needs a non-empty string name");
  if (const Value* a = e.Find(kAliasesKey); a != nullptr && !a->is_null()) {
    bool ok = a->is_list();
    if (ok)
      for (const auto& x : a->as_list()) ok = ok && x.is_string();
    if (!ok) return Status::SchemaViolation(owner + ": aliases must be a list of strings");
  }
  return Status::OK();
}

Status Ontology::CheckRelation(const Relation& r, const std::vector<std::string>& start_labels,
                               const std::vector<std::string>& end_labels) const {
  const std::string owner = "relation " + r.type;
  KG_RETURN_IF_ERROR(CheckStorable(r.properties, owner));
  KG_RETURN_IF_ERROR(CheckRanges(r, owner));
  if (open_) return Status::OK();
  const RelationTypeDef* def = FindType(r.type);
  if (def == nullptr) return Status::SchemaViolation("unknown relation type '" + r.type + "'");
  if (!Intersects(def->from, start_labels))
    return Status::SchemaViolation(r.type + " starts at " + Join(def->from) + ", got " +
                                   LabelText(start_labels));
  if (!Intersects(def->to, end_labels))
    return Status::SchemaViolation(r.type + " ends at " + Join(def->to) + ", got " +
                                   LabelText(end_labels));
  const Value* s = r.Find(kStanceKey);
  if (s != nullptr && !s->is_null() && !def->stance)
    return Status::SchemaViolation(r.type +
                                   " carries no stance (stance types: PRAISES, "
                                   "CRITICIZES, ... see the ontology)");
  for (std::string_view key : {kValidFromKey, kValidToKey, kDateKey}) {
    const Value* v = r.Find(key);
    if (v != nullptr && !v->is_null() && !v->is_date())
      return Status::SchemaViolation(owner + ": " + std::string(key) + " must be a date, got " +
                                     ValueTypeName(v->type()));
  }
  auto from = r.valid_from();
  auto to = r.valid_to();
  // With imprecise bounds: impossible only when every reading of valid_from
  // is after every reading of valid_to.
  if (from && to && from->first_day() > to->last_day())
    return Status::SchemaViolation(owner + ": valid_from " + from->ToString() +
                                   " is after valid_to " + to->ToString());
  return Status::OK();
}

std::string Ontology::ToJson() const {
  if (open_) return R"({"open": true})";
  json j;
  j["name"] = name_;
  j["version"] = version_;
  j["description"] = description_;
  j["kinds"] = json::array();
  for (const auto& k : kinds_)
    j["kinds"].push_back({{"name", k.name}, {"description", k.description}});
  j["relations"] = json::array();
  for (const auto& t : types_) {
    json r = {{"type", t.name}, {"from", t.from}, {"to", t.to}, {"description", t.description}};
    if (t.symmetric) r["symmetric"] = true;
    if (t.stance) r["stance"] = true;
    j["relations"].push_back(std::move(r));
  }
  return j.dump(1);
}

}  // namespace kg::schema
