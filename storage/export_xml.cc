// The XML exporters for graph tools: GraphML (Gephi, yEd, NetworkX, igraph)
// and GEXF 1.3 (Gephi). Both give every node a label (its name) so the tools
// show names rather than ids, declare one typed attribute per property key,
// write lists as kListDelimiter-separated strings, and draw relations of a
// symmetric type (per the database's ontology) as undirected edges.
#include <cctype>
#include <set>
#include <string>

#include "storage/internal/export_util.h"

namespace kg::storage::internal {
namespace {

using Names = std::set<std::string, std::less<>>;

Names SymmetricTypes(const Store& store) {
  Names types;
  for (const schema::RelationTypeDef& t : store.ontology().relation_types()) {
    if (t.symmetric) types.insert(t.name);
  }
  return types;
}

// The property columns of all exported entities and relations.
struct Keys {
  Columns node, edge;
  std::map<std::string, std::string> node_ids, edge_ids;       // property -> key id
  std::string node_label, node_labels, edge_label, edge_type;  // "" when not declared
};

Status CollectColumns(const Snapshot& s, Keys* keys) {
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    AddColumns(e.properties, &keys->node);
    return Status::OK();
  }));
  return ForEachRelation(s, [&](const Relation& r) {
    AddColumns(r.properties, &keys->edge);
    return Status::OK();
  });
}

void AppendAttr(const char* name, std::string_view value, std::string* out) {
  *out += ' ';
  *out += name;
  *out += "=\"";
  AppendXml(value, out);
  *out += '"';
}

// --- GraphML -----------------------------------------------------------------

const char* GraphmlTypeName(ColumnType t) {
  if (t.list) return "string";
  switch (t.kind) {
    case Kind::kBool:
      return "boolean";
    case Kind::kInt:
      return "long";
    case Kind::kDouble:
      return "double";
    default:
      return "string";
  }
}

// Declares a key and returns its id ("d0", "d1", ... in declaration order).
std::string DeclareKey(const char* domain, const std::string& name, const char* type, int* next,
                       std::string* out) {
  std::string id = "d" + std::to_string((*next)++);
  *out += "  <key id=\"" + id + "\" for=\"" + domain + "\"";
  AppendAttr("attr.name", name, out);
  *out += std::string(" attr.type=\"") + type + "\"/>\n";
  return id;
}

// The fixed keys (`label`, `labels`, `type`) are declared unless a property
// of that name exists: then the property is what the tools see.
void DeclareGraphmlKeys(Keys* k, std::string* out) {
  int next = 0;
  auto fixed = [&](const Columns& columns, const char* domain, const char* name) {
    return columns.contains(name) ? std::string() : DeclareKey(domain, name, "string", &next, out);
  };
  k->node_label = fixed(k->node, "node", "label");
  k->node_labels = fixed(k->node, "node", "labels");
  for (const auto& [key, t] : k->node) {
    k->node_ids[key] = DeclareKey("node", key, GraphmlTypeName(t), &next, out);
  }
  k->edge_label = fixed(k->edge, "edge", "label");
  k->edge_type = fixed(k->edge, "edge", "type");
  for (const auto& [key, t] : k->edge) {
    k->edge_ids[key] = DeclareKey("edge", key, GraphmlTypeName(t), &next, out);
  }
}

void AppendData(const std::string& key_id, std::string_view text, std::string* out) {
  if (key_id.empty()) return;
  *out += "<data key=\"" + key_id + "\">";
  AppendXml(text, out);
  *out += "</data>";
}

void AppendDataProperties(const PropertyMap& props, const std::map<std::string, std::string>& ids,
                          std::string* out) {
  std::string text;
  for (const auto& [key, v] : props) {
    auto it = ids.find(key);
    if (v.is_null() || it == ids.end()) continue;
    text.clear();
    AppendXmlValueText(v, &text);
    AppendData(it->second, text, out);
  }
}

void AppendGraphmlHeader(std::string* out) {
  *out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
}

// --- GEXF --------------------------------------------------------------------

const char* GexfTypeName(ColumnType t) {
  if (t.list) return "string";
  switch (t.kind) {
    case Kind::kBool:
      return "boolean";
    case Kind::kInt:
      return "long";
    case Kind::kDouble:
      return "double";
    default:
      return "string";
  }
}

// Attribute ids are "a0", "a1", ... per class.
void DeclareGexfAttributes(const char* cls, const char* fixed, const Columns& columns,
                           std::map<std::string, std::string>* ids, std::string* fixed_id,
                           std::string* out) {
  *out += std::string("    <attributes class=\"") + cls + "\">\n";
  int next = 0;
  auto declare = [&](const std::string& name, const char* type) {
    std::string id = "a" + std::to_string(next++);
    *out += "      <attribute id=\"" + id + "\"";
    AppendAttr("title", name, out);
    *out += std::string(" type=\"") + type + "\"/>\n";
    return id;
  };
  if (!columns.contains(fixed)) *fixed_id = declare(fixed, "string");
  for (const auto& [key, t] : columns) (*ids)[key] = declare(key, GexfTypeName(t));
  *out += "    </attributes>\n";
}

void AppendAttvalue(const std::string& id, std::string_view text, std::string* out) {
  if (id.empty()) return;
  *out += "<attvalue for=\"" + id + "\"";
  AppendAttr("value", text, out);
  *out += "/>";
}

void AppendAttvalues(const std::string& fixed_id, std::string_view fixed, const PropertyMap& props,
                     const std::map<std::string, std::string>& ids, std::string* out) {
  *out += "<attvalues>";
  AppendAttvalue(fixed_id, fixed, out);
  std::string text;
  for (const auto& [key, v] : props) {
    auto it = ids.find(key);
    if (v.is_null() || it == ids.end()) continue;
    text.clear();
    AppendXmlValueText(v, &text);
    AppendAttvalue(it->second, text, out);
  }
  *out += "</attvalues>";
}

// Whether any exported relation has a validity interval (then the graph is
// dynamic and its edges carry start/end).
Result<bool> AnyValidity(const Snapshot& s) {
  bool any = false;
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    any = any || r.valid_from().has_value() || r.valid_to().has_value();
    return Status::OK();
  }));
  return any;
}

// Whether `id` is an XML NMTOKEN, the type GraphML gives node ids: name
// characters only (letters, digits, '.', '-', '_', ':'; every non-ASCII
// byte is taken as part of a letter), no spaces or punctuation.
bool IsNmtoken(std::string_view id) {
  if (id.empty()) return false;
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == ':' || c >= 0x80))
      return false;
  return true;
}

// GraphML and GEXF node ids: the imported `:ID`s (in GraphML only those that
// are NMTOKENs), else n<internal id>.
Result<std::vector<std::string>> XmlNodeIds(const Snapshot& s, bool graphml) {
  auto fallback = [](size_t, EntityId id) { return "n" + std::to_string(id); };
  if (!graphml) return ExportNodeIds(s, fallback);
  return ExportNodeIds(s, fallback, IsNmtoken);
}

// ` source="..." target="..."` of relation `r`.
Status AppendEnds(const Snapshot& s, const std::vector<std::string>& ids, const Relation& r,
                  std::string* o) {
  KG_ASSIGN_OR_RETURN(size_t start, PositionOf(s, r.start));
  KG_ASSIGN_OR_RETURN(size_t end, PositionOf(s, r.end));
  AppendAttr("source", ids[start], o);
  AppendAttr("target", ids[end], o);
  return Status::OK();
}

Status AppendGexfEdge(const Snapshot& s, const std::vector<std::string>& ids, const Relation& r,
                      bool symmetric, const Keys& k, std::string* o) {
  *o += "      <edge id=\"e" + std::to_string(r.id) + "\"";
  KG_RETURN_IF_ERROR(AppendEnds(s, ids, r, o));
  AppendAttr("label", r.type, o);
  // Parallel edges of different types between two nodes stay apart in Gephi
  // only with distinct kinds.
  AppendAttr("kind", r.type, o);
  if (symmetric) *o += " type=\"undirected\"";
  // GEXF's timeformat "date" wants days: a month or a year spans its whole
  // period (the widest reading, as Relation::ValidAt).
  if (auto from = r.valid_from()) AppendAttr("start", from->first_day().ToString(), o);
  if (auto to = r.valid_to()) AppendAttr("end", to->last_day().ToString(), o);
  *o += ">";
  AppendAttvalues(k.edge_type, r.type, r.properties, k.edge_ids, o);
  *o += "</edge>\n";
  return Status::OK();
}

}  // namespace

Status WriteGraphml(const Store& store, const Snapshot& s, Writer& w) {
  Keys k;
  KG_RETURN_IF_ERROR(CollectColumns(s, &k));
  const Names symmetric = SymmetricTypes(store);
  AppendGraphmlHeader(&w.buf());
  DeclareGraphmlKeys(&k, &w.buf());
  w.buf() += "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  KG_ASSIGN_OR_RETURN(std::vector<std::string> ids, XmlNodeIds(s, /*graphml=*/true));
  size_t index = 0;
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    std::string& o = w.buf();
    o += "    <node";
    AppendAttr("id", ids[index++], &o);
    o += ">";
    AppendData(k.node_label, DisplayName(e), &o);
    AppendData(k.node_labels, JoinLabels(e), &o);
    AppendDataProperties(e.properties, k.node_ids, &o);
    o += "</node>\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    std::string& o = w.buf();
    o += "    <edge id=\"e" + std::to_string(r.id) + "\"";
    KG_RETURN_IF_ERROR(AppendEnds(s, ids, r, &o));
    if (symmetric.contains(r.type)) o += " directed=\"false\"";
    o += ">";
    AppendData(k.edge_label, r.type, &o);
    AppendData(k.edge_type, r.type, &o);
    AppendDataProperties(r.properties, k.edge_ids, &o);
    o += "</edge>\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  w.buf() += "  </graph>\n</graphml>\n";
  return Status::OK();
}

Status WriteGexf(const Store& store, const Snapshot& s, Writer& w) {
  Keys k;
  KG_RETURN_IF_ERROR(CollectColumns(s, &k));
  KG_ASSIGN_OR_RETURN(bool dynamic, AnyValidity(s));
  const Names symmetric = SymmetricTypes(store);
  std::string& out = w.buf();
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
      "  <meta><creator>kg</creator></meta>\n"
      "  <graph defaultedgetype=\"directed\"";
  // Validity dates make a dynamic graph: Gephi's timeline shows each
  // relation from its valid_from to its valid_to.
  if (dynamic) out += " mode=\"dynamic\" timeformat=\"date\"";
  out += ">\n";
  DeclareGexfAttributes("node", "labels", k.node, &k.node_ids, &k.node_labels, &out);
  DeclareGexfAttributes("edge", "type", k.edge, &k.edge_ids, &k.edge_type, &out);
  out += "    <nodes>\n";
  KG_ASSIGN_OR_RETURN(std::vector<std::string> ids, XmlNodeIds(s, /*graphml=*/false));
  size_t index = 0;
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    std::string& o = w.buf();
    o += "      <node";
    AppendAttr("id", ids[index++], &o);
    AppendAttr("label", DisplayName(e), &o);
    o += ">";
    AppendAttvalues(k.node_labels, JoinLabels(e), e.properties, k.node_ids, &o);
    o += "</node>\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  w.buf() += "    </nodes>\n    <edges>\n";
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    KG_RETURN_IF_ERROR(AppendGexfEdge(s, ids, r, symmetric.contains(r.type), k, &w.buf()));
    w.MaybeFlush();
    return Status::OK();
  }));
  w.buf() += "    </edges>\n  </graph>\n</gexf>\n";
  return Status::OK();
}

}  // namespace kg::storage::internal
